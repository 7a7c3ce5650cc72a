// TLS beyond verification: encrypted mutual-TLS keys (PKCS#8 and legacy PEM, from memory and
// from files, with a passphrase or a passphrase callback) and TLS session resumption, against
// the local server.
//
// A passphrase must never be read from the terminal: run this suite with stdin from /dev/null
// (and without a controlling terminal, e.g. under setsid) to be sure nothing prompts.

#include "../support/fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <unistd.h>

using namespace oa_test;

namespace {

const std::string passphrase = "correct horse 7f3a battery";
const std::string wrong_passphrase = "Tr0ub4dor&3 wrong";

// A config for checks made when the client is made (nothing is sent: port 1).
oa::client_config offline_config() {
    oa::client_config cfg{.admin_key = "k", .base_url = "https://127.0.0.1:1/v1"};
    cfg.tls.use_system_trust_store = false;
    return cfg;
}

// A server requiring client certificates from `id`'s CA.
fake_server_options mtls_options(const tls_identity& id) {
    fake_server_options opts;
    opts.client_ca_pem = id.ca_pem;
    return opts;
}

// Makes a client from `cfg`; expects invalid_config and returns the exception's what() and
// message() (both checked not to contain either passphrase).
std::string refused(asio::io_context& io, const oa::client_config& cfg) {
    try {
        oa::client c(io, cfg);
    } catch (const oa::api_error& e) {
        BOOST_TEST(e.code() == oa::client_errc::invalid_config);
        const std::string what = e.what();
        for (const std::string& secret : {passphrase, wrong_passphrase}) {
            BOOST_TEST(what.find(secret) == std::string::npos, what);
            BOOST_TEST(e.message().find(secret) == std::string::npos, e.message());
        }
        return e.message();
    }
    BOOST_ERROR("the client was made");
    return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A client of `server` presenting `id`'s certificate, with `key_pem` held in memory.
oa::client_config mtls_config(const fake_server& server, const fake_server_options& opts, const tls_identity& id,
                              const std::string& key_pem) {
    auto cfg = config_for(server, opts);
    cfg.tls.client_cert_pem = id.cert_pem;
    cfg.tls.client_key_pem = key_pem;
    return cfg;
}

// One get on a new connection: the server drops idle connections first.
oa::error_code get_on_new_connection(asio::io_context& io, fake_server& server, const oa::client& api) {
    server.close_idle_connections();
    oa::diagnostics diag;
    return get_once(io, api, diag);
}

} // namespace

BOOST_AUTO_TEST_SUITE(tls)

BOOST_AUTO_TEST_CASE(encrypted_pkcs8_key_from_memory_and_from_a_file) {
    const auto id = make_client_identity();
    const auto opts = mtls_options(id);
    fake_server server(opts);
    asio::io_context io;
    oa::diagnostics diag;
    const std::string encrypted = encrypt_private_key_pem(id.key_pem, passphrase);
    BOOST_TEST_REQUIRE(contains(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----"));

    // in memory, with the passphrase
    auto cfg = mtls_config(server, opts, id, encrypted);
    cfg.tls.client_key_passphrase = passphrase;
    oa::client in_memory(io, cfg);
    BOOST_TEST(get_once(io, in_memory, diag) == oa::api_errc::not_found); // past mutual TLS
    BOOST_TEST(server.requests().size() == 1u);

    // from a file, with the callback (asked once)
    temp_file cert_file(id.cert_pem), key_file(encrypted);
    auto fcfg = config_for(server, opts);
    fcfg.tls.client_cert_file = cert_file.path;
    fcfg.tls.client_key_file = key_file.path;
    int calls = 0;
    fcfg.tls.client_key_passphrase_callback = [&] {
        ++calls;
        return passphrase;
    };
    oa::client from_file(io, fcfg);
    BOOST_TEST(calls == 1);
    BOOST_TEST(get_once(io, from_file, diag) == oa::api_errc::not_found);
    BOOST_TEST(server.requests().size() == 2u);
    BOOST_TEST(calls == 1); // only while the client was made

    // in memory with the callback, from a file with the string
    auto mixed = mtls_config(server, opts, id, encrypted);
    mixed.tls.client_key_passphrase_callback = [] { return passphrase; };
    oa::client c3(io, mixed);
    BOOST_TEST(get_once(io, c3, diag) == oa::api_errc::not_found);
    fcfg.tls.client_key_passphrase_callback = nullptr;
    fcfg.tls.client_key_passphrase = passphrase;
    oa::client c4(io, fcfg);
    BOOST_TEST(get_once(io, c4, diag) == oa::api_errc::not_found);
    BOOST_TEST(server.requests().size() == 4u);
}

BOOST_AUTO_TEST_CASE(legacy_encrypted_pem_key) {
    const auto id = make_client_identity();
    const auto opts = mtls_options(id);
    fake_server server(opts);
    asio::io_context io;
    oa::diagnostics diag;
    const std::string encrypted = encrypt_private_key_pem(id.key_pem, passphrase, key_encryption::legacy_pem);
    BOOST_TEST_REQUIRE(contains(encrypted, "Proc-Type: 4,ENCRYPTED"));

    auto cfg = mtls_config(server, opts, id, encrypted);
    cfg.tls.client_key_passphrase = passphrase;
    oa::client in_memory(io, cfg);
    BOOST_TEST(get_once(io, in_memory, diag) == oa::api_errc::not_found);

    temp_file key_file(encrypted);
    cfg.tls.client_key_pem.clear();
    cfg.tls.client_key_file = key_file.path;
    cfg.tls.client_key_passphrase.clear();
    cfg.tls.client_key_passphrase_callback = [] { return passphrase; };
    oa::client from_file(io, cfg);
    BOOST_TEST(get_once(io, from_file, diag) == oa::api_errc::not_found);
    BOOST_TEST(server.requests().size() == 2u);

    // wrong, and missing
    cfg.tls.client_key_passphrase_callback = [] { return wrong_passphrase; };
    std::string why = refused(io, cfg);
    BOOST_TEST(contains(why, key_file.path), why);
    BOOST_TEST(contains(why, "wrong passphrase"), why);
    cfg.tls.client_key_passphrase_callback = nullptr;
    why = refused(io, cfg);
    BOOST_TEST(contains(why, key_file.path), why);
    BOOST_TEST(contains(why, "no passphrase"), why);
}

BOOST_AUTO_TEST_CASE(wrong_passphrase_names_the_key_and_never_shows_the_passphrase) {
    const auto id = make_client_identity();
    asio::io_context io;
    const std::string encrypted = encrypt_private_key_pem(id.key_pem, passphrase);
    oa::client_config cfg = offline_config();
    cfg.tls.client_cert_pem = id.cert_pem;
    cfg.tls.client_key_pem = encrypted;
    cfg.tls.client_key_passphrase = wrong_passphrase;
    std::string why = refused(io, cfg);
    BOOST_TEST(contains(why, "tls.client_key_pem"), why);
    BOOST_TEST(contains(why, "wrong passphrase"), why);

    temp_file key_file(encrypted);
    cfg.tls.client_key_pem.clear();
    cfg.tls.client_key_file = key_file.path;
    why = refused(io, cfg);
    BOOST_TEST(contains(why, key_file.path), why);
    BOOST_TEST(contains(why, "wrong passphrase"), why);

    cfg.tls.client_key_passphrase.clear();
    cfg.tls.client_key_passphrase_callback = [] { return wrong_passphrase; };
    why = refused(io, cfg);
    BOOST_TEST(contains(why, "wrong passphrase"), why);
}

// Nothing prompts (OpenSSL's default would read the terminal): a clear error instead.
BOOST_AUTO_TEST_CASE(encrypted_key_without_passphrase) {
    const auto id = make_client_identity();
    asio::io_context io;
    oa::client_config cfg = offline_config();
    cfg.tls.client_cert_pem = id.cert_pem;
    for (auto format : {key_encryption::pkcs8, key_encryption::legacy_pem}) {
        cfg.tls.client_key_pem = encrypt_private_key_pem(id.key_pem, passphrase, format);
        cfg.tls.client_key_passphrase_callback = nullptr;
        std::string why = refused(io, cfg);
        BOOST_TEST(contains(why, "tls.client_key_pem"), why);
        BOOST_TEST(contains(why, "encrypted and no passphrase"), why);

        cfg.tls.client_key_passphrase_callback = [] { return std::string(); };
        why = refused(io, cfg);
        BOOST_TEST(contains(why, "encrypted and no passphrase"), why);
    }
}

BOOST_AUTO_TEST_CASE(passphrase_configuration_errors) {
    const auto id = make_client_identity();
    asio::io_context io;
    const std::string encrypted = encrypt_private_key_pem(id.key_pem, passphrase);
    oa::client_config cfg = offline_config();

    // a passphrase, but no key
    cfg.tls.client_key_passphrase = passphrase;
    BOOST_TEST(contains(refused(io, cfg), "no client key"));

    // both forms
    cfg.tls.client_cert_pem = id.cert_pem;
    cfg.tls.client_key_pem = encrypted;
    cfg.tls.client_key_passphrase_callback = [] { return passphrase; };
    BOOST_TEST(contains(refused(io, cfg), "not both"));

    // the callback throws: its message is kept
    cfg.tls.client_key_passphrase.clear();
    cfg.tls.client_key_passphrase_callback = []() -> std::string { throw std::runtime_error("vault sealed"); };
    std::string why = refused(io, cfg);
    BOOST_TEST(contains(why, "vault sealed"), why);
    BOOST_TEST(contains(why, "tls.client_key_pem"), why);

    // a passphrase for an unencrypted key is not needed, and harmless
    cfg.tls.client_key_passphrase_callback = nullptr;
    cfg.tls.client_key_passphrase = passphrase;
    cfg.tls.client_key_pem = id.key_pem;
    BOOST_CHECK_NO_THROW(oa::client(io, cfg));

    // the right passphrase for the wrong key: the mismatch is reported as before
    const auto other = make_client_identity("other");
    cfg.tls.client_key_pem = encrypt_private_key_pem(other.key_pem, passphrase);
    BOOST_TEST(contains(refused(io, cfg), "does not match"));
}

BOOST_AUTO_TEST_CASE(a_new_connection_resumes_the_session) {
    fake_server server;
    asio::io_context io;
    oa::client api(io, config_for(server));
    oa::diagnostics diag;
    BOOST_TEST(get_once(io, api, diag) == oa::api_errc::not_found);
    BOOST_TEST(server.tls_handshakes() == 1u);
    BOOST_TEST(server.resumed_handshakes() == 0u);

    // the server closed the idle connection: the next call reconnects with an abbreviated handshake
    BOOST_TEST(get_on_new_connection(io, server, api) == oa::api_errc::not_found);
    BOOST_TEST(server.connections_accepted() == 2u);
    BOOST_TEST(server.tls_handshakes() == 2u);
    BOOST_TEST(server.resumed_handshakes() == 1u);

    // and again, with the ticket the resumed handshake brought
    BOOST_TEST(get_on_new_connection(io, server, api) == oa::api_errc::not_found);
    BOOST_TEST(server.tls_handshakes() == 3u);
    BOOST_TEST(server.resumed_handshakes() == 2u);

    // another client has its own sessions: a full handshake
    oa::client other(io, config_for(server));
    BOOST_TEST(get_once(io, other, diag) == oa::api_errc::not_found);
    BOOST_TEST(server.tls_handshakes() == 4u);
    BOOST_TEST(server.resumed_handshakes() == 2u);
}

BOOST_AUTO_TEST_CASE(session_resumption_off) {
    fake_server server;
    asio::io_context io;
    auto cfg = config_for(server);
    cfg.tls.session_resumption = false;
    oa::client api(io, cfg);
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(get_on_new_connection(io, server, api) == oa::api_errc::not_found);
    BOOST_TEST(server.tls_handshakes() == 3u);
    BOOST_TEST(server.resumed_handshakes() == 0u);
}

BOOST_AUTO_TEST_CASE(resumption_with_a_server_closing_every_connection) {
    fake_server_options opts;
    opts.keep_alive = false;
    fake_server server(opts);
    asio::io_context io;
    oa::client api(io, config_for(server, opts));
    oa::diagnostics diag;
    for (int i = 0; i < 4; ++i)
        BOOST_TEST(get_once(io, api, diag) == oa::api_errc::not_found);
    BOOST_TEST(server.connections_accepted() == 4u);
    BOOST_TEST(server.tls_handshakes() == 4u);
    BOOST_TEST(server.resumed_handshakes() == 3u);
}

BOOST_AUTO_TEST_CASE(resumption_with_mutual_tls) {
    const auto id = make_client_identity();
    const auto opts = mtls_options(id);
    fake_server server(opts);
    asio::io_context io;
    auto cfg = config_for(server, opts);
    cfg.tls.client_cert_pem = id.cert_pem;
    cfg.tls.client_key_pem = encrypt_private_key_pem(id.key_pem, passphrase);
    cfg.tls.client_key_passphrase = passphrase;
    oa::client api(io, cfg);
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(get_on_new_connection(io, server, api) == oa::api_errc::not_found);
    BOOST_TEST(server.requests().size() == 3u);
    BOOST_TEST(server.tls_handshakes() == 3u);
    BOOST_TEST(server.resumed_handshakes() == 2u);
}

// Concurrent calls each open a connection; later ones (after the first ticket) may resume.
// Whatever happens, every call succeeds and nothing leaks (ASan).
BOOST_AUTO_TEST_CASE(concurrent_connections_share_the_session) {
    fake_server server;
    asio::io_context io;
    oa::client api(io, config_for(server));
    oa::diagnostics diag;
    BOOST_TEST(get_once(io, api, diag) == oa::api_errc::not_found);
    server.close_idle_connections();
    auto one = [&]() -> asio::awaitable<oa::error_code> {
        auto [ec, c] = co_await api.certificates().async_get("cert_x", {}, asio::as_tuple(asio::use_awaitable));
        co_return ec;
    };
    std::vector<std::future<oa::error_code>> calls;
    for (int i = 0; i < 4; ++i)
        calls.push_back(asio::co_spawn(io, one(), asio::use_future));
    io.restart();
    io.run_for(std::chrono::seconds(60));
    for (auto& f : calls) {
        BOOST_TEST_REQUIRE((f.wait_for(std::chrono::seconds(0)) == std::future_status::ready));
        BOOST_TEST(f.get() == oa::api_errc::not_found);
    }
    BOOST_TEST(server.connections_accepted() == 5u);
    BOOST_TEST(server.resumed_handshakes() == 4u); // all offered the first connection's ticket
}

BOOST_AUTO_TEST_SUITE_END()
