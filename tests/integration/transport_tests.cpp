// Errors as the caller sees them, TLS verification, keep-alive reuse and reconnects, limits and
// timeouts.

#include "../support/fixture.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/test/unit_test.hpp>

using namespace oa_test;
namespace http = boost::beast::http;

namespace {

const auto tuple = asio::as_tuple(asio::use_awaitable);

// A get of an id the server does not know, with diagnostics.
std::pair<oa::error_code, oa::diagnostics> failing_get(fixture& f, const std::string& id = "cert_missing") {
    oa::diagnostics diag;
    auto [ec, c] = f.run(f.api.certificates().async_get(id, {}, diag, tuple));
    return {ec, diag};
}

} // namespace

BOOST_AUTO_TEST_SUITE(transport)

BOOST_AUTO_TEST_CASE(api_error_response_exception_and_diagnostics_agree) {
    fixture f;
    auto [ec, diag] = failing_get(f);
    BOOST_TEST(ec == oa::api_errc::not_found);
    BOOST_TEST(diag.status == 404u);
    BOOST_TEST(diag.type == "invalid_request_error");
    BOOST_TEST(!diag.message.empty());
    BOOST_TEST(diag.request_id.rfind("req_", 0) == 0u);

    try {
        f.run(f.api.certificates().async_get("cert_missing"));
        BOOST_FAIL("expected api_error");
    } catch (const oa::api_error& e) {
        BOOST_TEST(e.code() == oa::api_errc::not_found);
        BOOST_TEST(e.status() == 404u);
        BOOST_TEST(e.message() == diag.message);
        BOOST_TEST(e.type() == diag.type);
        BOOST_TEST(e.request_id().rfind("req_", 0) == 0u);
        BOOST_TEST(e.request_id() != diag.request_id); // a new request
        BOOST_TEST(std::string(e.what()).find(e.request_id()) != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(wrong_key_is_401_and_the_key_never_appears) {
    fake_server_options opts;
    fake_server server(opts);
    asio::io_context io;
    auto cfg = config_for(server, opts);
    cfg.admin_key = "sk-admin-WRONG-secret-value";
    oa::client api(io, cfg);
    // a server that echoes the key it got must not leak it through the SDK
    server.inject({.status = 401,
                       .headers = {{"x-request-id", "req_echo"}},
                       .body = R"({"error":{"message":"Incorrect API key provided: sk-admin-WRONG-secret-value","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})"});
    oa::diagnostics diag;
    auto fut = asio::co_spawn(io, api.certificates().async_get("cert_x", {}, diag, tuple), asio::use_future);
    io.run();
    auto [ec, c] = fut.get();
    BOOST_TEST(ec == oa::api_errc::authentication_error);
    BOOST_TEST(diag.code.value() == "invalid_api_key");
    BOOST_TEST(diag.request_id == "req_echo");
    BOOST_TEST(diag.message.find("sk-admin-WRONG") == std::string::npos, diag.message);
    BOOST_TEST(oa::describe(ec, diag).find("sk-admin-WRONG") == std::string::npos);

    // and the real server's 401 for a wrong key
    io.restart();
    auto fut2 = asio::co_spawn(io, api.certificates().async_get("cert_x", {}, diag, tuple), asio::use_future);
    io.run();
    BOOST_TEST(std::get<0>(fut2.get()) == oa::api_errc::authentication_error);
    BOOST_TEST(diag.status == 401u);
}

BOOST_AUTO_TEST_CASE(every_status_class_maps) {
    fixture f;
    const std::pair<unsigned, oa::api_errc> cases[] = {
        {400, oa::api_errc::bad_request},         {401, oa::api_errc::authentication_error},
        {403, oa::api_errc::permission_denied},   {404, oa::api_errc::not_found},
        {409, oa::api_errc::conflict},            {422, oa::api_errc::unprocessable_entity},
        {429, oa::api_errc::rate_limited},        {500, oa::api_errc::server_error},
        {503, oa::api_errc::server_error},        {418, oa::api_errc::unexpected_status},
    };
    for (auto [status, expected] : cases) {
        f.server.inject({.status = status,
                             .body = R"({"error":{"message":"m","type":"t","param":"p","code":"c"}})"});
        auto [ec, diag] = failing_get(f);
        BOOST_TEST(ec == expected, status);
        BOOST_TEST(diag.status == status);
        BOOST_TEST(diag.message == "m");
        BOOST_TEST(diag.type == "t");
        BOOST_TEST(diag.param.value() == "p");
        BOOST_TEST(diag.code.value() == "c");
    }
}

BOOST_AUTO_TEST_CASE(non_json_and_truncated_error_bodies_keep_status_and_request_id) {
    fixture f;
    f.server.inject({.status = 502, .headers = {{"content-type", "text/html"}, {"x-request-id", "req_html"}},
                         .body = "<html>bad gateway</html>"});
    auto [ec, diag] = failing_get(f);
    BOOST_TEST(ec == oa::api_errc::server_error);
    BOOST_TEST(diag.status == 502u);
    BOOST_TEST(diag.request_id == "req_html");
    BOOST_TEST(diag.body == "<html>bad gateway</html>");

    // Content-Length promises more than arrives: a transport error, not a half-read body
    f.server.inject({.raw = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                                "x-request-id: req_trunc\r\nContent-Length: 100\r\n\r\n{\"error\":{\"mess"});
    std::tie(ec, diag) = failing_get(f);
    BOOST_TEST((ec == http::error::partial_message));

    // the client is still usable afterwards
    std::tie(ec, diag) = failing_get(f);
    BOOST_TEST(ec == oa::api_errc::not_found);
}

BOOST_AUTO_TEST_CASE(bad_success_bodies_are_decode_errors) {
    fixture f;
    f.server.inject({.status = 200, .headers = {{"x-request-id", "req_bad"}}, .body = "{\"object\": \"certif"});
    auto [ec, diag] = failing_get(f);
    BOOST_TEST(ec == oa::client_errc::invalid_json);
    BOOST_TEST(diag.status == 200u);
    BOOST_TEST(diag.request_id == "req_bad");

    f.server.inject({.status = 200, .body = R"({"object":"certificate","id":"c","name":null,"created_at":"yesterday","certificate_details":{}})"});
    std::tie(ec, diag) = failing_get(f);
    BOOST_TEST(ec == oa::client_errc::wrong_type);
    BOOST_TEST(diag.message.find("created_at") != std::string::npos, diag.message);

    f.server.inject({.status = 200, .body = R"({"data":[]})"});
    std::tie(ec, diag) = failing_get(f);
    BOOST_TEST(ec == oa::client_errc::missing_field);
}

BOOST_AUTO_TEST_CASE(response_body_limit) {
    fake_server_options opts;
    fake_server server(opts);
    asio::io_context io;
    auto cfg = config_for(server, opts);
    cfg.max_response_body = 1024;
    oa::client api(io, cfg);
    server.inject({.status = 200, .body = std::string(4096, ' ') + "{}"});
    auto fut = asio::co_spawn(io, api.certificates().async_delete("cert_x", tuple), asio::use_future);
    io.run();
    BOOST_TEST((std::get<0>(fut.get()) == http::error::body_limit));
}

BOOST_AUTO_TEST_CASE(tls_verification_is_on) {
    fake_server_options opts;
    fake_server server(opts);
    asio::io_context io;

    // not trusting the server's CA: the handshake fails with a TLS error
    auto cfg = config_for(server, opts);
    cfg.tls.ca_pem.clear();
    oa::client untrusting(io, cfg);
    auto fut = asio::co_spawn(io, untrusting.certificates().async_delete("c", tuple), asio::use_future);
    io.run();
    auto ec = std::get<0>(fut.get());
    BOOST_TEST((ec.category() == asio::error::get_ssl_category()), ec.message());
    BOOST_TEST(ec.message().find("certificate verify failed") != std::string::npos, ec.message());
    BOOST_TEST(server.requests().empty());

    // a certificate for another host name
    fake_server_options other;
    other.identity = make_server_identity({"api.example.test"}, {});
    fake_server wrong_host(other);
    auto cfg2 = config_for(wrong_host, other);
    oa::client mismatched(io, cfg2);
    io.restart();
    auto fut2 = asio::co_spawn(io, mismatched.certificates().async_delete("c", tuple), asio::use_future);
    io.run();
    auto ec2 = std::get<0>(fut2.get());
    BOOST_TEST((ec2.category() == asio::error::get_ssl_category()), ec2.message());
    BOOST_TEST(wrong_host.requests().empty());
}

BOOST_AUTO_TEST_CASE(connection_reuse_and_reconnect) {
    fixture f;
    for (int i = 0; i < 3; ++i)
        failing_get(f);
    BOOST_TEST(f.server.connections_accepted() == 1u);

    // the server drops the idle connection: the next call reconnects transparently
    f.server.close_idle_connections();
    auto [ec, diag] = failing_get(f);
    BOOST_TEST(ec == oa::api_errc::not_found);
    BOOST_TEST(f.server.connections_accepted() == 2u);

    // Connection: close is honoured
    f.server.inject({.status = 404, .headers = {{"connection", "close"}}, .body = "{}", .close_after = true});
    failing_get(f);
    failing_get(f);
    BOOST_TEST(f.server.connections_accepted() == 3u);
}

BOOST_AUTO_TEST_CASE(server_without_keep_alive) {
    fake_server_options opts;
    opts.keep_alive = false;
    fixture f(opts);
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(failing_get(f).first == oa::api_errc::not_found);
    BOOST_TEST(f.server.connections_accepted() == 3u);
}

BOOST_AUTO_TEST_CASE(connection_closed_without_reply_is_an_error) {
    fixture f;
    f.server.inject({.close_without_reply = true});
    auto [ec, diag] = failing_get(f);
    BOOST_TEST(!!ec);
    BOOST_TEST((ec.category() != oa::api_category()));
    BOOST_TEST(diag.status == 0u);
    BOOST_TEST(failing_get(f).first == oa::api_errc::not_found); // still usable
}

BOOST_AUTO_TEST_CASE(request_timeout) {
    // A peer that accepts and never answers.
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    asio::ip::tcp::socket peer(io);
    acceptor.async_accept(peer, [](oa::error_code) {});
    oa::client_config cfg{.admin_key = "k",
                          .base_url = "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()) + "/v1"};
    cfg.request_timeout = std::chrono::milliseconds(300);
    oa::client api(io, cfg);
    auto start = std::chrono::steady_clock::now();
    oa::diagnostics diag;
    auto fut = asio::co_spawn(io, api.certificates().async_delete("c", diag, tuple), asio::use_future);
    io.run_for(std::chrono::seconds(10));
    BOOST_TEST_REQUIRE((fut.wait_for(std::chrono::seconds(0)) == std::future_status::ready));
    BOOST_TEST((std::get<0>(fut.get()) == boost::beast::error::timeout));
    BOOST_TEST(diag.message.find("request_timeout 300 ms") != std::string::npos, diag.message);
    BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(5)));
}

BOOST_AUTO_TEST_CASE(connection_refused_keeps_the_asio_code) {
    asio::io_context io;
    asio::ip::tcp::acceptor probe(io, {asio::ip::make_address("127.0.0.1"), 0});
    auto port = probe.local_endpoint().port();
    probe.close();
    oa::client api(io, oa::client_config{.admin_key = "k", .base_url = "http://127.0.0.1:" + std::to_string(port)});
    oa::diagnostics diag;
    auto fut = asio::co_spawn(io, api.certificates().async_delete("c", diag, tuple), asio::use_future);
    io.run();
    BOOST_TEST((std::get<0>(fut.get()) == asio::error::connection_refused));
    BOOST_TEST(diag.message == "connecting to 127.0.0.1:" + std::to_string(port));
    BOOST_TEST(diag.status == 0u);
}

BOOST_AUTO_TEST_CASE(many_concurrent_calls_on_one_client) {
    fixture f;
    const std::string pem = make_ca_pem();
    auto cert = f.run(f.api.certificates().async_upload({.certificate = pem}));
    int ok = 0;
    for (int i = 0; i < 40; ++i)
        asio::co_spawn(f.io, f.api.certificates().async_get(cert.id), [&](std::exception_ptr e, oa::certificate c) {
            if (!e && c.id == cert.id)
                ++ok;
        });
    f.io.restart();
    f.io.run_for(std::chrono::seconds(60));
    BOOST_TEST(ok == 40);
    BOOST_TEST(f.server.requests().size() == 41u);
    // the burst opened connections; the next call reuses one of them
    auto opened = f.server.connections_accepted();
    BOOST_TEST(opened >= 2u);
    BOOST_TEST(f.run(f.api.certificates().async_get(cert.id)).id == cert.id);
    BOOST_TEST(f.server.connections_accepted() == opened);
}

BOOST_AUTO_TEST_SUITE_END()
