// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The one program every consumer test builds (tests/consumers/*): header_only compiles it
// directly with the documented command line; find_package, add_subdirectory and fetch_content
// build it with CMake. Grow it here, in one place.
//
// It is the README quick start, run without a server: it makes a client, sees an argument error
// come back through the diagnostics path, and a connection error through the exception path.
// The consumer driver checks that the output contains "openai-admin <project version>".
#include <openai/admin.hpp>

#include <boost/asio.hpp>

#include <cstdio>

namespace asio = boost::asio;
namespace oa = openai::admin;

static asio::awaitable<int> run(oa::client& api) {
    int failures = 0;
    // Argument errors never reach the network.
    oa::diagnostics diag;
    auto [ec, cert] = co_await api.certificates().async_get("", {}, diag, asio::as_tuple(asio::use_awaitable));
    if (ec != oa::client_errc::invalid_argument) {
        std::printf("expected invalid_argument, got %s\n", ec.message().c_str());
        ++failures;
    }
    // Nothing listens on port 9 of loopback: a transport error, thrown as api_error.
    try {
        auto list = api.certificates().list({.limit = 10});
        while (auto c = co_await list.async_next())
            std::printf("%s\n", c->id.c_str());
        std::printf("expected a connection error\n");
        ++failures;
    } catch (const oa::api_error& e) {
        std::printf("connection error as expected: %s\n", e.what());
    }
    co_return failures;
}

int main() {
    std::printf("openai-admin %s\n", OPENAI_ADMIN_VERSION_STRING);
    std::printf("user-agent: %s\n", openai::admin::user_agent);
    asio::io_context io;
    oa::client api(io, {.admin_key = "sk-admin-consumer", .base_url = "http://127.0.0.1:9/v1"});
    auto result = asio::co_spawn(io, run(api), asio::use_future);
    io.run();
    return result.get();
}
