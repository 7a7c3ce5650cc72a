// The ten operations against the local server over HTTPS with verification on: what is sent,
// what comes back, and what the server's state becomes.

#include "../support/fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace oa_test;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(operations)

BOOST_AUTO_TEST_CASE(all_ten_operations_round_trip) {
    fixture f;
    const std::string pem = make_ca_pem({.common_name = "edge CA 2027"});

    f.run([&]() -> asio::awaitable<void> {
        auto certs = f.api.certificates();
        auto project = f.api.projects("proj_abc").certificates();

        // 1. upload
        auto cert = co_await certs.async_upload({.certificate = pem, .name = "edge CA 2027"});
        BOOST_TEST(cert.id.rfind("cert_", 0) == 0u);
        BOOST_TEST((cert.object == oa::object_kind::certificate));
        BOOST_TEST(cert.name.value() == "edge CA 2027");
        BOOST_TEST(!cert.active);
        BOOST_TEST(cert.certificate_details.valid_at.has_value());
        BOOST_TEST(cert.certificate_details.expires_at.value() > cert.certificate_details.valid_at.value());
        BOOST_TEST(!f.server.is_active_in_organization(cert.id)); // upload does not activate

        // 2. get, without and with content
        auto got = co_await certs.async_get(cert.id);
        BOOST_TEST(got.id == cert.id);
        BOOST_TEST(!got.certificate_details.content);
        auto full = co_await certs.async_get(cert.id, {.include_content = true});
        BOOST_TEST(full.certificate_details.content.value() == pem);

        // 3. modify
        auto renamed = co_await certs.async_modify(cert.id, {.name = "renamed"});
        BOOST_TEST(renamed.name.value() == "renamed");
        auto unchanged = co_await certs.async_modify(cert.id, {});
        BOOST_TEST(unchanged.name.value() == "renamed");

        // 4. activate (org)
        auto act = co_await certs.async_activate({cert.id});
        BOOST_TEST((act.object == oa::object_kind::organization_certificate_activation));
        BOOST_TEST_REQUIRE(act.data.size() == 1u);
        BOOST_TEST(act.data[0].active);
        BOOST_TEST((act.data[0].object == oa::object_kind::organization_certificate));
        BOOST_TEST(f.server.is_active_in_organization(cert.id));

        // 5. list (org)
        auto list = certs.list();
        auto item = co_await list.async_next();
        BOOST_TEST_REQUIRE(item.has_value());
        BOOST_TEST(item->id == cert.id);
        BOOST_TEST(item->active);
        BOOST_TEST(!(co_await list.async_next()).has_value());

        // 6. activate (project)
        auto pact = co_await project.async_activate({cert.id});
        BOOST_TEST((pact.object == oa::object_kind::organization_project_certificate_activation));
        BOOST_TEST((pact.data.at(0).object == oa::object_kind::organization_project_certificate));
        BOOST_TEST(f.server.is_active_in_project("proj_abc", cert.id));

        // 7. list (project)
        auto plist = project.list({.limit = 5});
        auto pitem = co_await plist.async_next();
        BOOST_TEST_REQUIRE(pitem.has_value());
        BOOST_TEST(pitem->active);
        BOOST_TEST((pitem->object == oa::object_kind::organization_project_certificate));

        // 8. deactivate (project), 9. deactivate (org)
        auto pdeact = co_await project.async_deactivate({cert.id});
        BOOST_TEST(!pdeact.data.at(0).active);
        BOOST_TEST(!f.server.is_active_in_project("proj_abc", cert.id));
        auto deact = co_await certs.async_deactivate({cert.id});
        BOOST_TEST((deact.object == oa::object_kind::organization_certificate_deactivation));
        BOOST_TEST(!deact.data.at(0).active);
        BOOST_TEST(!f.server.is_active_in_organization(cert.id));

        // 10. delete
        auto del = co_await certs.async_delete(cert.id);
        BOOST_TEST((del.object == oa::object_kind::certificate_deleted));
        BOOST_TEST(del.id == cert.id);
        BOOST_TEST(f.server.certificate_count() == 0u);
    }());
}

BOOST_AUTO_TEST_CASE(requests_are_what_the_spec_says) {
    fixture f;
    const std::string pem = make_ca_pem();
    f.run([&]() -> asio::awaitable<void> {
        auto certs = f.api.certificates();
        auto cert = co_await certs.async_upload({.certificate = pem});
        co_await certs.async_get(cert.id, {.include_content = true});
        co_await certs.async_modify(cert.id, {});
        co_await certs.async_activate({cert.id});
        co_await f.api.projects("proj_1").certificates().async_deactivate({cert.id});
        auto list = certs.list({.limit = 7, .order = oa::order::asc});
        co_await list.async_next_page();
    }());

    auto reqs = f.server.requests();
    BOOST_TEST_REQUIRE(reqs.size() == 6u);
    for (const auto& r : reqs) {
        BOOST_TEST(r.headers.at("authorization") == "Bearer " + f.options.admin_key);
        BOOST_TEST(r.headers.at("user-agent") == "openai-admin-cpp/" OPENAI_ADMIN_VERSION_STRING);
        BOOST_TEST(r.headers.at("accept") == "application/json");
        BOOST_TEST(r.headers.count("openai-organization") == 0u);
        if (r.method == "POST")
            BOOST_TEST(r.headers.at("content-type") == "application/json");
        else
            BOOST_TEST(r.body.empty());
    }
    // upload: name omitted when unset
    BOOST_TEST(reqs[0].method == "POST");
    BOOST_TEST(reqs[0].path == "/organization/certificates");
    BOOST_TEST(json::parse(reqs[0].body) == json::value({{"certificate", pem}}));
    // get with the bracketed include
    BOOST_TEST(reqs[1].method == "GET");
    BOOST_TEST(reqs[1].target.find("?include%5B%5D=content") != std::string::npos);
    BOOST_TEST_REQUIRE(reqs[1].query.size() == 1u);
    BOOST_TEST(reqs[1].query[0].first == "include[]");
    BOOST_TEST(reqs[1].query[0].second == "content");
    // modify with nothing set sends {}
    BOOST_TEST(reqs[2].body == "{}");
    BOOST_TEST(json::parse(reqs[3].body) == json::parse(R"({"certificate_ids":[")" + reqs[2].path.substr(27) + R"("]})"));
    BOOST_TEST(reqs[4].path == "/organization/projects/proj_1/certificates/deactivate");
    BOOST_TEST(reqs[5].target == "/v1/organization/certificates?limit=7&order=asc");
    // one keep-alive connection carried all of them
    BOOST_TEST(f.server.connections_accepted() == 1u);
}

BOOST_AUTO_TEST_CASE(organization_and_project_headers_are_sent_when_configured) {
    fake_server_options opts;
    fake_server server(opts);
    asio::io_context io;
    auto cfg = config_for(server, opts);
    cfg.organization = "org_123";
    cfg.project = "proj_456";
    oa::client api(io, cfg);
    auto fut = asio::co_spawn(io, api.certificates().list().async_next_page(), asio::use_future);
    io.run();
    BOOST_TEST(fut.get().has_value());
    auto reqs = server.requests();
    BOOST_TEST_REQUIRE(reqs.size() == 1u);
    BOOST_TEST(reqs[0].headers.at("openai-organization") == "org_123");
    BOOST_TEST(reqs[0].headers.at("openai-project") == "proj_456");
}

BOOST_AUTO_TEST_CASE(hostile_ids_never_change_the_path) {
    fixture f;
    for (std::string id : {"../x", "a/b", "..", "cert?x=1", "a#b", "%2F"}) {
        oa::diagnostics diag;
        auto [ec, c] = f.run(f.api.certificates().async_get(id, {}, diag, asio::as_tuple(asio::use_awaitable)));
        BOOST_TEST(ec == oa::api_errc::not_found, id);
        auto reqs = f.server.requests();
        BOOST_TEST_REQUIRE(!reqs.empty());
        // the server saw exactly one segment after /organization/certificates/, equal to the id
        BOOST_TEST(reqs.back().path == "/organization/certificates/" + id);
        BOOST_TEST(reqs.back().query.empty());
    }
}

BOOST_AUTO_TEST_CASE(invalid_arguments_send_nothing) {
    fixture f;
    auto certs = f.api.certificates();
    auto check = [&](auto op, const std::string& message_part) {
        oa::diagnostics diag;
        auto [ec, r] = f.run(op(diag));
        BOOST_TEST(ec == oa::client_errc::invalid_argument);
        BOOST_TEST(diag.message.find(message_part) != std::string::npos, diag.message);
        BOOST_TEST(diag.status == 0u);
    };
    const auto tuple = asio::as_tuple(asio::use_awaitable);
    check([&](oa::diagnostics& d) { return certs.async_get("", {}, d, tuple); }, "must not be empty");
    check([&](oa::diagnostics& d) { return certs.async_delete("a\r\nb", d, tuple); }, "control characters");
    check([&](oa::diagnostics& d) { return certs.async_modify("", {.name = "x"}, d, tuple); }, "must not be empty");
    check([&](oa::diagnostics& d) { return certs.async_upload({}, d, tuple); }, "PEM");
    check([&](oa::diagnostics& d) { return certs.async_activate(std::vector<std::string>{}, d, tuple); }, "1 to 10");
    check([&](oa::diagnostics& d) { return certs.async_deactivate(std::vector<std::string>(11, "c"), d, tuple); },
          "got 11");
    check([&](oa::diagnostics& d) { return f.api.projects("").certificates().async_activate({"c"}, d, tuple); },
          "project id");
    check([&](oa::diagnostics& d) { return certs.list({.limit = 0}).async_next(d, tuple); }, "limit");
    check([&](oa::diagnostics& d) { return certs.list({.limit = 101}).async_next_page(d, tuple); }, "limit");
    BOOST_TEST(f.server.requests().empty());
    BOOST_TEST(f.server.connections_accepted() == 0u);
}

BOOST_AUTO_TEST_CASE(server_side_semantics_surface_as_errors) {
    fixture f;
    const std::string pem = make_ca_pem();
    f.run([&]() -> asio::awaitable<void> {
        auto certs = f.api.certificates();
        auto cert = co_await certs.async_upload({.certificate = pem});
        co_await f.api.projects("proj_1").certificates().async_activate({cert.id});

        // deleting a certificate active in a project is refused, and nothing changes
        oa::diagnostics diag;
        auto [ec, del] = co_await certs.async_delete(cert.id, diag, asio::as_tuple(asio::use_awaitable));
        BOOST_TEST(ec == oa::api_errc::conflict);
        BOOST_TEST(diag.status == 409u);
        BOOST_TEST(!diag.message.empty());
        BOOST_TEST(diag.request_id.rfind("req_", 0) == 0u);
        BOOST_TEST(f.server.certificate_count() == 1u);

        // activation is atomic: one unknown id and nothing is activated
        auto [ec2, act] = co_await certs.async_activate({cert.id, "cert_unknown"}, diag, asio::as_tuple(asio::use_awaitable));
        BOOST_TEST(ec2 == oa::api_errc::not_found);
        BOOST_TEST(!f.server.is_active_in_organization(cert.id));

        // idempotent
        co_await certs.async_activate({cert.id});
        auto again = co_await certs.async_activate({cert.id});
        BOOST_TEST(again.data.at(0).active);
    }());
}

BOOST_AUTO_TEST_CASE(organization_limit_is_reported) {
    fake_server_options opts;
    opts.max_certificates = 2;
    fixture f(opts);
    const std::string pem = make_ca_pem();
    f.run([&]() -> asio::awaitable<void> {
        auto certs = f.api.certificates();
        co_await certs.async_upload({.certificate = pem});
        co_await certs.async_upload({.certificate = pem});
        try {
            co_await certs.async_upload({.certificate = pem});
            BOOST_FAIL("third upload should fail");
        } catch (const oa::api_error& e) {
            BOOST_TEST(e.code() == oa::api_errc::bad_request);
            BOOST_TEST(e.error_code_name().value_or("") == "certificate_limit_exceeded");
            BOOST_TEST(e.status() == 400u);
        }
    }());
    BOOST_TEST(f.server.certificate_count() == 2u);
}

BOOST_AUTO_TEST_CASE(plain_http_base_url) {
    fake_server_options opts;
    opts.tls = false;
    fixture f(opts);
    BOOST_TEST(f.server.base_url().rfind("http://", 0) == 0u);
    auto cert = f.run(f.api.certificates().async_upload({.certificate = make_ca_pem()}));
    BOOST_TEST(f.server.certificate_count() == 1u);
    BOOST_TEST(f.run(f.api.certificates().async_get(cert.id)).id == cert.id);
}

BOOST_AUTO_TEST_CASE(missing_key_and_bad_config_fail_when_the_client_is_made) {
    asio::io_context io;
    try {
        oa::client api(io, oa::client_config{});
        BOOST_FAIL("expected api_error");
    } catch (const oa::api_error& e) {
        BOOST_TEST(e.code() == oa::client_errc::missing_admin_key);
        BOOST_TEST(std::string(e.what()).find("OPENAI_ADMIN_KEY") != std::string::npos);
    }
    try {
        oa::client api(io, oa::client_config{.admin_key = "k", .base_url = "ftp://x"});
        BOOST_FAIL("expected api_error");
    } catch (const oa::api_error& e) {
        BOOST_TEST(e.code() == oa::client_errc::invalid_config);
    }
    try {
        oa::client_config cfg{.admin_key = "k"};
        cfg.tls.ca_file = "/nonexistent/ca.pem";
        oa::client api(io, cfg);
        BOOST_FAIL("expected api_error");
    } catch (const oa::api_error& e) {
        BOOST_TEST(e.code() == oa::client_errc::invalid_config);
        BOOST_TEST(std::string(e.what()).find("/nonexistent/ca.pem") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
