// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Contract tests: the C++ SDK against the official OpenAPI spec and against the official
// openai-node SDK. Both need the pinned Node tools of tests/contract/package.json, installed by
// the ctest fixture contract.npm_ci into <build>/contract_node; without node/npm they print
// "OA_CONTRACT_SKIPPED: <reason>" (ctest: skipped), and fail instead when CI=true.
//
// contract_prism      Prism (`prism mock --errors`, the spec file itself) on loopback. Every one
//                     of the ten operations, each optional parameter set and unset, both scopes.
//                     Prism validates each request against the spec and answers a violation with
//                     422 (401 for a bad Authorization): any 4xx/5xx not provoked on purpose fails,
//                     and so does any validation warning or error in Prism's log. Then
//                     `Prefer: code=429` and the SDK's error mapping.
// contract_node_wire  openai-node and the C++ SDK run the same scenario against the recording
//                     server (oa_test::fake_server, plain HTTP, canned replies); their requests
//                     are compared one by one.

#include "../support/fixture.hpp"
#include "contract_support.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <tuple>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
namespace oa = openai::admin;
using namespace std::chrono_literals;
using oa_contract::count_occurrences;
using oa_contract::read_file;

const auto tuple_token = asio::as_tuple(asio::use_awaitable);

const std::string test_pem = "-----BEGIN CERTIFICATE-----\nMIIBcontract\n-----END CERTIFICATE-----\n";
const std::string admin_key = "sk-admin-contract-key";

// Runs `a` on `io` to completion; rethrows what it threw.
template <class T>
T run_on(asio::io_context& io, asio::awaitable<T> a, std::chrono::seconds limit = 120s) {
    auto fut = asio::co_spawn(io, std::move(a), asio::use_future);
    io.restart();
    io.run_for(limit);
    if (fut.wait_for(0s) != std::future_status::ready)
        throw std::runtime_error("coroutine did not finish in time");
    return fut.get();
}

// One plain HTTP/1.1 exchange, bypassing the SDK (to provoke what the SDK refuses to send).
struct raw_response {
    unsigned status = 0;
    std::string body;
    std::map<std::string, std::string> headers; // lower-case names
};

raw_response raw_exchange(unsigned short port, http::verb verb, const std::string& target, const std::string& body,
                          const std::vector<std::pair<std::string, std::string>>& headers) {
    asio::io_context io;
    asio::ip::tcp::socket sock(io);
    sock.connect({asio::ip::make_address_v4("127.0.0.1"), port});
    http::request<http::string_body> req(verb, target, 11);
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [k, v] : headers)
        req.set(k, v);
    if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.prepare_payload();
    http::write(sock, req);
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    http::read(sock, buf, res);
    raw_response out;
    out.status = res.result_int();
    out.body = res.body();
    for (const auto& f : res) {
        std::string name(f.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        out.headers[name] = std::string(f.value());
    }
    beast::error_code ignored;
    sock.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    return out;
}

// =============================================================================================
// Prism
// =============================================================================================

// One Prism process for the suite: `prism mock --errors -h 127.0.0.1 -p PORT <spec>`.
struct prism_instance {
    oa_contract::node_tools tools;
    std::string log_path;
    unsigned short port = 0;
    std::unique_ptr<oa_contract::child_process> child;
    std::string start_error{}; // the tools are there, but Prism did not come up

    prism_instance() : tools(oa_contract::locate_node_tools({"@stoplight/prism-cli"})) {
        if (!tools.ok())
            return;
        try {
            start();
        } catch (const std::exception& e) {
            start_error = e.what();
        }
    }

    void start() {
        const std::string pkg_dir = tools.module_dir("@stoplight/prism-cli");
        const auto pkg = json::parse(read_file(pkg_dir + "/package.json"));
        const auto& bin = pkg.at("bin");
        const std::string script =
            pkg_dir + "/" + std::string(bin.is_string() ? bin.as_string() : bin.at("prism").as_string());
        log_path = oa_contract::temp_path("prism.log");
        for (int attempt = 0; attempt < 3; ++attempt) { // the port may be taken in between
            port = oa_contract::free_loopback_port();
            const std::vector<std::string> argv{tools.node, script,      "mock", "--errors",     "-h",
                                                "127.0.0.1", "-p", std::to_string(port), OA_SPEC_PATH};
            child = std::make_unique<oa_contract::child_process>(argv, oa_contract::child_environment(), log_path,
                                                                 log_path);
            const auto deadline = std::chrono::steady_clock::now() + 120s; // 2 shared cores: be patient
            while (std::chrono::steady_clock::now() < deadline) {
                if (log().find("Prism is listening on") != std::string::npos)
                    return;
                if (child->try_wait())
                    break;
                std::this_thread::sleep_for(100ms);
            }
            child.reset();
        }
        throw std::runtime_error("Prism did not start; its output:\n" + log());
    }

    std::string log() const { return read_file(log_path); }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

prism_instance* g_prism = nullptr;

struct prism_suite_fixture {
    prism_instance prism;
    prism_suite_fixture() { g_prism = &prism; }
    ~prism_suite_fixture() { g_prism = nullptr; }
    prism_suite_fixture(const prism_suite_fixture&) = delete;
    prism_suite_fixture& operator=(const prism_suite_fixture&) = delete;
};

// The running Prism, or nullptr when the case is skipped (no node tools, CI unset).
prism_instance* prism_or_skip() {
    BOOST_TEST_REQUIRE(g_prism != nullptr);
    if (!oa_contract::require_node_tools(g_prism->tools))
        return nullptr;
    BOOST_TEST_REQUIRE(g_prism->start_error.empty(), g_prism->start_error);
    BOOST_TEST_REQUIRE(!g_prism->child->try_wait().has_value(), "Prism exited:\n" << g_prism->log());
    return g_prism;
}

// What Prism logged for the requests made between construction and settle(). Prism logs
// "Request received" once per request and "[VALIDATOR] ..." lines for every spec violation it
// finds (warnings included). The window is exact: each end is a marker request, and Prism logs
// requests in the order it handles them, so the lines of a request answered before the opening
// marker (say, the last call of the previous case, whose lines may reach the file late) are
// before it, and everything for the window's own requests is before the closing one.
class prism_log_window {
public:
    explicit prism_log_window(const prism_instance& p) : p_(p), from_(mark(true)) {}

    // The window's log. Every request of the window must have been answered.
    std::string settle() const {
        const auto to = mark(false);
        return p_.log().substr(from_, to - from_);
    }

private:
    // Sends a marker request (a valid get, so its own lines are clean) and waits until Prism
    // logged it; returns the offset just past its line (opening) or where its line starts.
    std::size_t mark(bool opening) const {
        static int counter = 0;
        const std::string id = "cert_oa_log_mark_" + std::to_string(++counter);
        const auto r = raw_exchange(p_.port, http::verb::get, "/organization/certificates/" + id, "",
                                    {{"Authorization", "Bearer " + admin_key}});
        BOOST_TEST_REQUIRE(r.status == 200u, "Prism refused the log marker: " << r.body);
        const std::string needle = "/organization/certificates/" + id + " ";
        const auto deadline = std::chrono::steady_clock::now() + 30s;
        for (;;) {
            const auto log = p_.log();
            if (const auto at = log.find(needle); at != std::string::npos) {
                if (!opening)
                    return log.rfind('\n', at) == std::string::npos ? 0 : log.rfind('\n', at) + 1;
                const auto eol = log.find('\n', at);
                if (eol != std::string::npos)
                    return eol + 1;
            }
            const bool in_time = std::chrono::steady_clock::now() < deadline;
            BOOST_TEST_REQUIRE(in_time, "Prism never logged " << id);
            std::this_thread::sleep_for(20ms);
        }
    }

    const prism_instance& p_;
    std::size_t from_;
};

// The lines of a Prism log that report a spec violation of a request.
std::string violation_lines(const std::string& log) {
    std::string out;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);)
        if (line.find("[VALIDATOR] \xE2\x9C\x96") != std::string::npos ||      // ✖ error
            line.find("[VALIDATOR] \xE2\x9A\xA0") != std::string::npos ||      // ⚠ warning
            line.find("did not pass the validation rules") != std::string::npos ||
            line.find("Request terminated with error") != std::string::npos)
            out += line + "\n";
    return out;
}

// Prism saw exactly `sent` requests since the mark and reported no violation.
void expect_clean_prism_log(const prism_log_window& w, std::size_t sent, const std::string& what) {
    const auto log = w.settle();
    BOOST_TEST(count_occurrences(log, "Request received") == sent, what << ": requests seen by Prism");
    const auto bad = violation_lines(log);
    BOOST_TEST(bad.empty(), what << ": Prism reported spec violations:\n" << bad);
}

oa::client_config prism_config(const prism_instance& p) {
    oa::client_config cfg;
    cfg.admin_key = admin_key;
    cfg.base_url = p.base_url(); // Prism serves the spec's paths at its root (no /v1)
    cfg.request_timeout = 30s;
    cfg.max_retries = 0; // one request per call: the log counts must match
    return cfg;
}

// Fails the test case (not the coroutine) unless the operation succeeded; shows Prism's answer.
void expect_ok(const oa::error_code& ec, const oa::diagnostics& d, const std::string& what) {
    BOOST_TEST(!ec, what << " failed: " << ec.message() << " [HTTP " << d.status << "] " << d.message << " "
                         << d.body);
}

// Counts the requests sent and checks each outcome.
struct op_log {
    std::size_t sent = 0;
    void ok(const oa::error_code& ec, const oa::diagnostics& d, const std::string& what) {
        ++sent;
        expect_ok(ec, d, what);
    }
};

// --- scenarios (namespace-scope coroutines: no lambdas inside coroutine bodies, g++ 12) -------

asio::awaitable<void> prism_organization_operations(oa::client api, op_log& log) {
    auto certs = api.certificates();
    oa::diagnostics d;

    const oa::upload_params with_name{.certificate = test_pem, .name = "contract name"};
    auto [e1, up1] = co_await certs.async_upload(with_name, d, tuple_token);
    log.ok(e1, d, "upload with name");
    BOOST_TEST((up1.object == oa::object_kind::certificate)); // the spec's first enum value
    BOOST_TEST(!up1.id.empty());

    const oa::upload_params without_name{.certificate = test_pem};
    auto [e2, up2] = co_await certs.async_upload(without_name, d, tuple_token);
    log.ok(e2, d, "upload without name");

    const oa::get_options plain{};
    auto [e3, g1] = co_await certs.async_get("cert_abc", plain, d, tuple_token);
    log.ok(e3, d, "get");
    const oa::get_options with_content{.include_content = true};
    auto [e4, g2] = co_await certs.async_get("cert_abc", with_content, d, tuple_token);
    log.ok(e4, d, "get include[]=content");
    BOOST_TEST(g2.certificate_details.content.has_value()); // the schema's `content` property

    const oa::modify_params rename{.name = "renamed"};
    auto [e5, m1] = co_await certs.async_modify("cert_abc", rename, d, tuple_token);
    log.ok(e5, d, "modify with name");
    const oa::modify_params nothing{};
    auto [e6, m2] = co_await certs.async_modify("cert_abc", nothing, d, tuple_token);
    log.ok(e6, d, "modify without name (body {})");

    auto [e7, del] = co_await certs.async_delete("cert_abc", d, tuple_token);
    log.ok(e7, d, "delete");
    BOOST_TEST((del.object == oa::object_kind::certificate_deleted));

    // an id that must be percent-encoded into the path
    auto [e8, g3] = co_await certs.async_get("cert a/b+c?d#e%f", plain, d, tuple_token);
    log.ok(e8, d, "get with an id that needs encoding");
    auto [e9, del2] = co_await certs.async_delete("cert a/b+c?d#e%f", d, tuple_token);
    log.ok(e9, d, "delete with an id that needs encoding");
}

// One page of `list`, checking that every item is of `kind`.
asio::awaitable<void> one_page(oa::certificate_list& list, oa::object_kind kind, op_log& log, std::string_view what) {
    oa::diagnostics d;
    auto [ec, page] = co_await list.async_next_page(d, tuple_token);
    log.ok(ec, d, std::string(what));
    BOOST_TEST(page.has_value(), what);
    if (page)
        for (const auto& c : page->data)
            BOOST_TEST((c.object == kind), what);
}

asio::awaitable<void> prism_list_operations(oa::client api, op_log& log) {
    auto org = api.certificates();
    auto project = api.projects("proj_abc").certificates();
    const auto org_kind = oa::object_kind::organization_certificate;
    const auto project_kind = oa::object_kind::organization_project_certificate;

    const oa::list_params none{};
    const oa::list_params all_asc{.limit = 5, .order = oa::order::asc, .after = "cert_cursor"};
    const oa::list_params all_desc{.limit = 100, .order = oa::order::desc, .after = "cert_cursor"};
    const oa::list_params only_limit{.limit = 1};
    const oa::list_params only_order{.order = oa::order::desc};
    const oa::list_params only_after{.after = "cert_cursor"};
    const std::array<const oa::list_params*, 6> variants{&none, &all_asc, &all_desc, &only_limit, &only_order, &only_after};
    for (const auto* p : variants) {
        auto org_list = org.list(*p);
        co_await one_page(org_list, org_kind, log, "organization list");
        auto project_list = project.list(*p);
        co_await one_page(project_list, project_kind, log, "project list");
    }

    // Prism's static mode always answers has_more: true with last_id "string", so the second
    // page repeats the cursor it was asked with: the walker sends that request (Prism checks
    // it) and then reports pagination_stalled instead of looping.
    auto pages = org.list(only_limit);
    oa::diagnostics d;
    auto [e1, first] = co_await pages.async_next_page(d, tuple_token);
    log.ok(e1, d, "organization walk, page 1");
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(first->has_more);
    auto [e2, second] = co_await pages.async_next_page(d, tuple_token);
    ++log.sent;
    BOOST_TEST(e2 == oa::client_errc::pagination_stalled, e2.message() << ": " << d.message);
    BOOST_TEST(!second.has_value());

    auto items = project.list(all_asc); // Prism's pages hold one item each
    auto [e3, item] = co_await items.async_next(d, tuple_token);
    log.ok(e3, d, "project walk, item 1");
    BOOST_TEST_REQUIRE(item.has_value());
    BOOST_TEST((item->object == project_kind));
    auto [e4, next] = co_await items.async_next(d, tuple_token);
    ++log.sent;
    BOOST_TEST(e4 == oa::client_errc::pagination_stalled, e4.message() << ": " << d.message);
    BOOST_TEST(!next.has_value());
}

// `expected_object` must outlive the coroutine (string literals do).
asio::awaitable<void> toggle(oa::scope_certificates scope, bool activate, oa::certificate_ids ids,
                             std::string_view expected_object, oa::object_kind kind, op_log& log) {
    oa::diagnostics d;
    std::tuple<oa::error_code, oa::activation_result> result;
    if (activate)
        result = co_await scope.async_activate(ids, d, tuple_token);
    else
        result = co_await scope.async_deactivate(ids, d, tuple_token);
    const auto& [ec, r] = result;
    log.ok(ec, d, std::string(expected_object) + " of " + std::to_string(ids.ids().size()) + " id(s)");
    BOOST_TEST(oa::to_string(r.object) == expected_object);
    BOOST_TEST(r.unknown_object.empty());
    for (const auto& c : r.data)
        BOOST_TEST((c.object == kind));
}

asio::awaitable<void> prism_activation_operations(oa::client api, op_log& log) {
    const oa::scope_certificates org = api.certificates();
    const oa::scope_certificates project = api.projects("proj_abc").certificates();
    const auto ok = oa::object_kind::organization_certificate;
    const auto pk = oa::object_kind::organization_project_certificate;
    std::vector<std::string> ten;
    for (int i = 0; i < 10; ++i)
        ten.push_back("cert_" + std::to_string(i));
    const oa::certificate_ids one("cert_abc");
    const oa::certificate_ids two("cert_abc", "cert_def");
    const oa::certificate_ids max(ten);

    co_await toggle(org, true, one, "organization.certificate.activation", ok, log);
    co_await toggle(org, true, two, "organization.certificate.activation", ok, log);
    co_await toggle(org, true, max, "organization.certificate.activation", ok, log);
    co_await toggle(org, false, one, "organization.certificate.deactivation", ok, log);
    co_await toggle(org, false, max, "organization.certificate.deactivation", ok, log);
    co_await toggle(project, true, one, "organization.project.certificate.activation", pk, log);
    co_await toggle(project, true, max, "organization.project.certificate.activation", pk, log);
    co_await toggle(project, false, two, "organization.project.certificate.deactivation", pk, log);
}

// The outcome of one call that is expected to fail.
struct failure {
    std::string op;
    oa::error_code ec;
    oa::diagnostics diag;
};

// Each of the ten operations once, collecting the outcomes.
asio::awaitable<std::vector<failure>> each_operation_once(oa::client api) {
    std::vector<failure> out;
    auto org = api.certificates();
    auto project = api.projects("proj_abc").certificates();
    const oa::upload_params up{.certificate = test_pem, .name = "n"};
    const oa::get_options get{.include_content = true};
    const oa::modify_params mod{.name = "m"};
    const oa::certificate_ids ids("cert_abc");
    const oa::list_params lp{.limit = 2};
    oa::diagnostics d;
    {
        auto [ec, r] = co_await org.async_upload(up, d, tuple_token);
        out.push_back({"upload", ec, d});
    }
    {
        auto [ec, r] = co_await org.async_get("cert_abc", get, d, tuple_token);
        out.push_back({"get", ec, d});
    }
    {
        auto [ec, r] = co_await org.async_modify("cert_abc", mod, d, tuple_token);
        out.push_back({"modify", ec, d});
    }
    {
        auto [ec, r] = co_await org.async_delete("cert_abc", d, tuple_token);
        out.push_back({"delete", ec, d});
    }
    {
        auto list = org.list(lp);
        auto [ec, r] = co_await list.async_next_page(d, tuple_token);
        out.push_back({"organization list", ec, d});
    }
    {
        auto [ec, r] = co_await org.async_activate(ids, d, tuple_token);
        out.push_back({"organization activate", ec, d});
    }
    {
        auto [ec, r] = co_await org.async_deactivate(ids, d, tuple_token);
        out.push_back({"organization deactivate", ec, d});
    }
    {
        auto list = project.list(lp);
        auto [ec, r] = co_await list.async_next(d, tuple_token);
        out.push_back({"project list", ec, d});
    }
    {
        auto [ec, r] = co_await project.async_activate(ids, d, tuple_token);
        out.push_back({"project activate", ec, d});
    }
    {
        auto [ec, r] = co_await project.async_deactivate(ids, d, tuple_token);
        out.push_back({"project deactivate", ec, d});
    }
    co_return out;
}

asio::awaitable<std::optional<oa::api_error>> get_throwing(oa::client api) {
    try {
        co_await api.certificates().async_get("cert_abc");
    } catch (const oa::api_error& e) {
        co_return e;
    }
    co_return std::nullopt;
}

// The error object of a 429 as Prism sends it (schema-generated: the spec has no 429 example).
struct expected_error {
    std::string message, type;
    std::optional<std::string> code, param;
};

std::optional<std::string> opt_string(const json::value& v) {
    if (v.is_string())
        return std::string(v.as_string());
    return std::nullopt;
}

expected_error prism_429_error(const prism_instance& p) {
    auto raw = raw_exchange(p.port, http::verb::get, "/organization/certificates/cert_abc", "",
                            {{"Authorization", "Bearer " + admin_key}, {"Prefer", "code=429"}});
    BOOST_TEST_REQUIRE(raw.status == 429u, raw.body);
    BOOST_TEST(raw.headers.count("retry-after") == 1u); // TooManyRequests declares Retry-After
    const auto err = json::parse(raw.body).at("error");
    return {std::string(err.at("message").as_string()), std::string(err.at("type").as_string()),
            opt_string(err.at("code")), opt_string(err.at("param"))};
}

void expect_429_mapping(const oa::error_code& ec, const oa::diagnostics& d, const expected_error& want,
                        const std::string& what) {
    BOOST_TEST((ec == oa::api_errc::rate_limited), what << ": " << ec.message());
    BOOST_TEST((&ec.category() == &oa::api_category()), what << ": category " << ec.category().name());
    BOOST_TEST(d.status == 429u, what);
    BOOST_TEST(d.message == want.message, what);
    BOOST_TEST(d.type == want.type, what);
    BOOST_TEST((d.code == want.code), what);
    BOOST_TEST((d.param == want.param), what);
}

// Runs `scenario` against Prism and checks it sent `expected` requests, all valid.
template <class Scenario>
void run_clean_scenario(Scenario scenario, std::size_t expected, const std::string& what) {
    auto* p = prism_or_skip();
    if (p == nullptr)
        return;
    prism_log_window w(*p);
    asio::io_context io;
    op_log log;
    run_on(io, scenario(oa::client(io, prism_config(*p)), log));
    BOOST_TEST(log.sent == expected);
    expect_clean_prism_log(w, log.sent, what);
}

} // namespace

BOOST_AUTO_TEST_SUITE(contract_prism, *boost::unit_test::fixture<prism_suite_fixture>())

// Prism really validates (so a green run means something): a spec violation sent on purpose is
// answered 422, a missing or wrong Authorization 401, and the SDK maps the latter.
BOOST_AUTO_TEST_CASE(prism_rejects_what_breaks_the_spec) {
    auto* p = prism_or_skip();
    if (p == nullptr)
        return;
    const std::vector<std::pair<std::string, std::string>> auth{{"Authorization", "Bearer " + admin_key}};
    prism_log_window w(*p);

    auto no_pem = raw_exchange(p->port, http::verb::post, "/organization/certificates", R"({"name":"no pem"})", auth);
    BOOST_TEST(no_pem.status == 422u, no_pem.body);
    auto bad_order = raw_exchange(p->port, http::verb::get, "/organization/certificates?order=sideways", "", auth);
    BOOST_TEST(bad_order.status == 422u, bad_order.body);
    auto no_ids = raw_exchange(p->port, http::verb::post, "/organization/certificates/activate",
                               R"({"certificate_ids":[]})", auth);
    BOOST_TEST(no_ids.status == 422u, no_ids.body);
    auto no_auth = raw_exchange(p->port, http::verb::get, "/organization/certificates", "", {});
    BOOST_TEST(no_auth.status == 401u, no_auth.body);
    const auto log = w.settle();
    BOOST_TEST(!violation_lines(log).empty()); // what the clean-log checks look for is there

    auto cfg = prism_config(*p);
    cfg.default_headers = {{"Authorization", "Basic b3RoZXI6c2NoZW1l"}}; // not the spec's bearer scheme
    asio::io_context io;
    oa::client api(io, cfg);
    oa::diagnostics d;
    auto [ec, c] = run_on(io, api.certificates().async_get("cert_abc", {}, d, tuple_token));
    BOOST_TEST((ec == oa::api_errc::authentication_error), ec.message());
    BOOST_TEST(d.status == 401u);
}

BOOST_AUTO_TEST_CASE(organization_operations_with_and_without_optional_parameters) {
    run_clean_scenario(prism_organization_operations, 9u, "upload/get/modify/delete");
}

BOOST_AUTO_TEST_CASE(list_parameters_set_and_unset_in_both_scopes) {
    run_clean_scenario(prism_list_operations, 12u + 2u + 2u, "list");
}

BOOST_AUTO_TEST_CASE(activate_and_deactivate_in_both_scopes) {
    run_clean_scenario(prism_activation_operations, 8u, "activate/deactivate");
}

// The spec declares `429: TooManyRequests` on every operation, with a Retry-After header and an
// ErrorResponse body but no example: Prism answers `Prefer: code=429` with a body generated
// from the schema. Whatever it sends must arrive in the diagnostics.
BOOST_AUTO_TEST_CASE(rate_limited_without_retries_maps_to_api_errc) {
    auto* p = prism_or_skip();
    if (p == nullptr)
        return;
    const auto want = prism_429_error(*p);

    auto cfg = prism_config(*p);
    cfg.max_retries = 0;
    cfg.default_headers = {{"Prefer", "code=429"}};
    asio::io_context io;
    oa::client api(io, cfg);

    prism_log_window w(*p);
    auto outcomes = run_on(io, each_operation_once(api));
    BOOST_TEST_REQUIRE(outcomes.size() == 10u);
    for (const auto& o : outcomes)
        expect_429_mapping(o.ec, o.diag, want, o.op);
    const auto log = w.settle();
    BOOST_TEST(count_occurrences(log, "Request received") == 10u); // one request per call
    BOOST_TEST(violation_lines(log).empty(), violation_lines(log));

    // The default token throws api_error carrying the same.
    prism_log_window w2(*p);
    auto e = run_on(io, get_throwing(api));
    BOOST_TEST_REQUIRE(e.has_value());
    expect_429_mapping(e->code(), e->diag(), want, "default token");
    BOOST_TEST(e->status() == 429u);
    BOOST_TEST(std::string(e->what()).find("429") != std::string::npos, e->what());
    BOOST_TEST(count_occurrences(w2.settle(), "Request received") == 1u);
}

// needs retries (issue 3): with max_retries = 2 a 429 that persists is retried (Prism sends
// Retry-After: 1) and the caller still gets the 429 with its diagnostics. Attempts are observed
// only through the public API that exists today: client_config::on_attempt, and Prism's log.
// Until retries land on_attempt is never called and exactly one request is sent; then this case
// asserts three attempts.
BOOST_AUTO_TEST_CASE(rate_limited_with_retries_still_reports_429) {
    auto* p = prism_or_skip();
    if (p == nullptr)
        return;
    const auto want = prism_429_error(*p);

    auto attempts = std::make_shared<std::vector<oa::attempt_info>>();
    auto cfg = prism_config(*p);
    cfg.max_retries = 2;
    cfg.default_headers = {{"Prefer", "code=429"}};
    cfg.on_attempt = [attempts](const oa::attempt_info& a) {
        auto copy = a;
        copy.method = copy.path = copy.request_id = {}; // views: valid during the call only
        attempts->push_back(copy);
    };
    asio::io_context io;
    oa::client api(io, cfg);

    prism_log_window w(*p);
    oa::diagnostics d;
    auto [ec, c] = run_on(io, api.certificates().async_get("cert_abc", {}, d, tuple_token));
    expect_429_mapping(ec, d, want, "after retries");

    const auto seen = count_occurrences(w.settle(), "Request received");
    if (attempts->empty()) {
        BOOST_TEST_MESSAGE("on_attempt was not called: retries (issue 3) are not implemented in this tree");
        BOOST_TEST(seen == 1u);
    } else {
        BOOST_TEST_REQUIRE(attempts->size() == 3u); // 1 + max_retries
        BOOST_TEST(seen == 3u);
        for (std::size_t i = 0; i < attempts->size(); ++i) {
            const auto& a = (*attempts)[i];
            BOOST_TEST(a.attempt == i + 1);
            BOOST_TEST(a.status == 429u);
            BOOST_TEST((a.error == oa::api_errc::rate_limited));
            BOOST_TEST(a.will_retry == (i + 1 < attempts->size()));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// =============================================================================================
// Wire equivalence with openai-node
// =============================================================================================
//
// Compared, request by request (any difference fails and prints both requests):
//   - method;
//   - path, split into segments, each percent-decoded (so `cert%20a` and `cert+a` would differ,
//     `%2F` stays inside its segment, and `!$&'()*+,;=:@` sent raw by Node equal their %YY form);
//   - query parameters, percent-decoded (`include%5B%5D=content` == `include[]=content`), as a
//     multiset of (name, value): order-insensitive, repeats counted;
//   - body: parsed and compared as Boost.JSON values (key order and whitespace do not matter);
//     a body present on one side only is a difference;
//   - `Authorization` (exact), `Accept` (exact), `Content-Type` media type when there is a body;
//   - the `after` cursor of page two of each auto-pagination walk (must be the envelope's
//     `last_id`, which the canned page one deliberately makes differ from its last item's id).
//
// Deliberate differences (not compared; header names outside these lists fail the test):
//   - User-Agent: `openai-admin-cpp/<version>` vs `OpenAI/JS <version>`;
//   - Node only: the X-Stainless-* family (lang, package version, OS, arch, runtime, runtime
//     version, retry count, timeout), which describes the Node runtime; and what Node's fetch
//     (undici) adds by itself: accept-encoding, accept-language, sec-fetch-mode;
//   - framing and connection headers (Host, Content-Length, Connection/keep-alive) differ only
//     in spelling or follow from the body, which is compared;
//   - header name case and order (HTTP header names are case-insensitive).

namespace {

const std::set<std::string> node_only_headers = {"accept-encoding", "accept-language", "sec-fetch-mode"};
const std::set<std::string> cpp_only_headers = {};
const std::set<std::string> framing_headers = {"host", "content-length", "connection", "user-agent"};

bool allowed_node_only(const std::string& name) {
    return name.starts_with("x-stainless-") || node_only_headers.count(name) != 0;
}

json::object cert_json(std::string_view object, std::string_view id, std::optional<bool> active, bool content) {
    json::object details{{"valid_at", 1700000000}, {"expires_at", 1900000000}};
    if (content)
        details["content"] = test_pem;
    json::object o{{"object", object},
                   {"id", id},
                   {"name", "contract cert"},
                   {"created_at", 1700000000},
                   {"certificate_details", std::move(details)}};
    if (active)
        o["active"] = *active;
    return o;
}

json::object page_json(bool project, bool second) {
    const std::string_view kind = project ? "organization.project.certificate" : "organization.certificate";
    json::array data;
    if (!second) {
        data.push_back(cert_json(kind, "cert_page1_a", true, false));
        data.push_back(cert_json(kind, "cert_page1_b", false, false));
        // last_id is the cursor; it differs from the last item's id on purpose, so that an SDK
        // taking data[-1].id instead would be caught.
        return {{"object", "list"}, {"data", std::move(data)}, {"first_id", "cert_page1_a"},
                {"last_id", "cert_page1_last"}, {"has_more", true}};
    }
    data.push_back(cert_json(kind, "cert_page2_a", true, false));
    return {{"object", "list"}, {"data", std::move(data)}, {"first_id", "cert_page2_a"},
            {"last_id", "cert_page2_a"}, {"has_more", false}};
}

oa_test::fault json_reply(const json::value& v) {
    oa_test::fault r;
    r.status = 200;
    r.headers = {{"Content-Type", "application/json"}, {"x-request-id", "req_contract"}};
    r.body = json::serialize(v);
    return r;
}

bool has_query(const oa_contract::split_target& t, std::string_view name) {
    return std::any_of(t.query.begin(), t.query.end(), [&](const auto& kv) { return kv.first == name; });
}

// Deterministic, spec-valid replies for every request (the server's own state is never used).
std::optional<oa_test::fault> canned_reply(const oa_test::recorded_request& r) {
    const auto t = oa_contract::split_request_target(r.target);
    const auto& s = t.segments; // "v1", "organization", ...
    const auto n = s.size();
    const bool post = r.method == "POST", get = r.method == "GET";
    auto toggle_reply = [&](bool project, const std::string& action) {
        const std::string_view kind = project ? "organization.project.certificate" : "organization.certificate";
        json::array data;
        data.push_back(cert_json(kind, "cert_abc", action == "activate", false));
        return json_reply(json::object{{"object", std::string(kind) + "." + (action == "activate" ? "activation" : "deactivation")},
                                       {"data", std::move(data)}});
    };
    if (n >= 3 && s[0] == "v1" && s[1] == "organization" && s[2] == "certificates") {
        if (n == 3 && get)
            return json_reply(page_json(false, has_query(t, "after")));
        if (n == 3 && post)
            return json_reply(cert_json("certificate", "cert_abc", std::nullopt, false));
        if (n == 4 && post && (s[3] == "activate" || s[3] == "deactivate"))
            return toggle_reply(false, s[3]);
        if (n == 4 && (get || post))
            return json_reply(cert_json("certificate", s[3], std::nullopt, get && has_query(t, "include[]")));
        if (n == 4 && r.method == "DELETE")
            return json_reply(json::object{{"object", "certificate.deleted"}, {"id", s[3]}});
    }
    if (n >= 5 && s[0] == "v1" && s[1] == "organization" && s[2] == "projects" && s[4] == "certificates") {
        if (n == 5 && get)
            return json_reply(page_json(true, has_query(t, "after")));
        if (n == 6 && post && (s[5] == "activate" || s[5] == "deactivate"))
            return toggle_reply(true, s[5]);
    }
    oa_test::fault nf;
    nf.status = 404;
    nf.headers = {{"Content-Type", "application/json"}};
    nf.body = R"({"error":{"message":"no canned reply for this request","type":"invalid_request_error","param":null,"code":null}})";
    return nf;
}

struct walks {
    std::vector<std::string> org, project;
};

// The C++ side of the scenario: the same calls, in the same order, as node_scenario.mjs.
asio::awaitable<walks> cpp_scenario(oa::client api) {
    auto certs = api.certificates();
    auto project = api.projects("proj_abc").certificates();

    const oa::upload_params up_named{.certificate = test_pem, .name = "contract name"};
    const oa::upload_params up_plain{.certificate = test_pem};
    co_await certs.async_upload(up_named);
    co_await certs.async_upload(up_plain);
    const oa::get_options plain{};
    const oa::get_options content{.include_content = true};
    co_await certs.async_get("cert_abc", plain);
    co_await certs.async_get("cert_abc", content);
    const oa::modify_params rename{.name = "renamed"};
    const oa::modify_params nothing{};
    co_await certs.async_modify("cert_abc", rename);
    co_await certs.async_modify("cert_abc", nothing);
    co_await certs.async_delete("cert_abc");

    const oa::list_params none{};
    const oa::list_params all_asc{.limit = 5, .order = oa::order::asc, .after = "cert_cursor"};
    const oa::list_params limit_desc{.limit = 1, .order = oa::order::desc};
    auto l1 = certs.list(none);
    co_await l1.async_next_page();
    auto l2 = certs.list(all_asc);
    co_await l2.async_next_page();
    auto l3 = certs.list(limit_desc);
    co_await l3.async_next_page();

    const oa::certificate_ids one("cert_abc");
    const oa::certificate_ids two("cert_abc", "cert_def");
    co_await certs.async_activate(one);
    co_await certs.async_activate(two);
    co_await certs.async_deactivate(two);

    const oa::list_params all_desc{.limit = 3, .order = oa::order::desc, .after = "cert_cursor"};
    auto p1 = project.list(none);
    co_await p1.async_next_page();
    auto p2 = project.list(all_desc);
    co_await p2.async_next_page();
    co_await project.async_activate(one);
    co_await project.async_deactivate(two);

    co_await certs.async_get("cert a/b+c?d#e%f", plain);

    walks w;
    const oa::list_params walk_org{.limit = 2};
    const oa::list_params walk_project{.limit = 2, .order = oa::order::asc};
    constexpr std::size_t cap = 20; // the canned list has 3 items: a runaway walk stops here
    auto wo = certs.list(walk_org);
    while (w.org.size() < cap) {
        auto c = co_await wo.async_next();
        if (!c)
            break;
        w.org.push_back(c->id);
    }
    auto wp = project.list(walk_project);
    while (w.project.size() < cap) {
        auto c = co_await wp.async_next();
        if (!c)
            break;
        w.project.push_back(c->id);
    }
    co_return w;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string media_type(const std::string& content_type) {
    auto mt = lower(content_type.substr(0, content_type.find(';')));
    while (!mt.empty() && (mt.back() == ' ' || mt.back() == '\t'))
        mt.pop_back();
    return mt;
}

std::string header(const oa_test::recorded_request& r, const std::string& name) {
    auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string("<absent>") : it->second;
}

std::string show(const oa_test::recorded_request& r) {
    std::ostringstream os;
    os << r.method << " " << r.target << "\n";
    for (const auto& [k, v] : r.headers)
        os << "    " << k << ": " << (k == "authorization" ? v.substr(0, 12) + "..." : v) << "\n";
    if (!r.body.empty())
        os << "    body: " << r.body << "\n";
    return os.str();
}

// The differences between two requests, empty when they are equivalent.
std::vector<std::string> differences(const oa_test::recorded_request& node, const oa_test::recorded_request& cpp) {
    std::vector<std::string> diffs;
    if (node.method != cpp.method)
        diffs.push_back("method");
    const auto tn = oa_contract::split_request_target(node.target);
    const auto tc = oa_contract::split_request_target(cpp.target);
    if (tn.segments != tc.segments)
        diffs.push_back("path (decoded segments)");
    auto qn = tn.query, qc = tc.query;
    std::sort(qn.begin(), qn.end());
    std::sort(qc.begin(), qc.end());
    if (qn != qc)
        diffs.push_back("query parameters");
    if (node.body.empty() != cpp.body.empty()) {
        diffs.push_back("body present on one side only");
    } else if (!node.body.empty()) {
        boost::system::error_code en, ec;
        auto jn = json::parse(node.body, en);
        auto jc = json::parse(cpp.body, ec);
        if (en || ec ? node.body != cpp.body : jn != jc)
            diffs.push_back("JSON body");
        if (media_type(header(node, "content-type")) != media_type(header(cpp, "content-type")))
            diffs.push_back("Content-Type media type");
    }
    if (header(node, "authorization") != header(cpp, "authorization"))
        diffs.push_back("Authorization");
    if (header(node, "accept") != header(cpp, "accept"))
        diffs.push_back("Accept");
    for (const auto& [name, v] : node.headers)
        if (!cpp.headers.count(name) && !allowed_node_only(name) && !framing_headers.count(name))
            diffs.push_back("header only Node sends: " + name);
    for (const auto& [name, v] : cpp.headers)
        if (!node.headers.count(name) && !cpp_only_headers.count(name) && !framing_headers.count(name))
            diffs.push_back("header only the C++ SDK sends: " + name);
    return diffs;
}

std::string query_param(const oa_test::recorded_request& r, std::string_view name) {
    for (const auto& [k, v] : oa_contract::split_request_target(r.target).query)
        if (k == name)
            return v;
    return "<absent>";
}

} // namespace

BOOST_AUTO_TEST_SUITE(contract_node_wire)

BOOST_AUTO_TEST_CASE(same_requests_as_openai_node) {
    const auto tools = oa_contract::locate_node_tools({"openai"});
    if (!oa_contract::require_node_tools(tools))
        return;

    oa_test::fake_server_options opts;
    opts.tls = false;
    opts.admin_key = admin_key;
    oa_test::fake_server server(opts);
    server.set_fault_hook(canned_reply);

    // 1. openai-node
    const std::string out_path = oa_contract::temp_path("node_scenario.out");
    const std::string err_path = oa_contract::temp_path("node_scenario.err");
    {
        const std::vector<std::string> argv{tools.node, OA_SOURCE_DIR "/tests/contract/node_scenario.mjs", tools.dir,
                                            server.base_url(), admin_key};
        oa_contract::child_process node(argv, oa_contract::child_environment(), out_path, err_path);
        const auto rc = node.wait_for(120s);
        BOOST_TEST_REQUIRE(rc.has_value(), "node_scenario.mjs did not finish within 120 s");
        BOOST_TEST_REQUIRE(*rc == 0, "node_scenario.mjs exited with " << *rc << "\nstderr:\n"
                                                                      << read_file(err_path) << "\nstdout:\n"
                                                                      << read_file(out_path));
    }
    const auto node_requests = server.requests();
    std::string out = read_file(out_path);
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    const auto node_result = json::parse(out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1));
    server.clear_requests();

    // 2. the C++ SDK
    oa::client_config cfg;
    cfg.admin_key = admin_key;
    cfg.base_url = server.base_url(); // http://127.0.0.1:PORT/v1
    cfg.max_retries = 0;
    cfg.request_timeout = 20s;
    asio::io_context io;
    const auto cpp_walks = run_on(io, cpp_scenario(oa::client(io, cfg)));
    const auto cpp_requests = server.requests();

    // 3. compare
    BOOST_TEST(node_requests.size() == 22u);
    BOOST_TEST_REQUIRE(cpp_requests.size() == node_requests.size(), [&] {
        std::string s = "request counts differ\n--- openai-node:\n";
        for (const auto& r : node_requests)
            s += show(r);
        s += "--- C++ SDK:\n";
        for (const auto& r : cpp_requests)
            s += show(r);
        return s;
    }());
    std::set<std::string> node_only_seen;
    for (std::size_t i = 0; i < node_requests.size(); ++i) {
        const auto diffs = differences(node_requests[i], cpp_requests[i]);
        std::string list;
        for (const auto& d : diffs)
            list += "\n  - " + d;
        BOOST_TEST(diffs.empty(), "request #" << i + 1 << " differs:" << list << "\n--- openai-node:\n"
                                              << show(node_requests[i]) << "--- C++ SDK:\n"
                                              << show(cpp_requests[i]));
        for (const auto& [name, v] : node_requests[i].headers)
            if (!cpp_requests[i].headers.count(name))
                node_only_seen.insert(name);
        BOOST_TEST_MESSAGE("#" << i + 1 << " node: " << node_requests[i].method << " " << node_requests[i].target
                               << "  |  C++: " << cpp_requests[i].method << " " << cpp_requests[i].target);
        BOOST_TEST_MESSAGE("#" << i + 1 << " node: " << node_requests[i].method << " " << node_requests[i].target
                               << "  |  C++: " << cpp_requests[i].method << " " << cpp_requests[i].target);
    }
    std::string seen;
    for (const auto& h : node_only_seen)
        seen += " " + h;
    BOOST_TEST_MESSAGE("headers only openai-node sent (deliberate, see the comment block):" << seen);

    // The cursor of page two of each walk (requests 20 and 22) is page one's last_id.
    for (std::size_t i : {19u, 21u}) {
        BOOST_TEST(query_param(node_requests.at(i), "after") == "cert_page1_last", "openai-node, request " << i + 1);
        BOOST_TEST(query_param(cpp_requests.at(i), "after") == "cert_page1_last", "C++ SDK, request " << i + 1);
        BOOST_TEST(query_param(cpp_requests.at(i - 1), "after") == "<absent>");
    }

    // And both walks yield the same certificates.
    const std::vector<std::string> expected{"cert_page1_a", "cert_page1_b", "cert_page2_a"};
    const auto node_walks = node_result.at("walks");
    const auto node_org = json::value_to<std::vector<std::string>>(node_walks.at("org"));
    const auto node_project = json::value_to<std::vector<std::string>>(node_walks.at("project"));
    BOOST_TEST(node_org == expected, boost::test_tools::per_element());
    BOOST_TEST(node_project == expected, boost::test_tools::per_element());
    BOOST_TEST(cpp_walks.org == node_org, boost::test_tools::per_element());
    BOOST_TEST(cpp_walks.project == node_project, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

// The comparison itself. Needs no node, so it is not a contract_* suite (whose failures a skip
// would hide): equivalent spellings pass, real differences do not.
BOOST_AUTO_TEST_SUITE(wire_comparison)

BOOST_AUTO_TEST_CASE(comparison_tells_equivalent_from_different) {
    oa_test::recorded_request a;
    a.method = "GET";
    a.target = "/v1/organization/certificates/cert%20a%2Fb+c?include%5B%5D=content&limit=2&after=x";
    a.headers = {{"authorization", "Bearer k"}, {"accept", "application/json"}, {"user-agent", "one"},
                 {"x-stainless-lang", "js"}};
    auto b = a;
    b.target = "/v1/organization/certificates/cert%20a%2fb%2Bc?after=x&limit=2&include[]=content";
    b.headers = {{"authorization", "Bearer k"}, {"accept", "application/json"}, {"user-agent", "two"}};
    BOOST_TEST(differences(a, b).empty());

    const auto differs = [&](oa_test::recorded_request x, const std::string& what) {
        const auto d = differences(a, x);
        BOOST_TEST((d.size() == 1u && d[0] == what), what << ": " << d.size() << " difference(s)");
    };
    auto x = b;
    x.method = "POST";
    differs(x, "method");
    x = b;
    x.target = "/v1/organization/certificates/cert%20a/b+c?after=x&limit=2&include[]=content";
    differs(x, "path (decoded segments)");
    x = b;
    x.target = "/v1/organization/certificates/cert%20a%2Fb+c?after=x&limit=2&include=content";
    differs(x, "query parameters");
    x = b;
    x.target += "&limit=2";
    differs(x, "query parameters");
    x = b;
    x.headers["authorization"] = "Bearer other";
    differs(x, "Authorization");
    x = b;
    x.headers["idempotency-key"] = "k";
    differs(x, "header only the C++ SDK sends: idempotency-key");

    auto p = a, q = b;
    p.method = q.method = "POST";
    p.body = R"({"certificate_ids":["a","b"]})";
    q.body = "{ \"certificate_ids\" : [ \"a\", \"b\" ] }";
    p.headers["content-type"] = "application/json";
    q.headers["content-type"] = "Application/JSON; charset=utf-8";
    BOOST_TEST(differences(p, q).empty());
    q.body = R"({"certificate_ids":["b","a"]})";
    BOOST_TEST((differences(p, q) == std::vector<std::string>{"JSON body"}));
    q.body = p.body;
    q.headers["content-type"] = "text/plain";
    BOOST_TEST((differences(p, q) == std::vector<std::string>{"Content-Type media type"}));
    q.headers["content-type"] = "application/json";
    q.body.clear();
    BOOST_TEST((differences(p, q) == std::vector<std::string>{"body present on one side only"}));
}

BOOST_AUTO_TEST_SUITE_END()
