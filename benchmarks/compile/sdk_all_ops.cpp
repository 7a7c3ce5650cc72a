// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Compile-cost probe (benchmarks/compile_cost.sh): a translation unit that uses all ten
// certificate operations through the SDK. Compared with raw_one_request.cpp.
#include <openai/admin.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

namespace asio = boost::asio;
namespace oa = openai::admin;

asio::awaitable<void> all_ten(oa::client api, std::string pem) {
    auto certs = api.certificates();
    auto c = co_await certs.async_upload({.certificate = pem, .name = "probe"});
    c = co_await certs.async_get(c.id, {.include_content = true});
    c = co_await certs.async_modify(c.id, {.name = "renamed"});
    auto org = certs.list({.limit = 10});
    while (auto item = co_await org.async_next()) {
    }
    co_await certs.async_activate({c.id});
    co_await certs.async_deactivate({c.id});
    auto project = api.projects("proj_1").certificates();
    auto pages = project.list();
    while (auto page = co_await pages.async_next_page()) {
    }
    co_await project.async_activate({c.id});
    co_await project.async_deactivate({c.id});
    co_await certs.async_delete(c.id);
}

int main() {
    asio::io_context io;
    oa::client api(io, oa::client_config::from_env());
    asio::co_spawn(io, all_ten(api, "PEM"), asio::detached);
    io.run();
}
