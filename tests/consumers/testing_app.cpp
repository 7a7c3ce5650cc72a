// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The testing kit as a packaged user gets it (the find_package, add_subdirectory and
// fetch_content consumer tests link it with openai_admin::testing): a fake server over HTTPS
// with mutual TLS, seeded state, a scripted 503 the SDK's retry absorbs, and the requests and
// state read back. Prints "testing kit OK" and exits 0 when every check holds.
#include <openai/admin.hpp>
#include <openai/admin/testing.hpp>

#include "consumer_check.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <cstdio>
#include <exception>

namespace asio = boost::asio;
namespace oa = openai::admin;
namespace oat = openai::admin::testing;

int main() try {
    oat::fake_server fake({.mutual_tls = true});
    const auto ids = fake.seed({{.name = "old", .active_in_organization = true}});
    fake.inject("activateOrganizationCertificates", oat::fault::unavailable());

    asio::io_context io;
    oa::client api(io, fake.client_config());
    auto done = asio::co_spawn(io, [&]() -> asio::awaitable<std::string> {
        auto c = co_await api.certificates().async_upload({.certificate = oat::make_ca_pem(), .name = "new"});
        co_await api.certificates().async_activate(c.id);
        co_await api.certificates().async_deactivate(ids[0]);
        co_return c.id;
    }, asio::use_future);
    io.run();
    const std::string id = done.get();

    check(fake.is_active_in_organization(id), "the new certificate is active");
    check(!fake.is_active_in_organization(ids[0]), "the old one is not");
    check(fake.request_count("activateOrganizationCertificates") == 2, "the 503 was retried once");
    check(fake.requests("uploadCertificate").at(0).json().at("name").as_string() == "new", "the upload's name");
    check(fake.tls_handshakes() >= 1, "TLS (mutual) was used");
    if (failures == 0)
        std::printf("testing kit OK\n");
    return failures == 0 ? 0 : 1;
} catch (const std::exception& e) {
    std::printf("FAILED: %s\n", e.what());
    return 1;
}
