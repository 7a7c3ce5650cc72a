// The telemetry seam (telemetry.hpp): what an observer is told, in which order and thread,
// what it may add to a request (and what not), error_type_of, and client::stats().

#include "../support/fixture.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/test/unit_test.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <thread>

using namespace oa_test;
using std::chrono::milliseconds;

namespace {

const auto tuple = asio::as_tuple(asio::use_awaitable);

// attempt_end_info with its views copied.
struct attempt_end {
    unsigned attempt = 0, status = 0;
    oa::error_code error;
    std::chrono::nanoseconds duration{0};
    std::string request_id, peer_address;
    std::uint16_t peer_port = 0;
    std::size_t request_bytes = 0, response_bytes = 0;
    bool reused = false, will_retry = false;
    milliseconds retry_delay{0};
};

struct call_record {
    std::string name, method, url, path, server_address;
    std::uint16_t server_port = 0;
    std::shared_ptr<void> context;
    std::thread::id thread;
    std::vector<std::string> events; // in order
    std::vector<attempt_end> attempts;
    std::optional<oa::error_code> finished;
};

// Records everything; optionally adds headers to each attempt.
struct recorder final : oa::observer {
    std::mutex m;
    std::vector<std::shared_ptr<call_record>> calls;
    std::vector<std::thread::id> capture_threads;
    std::vector<std::pair<std::string, std::string>> headers_to_add; // "{n}" in a value: the attempt
    std::vector<bool> add_results;
    int next_context = 0;

    std::shared_ptr<void> capture_context() override {
        std::lock_guard lock(m);
        capture_threads.push_back(std::this_thread::get_id());
        return std::make_shared<int>(++next_context);
    }

    struct call final : oa::call_observer {
        recorder& owner;
        std::shared_ptr<call_record> rec;
        call(recorder& o, std::shared_ptr<call_record> r) : owner(o), rec(std::move(r)) {}
        void attempt_started(const oa::attempt_start_info& i, oa::header_writer& h) override {
            rec->events.push_back("attempt_started " + std::to_string(i.attempt) + " resend " +
                                  std::to_string(i.resend_count));
            for (auto [name, value] : owner.headers_to_add) {
                if (auto p = value.find("{n}"); p != std::string::npos)
                    value.replace(p, 3, std::to_string(i.attempt));
                owner.add_results.push_back(h.add(name, value));
            }
        }
        void connection_wait_started() override { rec->events.push_back("connection_wait_started"); }
        void connection_wait_finished(const oa::error_code& ec) override {
            rec->events.push_back("connection_wait_finished " + std::string(ec ? "error" : "ok"));
        }
        void attempt_finished(const oa::attempt_end_info& e) override {
            rec->events.push_back("attempt_finished " + std::to_string(e.attempt));
            rec->attempts.push_back({e.attempt, e.status, e.error, e.duration, std::string(e.request_id),
                                     std::string(e.peer_address), e.peer_port, e.request_bytes, e.response_bytes,
                                     e.reused_connection, e.will_retry, e.retry_delay});
        }
        void retry_wait_started(milliseconds planned) override {
            rec->events.push_back("retry_wait_started " + std::to_string(planned.count()));
        }
        void retry_wait_finished(const oa::error_code& ec) override {
            rec->events.push_back("retry_wait_finished " + std::string(ec ? "error" : "ok"));
        }
        void finished(const oa::error_code& ec) override {
            rec->events.push_back("finished");
            rec->finished = ec;
        }
    };

    std::unique_ptr<oa::call_observer> start_call(const oa::operation_info& op, std::shared_ptr<void> context) override {
        auto rec = std::make_shared<call_record>();
        rec->name = op.name;
        rec->method = op.method;
        rec->url = op.url;
        rec->path = op.path;
        rec->server_address = op.server_address;
        rec->server_port = op.server_port;
        rec->context = std::move(context);
        rec->thread = std::this_thread::get_id();
        std::lock_guard lock(m);
        calls.push_back(rec);
        return std::make_unique<call>(*this, std::move(rec));
    }

    std::string all_text() {
        std::string out;
        for (auto& c : calls) {
            out += c->name + c->method + c->url + c->path;
            for (auto& e : c->events)
                out += e;
            for (auto& a : c->attempts)
                out += a.request_id + a.peer_address;
        }
        return out;
    }
};

// A server, a client whose observer is a recorder, and one certificate.
struct telemetry_rig {
    fake_server server;
    asio::io_context io;
    std::shared_ptr<recorder> rec = std::make_shared<recorder>();
    oa::client api;
    std::string id;
    std::string key = server.client_config().admin_key;

    explicit telemetry_rig(const std::function<void(oa::client_config&)>& tweak = {})
        : api(io, make_config(tweak)) {
        id = server.seed_certificates(1).front();
    }
    oa::client_config make_config(const std::function<void(oa::client_config&)>& tweak) {
        auto cfg = config_for(server);
        cfg.observer = rec;
        if (tweak)
            tweak(cfg);
        return cfg;
    }
    template <class T>
    T run(asio::awaitable<T> a) {
        return run_on(io, std::move(a));
    }
    std::tuple<oa::error_code, oa::certificate> get(const std::string& which) {
        return run(api.certificates().async_get(which, {}, tuple));
    }
};

std::string strip_events(const std::vector<std::string>& events) {
    std::string out;
    for (auto& e : events)
        out += e + "; ";
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(telemetry)

BOOST_AUTO_TEST_CASE(header_writer_adds_only_new_well_formed_headers) {
    const std::string head = "POST /v1/organization/certificates HTTP/1.1\r\nHost: api\r\n"
                             "Authorization: Bearer k\r\nOpenAI-Organization: org_1\r\nContent-Length: 2\r\n";
    std::string out;
    oa::header_writer w(out, head);
    BOOST_TEST(w.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    BOOST_TEST(w.add("tracestate", "congo=t61rcWkgMzE"));
    BOOST_TEST(out == "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\n"
                      "tracestate: congo=t61rcWkgMzE\r\n");
    const std::string before = out;
    // The request's own headers, framing and credentials cannot be added or replaced.
    for (const char* name : {"Authorization", "authorization", "HOST", "Content-Length", "content-type",
                             "openai-organization", "Proxy-Authorization", "Transfer-Encoding", "Connection",
                             "Cookie", "Expect", "TE", "Upgrade", "TraceParent"})
        BOOST_TEST(!w.add(name, "x"), name);
    // Not a token, or a value that could end the header.
    for (const char* name : {"", "trace parent", "trace:parent", "x\r\nInjected", "x(y)"})
        BOOST_TEST(!w.add(name, "x"), name);
    BOOST_TEST(!w.add("x-a", "v\r\nInjected: 1"));
    BOOST_TEST(!w.add("x-b", "v\n"));
    BOOST_TEST(!w.add("x-c", std::string("v\0w", 3)));
    BOOST_TEST(out == before);
    BOOST_TEST(w.add("x-tab", "a\tb")); // tab is allowed in a value
    // At most max_added bytes in all.
    BOOST_TEST(!w.add("x-big", std::string(oa::header_writer::max_added, 'a')));
    BOOST_TEST(out.size() <= oa::header_writer::max_added);
}

BOOST_AUTO_TEST_CASE(error_type_names) {
    namespace http = boost::beast::http;
    BOOST_TEST(oa::error_type_of(200, {}) == "");
    BOOST_TEST(oa::error_type_of(404, oa::api_errc::not_found) == "404");
    BOOST_TEST(oa::error_type_of(503, oa::api_errc::server_error) == "503");
    BOOST_TEST(oa::error_type_of(0, boost::beast::error::timeout) == "timeout");
    BOOST_TEST(oa::error_type_of(0, asio::error::operation_aborted) == "cancelled");
    BOOST_TEST(oa::error_type_of(0, asio::error::connection_refused) == "connection_refused");
    BOOST_TEST(oa::error_type_of(0, asio::error::connection_reset) == "connection_reset");
    BOOST_TEST(oa::error_type_of(0, asio::error::eof) == "connection_closed");
    BOOST_TEST(oa::error_type_of(0, http::error::end_of_stream) == "connection_closed");
    BOOST_TEST(oa::error_type_of(0, asio::ssl::error::stream_truncated) == "connection_closed");
    BOOST_TEST(oa::error_type_of(0, asio::error::host_not_found) == "name_resolution_failed");
    BOOST_TEST(oa::error_type_of(0, oa::client_errc::proxy_refused) == "proxy_refused");
    BOOST_TEST(oa::error_type_of(0, http::error::body_limit) == "body_too_large");
    BOOST_TEST(oa::error_type_of(0, http::error::bad_field) == "response_invalid");
    const oa::error_code verify(static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_CERTIFICATE_VERIFY_FAILED)),
                                asio::error::get_ssl_category());
    BOOST_TEST(oa::error_type_of(0, verify) == "tls_verify_failed");
    const oa::error_code other_tls(static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_WRONG_VERSION_NUMBER)),
                                   asio::error::get_ssl_category());
    BOOST_TEST(oa::error_type_of(0, other_tls) == "tls_handshake_failed");
    BOOST_TEST(oa::error_type_of(0, oa::client_errc::upload_outcome_unknown) == "_OTHER");
}

BOOST_AUTO_TEST_CASE(a_get_is_one_call_with_one_attempt_in_order) {
    telemetry_rig r;
    auto [ec, cert] = r.get(r.id);
    BOOST_TEST_REQUIRE(!ec, ec.message());
    BOOST_TEST_REQUIRE(r.rec->calls.size() == 1u);
    const auto& c = *r.rec->calls[0];
    BOOST_TEST(c.name == "certificates.get");
    BOOST_TEST(c.method == "GET");
    BOOST_TEST(c.url == r.server.base_url() + "/organization/certificates/" + r.id);
    BOOST_TEST(c.path == "/v1/organization/certificates/" + r.id);
    BOOST_TEST(c.server_address == "127.0.0.1");
    BOOST_TEST(c.server_port == r.server.port());
    BOOST_TEST(strip_events(c.events) == "attempt_started 1 resend 0; attempt_finished 1; finished; ");
    BOOST_TEST_REQUIRE(c.attempts.size() == 1u);
    const auto& a = c.attempts[0];
    BOOST_TEST(a.status == 200u);
    BOOST_TEST(!a.error);
    BOOST_TEST(a.peer_address == "127.0.0.1");
    BOOST_TEST(a.peer_port == r.server.port());
    BOOST_TEST(a.request_bytes > 100u);
    BOOST_TEST(a.response_bytes > 100u);
    BOOST_TEST(a.duration.count() > 0);
    BOOST_TEST(!a.reused);
    BOOST_TEST(!a.will_retry);
    BOOST_TEST((c.finished && !*c.finished));
    // The context the observer captured is the one its call received.
    BOOST_TEST_REQUIRE(c.context != nullptr);
    BOOST_TEST(*static_cast<int*>(c.context.get()) == 1);

    // A second get reuses the connection.
    BOOST_TEST(!std::get<0>(r.get(r.id)));
    BOOST_TEST_REQUIRE(r.rec->calls.size() == 2u);
    BOOST_TEST(r.rec->calls[1]->attempts.at(0).reused);
    BOOST_TEST(*static_cast<int*>(r.rec->calls[1]->context.get()) == 2);
}

BOOST_AUTO_TEST_CASE(a_retried_call_reports_each_attempt_and_the_wait_between) {
    telemetry_rig r([](oa::client_config& c) { c.max_retries = 2; });
    r.server.inject("getCertificate", fault::unavailable(), 2);
    auto [ec, cert] = r.get(r.id);
    BOOST_TEST_REQUIRE(!ec, ec.message());
    BOOST_TEST_REQUIRE(r.rec->calls.size() == 1u);
    const auto& c = *r.rec->calls[0];
    BOOST_TEST_REQUIRE(c.attempts.size() == 3u);
    const auto d1 = std::to_string(c.attempts[0].retry_delay.count());
    const auto d2 = std::to_string(c.attempts[1].retry_delay.count());
    BOOST_TEST(strip_events(c.events) ==
               "attempt_started 1 resend 0; attempt_finished 1; retry_wait_started " + d1 +
                   "; retry_wait_finished ok; attempt_started 2 resend 1; attempt_finished 2; retry_wait_started " +
                   d2 + "; retry_wait_finished ok; attempt_started 3 resend 2; attempt_finished 3; finished; ");
    BOOST_TEST(c.attempts[0].status == 503u);
    BOOST_TEST((c.attempts[0].error == oa::api_errc::server_error));
    BOOST_TEST(c.attempts[0].will_retry);
    BOOST_TEST(c.attempts[0].retry_delay.count() > 0);
    BOOST_TEST(c.attempts[2].status == 200u);
    BOOST_TEST(!c.attempts[2].will_retry);

    auto s = r.api.stats();
    BOOST_TEST(s.requests == 1u);
    BOOST_TEST(s.attempts == 3u);
    BOOST_TEST(s.retries == 2u);
    BOOST_TEST(s.succeeded == 1u);
}

BOOST_AUTO_TEST_CASE(headers_the_observer_adds_reach_the_server_per_attempt_and_nothing_else_changes) {
    telemetry_rig r([](oa::client_config& c) { c.max_retries = 1; });
    r.rec->headers_to_add = {{"traceparent", "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b{n}-01"},
                             {"tracestate", "vendor=attempt{n}"},
                             {"Authorization", "Bearer stolen"},
                             {"Content-Length", "0"}};
    r.server.inject("modifyCertificate", fault::unavailable());
    auto [ec, cert] = r.run(r.api.certificates().async_modify(r.id, {.name = "renamed"}, tuple));
    BOOST_TEST_REQUIRE(!ec, ec.message());
    BOOST_TEST((cert.name == std::optional<std::string>("renamed")));
    auto reqs = r.server.requests("modifyCertificate");
    BOOST_TEST_REQUIRE(reqs.size() == 2u);
    for (unsigned i = 0; i < 2; ++i) {
        const auto n = std::to_string(i + 1);
        BOOST_TEST(reqs[i].header("traceparent").value_or("") == "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b" + n + "-01");
        BOOST_TEST(reqs[i].header("tracestate").value_or("") == "vendor=attempt" + n);
        BOOST_TEST(reqs[i].header("authorization").value_or("") == "Bearer " + r.key);
        BOOST_TEST(reqs[i].method == "POST");
        BOOST_TEST(reqs[i].path == "/organization/certificates/" + r.id);
        BOOST_TEST(reqs[i].body == R"({"name":"renamed"})");
    }
    BOOST_TEST((r.rec->add_results == std::vector<bool>{true, true, false, false, true, true, false, false}));
}

BOOST_AUTO_TEST_CASE(the_observer_never_sees_the_key) {
    telemetry_rig r;
    // A server echoing the key in its request id (as some proxies do).
    r.server.inject("getCertificate", fault::with_status(404, R"({"error":{"message":"no","type":"invalid_request_error","param":null,"code":null}})",
                                                         {{"x-request-id", "req_" + r.key}}));
    auto [ec, cert] = r.get(r.id);
    BOOST_TEST((ec == oa::api_errc::not_found));
    BOOST_TEST_REQUIRE(r.rec->calls.size() == 1u);
    BOOST_TEST(r.rec->calls[0]->attempts.at(0).request_id == "req_[redacted]");
    BOOST_TEST(r.rec->all_text().find(r.key) == std::string::npos);
    BOOST_TEST((r.rec->calls[0]->finished && *r.rec->calls[0]->finished == oa::api_errc::not_found));
}

BOOST_AUTO_TEST_CASE(capture_runs_in_the_starting_thread_the_rest_on_the_strand) {
    fake_server server;
    auto rec = std::make_shared<recorder>();
    asio::io_context io;
    auto cfg = config_for(server);
    cfg.observer = rec;
    oa::client api(io, cfg);
    auto work = asio::make_work_guard(io);
    std::thread::id io_thread;
    std::thread runner([&] {
        io_thread = std::this_thread::get_id();
        io.run();
    });
    std::promise<oa::error_code> done;
    api.certificates().async_get("cert_nope", {}, [&](oa::error_code e, oa::certificate) { done.set_value(e); });
    auto ec = done.get_future().get();
    work.reset();
    runner.join();
    BOOST_TEST((ec == oa::api_errc::not_found));
    BOOST_TEST_REQUIRE(rec->capture_threads.size() == 1u);
    BOOST_TEST((rec->capture_threads[0] == std::this_thread::get_id()));
    BOOST_TEST_REQUIRE(rec->calls.size() == 1u);
    BOOST_TEST((rec->calls[0]->thread == io_thread));
}

BOOST_AUTO_TEST_CASE(each_page_of_a_list_is_a_call_and_a_decode_error_ends_one) {
    telemetry_rig r;
    r.server.seed_certificates(4);
    auto count = r.run([&]() -> asio::awaitable<int> {
        auto walk = r.api.certificates().list({.limit = 2});
        int n = 0;
        for (;;) {
            auto [ec, item] = co_await walk.async_next(tuple);
            if (ec || !item)
                co_return ec ? -1 : n;
            ++n;
        }
    }());
    BOOST_TEST(count == 5);
    BOOST_TEST_REQUIRE(r.rec->calls.size() == 3u);
    for (auto& c : r.rec->calls) {
        BOOST_TEST(c->name == "certificates.list");
        BOOST_TEST(c->path.find("limit=2") != std::string::npos, c->path);
    }
    BOOST_TEST(r.rec->calls[1]->path.find("after=") != std::string::npos);

    auto [pec, page] = r.run(r.api.projects("proj_1").certificates().list().async_next_page(tuple));
    BOOST_TEST(!pec, pec.message());
    BOOST_TEST(r.rec->calls.back()->name == "projects.certificates.list");

    r.server.inject("getCertificate", fault::malformed_json());
    auto [ec, cert] = r.get(r.id);
    BOOST_TEST((ec == oa::client_errc::invalid_json));
    BOOST_TEST(r.rec->calls.back()->attempts.at(0).status == 200u);
    BOOST_TEST((r.rec->calls.back()->finished && *r.rec->calls.back()->finished == oa::client_errc::invalid_json));
    BOOST_TEST(r.api.stats().response_errors == 1u);
}

BOOST_AUTO_TEST_CASE(a_cancelled_call_reports_operation_aborted) {
    telemetry_rig r;
    r.server.inject("getCertificate", fault::delayed(std::chrono::seconds(5)));
    auto ec = r.run([&]() -> asio::awaitable<oa::error_code> {
        asio::cancellation_signal sig;
        asio::steady_timer t(r.io, milliseconds(100));
        t.async_wait([&](oa::error_code) { sig.emit(asio::cancellation_type::terminal); });
        auto [e, c] = co_await r.api.certificates().async_get(r.id, {}, asio::bind_cancellation_slot(sig.slot(), tuple));
        co_return e;
    }());
    BOOST_TEST((ec == asio::error::operation_aborted), ec.message());
    BOOST_TEST_REQUIRE(r.rec->calls.size() == 1u);
    const auto& c = *r.rec->calls[0];
    BOOST_TEST((c.finished && *c.finished == asio::error::operation_aborted));
    BOOST_TEST(c.events.back() == "finished");
    BOOST_TEST(r.api.stats().cancelled == 1u);
}

BOOST_AUTO_TEST_CASE(waits_for_a_pooled_connection_are_reported_and_counted) {
    telemetry_rig r([](oa::client_config& c) { c.max_connections = 1; });
    r.server.inject("getCertificate", fault::delayed(milliseconds(400)), 2);
    oa::client_stats mid;
    r.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        auto a = asio::co_spawn(ex, r.api.certificates().async_get(r.id, {}, tuple), asio::use_future);
        auto b = asio::co_spawn(ex, r.api.certificates().async_get(r.id, {}, tuple), asio::use_future);
        asio::steady_timer t(ex, milliseconds(200));
        co_await t.async_wait(tuple);
        mid = r.api.stats();
        while (a.wait_for(std::chrono::seconds(0)) != std::future_status::ready ||
               b.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            t.expires_after(milliseconds(20));
            co_await t.async_wait(tuple);
        }
        BOOST_TEST(!std::get<0>(a.get()));
        BOOST_TEST(!std::get<0>(b.get()));
    }());
    BOOST_TEST(mid.open_connections == 1u);
    BOOST_TEST(mid.idle_connections == 0u);
    BOOST_TEST(mid.waiting_for_connection == 1u);
    BOOST_TEST_REQUIRE(r.rec->calls.size() == 2u);
    std::size_t waited = 0;
    for (auto& c : r.rec->calls) {
        const auto& ev = c->events;
        if (std::find(ev.begin(), ev.end(), "connection_wait_started") != ev.end()) {
            ++waited;
            BOOST_TEST(strip_events(ev) == "attempt_started 1 resend 0; connection_wait_started; "
                                           "connection_wait_finished ok; attempt_finished 1; finished; ");
            BOOST_TEST(c->attempts.at(0).reused); // the first call's connection, handed over
        }
    }
    BOOST_TEST(waited == 1u);
    auto s = r.api.stats();
    BOOST_TEST(s.waiting_for_connection == 0u);
    BOOST_TEST(s.idle_connections == 1u);
    BOOST_TEST(s.open_connections == 1u);
    BOOST_TEST(s.connections_opened == 1u);
    BOOST_TEST(s.connections_closed == 0u);
}

BOOST_AUTO_TEST_CASE(stats_count_outcomes_by_kind_and_connections) {
    fake_server server;
    asio::io_context io;
    auto cfg = config_for(server);
    cfg.max_retries = 1;
    oa::client api(io, cfg);
    const auto id = server.seed_certificates(1).front();
    auto get = [&](const std::string& which) {
        return std::get<0>(run_on(io, api.certificates().async_get(which, {}, tuple)));
    };
    BOOST_TEST(api.stats().requests == 0u);
    BOOST_TEST(!get(id));                                          // succeeded
    BOOST_TEST((get("cert_missing") == oa::api_errc::not_found));  // http error
    BOOST_TEST((get("") == oa::client_errc::invalid_argument));    // rejected, nothing sent
    server.inject("getCertificate", fault::unavailable());
    BOOST_TEST(!get(id));                                          // a retry, then success
    server.inject("getCertificate", fault::close_after_reply());
    BOOST_TEST(!get(id)); // the server closes this connection after answering...
    BOOST_TEST(!get(id)); // ...so this get finds it closed and connects anew
    auto s = api.stats();
    BOOST_TEST(s.requests == 6u);
    BOOST_TEST(s.attempts == 6u); // the rejected call makes none
    BOOST_TEST(s.retries == 1u);
    BOOST_TEST(s.succeeded == 4u);
    BOOST_TEST(s.http_errors == 1u);
    BOOST_TEST(s.rejected == 1u);
    BOOST_TEST(s.network_errors == 0u);
    BOOST_TEST(s.connections_opened == 2u);
    BOOST_TEST(s.connections_closed == 1u);
    BOOST_TEST(s.open_connections == 1u);
    BOOST_TEST(s.idle_connections == 1u);

    // Copies share the counters; a refused connection is a network error.
    oa::client copy = api;
    asio::ip::tcp::acceptor probe(io, {asio::ip::make_address("127.0.0.1"), 0});
    const auto port = probe.local_endpoint().port();
    probe.close();
    auto dead_cfg = config_for(server);
    dead_cfg.base_url = "https://127.0.0.1:" + std::to_string(port) + "/v1";
    oa::client dead(io, dead_cfg);
    BOOST_TEST((std::get<0>(run_on(io, dead.certificates().async_get(id, {}, tuple))) == asio::error::connection_refused));
    BOOST_TEST(dead.stats().network_errors == 1u);
    BOOST_TEST(dead.stats().connections_opened == 0u);
    BOOST_TEST(copy.stats().requests == 6u);
}

BOOST_AUTO_TEST_CASE(observer_exceptions_are_counted_not_fatal_and_on_attempt_still_runs) {
    struct throwing final : oa::observer {
        std::shared_ptr<void> capture_context() override { throw std::runtime_error("capture"); }
        struct call final : oa::call_observer {
            void attempt_finished(const oa::attempt_end_info&) override { throw std::runtime_error("finished"); }
        };
        std::unique_ptr<oa::call_observer> start_call(const oa::operation_info&, std::shared_ptr<void>) override {
            return std::make_unique<call>();
        }
    };
    std::vector<oa::attempt_info> seen;
    std::vector<std::string> paths;
    telemetry_rig r([&seen, &paths](oa::client_config& c) {
        c.observer = std::make_shared<throwing>();
        c.on_attempt = [s = &seen, p = &paths](const oa::attempt_info& i) {
            s->push_back(i);
            p->emplace_back(i.path);
        };
    });
    auto [ec, cert] = r.get(r.id);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(cert.id == r.id);
    BOOST_TEST(r.api.stats().observer_errors == 2u); // capture_context and attempt_finished
    BOOST_TEST_REQUIRE(seen.size() == 1u);           // on_attempt, after the throwing observer
    BOOST_TEST(seen[0].status == 200u);
    BOOST_TEST(seen[0].attempt == 1u);
    BOOST_TEST(paths[0] == "/v1/organization/certificates/" + r.id);
}

BOOST_AUTO_TEST_CASE(no_observer_no_calls) {
    fake_server server;
    asio::io_context io;
    oa::client api(io, config_for(server));
    oa::diagnostics diag;
    BOOST_TEST((get_once(io, api, diag, "cert_x") == oa::api_errc::not_found));
    BOOST_TEST(api.config().observer == nullptr);
    BOOST_TEST(api.stats().requests == 1u);
    BOOST_TEST(api.stats().http_errors == 1u);
    BOOST_TEST(api.stats().observer_errors == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
