// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// bench_soak: N calls (default 1,000,000) on ONE client, C in flight (default 256), against
// the bundled fake server (tests/server, TLS on) running in this process, while the server
// injects faults and closes idle connections. It checks that
//   - no call fails (faults are spaced so that one call meeting more than max_retries of them
//     is all but impossible),
//   - RSS grows by at most 1 MB between the 10 % and the 100 % checkpoint,
//   - the number of open file descriptors is the same at 10 %, 50 % and 100 %,
//   - the run ends within --max-seconds,
// and exits with status 1 (naming the reason) otherwise.
//
// Calls (by call index i, i % 20): 12 x get, 3 x organization list page (limit 20, asc, after a
// cursor), 1 x project list page, 1 x organization activate, deactivate, project activate,
// deactivate (POST). No uploads. Faults, from a counter of the requests the server sees
// (deterministic, not random): every 500th a 503 with `retry-after-ms: 1`; every 1000th (at
// offset 249) the request is read and the connection reset (RST) without an answer; every
// 1000th (at offset 749) the request is carried out, then the connection reset without an
// answer. A thread closes the server's idle keep-alive connections every --idle-close-ms.
//
// Checkpoints (0 %, informative; 10 %, 50 %, 100 %): issuing stops, the calls in flight finish,
// faults and idle closes pause, the server closes its idle connections, and after a settle one
// modify (a POST that is not idempotent: its pool acquire drops every idle connection the
// server has closed; activate no longer does, being idempotent) leaves exactly one live connection (two sockets, both ends in this process). Then RSS and the fds
// are read, so the counts compare like with like.

#include <openai/admin/testing.hpp>
#include "bench_common.hpp"

#include <openai/admin.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>
#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

// Under AddressSanitizer RSS says nothing about the program (freed memory waits in quarantine).
#if defined(__SANITIZE_ADDRESS__)
#define OA_SOAK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OA_SOAK_ASAN 1
#endif
#endif
#ifndef OA_SOAK_ASAN
#define OA_SOAK_ASAN 0
#endif

namespace asio = boost::asio;
namespace oa = openai::admin;
namespace oat = openai::admin::testing;
using steady = std::chrono::steady_clock;

namespace {

constexpr auto tuple = asio::as_tuple(asio::use_awaitable);

struct options {
    std::size_t calls = 1'000'000;
    std::size_t concurrency = 256;
    std::size_t max_connections = 16;
    unsigned max_retries = 5;
    std::size_t certificates = 100;
    unsigned idle_close_ms = 250;
    unsigned max_seconds = 1800;
    long rss_limit_kb = 1024;
};

void usage(const char* prog) {
    std::fprintf(stderr,
                 "usage: %s [--calls N] [--concurrency C] [--max-connections M] [--max-retries R]\n"
                 "          [--idle-close-ms T] [--max-seconds S] [--rss-limit-kb K]\n"
                 "defaults: 1000000 calls, 256 in flight, pool of 16, 5 retries, idle closes every 250 ms,\n"
                 "          fail after 1800 s, RSS may grow by 1024 kB between the 10%% and 100%% checkpoints\n",
                 prog);
}

options parse(int argc, char** argv) {
    options o;
    try {
        bench::for_each_flag(argc, argv, &usage, [&](std::string_view flag, const char* v) {
            char* end = nullptr;
            const unsigned long long n = std::strtoull(v, &end, 10);
            if (end == v || *end != '\0')
                throw std::invalid_argument(std::string(flag) + " wants a number, got \"" + v + "\"");
            if (flag == "--calls") o.calls = n;
            else if (flag == "--concurrency") o.concurrency = n;
            else if (flag == "--max-connections") o.max_connections = n;
            else if (flag == "--max-retries") o.max_retries = static_cast<unsigned>(n);
            else if (flag == "--idle-close-ms") o.idle_close_ms = static_cast<unsigned>(n);
            else if (flag == "--max-seconds") o.max_seconds = static_cast<unsigned>(n);
            else if (flag == "--rss-limit-kb") o.rss_limit_kb = static_cast<long>(n);
            else throw std::invalid_argument("unknown argument " + std::string(flag));
        });
        if (o.calls < 10 || o.concurrency == 0 || o.max_connections == 0 || o.idle_close_ms == 0 ||
            o.max_seconds == 0)
            throw std::invalid_argument("--calls must be at least 10; the others positive");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
        usage(argv[0]);
        std::exit(2);
    }
    return o;
}

// ---- process measurements

long rss_kb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::strtol(line.c_str() + 6, nullptr, 10);
    return -1;
}

// Bytes malloc has handed out and not had back (all arenas), -1 where unknown.
long heap_kb() {
#if !OA_SOAK_ASAN && defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    const struct mallinfo2 mi = ::mallinfo2();
    return static_cast<long>((mi.uordblks + mi.hblkhd) / 1024);
#else
    return -1;
#endif
}

struct fd_count {
    std::size_t total = 0;
    std::size_t sockets = 0;
};

// The open descriptors, without the one the directory listing itself uses.
fd_count open_fds() {
    fd_count c;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
        std::error_code lec;
        const auto target = std::filesystem::read_symlink(e.path(), lec);
        if (lec)
            continue; // the listing's own descriptor, gone by now
        ++c.total;
        if (target.native().rfind("socket:", 0) == 0)
            ++c.sockets;
    }
    return c;
}

struct checkpoint {
    const char* label;
    std::size_t calls;
    long rss;
    long heap;
    fd_count fds;
    double elapsed;
};

// ---- the run

struct soak {
    options opt;
    oat::fake_server server;
    asio::io_context io{1};
    std::optional<oa::client> api;

    // Faults (server thread, under the server's lock).
    std::atomic<bool> faults_on{false};
    std::uint64_t requests_seen = 0;
    std::atomic<std::uint64_t> injected_503{0}, injected_reset{0}, injected_applied_reset{0};

    // The idle closer (its own thread); `pause` is held while a checkpoint runs.
    std::mutex pause;
    std::mutex stop_mu;
    std::condition_variable stop_cv;
    bool stopping = false;
    std::atomic<std::uint64_t> idle_closes{0};
    std::thread closer;
    steady::time_point started = steady::now();

    // Client side (io thread only).
    std::size_t next = 0;
    std::atomic<std::size_t> done{0}; // also read by the closer thread
    std::size_t failures = 0;
    std::size_t probes = 0;
    std::vector<std::string> first_failures;
    std::uint64_t attempts = 0, retries_status = 0, retries_transport = 0, retries_503 = 0;

    explicit soak(const options& o) : opt(o), server(oat::fake_server_options{.max_certificates = std::max<std::size_t>(50, o.certificates)}) {
        server.seed_certificates(opt.certificates);
        oa::client_config cfg = server.client_config();
        cfg.max_retries = opt.max_retries;
        cfg.max_connections = opt.max_connections;
        cfg.request_timeout = std::chrono::seconds(30);
        cfg.on_attempt = [this](const oa::attempt_info& a) {
            ++attempts;
            if (!a.will_retry)
                return;
            if (a.status == 0)
                ++retries_transport;
            else
                ++retries_status;
            if (a.status == 503)
                ++retries_503;
        };
        api.emplace(io, std::move(cfg));

        server.set_fault_hook([this](const oat::recorded_request&) -> std::optional<oat::fault> {
            if (!faults_on.load(std::memory_order_relaxed))
                return std::nullopt;
            const std::uint64_t n = requests_seen++;
            if (n % 500 == 499) {
                ++injected_503;
                return oat::fault{
                    .status = 503,
                    .headers = {{"retry-after-ms", "1"}},
                    .body = R"({"error":{"message":"injected 503","type":"server_error","param":null,"code":null}})"};
            }
            if (n % 1000 == 249) {
                ++injected_reset;
                return oat::fault{.close_without_reply = true, .reset = true};
            }
            if (n % 1000 == 749) {
                ++injected_applied_reset;
                return oat::fault{.close_without_reply = true, .reset = true, .process_first = true};
            }
            return std::nullopt;
        });

        closer = std::thread([this] { closer_loop(); });
    }

    ~soak() {
        {
            std::lock_guard lk(stop_mu);
            stopping = true;
        }
        stop_cv.notify_all();
        closer.join();
        server.set_fault_hook({});
    }

    void closer_loop() {
        const auto period = std::chrono::milliseconds(opt.idle_close_ms);
        std::unique_lock lk(stop_mu);
        while (!stop_cv.wait_for(lk, period, [this] { return stopping; })) {
            const double elapsed = std::chrono::duration<double>(steady::now() - started).count();
            if (elapsed > opt.max_seconds) {
                std::printf("FAIL: still running after %.1f s (--max-seconds %u), %zu calls done\n", elapsed,
                            opt.max_seconds, done.load());
                std::fflush(stdout);
                std::_Exit(1);
            }
            // Skipped while a checkpoint runs (which must not block this deadline check).
            std::unique_lock pl(pause, std::try_to_lock);
            if (!pl.owns_lock())
                continue;
            server.close_idle_connections();
            ++idle_closes;
        }
    }

    void fail(std::string what) {
        ++failures;
        if (first_failures.size() < 10)
            first_failures.push_back(std::move(what));
    }

    static std::string seed_id(std::size_t k) {
        char id[32];
        std::snprintf(id, sizeof id, "cert_seed_%06zu", k);
        return id;
    }

    // Call number i; any error or unexpected result counts as a failure.
    asio::awaitable<void> call(std::size_t i) {
        const auto certs = api->certificates();
        const std::size_t kind = i % 20;
        const std::string id = seed_id((i / 20) % opt.certificates);
        oa::diagnostics diag;
        if (kind < 12) {
            auto [ec, c] = co_await certs.async_get(id, {}, diag, tuple);
            if (ec)
                fail("get " + id + ": " + oa::describe(ec, diag));
            else if (c.id != id)
                fail("get " + id + " returned " + c.id);
        } else if (kind < 16) {
            // 20 items after a cursor among the first (certificates - 20), oldest first.
            const std::string after = seed_id((i / 20) % (opt.certificates - 20));
            auto list = kind < 15 ? certs.list({.limit = 20, .order = oa::order::asc, .after = after})
                                  : api->projects("proj_soak_" + std::to_string(i % 4))
                                        .certificates()
                                        .list({.limit = 20, .order = oa::order::asc, .after = after});
            auto [ec, page] = co_await list.async_next_page(diag, tuple);
            if (ec)
                fail("list after " + after + ": " + oa::describe(ec, diag));
            else if (!page || page->data.size() != 20)
                fail("list after " + after + ": " + std::to_string(page ? page->data.size() : 0) + " items");
        } else {
            const bool activate = kind % 2 == 0;
            const oa::certificate_ids ids(id);
            const auto scope = kind < 18 ? static_cast<oa::scope_certificates>(certs)
                                         : static_cast<oa::scope_certificates>(
                                               api->projects("proj_soak_" + std::to_string(i % 4)).certificates());
            std::tuple<oa::error_code, oa::activation_result> out;
            if (activate)
                out = co_await scope.async_activate(ids, diag, tuple);
            else
                out = co_await scope.async_deactivate(ids, diag, tuple);
            auto& [ec, r] = out;
            if (ec)
                fail(std::string(activate ? "activate " : "deactivate ") + id + ": " + oa::describe(ec, diag));
            else if (r.data.size() != 1 || r.data[0].id != id || r.data[0].active != activate)
                fail(std::string(activate ? "activate " : "deactivate ") + id + ": unexpected result");
        }
    }

    asio::awaitable<void> worker(std::size_t end) {
        while (next < end) {
            const std::size_t i = next++;
            co_await call(i);
            // The server records every request; keep that record short.
            if (++done % 256 == 0)
                server.clear_requests();
        }
    }

    void run_until(std::size_t end) {
        for (std::size_t w = 0; w < opt.concurrency; ++w)
            asio::co_spawn(io, worker(end), [](std::exception_ptr e) {
                if (e)
                    std::rethrow_exception(e);
            });
        io.restart();
        io.run();
    }

    // See the file comment: quiesce, leave one live connection, measure.
    checkpoint measure(const char* label) {
        std::lock_guard pl(pause);
        faults_on = false;
        server.close_idle_connections();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        asio::co_spawn(
            io,
            [this]() -> asio::awaitable<void> {
                ++probes;
                oa::diagnostics diag;
                const std::string id = seed_id(0);
                const oa::modify_params same_name{.name = "seed 0"}; // its name already
                auto [ec, r] = co_await api->certificates().async_modify(id, same_name, diag, tuple);
                if (ec)
                    fail("checkpoint modify: " + oa::describe(ec, diag));
            },
            asio::detached);
        io.restart();
        io.run();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        server.clear_requests();
        checkpoint c{label, done.load(), rss_kb(), heap_kb(), open_fds(),
                     std::chrono::duration<double>(steady::now() - started).count()};
        faults_on = true;
        return c;
    }
};

void print(const checkpoint& c) {
    const std::string heap = c.heap < 0 ? "n/a" : std::to_string(c.heap);
    std::printf("%-10s %9zu %9ld %9s %5zu %8zu %9.1f\n", c.label, c.calls, c.rss, heap.c_str(), c.fds.total,
                c.fds.sockets, c.elapsed);
}

} // namespace

int main(int argc, char** argv) {
    const options opt = parse(argc, argv);
    std::printf("soak: %zu calls, %zu in flight, one client (pool of %zu, max_retries %u), bundled server over TLS, "
                "%zu certificates\n",
                opt.calls, opt.concurrency, opt.max_connections, opt.max_retries, opt.certificates);
    std::printf("soak: mix per 20 calls: 12 get, 3 list page, 1 project list page, 4 activate/deactivate (POST)\n");
    std::printf("soak: faults per 1000 requests: 2 x 503 (retry-after-ms: 1), 1 x RST without answer, 1 x carried out "
                "then RST; idle connections closed every %u ms\n",
                opt.idle_close_ms);
    std::fflush(stdout);

    soak s(opt);
    std::vector<checkpoint> cps;
    std::printf("%-10s %9s %9s %9s %5s %8s %9s\n", "checkpoint", "calls", "rss_kB", "heap_kB", "fds", "sockets",
                "elapsed_s");
    cps.push_back(s.measure("start"));
    print(cps.back());
    const std::size_t marks[] = {opt.calls / 10, opt.calls / 2, opt.calls};
    const char* labels[] = {"10%", "50%", "100%"};
    for (int k = 0; k < 3; ++k) {
        s.run_until(marks[k]);
        cps.push_back(s.measure(labels[k]));
        print(cps.back());
        std::fflush(stdout);
    }
    const double wall = std::chrono::duration<double>(steady::now() - s.started).count();

    const std::size_t done = s.done.load();
    std::printf("calls=%zu failures=%zu wall=%.1fs rate=%.0f calls/s (+%zu checkpoint probes)\n", done, s.failures,
                wall, double(done) / wall, s.probes);
    std::printf("attempts=%llu retries=%llu (after a status: %llu, of them 503: %llu; after a transport error: %llu)\n",
                static_cast<unsigned long long>(s.attempts),
                static_cast<unsigned long long>(s.retries_status + s.retries_transport),
                static_cast<unsigned long long>(s.retries_status), static_cast<unsigned long long>(s.retries_503),
                static_cast<unsigned long long>(s.retries_transport));
    std::printf("injected: 503=%llu reset=%llu applied+reset=%llu idle_closes=%llu; server accepted %zu connections, "
                "at most %zu open at once\n",
                static_cast<unsigned long long>(s.injected_503.load()),
                static_cast<unsigned long long>(s.injected_reset.load()),
                static_cast<unsigned long long>(s.injected_applied_reset.load()),
                static_cast<unsigned long long>(s.idle_closes.load()), s.server.connections_accepted(),
                s.server.peak_open_connections());
    for (const auto& f : s.first_failures)
        std::printf("failure: %s\n", f.c_str());

    const checkpoint& c10 = cps[1];
    const checkpoint& c50 = cps[2];
    const checkpoint& c100 = cps[3];
    const long rss_growth = c100.rss - c10.rss;
    const std::string heap_growth =
        c10.heap < 0 ? "n/a" : (c100.heap >= c10.heap ? "+" : "") + std::to_string(c100.heap - c10.heap) + " kB";
    std::printf("rss 10%%->100%%: %+ld kB (limit +%ld kB); heap in use 10%%->100%%: %s; fds 10%%/50%%/100%%: "
                "%zu/%zu/%zu\n",
                rss_growth, opt.rss_limit_kb, heap_growth.c_str(), c10.fds.total, c50.fds.total, c100.fds.total);

    std::vector<std::string> problems;
    if (s.failures != 0)
        problems.push_back(std::to_string(s.failures) + " calls failed");
    if (done != opt.calls)
        problems.push_back("only " + std::to_string(done) + " calls done");
    if (OA_SOAK_ASAN)
        std::printf("soak: built with AddressSanitizer: RSS not checked\n");
    else if (rss_growth > opt.rss_limit_kb)
        problems.push_back("RSS grew by " + std::to_string(rss_growth) + " kB between 10% and 100%");
    if (c10.fds.total != c50.fds.total || c10.fds.total != c100.fds.total)
        problems.push_back("open fds changed: " + std::to_string(c10.fds.total) + "/" + std::to_string(c50.fds.total) +
                           "/" + std::to_string(c100.fds.total));
    if (wall > opt.max_seconds)
        problems.push_back("took longer than --max-seconds");
    for (const auto& p : problems)
        std::printf("FAIL: %s\n", p.c_str());
    if (problems.empty())
        std::printf("soak: OK\n");
    return problems.empty() ? 0 : 1;
}
