// A local Admin API server (HTTPS, verification on) plus a client that trusts it, and a way to
// run a coroutine to completion from a test.
#ifndef OA_TESTS_SUPPORT_FIXTURE_HPP
#define OA_TESTS_SUPPORT_FIXTURE_HPP

#include <openai/admin/testing.hpp>
#include "printing.hpp"

#include <openai/admin.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <stdexcept>
#include <string>
#include <tuple>

#include <unistd.h>

namespace oa_test {

namespace asio = boost::asio;
namespace oa = openai::admin;
// The project's own tests use the public testing kit, as a user's tests would.
using namespace openai::admin::testing;

// The kit's client_config(), with one attempt (unless a test asks for retries) and a generous
// timeout for sanitizer builds.
inline oa::client_config config_for(const fake_server& server, const fake_server_options& = {}) {
    oa::client_config cfg = server.client_config();
    cfg.request_timeout = std::chrono::seconds(20);
    cfg.max_retries = 0; // one attempt, unless a test asks for retries
    return cfg;
}

// A file under /tmp removed on destruction.
struct temp_file {
    std::string path;
    explicit temp_file(const std::string& content) {
        char tmpl[] = "/tmp/oa_test_XXXXXX";
        int fd = ::mkstemp(tmpl);
        if (fd < 0)
            throw std::runtime_error("mkstemp failed");
        ::close(fd);
        path = tmpl;
        std::ofstream(path, std::ios::binary) << content;
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    ~temp_file() { std::remove(path.c_str()); }
};

// Runs `a` on `io` until it finishes (at most 60 s); rethrows what it threw.
template <class T>
T run_on(asio::io_context& io, asio::awaitable<T> a) {
    auto fut = asio::co_spawn(io, std::move(a), asio::use_future);
    io.restart();
    io.run_for(std::chrono::seconds(60));
    if (fut.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        throw std::runtime_error("coroutine did not finish within 60 s");
    return fut.get();
}

// One get of `id` through `api`; returns its code and fills `diag`.
inline oa::error_code get_once(asio::io_context& io, const oa::client& api, oa::diagnostics& diag,
                               const std::string& id = "cert_x") {
    return std::get<0>(
        run_on(io, api.certificates().async_get(id, {}, diag, asio::as_tuple(asio::use_awaitable))));
}

struct fixture {
    fake_server_options options;
    fake_server server;
    asio::io_context io;
    oa::client api;

    explicit fixture(fake_server_options opts = {})
        : options(opts), server(opts), api(io, config_for(server, opts)) {}

    // Runs `a` on the io_context until it finishes; rethrows what it threw.
    template <class T>
    T run(asio::awaitable<T> a) {
        return run_on(io, std::move(a));
    }

    // Number of requests the server has seen for `path` (prefix removed, decoded).
    std::size_t requests_to(const std::string& method, const std::string& path) const {
        std::size_t n = 0;
        for (const auto& r : server.requests())
            if (r.method == method && r.path == path)
                ++n;
        return n;
    }
};

inline std::string query_value(const recorded_request& r, const std::string& name) {
    for (const auto& [k, v] : r.query)
        if (k == name)
            return v;
    return "<absent>";
}

} // namespace oa_test

#endif
