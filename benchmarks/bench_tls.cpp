// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// bench_tls: what a new connection costs with a full TLS handshake and with a resumed one
// (tls_config::session_resumption off / on), against the bundled fake server in this process
// (oat::fake_server, TLS 1.3, EC P-256 certificates, loopback; it closes every
// connection after its response, so every call connects anew, except in the `reused` row).
//
//   call       one certificates().async_get() through the SDK (public API, default config but
//              max_retries = 0), timed from the call to its completion: resolve, TCP connect,
//              TLS handshake, request, 404 response. Answered requests only.
//              Sessions: `full` (session_resumption off), `resumed` (on), `reused` (a server
//              keeping the connection alive: no connection setup at all, for comparison).
//   handshake  the TLS handshake alone: the client's own detail::tls_context (same options,
//              verification and host name check as the client's), TCP connected first,
//              timed around SSL_do_handshake (blocking asio::ssl::stream::handshake), then
//              one request and its response read to the end (that is when TLS 1.3 tickets
//              arrive), untimed.
//
// Usage: bench_tls [--requests N] (default 200 per mode and measure; 10 more warm up each).
// Client and server share the machine's cores, so both sides' CPU time is in every figure.
// mean/p50/p90 are wall-clock times of one operation (what the caller waits); cpu_us/op is
// the process's CPU time (client and server threads together) per operation of the row,
// the whole loop included (for `handshake` also the untimed request, connect and close),
// less sensitive to other load on the machine.

#include <openai/admin/testing.hpp>

#include <openai/admin.hpp>
#include <openai/admin/detail/tls_context.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <time.h>

namespace asio = boost::asio;
namespace oa = openai::admin;
namespace oat = openai::admin::testing;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr std::size_t warmup = 10;

struct summary {
    double mean_us = 0;
    double p50_us = 0;
    double p90_us = 0;
};

// CPU time of the whole process (client and server threads), in µs.
double process_cpu_us() {
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
}

summary summarize(std::vector<double> us) {
    std::sort(us.begin(), us.end());
    summary s;
    for (double v : us)
        s.mean_us += v;
    s.mean_us /= double(us.size());
    auto pct = [&](double p) { return us[static_cast<std::size_t>(p * double(us.size() - 1))]; };
    s.p50_us = pct(0.50);
    s.p90_us = pct(0.90);
    return s;
}

double micros_since(clock_type::time_point t0) {
    return std::chrono::duration<double, std::micro>(clock_type::now() - t0).count();
}

oa::client_config config_for(const oat::fake_server& server, bool resumption) {
    oa::client_config cfg = server.client_config();
    cfg.tls.session_resumption = resumption;
    cfg.max_retries = 0; // a failure must show, not be retried into the figures
    return cfg;
}

// N calls through the SDK, each on a new connection.
std::vector<double> time_calls(const oat::fake_server& server, bool resumption, std::size_t n) {
    asio::io_context io(1);
    oa::client api(io, config_for(server, resumption));
    const auto certs = api.certificates();
    std::vector<double> us;
    us.reserve(n);
    for (std::size_t i = 0; i < warmup + n; ++i) {
        const auto t0 = clock_type::now();
        oa::error_code ec;
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                auto [e, c] = co_await certs.async_get("cert_bench", {}, asio::as_tuple(asio::use_awaitable));
                ec = e;
            },
            asio::detached);
        io.restart();
        io.run();
        if (ec != oa::api_errc::not_found) // the server has no such certificate: 404 is the answer
            throw std::runtime_error("call failed: " + ec.message());
        if (i >= warmup)
            us.push_back(micros_since(t0));
    }
    return us;
}

// N handshakes with the client's TLS context, each on a new connection.
std::vector<double> time_handshakes(const oat::fake_server& server, bool resumption, std::size_t n) {
    oa::tls_config t = config_for(server, resumption).tls;
    oa::detail::tls_context tls;
    std::string why;
    if (auto ec = tls.configure(t, why))
        throw std::runtime_error("tls_context: " + why);
    const std::string host = "127.0.0.1";
    const std::string peer = host + ":" + std::to_string(server.port());
    const std::string request = "GET /v1/organization/certificates/cert_bench HTTP/1.1\r\nHost: " + peer +
                                "\r\nAuthorization: Bearer sk-admin-test-key\r\n\r\n";
    const asio::ip::tcp::endpoint ep(asio::ip::make_address(host), server.port());
    asio::io_context io(1);
    std::vector<double> us;
    us.reserve(n);
    for (std::size_t i = 0; i < warmup + n; ++i) {
        asio::ssl::stream<asio::ip::tcp::socket> s(io, tls.context());
        s.next_layer().connect(ep);
        s.next_layer().set_option(asio::ip::tcp::no_delay(true));
        s.set_verify_callback(asio::ssl::host_name_verification(host));
        const auto t0 = clock_type::now();
        tls.offer_session(s.native_handle(), peer);
        s.handshake(asio::ssl::stream_base::client);
        const double took = micros_since(t0);
        asio::write(s, asio::buffer(request));
        asio::streambuf response;
        oa::error_code ec;
        asio::read(s, response, ec); // to the server's close
        const std::string_view head(static_cast<const char*>(response.data().data()), response.size());
        if (head.substr(0, 12) != "HTTP/1.1 404")
            throw std::runtime_error("unexpected response: " + std::string(head.substr(0, 40)));
        if (i >= warmup)
            us.push_back(took);
    }
    return us;
}

std::size_t parse_requests(int argc, char** argv) {
    std::size_t n = 200;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (flag == "--requests" && i + 1 < argc) {
            char* end = nullptr;
            n = std::strtoull(argv[++i], &end, 10);
            if (n == 0 || *end != '\0')
                throw std::invalid_argument("--requests wants a positive integer");
        } else {
            throw std::invalid_argument("usage: bench_tls [--requests N]");
        }
    }
    return n;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::size_t n = parse_requests(argc, argv);
        std::printf("bench_tls: %zu per row (after %zu warm-up), each on a new connection but in row call/reused, "
                    "loopback, in-process fake server (TLS 1.3, EC P-256)\n",
                    n, warmup);
        std::printf("%-10s %-8s %10s %10s %10s %12s %14s\n", "measure", "session", "mean_us", "p50_us", "p90_us",
                    "cpu_us/op", "resumed/total");
        struct row {
            const char* measure;
            const char* session;
        };
        for (const row r : {row{"call", "full"}, row{"call", "resumed"}, row{"call", "reused"},
                            row{"handshake", "full"}, row{"handshake", "resumed"}}) {
            const bool call = std::string_view(r.measure) == "call";
            const bool reused = std::string_view(r.session) == "reused"; // one keep-alive connection
            const bool resumption = std::string_view(r.session) != "full";
            oat::fake_server_options o;
            o.keep_alive = reused; // false: Connection: close on every response, every call connects anew
            oat::fake_server server(o); // fresh counters (and ticket keys) per row
            const double cpu0 = process_cpu_us();
            const auto us = call ? time_calls(server, resumption, n) : time_handshakes(server, resumption, n);
            const double cpu_per_op = (process_cpu_us() - cpu0) / double(warmup + n);
            const summary s = summarize(us);
            const std::size_t resumed = server.resumed_handshakes(), total = server.tls_handshakes();
            std::printf("%-10s %-8s %10.1f %10.1f %10.1f %12.1f %8zu/%zu\n", r.measure, r.session, s.mean_us,
                        s.p50_us, s.p90_us, cpu_per_op, resumed, total);
            // Each row must measure what it says: all full, all but the first resumed, or one.
            const std::size_t want_total = reused ? 1 : warmup + n;
            const std::size_t want_resumed = reused || !resumption ? 0 : want_total - 1;
            if (total != want_total || resumed != want_resumed)
                throw std::runtime_error("the server saw other handshakes than intended");
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_tls: %s\n", e.what());
        return 1;
    }
    return 0;
}
