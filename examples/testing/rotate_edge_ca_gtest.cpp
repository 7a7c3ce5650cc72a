// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The same tests of edge::rotate_edge_ca (rotate_edge_ca.hpp) with GoogleTest: the testing kit
// does not care which framework drives it.
#include "rotate_edge_ca.hpp"

#include <openai/admin/testing.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

namespace asio = boost::asio;
namespace oa = openai::admin;
namespace oat = openai::admin::testing;

namespace {

template <class T>
T run(asio::io_context& io, asio::awaitable<T> a) {
    auto result = asio::co_spawn(io, std::move(a), asio::use_future);
    io.run();
    return result.get();
}

// One fake server per test, started before the test body.
class RotateEdgeCa : public ::testing::Test {
protected:
    oat::fake_server fake;
    asio::io_context io;
    oa::client api{io, fake.client_config()};
};

TEST_F(RotateEdgeCa, NewCaIsActiveBeforeTheOldOneGoes) {
    const auto ids = fake.seed({
        {.name = "edge-ca", .active_in_projects = {"proj_edge"}},
        {.name = "billing-ca", .active_in_projects = {"proj_edge"}},
    });

    const auto r = run(io, edge::rotate_edge_ca(api, "proj_edge", oat::make_ca_pem({.common_name = "Edge CA 2"})));

    EXPECT_EQ(fake.certificate_count(), 3u);
    EXPECT_EQ(fake.active_in_project("proj_edge"), (std::vector<std::string>{ids[1], r.new_id}));
    EXPECT_EQ(r.retired, std::vector<std::string>{ids[0]});
    EXPECT_EQ(fake.certificate(r.new_id).name.value_or("(null)"), "edge-ca");

    const auto uploads = fake.requests("uploadCertificate");
    ASSERT_EQ(uploads.size(), 1u);
    EXPECT_EQ(uploads[0].json().at("name").as_string(), "edge-ca");
    std::vector<std::string> order;
    for (const auto& q : fake.requests()) order.push_back(q.operation);
    EXPECT_EQ(order, (std::vector<std::string>{"uploadCertificate", "activateProjectCertificates",
                                               "listProjectCertificates", "deactivateProjectCertificates"}));
    EXPECT_EQ(boost::json::serialize(fake.requests("deactivateProjectCertificates").at(0).json()),
              R"({"certificate_ids":[")" + ids[0] + R"("]})");
}

TEST_F(RotateEdgeCa, A503OnActivationIsAbsorbedByTheRetry) {
    fake.seed({{.name = "edge-ca", .active_in_projects = {"proj_edge"}}});
    fake.inject("activateProjectCertificates", oat::fault::unavailable());

    const auto r = run(io, edge::rotate_edge_ca(api, "proj_edge", oat::make_ca_pem()));

    EXPECT_EQ(fake.request_count("activateProjectCertificates"), 2u);  // the 503, then the retry
    EXPECT_EQ(fake.pending_faults(), 0u);
    EXPECT_TRUE(fake.is_active_in_project("proj_edge", r.new_id));
    EXPECT_EQ(fake.active_in_project("proj_edge").size(), 1u);
}

TEST(RotateEdgeCaStrict, ARefusedUploadChangesNothing) {
    oat::fake_server fake({.strict_certificate_checks = true});
    const auto ids = fake.seed({{.name = "edge-ca", .active_in_projects = {"proj_edge"}}});
    asio::io_context io;
    oa::client api(io, fake.client_config());

    EXPECT_THROW(run(io, edge::rotate_edge_ca(api, "proj_edge", oat::make_non_ca_pem())), oa::api_error);

    EXPECT_EQ(fake.certificate_count(), 1u);
    EXPECT_EQ(fake.active_in_project("proj_edge"), std::vector<std::string>{ids[0]});
    EXPECT_EQ(fake.request_count(), 1u);
}

}  // namespace
