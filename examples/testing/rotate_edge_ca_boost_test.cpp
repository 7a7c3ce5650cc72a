// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Tests of edge::rotate_edge_ca (rotate_edge_ca.hpp) with Boost.Test and the testing kit: the
// SDK's real code path, over HTTPS, against a fake Admin API on loopback.
#define BOOST_TEST_MODULE rotate_edge_ca
#include <boost/test/unit_test.hpp>

#include "rotate_edge_ca.hpp"

#include <openai/admin/testing.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/serialize.hpp>

namespace asio = boost::asio;
namespace oa = openai::admin;
namespace oat = openai::admin::testing;

// Runs the coroutine on `io` to its end; rethrows what it threw.
template <class T>
T run(asio::io_context& io, asio::awaitable<T> a) {
    auto result = asio::co_spawn(io, std::move(a), asio::use_future);
    io.run();
    return result.get();
}

BOOST_AUTO_TEST_CASE(new_ca_is_active_before_the_old_one_goes) {
    oat::fake_server fake;
    const auto ids = fake.seed({
        {.name = "edge-ca", .active_in_projects = {"proj_edge"}},  // the CA in use
        {.name = "billing-ca", .active_in_projects = {"proj_edge"}},
    });
    asio::io_context io;
    oa::client api(io, fake.client_config());

    const auto r = run(io, edge::rotate_edge_ca(api, "proj_edge", oat::make_ca_pem({.common_name = "Edge CA 2"})));

    // State: the new CA alone carries the edge; the unrelated one is untouched.
    BOOST_TEST(fake.certificate_count() == 3u);
    BOOST_TEST(fake.active_in_project("proj_edge") == (std::vector<std::string>{ids[1], r.new_id}));
    BOOST_TEST(r.retired == std::vector<std::string>{ids[0]});
    BOOST_TEST(fake.certificate(r.new_id).name.value_or("(null)") == "edge-ca");

    // Requests: one upload with the name, activation before deactivation.
    const auto uploads = fake.requests("uploadCertificate");
    BOOST_TEST_REQUIRE(uploads.size() == 1u);
    BOOST_TEST(uploads[0].json().at("name").as_string() == "edge-ca");
    const auto all = fake.requests();
    std::vector<std::string> order;
    for (const auto& q : all) order.push_back(q.operation);
    BOOST_TEST(order == (std::vector<std::string>{"uploadCertificate", "activateProjectCertificates",
                                                  "listProjectCertificates", "deactivateProjectCertificates"}),
               boost::test_tools::per_element());
    BOOST_TEST(boost::json::serialize(fake.requests("deactivateProjectCertificates")[0].json()) ==
               R"({"certificate_ids":[")" + ids[0] + R"("]})");
}

BOOST_AUTO_TEST_CASE(a_503_on_activation_is_absorbed_by_the_retry) {
    oat::fake_server fake;
    fake.seed({{.name = "edge-ca", .active_in_projects = {"proj_edge"}}});
    fake.inject("activateProjectCertificates", oat::fault::unavailable());
    asio::io_context io;
    oa::client api(io, fake.client_config());  // the SDK's default retry policy

    const auto r = run(io, edge::rotate_edge_ca(api, "proj_edge", oat::make_ca_pem()));

    BOOST_TEST(fake.request_count("activateProjectCertificates") == 2u);  // the 503, then the retry
    BOOST_TEST(fake.pending_faults() == 0u);
    BOOST_TEST(fake.is_active_in_project("proj_edge", r.new_id));
    BOOST_TEST(fake.active_in_project("proj_edge").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_refused_upload_changes_nothing) {
    oat::fake_server fake({.strict_certificate_checks = true});
    const auto ids = fake.seed({{.name = "edge-ca", .active_in_projects = {"proj_edge"}}});
    asio::io_context io;
    oa::client api(io, fake.client_config());

    BOOST_CHECK_THROW(run(io, edge::rotate_edge_ca(api, "proj_edge", oat::make_non_ca_pem())), oa::api_error);

    BOOST_TEST(fake.certificate_count() == 1u);
    BOOST_TEST(fake.active_in_project("proj_edge") == std::vector<std::string>{ids[0]});
    BOOST_TEST(fake.request_count() == 1u);  // only the refused upload
}
