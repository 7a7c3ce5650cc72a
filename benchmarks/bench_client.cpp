// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// bench_client: the SDK under load, through its public API only and its default configuration
// (retries on, TLS verification on, the default connection pool). C coroutines share one
// client until N operations are done:
//   get     certificates().async_get(id)
//   list    certificates().list({.limit = P}).async_next_page()  (one page, typed models)
//   upload  certificates().async_upload({.certificate, .name})
//   walk    every certificate through the list's async_next(), counted (one walk = one op)
//   walk-immediate  the same with asio::bind_immediate_executor (Boost >= 1.82): items already
//           fetched complete inline instead of through the scheduler
// See bench_common.hpp for the command line and the report; benchmarks/run.sh for the setup.

#include "bench_common.hpp"

#include <openai/admin.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/version.hpp>
#if BOOST_VERSION >= 108200
#include <boost/asio/bind_immediate_executor.hpp>
#endif

#include <cstdio>
#include <stdexcept>
#include <string>

namespace asio = boost::asio;
namespace oa = openai::admin;

int main(int argc, char** argv) {
    const bench::args a = bench::parse_args(argc, argv);

    oa::client_config cfg;
    cfg.admin_key = a.admin_key;
    cfg.base_url = a.base_url;
    cfg.tls.ca_file = a.ca_file;

    asio::io_context io(1);
    std::optional<oa::client> api;
    try {
        api.emplace(io, std::move(cfg));
    } catch (const oa::api_error& e) {
        std::fprintf(stderr, "bench_client: %s\n", e.what());
        return 2;
    }
    const auto certs = api->certificates();
    const std::string pem = bench::upload_pem();
    std::size_t walked = 0;

    auto op = [&](std::size_t) -> asio::awaitable<void> {
        if (a.op == "get") {
            auto c = co_await certs.async_get(a.id);
            if (c.id.empty())
                throw std::runtime_error("get: empty id");
        } else if (a.op == "list") {
            auto page = co_await certs.list({.limit = a.page_size}).async_next_page();
            if (!page || page->data.empty())
                throw std::runtime_error("list: empty page");
        } else if (a.op == "upload") {
            auto c = co_await certs.async_upload({.certificate = pem, .name = "bench"});
            if (c.id.empty())
                throw std::runtime_error("upload: empty id");
        } else if (a.op == "walk") {
            auto all = certs.list({.limit = a.page_size});
            std::size_t n = 0;
            while (co_await all.async_next())
                ++n;
            walked = n;
        } else {
#if BOOST_VERSION >= 108200
            auto all = certs.list({.limit = a.page_size});
            // Not const: Boost 1.83's bind_immediate_executor cannot initiate through a const binder.
            auto inline_token = asio::bind_immediate_executor(io.get_executor(), oa::default_completion_token_t{});
            std::size_t n = 0;
            while (co_await all.async_next(inline_token))
                ++n;
            walked = n;
#else
            throw std::runtime_error("walk-immediate needs Boost 1.82 or later");
#endif
        }
    };
    return bench::drive(io, a, op, [&] {
        return a.op.starts_with("walk") ? "walked " + std::to_string(walked) + " items per walk" : std::string();
    });
}
