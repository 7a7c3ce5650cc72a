// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// A user's test file on the testing kit (compile_cost.sh): a fake server, a client pointed at
// it, a fault, a request assertion. With -DOA_KIT_HEADER_ONLY it also compiles the kit itself
// (what every such file would cost if the kit were header-only).
#include <openai/admin.hpp>
#include <openai/admin/testing.hpp>
#ifdef OA_KIT_HEADER_ONLY
#include <openai/admin/testing/src.hpp>
#endif

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace asio = boost::asio;
namespace oa = openai::admin;
namespace oat = openai::admin::testing;

int main() {
    oat::fake_server fake;
    const auto ids = fake.seed({{.name = "a", .active_in_organization = true}});
    fake.inject("getCertificate", oat::fault::unavailable());
    asio::io_context io;
    oa::client api(io, fake.client_config());
    auto done = asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        co_await api.certificates().async_get(ids[0]);
        co_await api.certificates().async_deactivate(ids[0]);
    }, asio::use_future);
    io.run();
    done.get();
    return fake.request_count("getCertificate") == 2 && !fake.is_active_in_organization(ids[0]) ? 0 : 1;
}
