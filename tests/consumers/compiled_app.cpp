// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The user file of a program that compiles the SDK apart (OPENAI_ADMIN_SEPARATE_COMPILATION):
// the CMake consumers link it with openai_admin::compiled, the bare compiler line builds it
// with compiled_src.cpp (the one file that includes the src.hpp headers). It runs all ten
// operations against the testing kit's fake server with the API's strict upload checks, and
// prints "compiled OK" when every check holds.
#include <openai/admin.hpp>

#ifndef OPENAI_ADMIN_SEPARATE_COMPILATION
#error "compiled_app.cpp is the separate-compilation consumer: OPENAI_ADMIN_SEPARATE_COMPILATION must be defined"
#endif
// What the SDK's headers must not have brought in, compiled apart: Beast, Asio's TLS layer,
// OpenSSL and Boost.JSON's parser.
#if defined(BOOST_BEAST_CORE_HPP) || defined(BOOST_BEAST_HTTP_MESSAGE_HPP) || defined(BOOST_ASIO_SSL_STREAM_HPP) || \
    defined(HEADER_X509_H) || defined(OPENSSL_X509_H) || defined(BOOST_JSON_BASIC_PARSER_HPP) ||                  \
    defined(BOOST_JSON_PARSER_HPP)
#error "<openai/admin.hpp> included Beast, TLS or the JSON parser in separate compilation mode"
#endif

#include <openai/admin/testing.hpp>

#include "consumer_check.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <cstdio>
#include <exception>
#include <string>

namespace asio = boost::asio;
namespace oa = openai::admin;
namespace oat = openai::admin::testing;

int main() try {
    oat::fake_server fake({.strict_certificate_checks = true});
    asio::io_context io;
    oa::client api(io, fake.client_config());
    const std::string pem = oat::make_ca_pem();
    check(oa::check_ca_pem(pem).ok(), "check_ca_pem passes the kit's CA");

    auto done = asio::co_spawn(io, [&]() -> asio::awaitable<int> {
        auto certs = api.certificates();
        auto c = co_await certs.async_upload({.certificate = pem, .name = "probe"});
        auto got = co_await certs.async_get(c.id, {.include_content = true});
        check(got.certificate_details.content.has_value(), "get with content returns the PEM");
        auto renamed = co_await certs.async_modify(c.id, {.name = "renamed"});
        check(renamed.name == "renamed", "modify renames");
        int seen = 0;
        auto org = certs.list({.limit = 1});
        while (auto item = co_await org.async_next())
            ++seen;
        co_await certs.async_activate({c.id});
        auto project = api.projects("proj_1").certificates();
        co_await project.async_activate({c.id});
        auto pages = project.list();
        while (auto page = co_await pages.async_next_page())
            for (const auto& item : page->data)
                check(item.active, "active in the project after activation");
        co_await project.async_deactivate({c.id});
        co_await certs.async_deactivate({c.id});
        auto deleted = co_await certs.async_delete(c.id);
        check(deleted.id == c.id, "delete returns the id");
        // A refused upload arrives as an api_error, as header-only.
        try {
            co_await certs.async_upload({.certificate = oat::make_expired_ca_pem()});
            check(false, "an expired CA is refused");
        } catch (const oa::api_error& e) {
            check(e.status() == 400, "the refusal is a 400");
        }
        co_return seen;
    }, asio::use_future);
    io.run();
    check(done.get() == 1, "the list walk saw the one certificate");
    check(fake.request_count() == 11, "eleven requests reached the server");
    check(fake.certificates().empty(), "nothing is left on the server");
    if (failures == 0)
        std::printf("compiled OK\n");
    return failures == 0 ? 0 : 1;
} catch (const std::exception& e) {
    std::printf("FAILED: %s\n", e.what());
    return 1;
}
