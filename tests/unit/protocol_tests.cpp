// The pure request/response functions: paths, queries, bodies, validation, headers, error
// mapping. No network.

#include <openai/admin/detail/protocol.hpp>
#include <openai/admin/error.hpp>

#include "../support/printing.hpp"

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace oa = openai::admin;
namespace d = openai::admin::detail;
namespace json = boost::json;
namespace http = boost::beast::http;

namespace {

// serialize_request's bytes, read back by Beast's parser: they must be one complete request.
http::request<http::string_body> wire_request(const d::base_url& u, const d::request_headers& h,
                                              const d::request_spec& spec) {
    const std::string wire = d::serialize_request(d::make_wire_headers(u, h), u.path_prefix, spec);
    http::request_parser<http::string_body> p;
    p.eager(true);
    boost::system::error_code ec;
    const auto n = p.put(boost::asio::buffer(wire), ec);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(p.is_done());
    BOOST_TEST(n == wire.size()); // nothing after the request
    return p.release();
}

void check_refused(const d::request_spec& spec, const std::string& message_part) {
    BOOST_TEST(spec.error == oa::client_errc::invalid_argument);
    BOOST_TEST(spec.error_message.find(message_part) != std::string::npos, spec.error_message);
    BOOST_TEST(spec.target.empty()); // nothing to send
}

} // namespace

BOOST_AUTO_TEST_SUITE(protocol)

BOOST_AUTO_TEST_CASE(paths_and_methods_of_the_ten_operations) {
    auto up = d::upload_request({.certificate = "PEM", .name = "n"});
    BOOST_TEST((up.method == d::http_method::post));
    BOOST_TEST(up.target == "/organization/certificates");
    BOOST_TEST(json::parse(up.body) == json::parse(R"({"certificate":"PEM","name":"n"})"));

    auto get = d::get_request("cert_abc", {});
    BOOST_TEST((get.method == d::http_method::get));
    BOOST_TEST(get.target == "/organization/certificates/cert_abc");
    BOOST_TEST(get.body.empty());
    BOOST_TEST(d::get_request("cert_abc", {.include_content = true}).target ==
               "/organization/certificates/cert_abc?include%5B%5D=content");

    auto mod = d::modify_request("cert_abc", {.name = "Renamed"});
    BOOST_TEST((mod.method == d::http_method::post));
    BOOST_TEST(mod.target == "/organization/certificates/cert_abc");
    BOOST_TEST(mod.body == R"({"name":"Renamed"})");
    BOOST_TEST(d::modify_request("cert_abc", {}).body == "{}");

    auto del = d::delete_request("cert_abc");
    BOOST_TEST((del.method == d::http_method::delete_));
    BOOST_TEST(del.target == "/organization/certificates/cert_abc");

    BOOST_TEST(d::list_request(std::nullopt, {}).target == "/organization/certificates");
    BOOST_TEST(d::list_request("proj_1", {}).target == "/organization/projects/proj_1/certificates");

    auto act = d::toggle_request(std::nullopt, true, {"cert_a", "cert_b"});
    BOOST_TEST((act.method == d::http_method::post));
    BOOST_TEST(act.target == "/organization/certificates/activate");
    BOOST_TEST(json::parse(act.body) == json::parse(R"({"certificate_ids":["cert_a","cert_b"]})"));
    BOOST_TEST(d::toggle_request(std::nullopt, false, {"c"}).target == "/organization/certificates/deactivate");
    BOOST_TEST(d::toggle_request("proj_1", true, {"c"}).target == "/organization/projects/proj_1/certificates/activate");
    BOOST_TEST(d::toggle_request("proj_1", false, {"c"}).target ==
               "/organization/projects/proj_1/certificates/deactivate");
}

BOOST_AUTO_TEST_CASE(list_query_sends_only_what_is_set) {
    BOOST_TEST(d::list_request(std::nullopt, {.limit = 100}).target == "/organization/certificates?limit=100");
    BOOST_TEST(d::list_request(std::nullopt, {.order = oa::order::asc}).target == "/organization/certificates?order=asc");
    BOOST_TEST(d::list_request(std::nullopt, {.limit = 1, .order = oa::order::desc, .after = "cert_x"}).target ==
               "/organization/certificates?after=cert_x&limit=1&order=desc");
    // cursors are encoded like any value
    BOOST_TEST(d::list_request(std::nullopt, {.after = "a b&c=d"}).target ==
               "/organization/certificates?after=a%20b%26c%3Dd");
}

BOOST_AUTO_TEST_CASE(ids_cannot_change_the_path) {
    BOOST_TEST(d::get_request("../x", {}).target == "/organization/certificates/..%2Fx");
    BOOST_TEST(d::get_request("a/b", {}).target == "/organization/certificates/a%2Fb");
    BOOST_TEST(d::get_request("..", {}).target == "/organization/certificates/%2E%2E");
    BOOST_TEST(d::get_request(".", {}).target == "/organization/certificates/%2E");
    BOOST_TEST(d::get_request("a?b#c%d", {}).target == "/organization/certificates/a%3Fb%23c%25d");
    BOOST_TEST(d::delete_request("cert.v1~x_y-z").target == "/organization/certificates/cert.v1~x_y-z");
    BOOST_TEST(d::list_request("p/../q", {}).target == "/organization/projects/p%2F..%2Fq/certificates");
    BOOST_TEST(d::get_request("\xc3\xa9", {}).target == "/organization/certificates/%C3%A9");
}

BOOST_AUTO_TEST_CASE(bad_arguments_are_refused_before_sending) {
    check_refused(d::get_request("", {}), "certificate id must not be empty");
    check_refused(d::modify_request("", {}), "certificate id must not be empty");
    check_refused(d::delete_request(""), "certificate id must not be empty");
    check_refused(d::get_request("cert\r\nX-Injected: 1", {}), "control characters");
    check_refused(d::delete_request(std::string_view("a\nb")), "control characters");
    check_refused(d::upload_request({}), "certificate (PEM) must not be empty");
    check_refused(d::list_request(std::nullopt, {.limit = 0}), "limit must be between 1 and 100, got 0");
    check_refused(d::list_request(std::nullopt, {.limit = 101}), "got 101");
    check_refused(d::list_request("", {}), "project id must not be empty");
    check_refused(d::list_request(std::nullopt, {.after = "x\ry"}), "after (cursor)");
    check_refused(d::toggle_request(std::nullopt, true, {}), "1 to 10 ids, got 0");
    std::vector<std::string> eleven(11, "cert_x");
    check_refused(d::toggle_request(std::nullopt, true, eleven), "got 11");
    check_refused(d::toggle_request(std::nullopt, true, {"ok", ""}), "certificate_ids[1] must not be empty");
    check_refused(d::toggle_request("proj\n", false, {"ok"}), "project id");
    // limits at the edges are fine
    BOOST_TEST(!d::list_request(std::nullopt, {.limit = 1}).error);
    BOOST_TEST(!d::list_request(std::nullopt, {.limit = 100}).error);
    BOOST_TEST(!d::toggle_request(std::nullopt, true, std::vector<std::string>(10, "c")).error);
}

BOOST_AUTO_TEST_CASE(base_url_parsing) {
    d::base_url u;
    std::string why;
    BOOST_TEST(!d::parse_base_url("https://api.openai.com/v1", u, why));
    BOOST_TEST(u.tls);
    BOOST_TEST(u.host == "api.openai.com");
    BOOST_TEST(u.port == "443");
    BOOST_TEST(u.host_header == "api.openai.com");
    BOOST_TEST(u.path_prefix == "/v1");

    BOOST_TEST(!d::parse_base_url("http://127.0.0.1:8080/", u, why));
    BOOST_TEST(!u.tls);
    BOOST_TEST(u.port == "8080");
    BOOST_TEST(u.host_header == "127.0.0.1:8080");
    BOOST_TEST(u.path_prefix == "");

    BOOST_TEST(!d::parse_base_url("https://[::1]:4443/api/v1//", u, why));
    BOOST_TEST(u.host == "::1");
    BOOST_TEST(u.host_header == "[::1]:4443");
    BOOST_TEST(u.path_prefix == "/api/v1");

    for (const char* bad : {"api.openai.com/v1", "ftp://x/v1", "https://user:pw@x/v1", "https://x/v1?q=1",
                            "https://x/v1#f", "https:///v1", "https://x:0/", "", "https://x:/v1"}) {
        why.clear();
        BOOST_TEST(d::parse_base_url(bad, u, why) == oa::client_errc::invalid_config, bad);
        BOOST_TEST(!why.empty());
    }
    // the URL is quoted in the message, but control characters never are
    d::parse_base_url("https://x\r\n/v1", u, why);
    BOOST_TEST(why.find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(request_headers) {
    d::request_headers h;
    std::string why;
    BOOST_TEST(d::make_request_headers({}, h, why) == oa::client_errc::missing_admin_key);
    BOOST_TEST(why.find("OPENAI_ADMIN_KEY") != std::string::npos);

    oa::client_config cfg{.admin_key = "sk-admin-secret\r\nX: y"};
    BOOST_TEST(d::make_request_headers(cfg, h, why) == oa::client_errc::invalid_config);
    BOOST_TEST(why.find("sk-admin") == std::string::npos); // never quoted
    cfg.admin_key = "sk-admin-secret";
    cfg.organization = "org\n";
    BOOST_TEST(d::make_request_headers(cfg, h, why) == oa::client_errc::invalid_config);
    BOOST_TEST(why.find("OpenAI-Organization") != std::string::npos);
    cfg.organization = "org_1";
    cfg.project = "proj_1";
    BOOST_TEST(!d::make_request_headers(cfg, h, why));

    d::base_url u;
    d::parse_base_url("https://api.openai.com/v1", u, why);
    auto req = wire_request(u, h, d::upload_request({.certificate = "PEM"}));
    BOOST_TEST(req.target() == "/v1/organization/certificates");
    BOOST_TEST(req[http::field::host] == "api.openai.com");
    BOOST_TEST(req[http::field::authorization] == "Bearer sk-admin-secret");
    BOOST_TEST(req[http::field::content_type] == "application/json");
    BOOST_TEST(req[http::field::accept] == "application/json");
    BOOST_TEST(req[http::field::user_agent] == "openai-admin-cpp/" OPENAI_ADMIN_VERSION_STRING);
    BOOST_TEST(req["OpenAI-Organization"] == "org_1");
    BOOST_TEST(req["OpenAI-Project"] == "proj_1");
    BOOST_TEST(req[http::field::content_length] == std::to_string(req.body().size()));
    BOOST_TEST(req.body() == d::upload_request({.certificate = "PEM"}).body);
    BOOST_TEST(req.version() == 11u);
    BOOST_TEST(req.keep_alive());

    cfg.organization.reset();
    cfg.project.reset();
    d::make_request_headers(cfg, h, why);
    auto get = wire_request(u, h, d::get_request("c", {}));
    BOOST_TEST(get.method() == http::verb::get);
    BOOST_TEST(get.target() == "/v1/organization/certificates/c");
    BOOST_TEST(get.count(http::field::content_type) == 0u);
    BOOST_TEST(get.count(http::field::content_length) == 0u);
    BOOST_TEST(get.count("OpenAI-Organization") == 0u);
    BOOST_TEST(get.count("OpenAI-Project") == 0u);
}

BOOST_AUTO_TEST_CASE(default_headers_are_checked_and_sent) {
    d::request_headers h;
    std::string why;
    oa::client_config cfg{.admin_key = "sk-admin-secret"};
    cfg.default_headers = {{"Bad Name", "x"}};
    BOOST_TEST(d::make_request_headers(cfg, h, why) == oa::client_errc::invalid_config);
    BOOST_TEST(why.find("Bad Name") != std::string::npos);
    cfg.default_headers = {{"Content-Length", "0"}};
    BOOST_TEST(d::make_request_headers(cfg, h, why) == oa::client_errc::invalid_config);
    cfg.default_headers = {{"Prefer", "code=429\r\nX-Evil: 1"}};
    BOOST_TEST(d::make_request_headers(cfg, h, why) == oa::client_errc::invalid_config);
    BOOST_TEST(why.find("Prefer") != std::string::npos);

    cfg.default_headers = {{"Prefer", "code=429"}, {"User-Agent", "mine/1"}};
    BOOST_TEST(!d::make_request_headers(cfg, h, why));
    d::base_url u;
    d::parse_base_url("https://api.openai.com/v1", u, why);
    auto req = wire_request(u, h, d::upload_request({.certificate = "PEM"}));
    BOOST_TEST(req["Prefer"] == "code=429");
    BOOST_TEST(req[http::field::user_agent] == "mine/1");
    BOOST_TEST(req.count(http::field::user_agent) == 1u); // replaced, not repeated
    BOOST_TEST(req[http::field::content_type] == "application/json");

    // A Content-Type of one's own goes on requests without a body only; names match in any case.
    cfg.default_headers = {{"content-type", "text/plain"}, {"user-agent", "lower/1"}};
    BOOST_TEST(!d::make_request_headers(cfg, h, why));
    auto post = wire_request(u, h, d::upload_request({.certificate = "PEM"}));
    BOOST_TEST(post.count(http::field::content_type) == 1u);
    BOOST_TEST(post[http::field::content_type] == "application/json");
    BOOST_TEST(post[http::field::user_agent] == "lower/1");
    BOOST_TEST(post.count(http::field::user_agent) == 1u);
    auto get = wire_request(u, h, d::get_request("c", {}));
    BOOST_TEST(get[http::field::content_type] == "text/plain");

    // Plain HTTP through a proxy: absolute-form target and the proxy's credentials.
    const std::string wire = d::serialize_request(d::make_wire_headers(u, h, "Basic dTpw"), "http://api.openai.com/v1",
                                                  d::get_request("c", {}));
    BOOST_TEST(wire.starts_with("GET http://api.openai.com/v1/organization/certificates/c HTTP/1.1\r\n"));
    BOOST_TEST(wire.find("\r\nProxy-Authorization: Basic dTpw\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(status_mapping) {
    BOOST_TEST(!oa::status_to_error(200));
    BOOST_TEST(!oa::status_to_error(204));
    BOOST_TEST(oa::status_to_error(400) == oa::api_errc::bad_request);
    BOOST_TEST(oa::status_to_error(401) == oa::api_errc::authentication_error);
    BOOST_TEST(oa::status_to_error(403) == oa::api_errc::permission_denied);
    BOOST_TEST(oa::status_to_error(404) == oa::api_errc::not_found);
    BOOST_TEST(oa::status_to_error(409) == oa::api_errc::conflict);
    BOOST_TEST(oa::status_to_error(422) == oa::api_errc::unprocessable_entity);
    BOOST_TEST(oa::status_to_error(429) == oa::api_errc::rate_limited);
    BOOST_TEST(oa::status_to_error(500) == oa::api_errc::server_error);
    BOOST_TEST(oa::status_to_error(503) == oa::api_errc::server_error);
    BOOST_TEST(oa::status_to_error(599) == oa::api_errc::server_error);
    BOOST_TEST(oa::status_to_error(302) == oa::api_errc::unexpected_status);
    BOOST_TEST(oa::status_to_error(418) == oa::api_errc::unexpected_status);
    BOOST_TEST(oa::status_to_error(600) == oa::api_errc::unexpected_status);
    BOOST_TEST(std::string(oa::api_category().name()) == "openai.admin.api");
    BOOST_TEST(std::string(oa::client_category().name()) == "openai.admin.client");
}

BOOST_AUTO_TEST_CASE(error_responses_fill_diagnostics) {
    http::fields headers;
    headers.set("x-request-id", "req_123");
    oa::diagnostics diag;
    auto ec = d::interpret_response(
        404, headers,
        R"({"error":{"message":"No such certificate: cert_x","type":"invalid_request_error","param":"certificate_id","code":"not_found"}})",
        "sk-key", &diag);
    BOOST_TEST(ec == oa::api_errc::not_found);
    BOOST_TEST(diag.status == 404u);
    BOOST_TEST(diag.request_id == "req_123");
    BOOST_TEST(diag.message == "No such certificate: cert_x");
    BOOST_TEST(diag.type == "invalid_request_error");
    BOOST_TEST(diag.code.value() == "not_found");
    BOOST_TEST(diag.param.value() == "certificate_id");
    BOOST_TEST(diag.body.empty());

    // null code/param stay empty; the key is redacted wherever the server echoes it
    diag.clear();
    ec = d::interpret_response(
        401, headers,
        R"({"error":{"message":"Incorrect API key provided: sk-key. Again sk-key","type":"invalid_request_error","param":null,"code":null}})",
        "sk-key", &diag);
    BOOST_TEST(ec == oa::api_errc::authentication_error);
    BOOST_TEST(!diag.code);
    BOOST_TEST(!diag.param);
    BOOST_TEST(diag.message == "Incorrect API key provided: [redacted]. Again [redacted]");
    BOOST_TEST(oa::describe(ec, diag).find("sk-key") == std::string::npos);

    // non-JSON and truncated bodies still give status and request id
    for (const char* body : {"<html>Bad Gateway</html>", R"({"error":{"message":"trunc)", ""}) {
        diag.clear();
        ec = d::interpret_response(502, headers, body, "k", &diag);
        BOOST_TEST(ec == oa::api_errc::server_error);
        BOOST_TEST(diag.status == 502u);
        BOOST_TEST(diag.request_id == "req_123");
        BOOST_TEST(diag.message.empty());
        BOOST_TEST(diag.body == body);
    }

    // success: status and request id, nothing else
    diag.clear();
    BOOST_TEST(!d::interpret_response(200, headers, "{}", "k", &diag));
    BOOST_TEST(diag.status == 200u);
    BOOST_TEST(diag.message.empty());
    // without diagnostics only the code
    BOOST_TEST(d::interpret_response(429, headers, "{}", "k", nullptr) == oa::api_errc::rate_limited);
}

BOOST_AUTO_TEST_CASE(decode_body_errors) {
    oa::diagnostics diag;
    oa::certificate c;
    BOOST_TEST(d::decode_body("{not json", c, &diag) == oa::client_errc::invalid_json);
    BOOST_TEST(diag.message.find("not JSON") != std::string::npos);
    BOOST_TEST(d::decode_body(R"({"object":"certificate","id":"c"})", c, &diag) == oa::client_errc::missing_field);
    BOOST_TEST(diag.message == "unexpected response: name: missing required field");
    BOOST_TEST(!d::decode_body(R"({"object":"certificate","id":"c","name":null,"created_at":1,"certificate_details":{}})",
                               c, &diag));
    BOOST_TEST(c.id == "c");
    // a failure leaves the model as it was, even when the failure comes after fields were read
    BOOST_TEST(d::decode_body(R"({"object":"certificate","id":"other","name":null,"created_at":"x"})", c, &diag) ==
               oa::client_errc::wrong_type);
    BOOST_TEST(diag.message == "unexpected response: created_at: expected an integer");
    BOOST_TEST(d::decode_body(R"({"object":"certificate","id":"other","name":null,"created_at":1,"certificate_details":{}} [)",
                              c, &diag) == oa::client_errc::invalid_json);
    BOOST_TEST(c.id == "c");
}

BOOST_AUTO_TEST_CASE(api_error_exception) {
    oa::diagnostics diag;
    diag.status = 409;
    diag.message = "Certificate is active";
    diag.type = "invalid_request_error";
    diag.code = "certificate_in_use";
    diag.request_id = "req_9";
    oa::api_error e(oa::api_errc::conflict, diag);
    BOOST_TEST(e.code() == oa::api_errc::conflict);
    BOOST_TEST(e.status() == 409u);
    BOOST_TEST(e.request_id() == "req_9");
    BOOST_TEST(e.error_code_name().value() == "certificate_in_use");
    std::string what = e.what();
    BOOST_TEST(what == "conflict (409) [HTTP 409, request req_9]: Certificate is active type=invalid_request_error "
                       "code=certificate_in_use");
    // it is a system_error: generic handlers catch it
    BOOST_CHECK_THROW(throw e, boost::system::system_error);
}

BOOST_AUTO_TEST_CASE(config_from_env) {
    ::setenv("OPENAI_ADMIN_KEY", "sk-admin-env", 1);
    ::setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1", 1);
    ::setenv("OPENAI_ORG_ID", "org_env", 1);
    ::unsetenv("OPENAI_PROJECT_ID");
    auto cfg = oa::client_config::from_env();
    BOOST_TEST(cfg.admin_key == "sk-admin-env");
    BOOST_TEST(cfg.base_url == "http://127.0.0.1:9/v1");
    BOOST_TEST(cfg.organization.value() == "org_env");
    BOOST_TEST(!cfg.project);
    ::unsetenv("OPENAI_ADMIN_KEY");
    ::setenv("OPENAI_BASE_URL", "", 1); // empty = unset
    cfg = oa::client_config::from_env();
    BOOST_TEST(cfg.admin_key.empty());
    BOOST_TEST(cfg.base_url == "https://api.openai.com/v1");
    ::unsetenv("OPENAI_BASE_URL");
    ::unsetenv("OPENAI_ORG_ID");

    // Logging and proxy variables; the proxy variable follows the base URL's scheme.
    ::setenv("OPENAI_LOG", "debug", 1);
    ::setenv("https_proxy", "http://user:pw@proxy.local:3128", 1);
    ::setenv("HTTP_PROXY", "http://plain-proxy.local:8080", 1);
    ::setenv("NO_PROXY", "localhost,.internal", 1);
    cfg = oa::client_config::from_env();
    BOOST_TEST((cfg.log == oa::log_level::debug));
    BOOST_TEST(cfg.proxy.url == "http://user:pw@proxy.local:3128");
    BOOST_TEST(cfg.proxy.no_proxy == "localhost,.internal");
    ::setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1", 1);
    cfg = oa::client_config::from_env();
    BOOST_TEST(cfg.proxy.url == "http://plain-proxy.local:8080");
    for (const char* v : {"OPENAI_LOG", "https_proxy", "HTTP_PROXY", "NO_PROXY", "OPENAI_BASE_URL"})
        ::unsetenv(v);
    cfg = oa::client_config::from_env();
    BOOST_TEST((cfg.log == oa::log_level::off));
    BOOST_TEST(cfg.proxy.url.empty());
}

BOOST_AUTO_TEST_SUITE_END()
