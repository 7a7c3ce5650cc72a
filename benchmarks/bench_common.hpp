// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// What the C++ benchmark programs share: the command line, the request payload, the driver
// (C coroutines taking operations from one counter until N are done) and the report. Only the
// operation itself differs between bench_client (the SDK) and bench_raw (hand-written Beast).
#ifndef OPENAI_ADMIN_BENCH_COMMON_HPP
#define OPENAI_ADMIN_BENCH_COMMON_HPP

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

struct args {
    std::string base_url;
    std::string ca_file;
    std::string op;
    std::size_t requests = 0;
    std::size_t concurrency = 1;
    unsigned page_size = 100;
    std::string id = "cert_bench";
    std::string admin_key;
};

inline void usage(const char* prog) {
    std::fprintf(stderr,
                 "usage: %s --base-url URL [--ca-file F] --op get|list|upload|walk[-immediate] --requests N\n"
                 "          --concurrency C [--page-size P] [--id ID]\n"
                 "The admin key comes from OPENAI_ADMIN_KEY (default sk-admin-bench).\n",
                 prog);
}

// Calls on_flag(flag, value) for each "--flag value" pair of the command line; -h/--help
// prints the usage and exits 0. Throws std::invalid_argument for a flag without a value.
template <class OnFlag>
void for_each_flag(int argc, char** argv, void (*print_usage)(const char*), OnFlag on_flag) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (flag == "-h" || flag == "--help") {
            print_usage(argv[0]);
            std::exit(0);
        }
        if (i + 1 >= argc)
            throw std::invalid_argument(std::string(flag) + " needs a value");
        on_flag(flag, argv[++i]);
    }
}

// Exits with status 2 and a message naming the problem on a bad command line.
inline args parse_args(int argc, char** argv) {
    args a;
    auto number = [](std::string_view flag, const char* v) -> std::size_t {
        char* end = nullptr;
        const unsigned long long n = std::strtoull(v, &end, 10);
        if (end == v || *end != '\0' || n == 0)
            throw std::invalid_argument(std::string(flag) + " wants a positive integer, got \"" + v + "\"");
        return static_cast<std::size_t>(n);
    };
    try {
        for_each_flag(argc, argv, &usage, [&](std::string_view flag, const char* v) {
            if (flag == "--base-url") a.base_url = v;
            else if (flag == "--ca-file") a.ca_file = v;
            else if (flag == "--op") a.op = v;
            else if (flag == "--requests") a.requests = number(flag, v);
            else if (flag == "--concurrency") a.concurrency = number(flag, v);
            else if (flag == "--page-size") a.page_size = static_cast<unsigned>(number(flag, v));
            else if (flag == "--id") a.id = v;
            else throw std::invalid_argument("unknown argument " + std::string(flag));
        });
        if (a.base_url.empty())
            throw std::invalid_argument("--base-url is required");
        if (a.op != "get" && a.op != "list" && a.op != "upload" && a.op != "walk" && a.op != "walk-immediate")
            throw std::invalid_argument("--op must be get, list, upload, walk or walk-immediate");
        if (a.requests == 0)
            throw std::invalid_argument("--requests is required");
        if (a.page_size > 100)
            throw std::invalid_argument("--page-size must be 1-100");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
        usage(argv[0]);
        std::exit(2);
    }
    const char* key = std::getenv("OPENAI_ADMIN_KEY");
    a.admin_key = key && *key ? key : "sk-admin-bench";
    return a;
}

// The certificate every upload sends (the servers of run.sh do not parse it).
inline std::string upload_pem() {
    std::string pem = "-----BEGIN CERTIFICATE-----\n";
    for (int i = 0; i < 12; ++i)
        pem += std::string(64, 'A') + "\n";
    pem += "-----END CERTIFICATE-----\n";
    return pem;
}

// Runs `op(w)` (an awaitable<void>-returning callable, throwing on failure; w = which of the
// coroutines runs it, 0..C-1) `a.requests` times from `a.concurrency` coroutines on `io`, then prints `note()` (if not empty) and the two
// report lines. Any failure ends the program with status 1: a benchmark must not measure errors.
template <class Op, class Note>
int drive(boost::asio::io_context& io, const args& a, Op op, Note note) {
    using clock = std::chrono::steady_clock;
    std::vector<std::int64_t> latencies_us;
    latencies_us.reserve(a.requests);
    std::size_t next = 0;
    auto worker = [&](std::size_t w) -> boost::asio::awaitable<void> {
        while (next < a.requests) {
            ++next;
            const auto t0 = clock::now();
            co_await op(w);
            latencies_us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - t0).count());
        }
    };
    const auto started = clock::now();
    for (std::size_t i = 0; i < a.concurrency; ++i)
        boost::asio::co_spawn(io, worker(i), [](std::exception_ptr e) {
            if (!e)
                return;
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                std::fprintf(stderr, "bench: operation failed: %s\n", ex.what());
            }
            std::exit(1);
        });
    io.run();
    const double seconds = std::chrono::duration<double>(clock::now() - started).count();

    if (const std::string extra = note(); !extra.empty())
        std::printf("%s\n", extra.c_str());
    std::sort(latencies_us.begin(), latencies_us.end());
    auto pct = [&](double p) { return latencies_us[static_cast<std::size_t>(p * double(latencies_us.size() - 1))]; };
    std::printf("latency p50=%lldus p99=%lldus\n", static_cast<long long>(pct(0.50)),
                static_cast<long long>(pct(0.99)));
    std::printf("%s n=%zu conc=%zu %.1f ops/s\n", a.op.c_str(), a.requests, a.concurrency,
                double(a.requests) / seconds);
    return 0;
}

} // namespace bench

#endif
