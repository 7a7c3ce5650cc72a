// The public testing kit (openai::admin::testing) as its users see it: the fake server's
// configuration, state seeding and read-back, recorded requests, scripted faults by operation
// and count, the caller's io_context, mutual TLS, the test PEM makers, and the errors for bad
// input at the call.

#include "../support/fixture.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <type_traits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace oa_test;
using std::chrono::milliseconds;
namespace oat = openai::admin::testing;

namespace {

const auto tuple = asio::as_tuple(asio::use_awaitable);

// The message of what `f` throws as E (fails the test when it throws nothing or another type).
template <class E, class F>
std::string thrown(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    BOOST_FAIL("expected an exception");
    return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// With the server on the test's io_context, io.run() never runs out of work (the server
// listens): run until the coroutine completes, then stop. Rethrows what it threw.
template <class T>
T run_until_done(asio::io_context& io, asio::awaitable<T> a) {
    std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> result;
    std::exception_ptr error;
    bool done = false;
    asio::co_spawn(io, std::move(a), [&](std::exception_ptr e, auto... v) {
        error = e;
        if constexpr (sizeof...(v) > 0)
            result.emplace(std::move(v)...);
        done = true;
        io.stop();
    });
    io.restart();
    io.run_for(std::chrono::seconds(60));
    if (!done)
        throw std::runtime_error("coroutine did not finish within 60 s");
    if (error)
        std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>)
        return std::move(*result);
}

// A client straight from the kit's client_config(), with a short timeout and no retry delay
// worth waiting for.
struct kit {
    oat::fake_server fake;
    asio::io_context io;
    oa::client api;
    explicit kit(oat::fake_server_options o = {}, unsigned retries = 0)
        : fake(std::move(o)), api(io, tuned(fake.client_config(), retries)) {}
    static oa::client_config tuned(oa::client_config cfg, unsigned retries) {
        cfg.max_retries = retries;
        cfg.request_timeout = std::chrono::seconds(10);
        return cfg;
    }
    template <class T>
    T run(asio::awaitable<T> a) {
        return run_on(io, std::move(a));
    }
    oa::error_code get(const std::string& id, oa::diagnostics& diag) {
        return std::get<0>(run(api.certificates().async_get(id, {}, diag, tuple)));
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(testing_kit)

BOOST_AUTO_TEST_CASE(client_config_points_at_the_server) {
    oat::fake_server fake;
    const auto cfg = fake.client_config();
    BOOST_TEST(cfg.base_url == fake.base_url());
    BOOST_TEST(cfg.admin_key == oat::fake_server_options{}.admin_key);
    BOOST_TEST(!cfg.tls.use_system_trust_store);
    BOOST_TEST(cfg.tls.ca_pem == fake.ca_pem());
    BOOST_TEST(cfg.tls.client_cert_pem.empty());
    BOOST_TEST(cfg.max_retries == oa::client_config{}.max_retries); // the SDK's defaults otherwise
    BOOST_TEST(fake.base_url().rfind("https://127.0.0.1:", 0) == 0u);

    asio::io_context io;
    oa::client api(io, cfg);
    oa::diagnostics diag;
    auto [ec, cert] = run_on(io, api.certificates().async_get("cert_none", {}, diag, tuple));
    BOOST_TEST(ec == oa::api_errc::not_found);
    BOOST_TEST(diag.status == 404u);
    BOOST_TEST(!diag.request_id.empty());
}

BOOST_AUTO_TEST_CASE(plain_http_has_no_ca) {
    oat::fake_server fake({.tls = false});
    BOOST_TEST(fake.ca_pem().empty());
    BOOST_TEST(fake.client_config().base_url.rfind("http://", 0) == 0u);
    asio::io_context io;
    oa::client api(io, fake.client_config());
    fake.seed_certificates(1);
    auto page = *run_on(io, api.certificates().list().async_next_page());
    BOOST_TEST(page.data.size() == 1u);
}

BOOST_AUTO_TEST_CASE(seeded_state_is_what_the_api_returns) {
    kit k;
    const std::string pem = oat::make_ca_pem({.common_name = "Seeded"});
    const auto ids = k.fake.seed({
        {.name = "a", .created_at = 1700000100, .active_in_organization = true},
        {.id = "cert_mine", .pem = pem, .created_at = 1700000200, .expires_at = 1900000000,
         .active_in_projects = {"proj_2", "proj_1"}},
        {.name = "c"},
    });
    BOOST_TEST_REQUIRE(ids.size() == 3u);
    BOOST_TEST(ids[0] == "cert_seed_000000");
    BOOST_TEST(ids[1] == "cert_mine");
    BOOST_TEST(ids[2] == "cert_seed_000001");

    const auto a = k.fake.certificate(ids[0]);
    BOOST_TEST(a.name.value_or("-") == "a");
    BOOST_TEST(a.created_at == 1700000100);
    BOOST_TEST(a.active_in_organization);
    BOOST_TEST(a.active_in_projects.empty());
    BOOST_TEST(a.valid_at < a.expires_at);
    const auto mine = k.fake.certificate("cert_mine");
    BOOST_TEST(!mine.name);
    BOOST_TEST(mine.pem == pem);
    BOOST_TEST(mine.expires_at == 1900000000);
    BOOST_TEST(mine.active_in_projects == (std::vector<std::string>{"proj_1", "proj_2"}));
    BOOST_TEST(k.fake.certificate(ids[2]).created_at > 1700000200); // now

    // The API agrees: dates, names, activation per scope, order.
    auto got = k.run(k.api.certificates().async_get("cert_mine", {.include_content = true}));
    BOOST_TEST(got.certificate_details.expires_at.value_or(0) == 1900000000);
    BOOST_TEST(got.certificate_details.content.value_or("") == pem);
    BOOST_TEST(!got.name);
    auto org = *k.run(k.api.certificates().list({.order = oa::order::asc}).async_next_page());
    BOOST_TEST_REQUIRE(org.data.size() == 3u);
    BOOST_TEST(org.data[0].id == ids[0]);
    BOOST_TEST(org.data[0].active);
    BOOST_TEST(!org.data[1].active);
    auto p1 = *k.run(k.api.projects("proj_1").certificates().list().async_next_page());
    BOOST_TEST_REQUIRE(p1.data.size() == 3u);
    for (const auto& c : p1.data)
        BOOST_TEST(c.active == (c.id == "cert_mine"), c.id);

    BOOST_TEST(k.fake.active_in_organization() == std::vector<std::string>{ids[0]});
    BOOST_TEST(k.fake.active_in_project("proj_2") == std::vector<std::string>{"cert_mine"});
    BOOST_TEST(k.fake.active_in_project("proj_none").empty());
    BOOST_TEST(k.fake.has_certificate("cert_mine"));
    BOOST_TEST(!k.fake.has_certificate("cert_other"));
}

BOOST_AUTO_TEST_CASE(state_follows_every_operation) {
    kit k;
    const auto cert = k.run(k.api.certificates().async_upload({.certificate = oat::make_ca_pem(), .name = "up"}));
    BOOST_TEST(k.fake.certificate(cert.id).name.value_or("-") == "up");
    k.run(k.api.certificates().async_modify(cert.id, {.name = "renamed"}));
    BOOST_TEST(k.fake.certificate(cert.id).name.value_or("-") == "renamed");
    k.run(k.api.certificates().async_activate(cert.id));
    k.run(k.api.projects("proj_1").certificates().async_activate(cert.id));
    BOOST_TEST(k.fake.is_active_in_organization(cert.id));
    BOOST_TEST(k.fake.is_active_in_project("proj_1", cert.id));
    BOOST_TEST(!k.fake.is_active_in_project("proj_2", cert.id));
    k.run(k.api.certificates().async_deactivate(cert.id));
    k.run(k.api.projects("proj_1").certificates().async_deactivate(cert.id));
    BOOST_TEST(k.fake.certificate(cert.id).active_in_projects.empty());
    k.run(k.api.certificates().async_delete(cert.id));
    BOOST_TEST(!k.fake.has_certificate(cert.id));
    BOOST_TEST(k.fake.certificate_count() == 0u);
}

BOOST_AUTO_TEST_CASE(every_operation_is_recorded_by_name) {
    kit k;
    const auto id = k.fake.seed_certificates(1).at(0);
    k.run(k.api.certificates().list().async_next_page());
    const auto up = k.run(k.api.certificates().async_upload({.certificate = oat::make_ca_pem()}));
    k.run(k.api.certificates().async_get(id, {.include_content = true}));
    k.run(k.api.certificates().async_modify(id, {.name = "n"}));
    k.run(k.api.certificates().async_activate(id));
    k.run(k.api.certificates().async_deactivate(id));
    k.run(k.api.projects("proj_1").certificates().list({.limit = 5}).async_next_page());
    k.run(k.api.projects("proj_1").certificates().async_activate(id));
    k.run(k.api.projects("proj_1").certificates().async_deactivate(id));
    k.run(k.api.certificates().async_delete(up.id));

    std::vector<std::string> ops;
    for (const auto& r : k.fake.requests())
        ops.push_back(r.operation);
    const std::vector<std::string> want(oat::operation_names.begin(), oat::operation_names.end());
    const std::vector<std::string> sent = {want[0], want[1], want[2], want[3], want[5], want[6],
                                           want[7], want[8], want[9], want[4]};
    BOOST_TEST(ops == sent, boost::test_tools::per_element());
    for (auto name : oat::operation_names)
        BOOST_TEST(k.fake.request_count(name) == 1u, name);
    BOOST_TEST(k.fake.request_count() == 10u);

    // The helpers: headers by any case, decoded query, JSON body.
    const auto get = k.fake.requests("getCertificate").at(0);
    BOOST_TEST(get.header("AUTHORIZATION").value_or("") == "Bearer " + oat::fake_server_options{}.admin_key);
    BOOST_TEST(!get.header("x-absent"));
    BOOST_TEST(get.query_value("include[]").value_or("") == "content");
    BOOST_TEST(!get.query_value("limit"));
    BOOST_TEST(get.path == "/organization/certificates/" + id);
    BOOST_TEST(k.fake.requests("listProjectCertificates").at(0).query_value("limit").value_or("") == "5");
    const auto act = k.fake.requests("activateProjectCertificates").at(0);
    BOOST_TEST(boost::json::serialize(act.json()) == R"({"certificate_ids":[")" + id + R"("]})");
    BOOST_TEST(contains(thrown<std::invalid_argument>([&] { (void)get.json(); }), "GET /organization/certificates/"));

    // A request that matches no route has no operation.
    k.fake.clear_requests();
    BOOST_TEST(k.fake.request_count() == 0u);
}

BOOST_AUTO_TEST_CASE(faults_by_operation_and_count) {
    kit k;
    const auto ids = k.fake.seed_certificates(1);
    k.fake.inject("getCertificate", oat::fault::with_status(500), 2);
    BOOST_TEST(k.fake.pending_faults() == 2u);

    // Another operation is not affected.
    BOOST_TEST(k.run(k.api.certificates().list().async_next_page())->data.size() == 1u);
    BOOST_TEST(k.fake.pending_faults() == 2u);

    oa::diagnostics diag;
    BOOST_TEST(k.get(ids[0], diag) == oa::api_errc::server_error);
    BOOST_TEST(diag.type == "server_error");
    BOOST_TEST(k.get(ids[0], diag) == oa::api_errc::server_error);
    BOOST_TEST(k.fake.pending_faults() == 0u);
    BOOST_TEST(!k.get(ids[0], diag));

    // Any-operation faults apply to the next request whatever it is, in injection order.
    k.fake.inject(oat::fault::with_status(418, R"({"error":{"message":"teapot","type":"x"}})"));
    k.fake.inject("getCertificate", oat::fault::with_status(404));
    auto [ec, page] = k.run(k.api.certificates().list().async_next_page(tuple));
    BOOST_TEST(ec == oa::api_errc::unexpected_status);
    BOOST_TEST(k.get(ids[0], diag) == oa::api_errc::not_found);
    BOOST_TEST(k.fake.pending_faults() == 0u);
}

BOOST_AUTO_TEST_CASE(named_faults_reach_the_client_as_documented) {
    kit k({}, 1);
    const auto id = k.fake.seed_certificates(1).at(0);
    oa::diagnostics diag;

    // 429 with retry-after-ms: retried after that wait, then fine.
    k.fake.inject("getCertificate", oat::fault::rate_limited(milliseconds(5)));
    BOOST_TEST(!k.get(id, diag));
    BOOST_TEST(diag.attempts == 2u);
    // 503: retried.
    k.fake.inject("getCertificate", oat::fault::unavailable());
    BOOST_TEST(!k.get(id, diag));
    BOOST_TEST(diag.attempts == 2u);
    // x-should-retry: false wins over a retryable status.
    k.fake.inject("getCertificate", oat::fault::should_retry(503, false));
    BOOST_TEST(k.get(id, diag) == oa::api_errc::server_error);
    BOOST_TEST(diag.attempts == 1u);
    // Transport faults: every try fails (the retry, and a resend on a fresh connection, too).
    for (const auto& f : {oat::fault::reset_before_reply(), oat::fault::reset_mid_reply(), oat::fault::truncated_body()}) {
        k.fake.clear_requests();
        k.fake.inject("getCertificate", f, 10);
        BOOST_TEST(k.get(id, diag).failed());
        BOOST_TEST(diag.attempts == 2u);
        BOOST_TEST(k.fake.request_count("getCertificate") >= 2u);
        BOOST_TEST(diag.message.find("404") == std::string::npos);
        k.fake.set_fault_hook({});
        while (k.fake.pending_faults() > 0) // use up the rest
            (void)k.get(id, diag);
    }
    // A 200 that is not JSON.
    k.fake.inject("getCertificate", oat::fault::malformed_json());
    BOOST_TEST(k.get(id, diag) == oa::client_errc::invalid_json);
    BOOST_TEST(diag.status == 200u);
    // The normal answer after a close: the next request needs a new connection.
    k.fake.inject("getCertificate", oat::fault::close_after_reply());
    BOOST_TEST(!k.get(id, diag));
    const auto before = k.fake.connections_accepted();
    BOOST_TEST(!k.get(id, diag));
    BOOST_TEST(k.fake.connections_accepted() == before + 1);
    BOOST_TEST(k.fake.pending_faults() == 0u);
}

BOOST_AUTO_TEST_CASE(delays_and_silence_meet_the_clients_timeout) {
    oat::fake_server fake;
    asio::io_context io;
    auto cfg = fake.client_config();
    cfg.max_retries = 0;
    cfg.request_timeout = milliseconds(300);
    oa::client api(io, cfg);
    const auto id = fake.seed_certificates(1).at(0);
    oa::diagnostics diag;

    fake.inject("getCertificate", oat::fault::no_reply());
    BOOST_TEST((get_once(io, api, diag, id) == boost::beast::error::timeout));
    fake.inject("getCertificate", oat::fault::delayed(std::chrono::seconds(3)));
    BOOST_TEST((get_once(io, api, diag, id) == boost::beast::error::timeout));
    fake.inject("getCertificate", oat::fault::delayed(milliseconds(1)));
    BOOST_TEST(!get_once(io, api, diag, id));
}

BOOST_AUTO_TEST_CASE(hook_sees_what_no_injected_fault_took) {
    kit k;
    const auto id = k.fake.seed_certificates(1).at(0);
    int seen = 0;
    k.fake.set_fault_hook([&seen](const oat::recorded_request& r) -> std::optional<oat::fault> {
        ++seen;
        if (r.operation == "getCertificate" && r.query_value("include[]"))
            return oat::fault::with_status(403);
        return std::nullopt;
    });
    k.fake.inject("getCertificate", oat::fault::with_status(500));
    oa::diagnostics diag;
    BOOST_TEST(k.get(id, diag) == oa::api_errc::server_error); // the injected one first
    BOOST_TEST(seen == 0);
    BOOST_TEST(!k.get(id, diag));
    auto [ec, c] = k.run(k.api.certificates().async_get(id, {.include_content = true}, diag, tuple));
    BOOST_TEST(ec == oa::api_errc::permission_denied);
    BOOST_TEST(seen == 2);

    k.fake.inject(oat::fault::with_status(500), 3);
    k.fake.reset(); // drops state, faults, the hook and the recorded requests
    BOOST_TEST(k.fake.pending_faults() == 0u);
    BOOST_TEST(k.fake.certificate_count() == 0u);
    BOOST_TEST(k.fake.request_count() == 0u);
    BOOST_TEST(k.get(id, diag) == oa::api_errc::not_found);
    BOOST_TEST(seen == 2);
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_at_the_call) {
    oat::fake_server fake({.max_certificates = 3});
    fake.seed_certificates(2);

    // Over the limit: nothing is added.
    auto msg = thrown<std::invalid_argument>([&] { fake.seed_certificates(2); });
    BOOST_TEST(contains(msg, "limit of 3"), msg);
    BOOST_TEST(contains(msg, "max_certificates"), msg);
    BOOST_TEST(fake.certificate_count() == 2u);
    msg = thrown<std::invalid_argument>([&] { fake.seed({{.id = "cert_seed_000000"}}); });
    BOOST_TEST(contains(msg, "'cert_seed_000000' is already taken"), msg);
    msg = thrown<std::invalid_argument>([&] { fake.seed({{.pem = "not a pem"}}); });
    BOOST_TEST(contains(msg, "entry 0"), msg);
    BOOST_TEST(contains(msg, "PEM"), msg);
    msg = thrown<std::invalid_argument>([&] { fake.seed({{.active_in_projects = {"proj\r\nX"}}}); });
    BOOST_TEST(contains(msg, "CR or LF"), msg);
    msg = thrown<std::invalid_argument>([&] { fake.seed({{.id = ""}}); });
    BOOST_TEST(contains(msg, "id ''"), msg);
    BOOST_TEST(fake.certificate_count() == 2u);

    // Unknown ids in state queries.
    msg = thrown<std::out_of_range>([&] { (void)fake.certificate("cert_nope"); });
    BOOST_TEST(contains(msg, "'cert_nope'"), msg);
    msg = thrown<std::out_of_range>([&] { (void)fake.is_active_in_organization("cert_nope"); });
    BOOST_TEST(contains(msg, "'cert_nope'"), msg);
    BOOST_CHECK_THROW((void)fake.is_active_in_project("proj_1", "cert_nope"), std::out_of_range);

    // Unknown operation names.
    msg = thrown<std::invalid_argument>([&] { fake.inject("getCertificates", oat::fault::unavailable()); });
    BOOST_TEST(contains(msg, "unknown operation 'getCertificates'"), msg);
    BOOST_TEST(contains(msg, "getCertificate,"), msg); // lists the known names
    BOOST_CHECK_THROW((void)fake.requests("list"), std::invalid_argument);
    BOOST_CHECK_THROW((void)fake.request_count("list"), std::invalid_argument);
    BOOST_TEST(fake.pending_faults() == 0u);

    // Options.
    BOOST_CHECK_THROW(oat::fake_server({.tls = false, .mutual_tls = true}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(wait_for_requests_across_threads) {
    kit k;
    const auto id = k.fake.seed_certificates(1).at(0);
    BOOST_TEST(!k.fake.wait_for_requests(1, milliseconds(20)));
    std::thread client([&] {
        oa::diagnostics diag;
        for (int i = 0; i < 3; ++i)
            (void)k.get(id, diag);
    });
    BOOST_TEST(k.fake.wait_for_requests(3, std::chrono::seconds(20)));
    client.join();
    BOOST_TEST(k.fake.request_count("getCertificate") == 3u);
}

BOOST_AUTO_TEST_CASE(runs_on_the_callers_io_context) {
    asio::io_context io;
    auto fake = std::make_unique<oat::fake_server>(io);
    const auto id = fake->seed_certificates(1).at(0);
    auto cfg = fake->client_config();
    cfg.max_retries = 0;
    oa::client api(io, cfg);
    // One thread runs both the server and the client.
    auto cert = run_until_done(io, api.certificates().async_get(id));
    BOOST_TEST(cert.id == id);
    BOOST_TEST(fake->request_count() == 1u);
    // Waiting on the io_context's own thread would block the requests waited for.
    auto waits = [&]() -> asio::awaitable<void> {
        (void)fake->wait_for_requests(2, milliseconds(1));
        co_return;
    };
    BOOST_CHECK_THROW(run_until_done(io, waits()), std::logic_error);
    // Closing idle connections from the io thread: the client's pooled one goes, a new one serves.
    auto closes = [&]() -> asio::awaitable<void> {
        fake->close_idle_connections();
        co_return;
    };
    run_until_done(io, closes());
    BOOST_TEST(run_until_done(io, api.certificates().async_get(id)).id == id);
    BOOST_TEST(fake->connections_accepted() == 2u);
    // Destroyed while the io_context is not running: its sockets close when it runs next.
    fake.reset();
    oa::diagnostics diag;
    auto [ec, c] = run_until_done(io, api.certificates().async_get(id, {}, diag, tuple));
    BOOST_TEST(ec.failed()); // nothing listens any more
    BOOST_TEST(diag.status == 0u);
}

BOOST_AUTO_TEST_CASE(mutual_tls_identity_comes_with_the_config) {
    oat::fake_server fake({.mutual_tls = true});
    BOOST_TEST_REQUIRE(fake.client_identity().has_value());
    const auto cfg = fake.client_config();
    BOOST_TEST(cfg.tls.client_cert_pem == fake.client_identity()->cert_pem);
    asio::io_context io;
    oa::client with(io, cfg);
    auto page = *run_on(io, with.certificates().list().async_next_page());
    BOOST_TEST(page.data.empty());
    BOOST_TEST(fake.request_count() == 1u);

    auto bare = cfg;
    bare.tls.client_cert_pem.clear();
    bare.tls.client_key_pem.clear();
    bare.max_retries = 0;
    oa::client without(io, bare);
    oa::diagnostics diag;
    BOOST_TEST(get_once(io, without, diag, "cert_x").failed());
    BOOST_TEST(diag.status == 0u);
    BOOST_TEST(fake.request_count() == 1u); // the handshake failed: nothing was recorded
}

BOOST_AUTO_TEST_CASE(pem_makers_cover_what_check_ca_pem_refuses) {
    BOOST_TEST(oa::check_ca_pem(oat::make_ca_pem()).ok());
    BOOST_TEST((oa::check_ca_pem(oat::make_expired_ca_pem()).error == oa::pem_errc::expired));
    BOOST_TEST((oa::check_ca_pem(oat::make_ca_pem_expiring_in(std::chrono::hours(2))).error ==
               oa::pem_errc::expiring_soon));
    BOOST_TEST(oa::check_ca_pem(oat::make_ca_pem_expiring_in(std::chrono::hours(24 * 30))).ok());
    BOOST_TEST((oa::check_ca_pem(oat::make_non_ca_pem()).error == oa::pem_errc::not_a_ca));
    BOOST_TEST((oa::check_ca_pem(oat::make_ca_pem_without_key_ids()).error == oa::pem_errc::missing_subject_key_id));

    // The strict fake refuses the same, with the API's code.
    kit k({.strict_certificate_checks = true});
    for (const auto& pem : {oat::make_expired_ca_pem(), oat::make_non_ca_pem(), oat::make_ca_pem_without_key_ids()}) {
        oa::diagnostics diag;
        auto [ec, c] = k.run(k.api.certificates().async_upload({.certificate = pem}, diag, tuple));
        BOOST_TEST(ec == oa::api_errc::bad_request);
        BOOST_TEST(diag.code.value_or("") == "invalid_certificate");
    }
    BOOST_TEST(k.fake.certificate_count() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
