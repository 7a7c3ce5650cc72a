// The fault matrix: one test per fault, asserting the error, the attempts made, the delay
// honoured, and that the client is usable afterwards. Plus cancellation, the connection pool,
// observability, and a load test with transient failures.

#include "../support/fixture.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace oa_test;
namespace http = boost::beast::http;
using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

namespace {

const auto tuple = asio::as_tuple(asio::use_awaitable);
const std::string error_json = R"({"error":{"message":"slow down","type":"requests","param":null,"code":"rate_limit_exceeded"}})";

// What the on_attempt hook saw (its views do not outlive the call, so copied).
struct seen_attempt {
    unsigned attempt = 0;
    unsigned status = 0;
    oa::error_code error;
    bool will_retry = false;
    milliseconds retry_delay{0};
    steady::time_point started{};
    steady::time_point ended{};
};

// A server (TLS unless told), a client with the default retry policy (2 retries) recording
// every attempt, and one uploaded certificate to get.
struct rig {
    fake_server_options opts;
    fake_server server;
    asio::io_context io;
    std::vector<seen_attempt> attempts;
    oa::client api;
    std::string cert_id;

    explicit rig(const std::function<void(oa::client_config&)>& tweak = {}, fake_server_options o = {})
        : opts(std::move(o)), server(opts), api(io, make_config(tweak)) {
        // set up with one attempt and nothing recorded
        cert_id = run(api.with_options({.max_retries = 0}).certificates().async_upload(
                          {.certificate = make_ca_pem()}))
                      .id;
        attempts.clear();
        server.clear_requests();
    }

    oa::client_config make_config(const std::function<void(oa::client_config&)>& tweak) {
        auto cfg = config_for(server, opts);
        cfg.max_retries = 2;
        cfg.on_attempt = [this](const oa::attempt_info& i) {
            auto now = steady::now();
            attempts.push_back({i.attempt, i.status, i.error, i.will_retry, i.retry_delay, now - i.latency, now});
        };
        if (tweak)
            tweak(cfg);
        return cfg;
    }

    template <class T>
    T run(asio::awaitable<T> a) {
        auto fut = asio::co_spawn(io, std::move(a), asio::use_future);
        io.restart();
        io.run_for(std::chrono::seconds(60));
        BOOST_REQUIRE(fut.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
        return fut.get();
    }

    // A get of the uploaded certificate: the call every fault is injected into.
    std::tuple<oa::error_code, oa::certificate, oa::diagnostics> get(const oa::client& c) {
        oa::diagnostics diag;
        auto [ec, cert] = run(c.certificates().async_get(cert_id, {}, diag, tuple));
        return {ec, cert, diag};
    }
    std::tuple<oa::error_code, oa::certificate, oa::diagnostics> get() { return get(api); }

    // Usable afterwards: a plain get succeeds.
    bool still_usable() {
        auto [ec, cert, diag] = get();
        return !ec && cert.id == cert_id;
    }

    milliseconds gap(std::size_t i) const { // between the end of attempt i and the start of i+1
        return std::chrono::duration_cast<milliseconds>(attempts.at(i + 1).started - attempts.at(i).ended);
    }
};

// The delay was honoured: not shorter than asked, and not absurdly longer.
void check_delay(const rig& r, std::size_t i, milliseconds asked) {
    BOOST_TEST(r.attempts.at(i).will_retry);
    BOOST_TEST(r.attempts.at(i).retry_delay.count() == asked.count());
    BOOST_TEST(r.gap(i).count() >= asked.count() - 2, "waited " << r.gap(i).count() << " ms");
    BOOST_TEST(r.gap(i).count() < asked.count() + 2000, "waited " << r.gap(i).count() << " ms");
}

void no_retries(oa::client_config& c) { c.max_retries = 0; }

// The fault ends the call after one attempt with `expected`; the client stays usable.
oa::diagnostics expect_no_retry(rig& r, fault reply, oa::error_code expected) {
    r.server.inject(std::move(reply));
    auto [ec, cert, diag] = r.get();
    BOOST_TEST(ec == expected, ec.message());
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(r.server.requests().size() == 1u);
    BOOST_TEST(r.still_usable());
    return diag;
}

// A TCP listener that accepts and then never says a word (not even a TLS hello).
struct mute_listener {
    asio::ip::tcp::acceptor acceptor;
    std::vector<std::shared_ptr<asio::ip::tcp::socket>> sockets;
    explicit mute_listener(asio::io_context& io) : acceptor(io, {asio::ip::make_address("127.0.0.1"), 0}) { accept(); }
    void accept() {
        auto s = std::make_shared<asio::ip::tcp::socket>(acceptor.get_executor());
        acceptor.async_accept(*s, [this, s](oa::error_code ec) {
            if (ec)
                return;
            sockets.push_back(s);
            accept();
        });
    }
    std::string url(const char* scheme) const {
        return std::string(scheme) + "://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()) + "/v1";
    }
    void close() {
        oa::error_code ignored;
        acceptor.close(ignored);
        for (auto& s : sockets)
            s->close(ignored);
    }
};

asio::awaitable<oa::error_code> get_or_timer(oa::client api, milliseconds limit, bool& timer_won) {
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer timer(co_await asio::this_coro::executor, limit);
    auto r = co_await (api.certificates().async_get("cert_x", {}, tuple) || timer.async_wait(tuple));
    timer_won = r.index() == 1;
    co_return r.index() == 0 ? std::get<0>(std::get<0>(r)) : oa::error_code(asio::error::operation_aborted);
}

} // namespace

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(rate_limited_with_retry_after_seconds) {
    rig r;
    r.server.inject({.status = 429, .headers = {{"retry-after", "1"}}, .body = error_json});
    auto [ec, cert, diag] = r.get();
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(cert.id == r.cert_id);
    BOOST_TEST(diag.attempts == 2u);
    BOOST_TEST_REQUIRE(r.attempts.size() == 2u);
    BOOST_TEST(r.attempts[0].status == 429u);
    BOOST_TEST(r.attempts[0].error == oa::api_errc::rate_limited);
    check_delay(r, 0, milliseconds(1000));
    BOOST_TEST(r.attempts[1].status == 200u);
    BOOST_TEST(!r.attempts[1].will_retry);
    BOOST_TEST(r.server.requests().size() == 2u);
    // the identical request again
    BOOST_TEST(r.server.requests()[0].target == r.server.requests()[1].target);
    BOOST_TEST(r.server.requests()[0].headers == r.server.requests()[1].headers);
}

BOOST_AUTO_TEST_CASE(rate_limited_with_retry_after_ms) {
    rig r;
    r.server.inject({.status = 429, .headers = {{"retry-after-ms", "300"}, {"retry-after", "30"}}, .body = error_json});
    auto [ec, cert, diag] = r.get();
    BOOST_TEST(!ec);
    BOOST_TEST(diag.attempts == 2u);
    BOOST_TEST_REQUIRE(r.attempts.size() == 2u);
    check_delay(r, 0, milliseconds(300));
}

BOOST_AUTO_TEST_CASE(rate_limited_until_retries_run_out) {
    rig r;
    for (int i = 0; i < 3; ++i)
        r.server.inject({.status = 429, .headers = {{"retry-after-ms", "10"}, {"x-request-id", "req_" + std::to_string(i)}},
                             .body = error_json});
    auto [ec, cert, diag] = r.get();
    BOOST_TEST(ec == oa::api_errc::rate_limited);
    BOOST_TEST(diag.attempts == 3u);
    BOOST_TEST(diag.request_id == "req_2"); // the last attempt's
    BOOST_TEST(diag.code.value() == "rate_limit_exceeded");
    BOOST_TEST(oa::describe(ec, diag).find("after 3 attempts") != std::string::npos, oa::describe(ec, diag));
    BOOST_TEST(r.server.requests().size() == 3u);
    BOOST_TEST(!r.attempts.back().will_retry);
    BOOST_TEST(r.still_usable());
}

BOOST_AUTO_TEST_CASE(service_unavailable_twice_then_ok) {
    rig r;
    r.server.inject({.status = 503, .body = "{}"});
    r.server.inject({.status = 503, .body = "{}"});
    auto [ec, cert, diag] = r.get();
    BOOST_TEST(!ec);
    BOOST_TEST(cert.id == r.cert_id);
    BOOST_TEST(diag.attempts == 3u);
    BOOST_TEST_REQUIRE(r.attempts.size() == 3u);
    // no server delay: exponential backoff 0.5 s then 1 s, each up to 25 % shorter
    BOOST_TEST(r.attempts[0].retry_delay.count() >= 375); // truncated to ms: 375.x is 375
    BOOST_TEST(r.attempts[0].retry_delay.count() <= 500);
    BOOST_TEST(r.attempts[1].retry_delay.count() >= 750);
    BOOST_TEST(r.attempts[1].retry_delay.count() <= 1000);
    check_delay(r, 0, r.attempts[0].retry_delay);
    check_delay(r, 1, r.attempts[1].retry_delay);
}

BOOST_AUTO_TEST_CASE(should_retry_false_stops_a_retryable_status) {
    rig r;
    expect_no_retry(r, {.status = 500, .headers = {{"x-should-retry", "false"}}, .body = "{}"}, oa::api_errc::server_error);
}

BOOST_AUTO_TEST_CASE(should_retry_true_retries_a_client_error) {
    rig r;
    r.server.inject({.status = 400, .headers = {{"x-should-retry", "true"}, {"retry-after-ms", "10"}}, .body = "{}"});
    auto [ec, cert, diag] = r.get();
    BOOST_TEST(!ec);
    BOOST_TEST(diag.attempts == 2u);
    BOOST_TEST(r.server.requests().size() == 2u);
}

// A reset on a connection that served an earlier request would be taken for a stale keep-alive
// connection and replaced; these faults hit a fresh connection.
BOOST_AUTO_TEST_CASE(connection_reset_before_the_response) {
    rig one(no_retries);
    one.server.close_idle_connections();
    one.server.inject({.close_without_reply = true, .reset = true});
    auto [ec, cert, diag] = one.get();
    BOOST_TEST((ec == asio::error::connection_reset), ec.message());
    BOOST_TEST(diag.status == 0u);
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(one.still_usable());

    rig r;
    r.server.close_idle_connections();
    r.server.inject({.close_without_reply = true, .reset = true});
    auto [ec2, cert2, diag2] = r.get();
    BOOST_TEST(!ec2);
    BOOST_TEST(diag2.attempts == 2u);
    BOOST_TEST_REQUIRE(r.attempts.size() == 2u);
    BOOST_TEST(r.attempts[0].error == asio::error::connection_reset);
}

BOOST_AUTO_TEST_CASE(connection_reset_mid_body) {
    const std::string partial = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"object\":\"certif";
    rig one(no_retries);
    one.server.inject({.raw = partial, .reset = true});
    auto [ec, cert, diag] = one.get();
    BOOST_TEST((ec == asio::error::connection_reset), ec.message());
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(one.still_usable());

    rig r;
    r.server.inject({.raw = partial, .reset = true});
    auto [ec2, cert2, diag2] = r.get();
    BOOST_TEST(!ec2);
    BOOST_TEST(cert2.id == r.cert_id);
    BOOST_TEST(diag2.attempts == 2u);
}

BOOST_AUTO_TEST_CASE(body_shorter_than_content_length) {
    const std::string shorter = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"object\":\"certif";
    rig one(no_retries);
    one.server.inject({.raw = shorter});
    auto [ec, cert, diag] = one.get();
    BOOST_TEST((ec == http::error::partial_message), ec.message());
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(one.still_usable());

    rig r;
    r.server.inject({.raw = shorter});
    auto [ec2, cert2, diag2] = r.get();
    BOOST_TEST(!ec2);
    BOOST_TEST(diag2.attempts == 2u);
}

BOOST_AUTO_TEST_CASE(malformed_json_on_200_is_not_retried) {
    rig r;
    expect_no_retry(r, {.status = 200, .body = "{\"object\": \"certif"}, oa::client_errc::invalid_json);
}

BOOST_AUTO_TEST_CASE(wrong_shape_on_200_is_not_retried) {
    rig r;
    auto diag = expect_no_retry(r, {.status = 200, .body = R"({"object":"list","data":[]})"}, oa::client_errc::missing_field);
    BOOST_TEST(diag.message.find("id") != std::string::npos, diag.message);
}

BOOST_AUTO_TEST_CASE(body_over_the_limit_is_not_retried) {
    rig r([](oa::client_config& c) { c.max_response_body = 2048; });
    expect_no_retry(r, {.status = 200, .body = std::string(8192, ' ') + "{}"}, http::error::body_limit);
}

BOOST_AUTO_TEST_CASE(server_never_answers) {
    rig r([](oa::client_config& c) { c.request_timeout = milliseconds(300); });
    for (int i = 0; i < 3; ++i)
        r.server.inject({.hang = true});
    auto [ec, cert, diag] = r.get();
    BOOST_TEST((ec == boost::beast::error::timeout));
    BOOST_TEST(diag.attempts == 3u);
    BOOST_TEST(diag.message.find("request_timeout 300 ms") != std::string::npos, diag.message);
    BOOST_TEST(r.server.requests().size() == 3u);
    BOOST_TEST(r.still_usable());
    // each timed-out connection was closed, not reused: 3 hung + 1 new for the last get
    BOOST_TEST(r.server.connections_accepted() == 4u);
}

BOOST_AUTO_TEST_CASE(total_timeout_bounds_the_whole_call) {
    rig r([](oa::client_config& c) { c.request_timeout = milliseconds(400); });
    for (int i = 0; i < 3; ++i)
        r.server.inject({.hang = true});
    auto quick = r.api.with_options({.total_timeout = milliseconds(600)});
    auto started = steady::now();
    auto [ec, cert, diag] = r.get(quick);
    BOOST_TEST((ec == boost::beast::error::timeout));
    // 400 ms, then the backoff (>= 375 ms) leaves no time for a useful attempt
    BOOST_TEST(diag.attempts <= 2u);
    BOOST_TEST((steady::now() - started < std::chrono::seconds(5)));
    r.server.reset();
    auto [ec2, cert2, diag2] = r.get(r.api.with_options({.request_timeout = milliseconds(200), .total_timeout = milliseconds(450)}));
    BOOST_TEST(ec2 == oa::api_errc::not_found); // reset() dropped the certificate; the call still ran
}

BOOST_AUTO_TEST_CASE(idle_connection_closed_by_the_server_between_calls) {
    rig r;
    BOOST_TEST(r.still_usable());
    const auto before = r.server.connections_accepted();
    r.server.close_idle_connections();
    auto [ec, cert, diag] = r.get();
    BOOST_TEST(!ec);
    BOOST_TEST(diag.attempts == 1u); // replaced transparently, not a retry
    BOOST_TEST(r.server.connections_accepted() == before + 1);
}

BOOST_AUTO_TEST_CASE(a_post_is_never_resent_behind_the_callers_back) {
    // A reused connection closed with the request on it: POST fails (no retries allowed)...
    rig r(no_retries);
    r.server.inject({.close_without_reply = true});
    oa::diagnostics diag;
    auto [ec, renamed] = r.run(r.api.certificates().async_modify(r.cert_id, {.name = "renamed"}, diag, tuple));
    BOOST_TEST(!!ec);
    BOOST_TEST(diag.status == 0u);
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(r.server.requests().size() == 1u);
    // ...while an idempotent GET goes once more on a new connection, within its one attempt.
    BOOST_TEST(r.still_usable());
    r.server.inject({.close_without_reply = true});
    auto [ec2, cert, diag2] = r.get();
    BOOST_TEST(!ec2);
    BOOST_TEST(diag2.attempts == 1u);
    BOOST_TEST(r.server.requests().size() == 4u);
}

BOOST_AUTO_TEST_CASE(tls_certificate_for_another_host_is_not_retried) {
    fake_server_options other;
    other.identity = make_server_identity({"api.example.test"}, {});
    fake_server server(other);
    asio::io_context io;
    auto cfg = config_for(server, other);
    cfg.max_retries = 2;
    oa::client api(io, cfg);
    oa::diagnostics diag;
    auto ec = get_once(io, api, diag, "c");
    BOOST_TEST((ec.category() == asio::error::get_ssl_category()), ec.message());
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(diag.message.find("connecting to 127.0.0.1") != std::string::npos, diag.message);
    BOOST_TEST(server.requests().empty());
}

BOOST_AUTO_TEST_CASE(untrusted_ca_is_not_retried) {
    fake_server_options opts;
    fake_server server(opts);
    asio::io_context io;
    auto cfg = config_for(server, opts);
    cfg.max_retries = 2;
    cfg.tls.ca_pem = make_server_identity().ca_pem; // some other CA
    oa::client api(io, cfg);
    oa::diagnostics diag;
    auto ec = get_once(io, api, diag, "c");
    BOOST_TEST((ec.category() == asio::error::get_ssl_category()), ec.message());
    BOOST_TEST(ec.message().find("certificate verify failed") != std::string::npos, ec.message());
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(server.connections_accepted() == 1u);
}

BOOST_AUTO_TEST_CASE(cancellation_during_connect) {
    // TLS handshake to a peer that never answers: cancelled while connecting.
    asio::io_context io;
    mute_listener mute(io);
    oa::client_config cfg{.admin_key = "k", .base_url = mute.url("https")};
    cfg.tls.use_system_trust_store = false;
    oa::client api(io, cfg);
    asio::cancellation_signal signal;
    oa::error_code result;
    oa::diagnostics diag;
    int calls = 0;
    api.certificates().async_get("c", {}, diag, asio::bind_cancellation_slot(signal.slot(), [&](oa::error_code ec, auto) {
                                     result = ec;
                                     ++calls;
                                 }));
    asio::steady_timer t(io, milliseconds(200));
    t.async_wait([&](oa::error_code) {
        signal.emit(asio::cancellation_type::terminal);
        mute.close();
    });
    io.run_for(std::chrono::seconds(10));
    BOOST_TEST(calls == 1);
    BOOST_TEST((result == asio::error::operation_aborted));
    BOOST_TEST(diag.attempts == 1u); // cancellation is never retried
    BOOST_TEST(io.stopped());        // nothing left behind
}

BOOST_AUTO_TEST_CASE(cancellation_during_the_read) {
    rig r;
    r.server.inject({.hang = true});
    asio::cancellation_signal signal;
    oa::error_code result;
    int calls = 0;
    r.api.certificates().async_get(r.cert_id, {}, asio::bind_cancellation_slot(signal.slot(), [&](oa::error_code ec, auto) {
                                       result = ec;
                                       ++calls;
                                   }));
    asio::steady_timer t(r.io, milliseconds(200));
    t.async_wait([&](oa::error_code) { signal.emit(asio::cancellation_type::terminal); });
    r.io.restart();
    r.io.run_for(std::chrono::seconds(10));
    BOOST_TEST(calls == 1);
    BOOST_TEST((result == asio::error::operation_aborted));
    BOOST_TEST(r.server.requests().size() == 1u);
    BOOST_TEST(r.still_usable());
}

BOOST_AUTO_TEST_CASE(cancellation_during_a_retry_wait) {
    rig r;
    r.server.inject({.status = 429, .headers = {{"retry-after", "30"}}, .body = error_json});
    asio::cancellation_signal signal;
    oa::error_code result;
    oa::diagnostics diag;
    int calls = 0;
    r.api.certificates().async_get(r.cert_id, {}, diag, asio::bind_cancellation_slot(signal.slot(), [&](oa::error_code ec, auto) {
                                       result = ec;
                                       ++calls;
                                   }));
    asio::steady_timer t(r.io, milliseconds(300));
    t.async_wait([&](oa::error_code) { signal.emit(asio::cancellation_type::terminal); });
    auto started = steady::now();
    r.io.restart();
    r.io.run_for(std::chrono::seconds(20));
    BOOST_TEST(calls == 1);
    BOOST_TEST((result == asio::error::operation_aborted));
    BOOST_TEST(diag.message == "cancelled while waiting to retry");
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(r.server.requests().size() == 1u);
    BOOST_TEST(r.io.stopped()); // the 30 s wait is gone
    BOOST_TEST((steady::now() - started < std::chrono::seconds(10)));
    BOOST_TEST(r.still_usable());
}

BOOST_AUTO_TEST_CASE(cancellation_by_an_awaitable_operators_race) {
    rig r;
    r.server.inject({.hang = true});
    bool timer_won = false;
    auto ec = r.run(get_or_timer(r.api, milliseconds(200), timer_won));
    BOOST_TEST(timer_won);
    BOOST_TEST((ec == asio::error::operation_aborted));
    // the call lost the race and was cancelled: nothing pending, and the client works
    BOOST_TEST(r.io.stopped());
    BOOST_TEST(r.still_usable());
    timer_won = true;
    auto ec2 = r.run(get_or_timer(r.api, std::chrono::seconds(20), timer_won));
    BOOST_TEST(!timer_won);
    BOOST_TEST(ec2 == oa::api_errc::not_found);
}

BOOST_AUTO_TEST_CASE(pool_bounds_connections_and_queues_the_rest) {
    rig r([](oa::client_config& c) { c.max_connections = 2; });
    int ok = 0;
    for (int i = 0; i < 20; ++i)
        r.api.certificates().async_get(r.cert_id, {}, [&](oa::error_code ec, const oa::certificate& c) {
            if (!ec && !c.id.empty())
                ++ok;
        });
    r.io.restart();
    r.io.run_for(std::chrono::seconds(60));
    BOOST_TEST(ok == 20);
    BOOST_TEST(r.server.peak_open_connections() <= 2u);
    BOOST_TEST(r.server.requests().size() == 20u);
}

BOOST_AUTO_TEST_CASE(waiting_for_a_connection_honours_the_timeout) {
    rig r([](oa::client_config& c) {
        c.max_connections = 1;
        c.max_retries = 0;
    });
    r.server.inject({.hang = true});
    oa::diagnostics d1, d2;
    oa::error_code e1, e2;
    auto holder = r.api.with_options({.request_timeout = milliseconds(1500)});
    auto waiter = r.api.with_options({.request_timeout = milliseconds(300)});
    holder.certificates().async_get(r.cert_id, {}, d1, [&](oa::error_code ec, auto) { e1 = ec; });
    waiter.certificates().async_get(r.cert_id, {}, d2, [&](oa::error_code ec, auto) { e2 = ec; });
    r.io.restart();
    r.io.run_for(std::chrono::seconds(10));
    BOOST_TEST((e1 == boost::beast::error::timeout));
    BOOST_TEST((e2 == boost::beast::error::timeout));
    BOOST_TEST(d2.message.find("waiting for a free connection") != std::string::npos, d2.message);
    BOOST_TEST(r.server.requests().size() == 1u); // the second never got a connection
    BOOST_TEST(r.still_usable());
}

BOOST_AUTO_TEST_CASE(idle_connections_expire) {
    rig r([](oa::client_config& c) { c.idle_timeout = milliseconds(100); });
    BOOST_TEST(r.still_usable());
    const auto before = r.server.connections_accepted();
    BOOST_TEST(r.still_usable()); // right away: reused
    BOOST_TEST(r.server.connections_accepted() == before);
    asio::steady_timer t(r.io, milliseconds(300));
    r.run([&]() -> asio::awaitable<void> { co_await t.async_wait(asio::use_awaitable); }());
    BOOST_TEST(r.still_usable()); // after the idle timeout: a new connection
    BOOST_TEST(r.server.connections_accepted() == before + 1);
}

BOOST_AUTO_TEST_CASE(one_client_from_many_threads) {
    // The rule: start operations from any thread; they run on the client's strand.
    rig r;
    std::atomic<int> ok{0};
    auto work = asio::make_work_guard(r.io);
    r.io.restart();
    std::vector<std::thread> runners;
    for (int i = 0; i < 3; ++i)
        runners.emplace_back([&] { r.io.run(); });
    std::vector<std::thread> callers;
    for (int t = 0; t < 4; ++t)
        callers.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                auto c = r.api.certificates().async_get(r.cert_id, {}, asio::use_future).get();
                if (c.id == r.cert_id)
                    ++ok;
            }
        });
    for (auto& t : callers)
        t.join();
    work.reset();
    for (auto& t : runners)
        t.join();
    BOOST_TEST(ok.load() == 100);
    BOOST_TEST(r.server.requests().size() == 100u);
}

BOOST_AUTO_TEST_CASE(thousand_calls_64_in_flight_with_transient_failures) {
    rig r([](oa::client_config& c) { c.max_retries = 3; }, {.max_certificates = 1001});
    r.server.seed_certificates(1000);
    // The first request for every tenth certificate fails transiently, in three ways.
    std::set<std::string> failed;
    r.server.set_fault_hook([&failed](const recorded_request& q) -> std::optional<fault> {
        const auto n = std::atoi(q.path.substr(q.path.size() - 6).c_str());
        if (n % 10 != 0 || !failed.insert(q.path).second)
            return std::nullopt;
        switch (n / 10 % 3) {
        case 0: return fault{.status = 503, .body = "{}"};
        case 1: return fault{.status = 429, .headers = {{"retry-after-ms", "20"}}, .body = "{}"};
        default: return fault{.close_without_reply = true, .reset = true};
        }
    });
    int next = 0, ok = 0, wrong = 0;
    std::vector<std::string> errors;
    auto worker = [&]() -> asio::awaitable<void> {
        while (next < 1000) {
            char id[32];
            std::snprintf(id, sizeof id, "cert_seed_%06d", next++);
            const std::string want = id;
            oa::diagnostics diag;
            auto [ec, c] = co_await r.api.certificates().async_get(want, {}, diag, tuple);
            if (ec)
                errors.push_back(want + ": " + oa::describe(ec, diag));
            else if (c.id == want)
                ++ok;
            else
                ++wrong;
        }
    };
    for (int i = 0; i < 64; ++i)
        asio::co_spawn(r.io, worker(), asio::detached);
    r.io.restart();
    r.io.run_for(std::chrono::seconds(120));
    BOOST_TEST(ok == 1000);
    BOOST_TEST(wrong == 0);
    BOOST_TEST(errors.empty(), (errors.empty() ? "" : errors.front()));
    BOOST_TEST(r.server.requests().size() == 1100u); // (takes the server's lock: `failed` is settled)
    BOOST_TEST(failed.size() == 100u);
    BOOST_TEST(r.server.peak_open_connections() <= 16u); // the default max_connections
}

BOOST_AUTO_TEST_CASE(attempt_hook_and_debug_log) {
    rig r([](oa::client_config& c) { c.log = oa::log_level::debug; });
    r.server.inject({.status = 500, .headers = {{"retry-after-ms", "10"}, {"x-request-id", "req_first"}}, .body = "{}"});
    // capture stderr around the call
    std::fflush(stderr);
    char path[] = "/tmp/oa_log_XXXXXX";
    int fd = ::mkstemp(path);
    BOOST_REQUIRE(fd >= 0);
    int saved = ::dup(2);
    ::dup2(fd, 2);
    auto [ec, cert, diag] = r.get();
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    ::close(fd);
    std::ifstream in(path);
    std::stringstream log;
    log << in.rdbuf();
    std::remove(path);

    BOOST_TEST(!ec);
    BOOST_TEST_REQUIRE(r.attempts.size() == 2u);
    BOOST_TEST(r.attempts[0].status == 500u);
    BOOST_TEST(r.attempts[0].attempt == 1u);
    BOOST_TEST(r.attempts[1].attempt == 2u);
    const std::string text = log.str();
    const std::string path_line = "GET /v1/organization/certificates/" + r.cert_id;
    BOOST_TEST(text.find(path_line + " attempt 1: 500") != std::string::npos, text);
    BOOST_TEST(text.find("(request req_first); retrying in 10 ms") != std::string::npos, text);
    BOOST_TEST(text.find(path_line + " attempt 2: 200") != std::string::npos, text);
    BOOST_TEST(text.find(r.opts.admin_key) == std::string::npos);
    BOOST_TEST(text.find("Bearer") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_limits_are_refused) {
    fake_server_options opts;
    fake_server server(opts);
    asio::io_context io;
    for (auto tweak : std::vector<std::function<void(oa::client_config&)>>{
             [](oa::client_config& c) { c.max_connections = 0; },
             [](oa::client_config& c) { c.request_timeout = milliseconds(0); },
             [](oa::client_config& c) { c.total_timeout = milliseconds(-1); },
         }) {
        auto cfg = config_for(server, opts);
        tweak(cfg);
        BOOST_CHECK_EXCEPTION(oa::client(io, cfg), oa::api_error,
                              [](const oa::api_error& e) { return e.code() == oa::client_errc::invalid_config; });
    }
    oa::client api(io, config_for(server, opts));
    oa::diagnostics diag;
    auto fut = asio::co_spawn(io, api.with_options({.request_timeout = milliseconds(-5)}).certificates().async_get("c", {}, diag, tuple),
                              asio::use_future);
    io.run();
    BOOST_TEST(std::get<0>(fut.get()) == oa::client_errc::invalid_argument);
    BOOST_TEST(server.requests().empty());
}

BOOST_AUTO_TEST_SUITE_END()
