// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The code blocks of docs/connections.md (compiled, not run).
#include <openai/admin.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace asio = boost::asio;
namespace oa = openai::admin;

namespace snippets::connections {

// The pool and the body limit.
oa::client small_pool(asio::io_context& io) {
    oa::client_config cfg = oa::client_config::from_env();
    cfg.max_connections = 4;                         // a 5th concurrent call waits for one (FIFO)
    cfg.idle_timeout = std::chrono::seconds(10);     // an idle connection older than this is not reused
    cfg.max_response_body = 1024 * 1024;             // larger answers: http::error::body_limit
    oa::client api(io, cfg);
    return api;
}

// One client, shared by coroutines on several threads.
asio::awaitable<void> show(oa::client api, std::string id) {
    try {
        auto cert = co_await api.certificates().async_get(id);
        std::cout << cert.id << " " << cert.name.value_or("-") << "\n";
    } catch (const oa::api_error& e) {
        std::cerr << id << ": " << e.what() << "\n";
    }
}

void shared_client(oa::client_config cfg, std::vector<std::string> ids) {
    asio::io_context io;
    oa::client api(io, std::move(cfg));              // one pool, one strand, one TLS session cache
    for (const auto& id : ids)
        asio::co_spawn(io, show(api, id), asio::detached);   // copies of api share its state
    std::thread helper([&io] { io.run(); });
    io.run();
    helper.join();
}

// An HTTP proxy.
oa::client_config through_proxy(oa::client_config cfg) {
    cfg.proxy.url = "http://user:secret@proxy.internal:3128";   // CONNECT tunnel for https://
    cfg.proxy.no_proxy = "localhost,127.0.0.1,.internal";       // reached directly
    return cfg;
}

// Mutual TLS with key files; the key's passphrase in the configuration.
oa::client mtls_from_files(asio::io_context& io, std::string passphrase) {
    oa::client_config cfg = oa::client_config::from_env();
    cfg.base_url = "https://mtls.api.openai.com/v1";
    cfg.tls.client_cert_file = "/etc/myservice/client.crt";   // the certificate (chain), PEM
    cfg.tls.client_key_file = "/etc/myservice/client.key";    // its key, PEM, maybe encrypted
    cfg.tls.client_key_passphrase = std::move(passphrase);    // kept in api.config()
    oa::client api(io, cfg);
    return api;
}

// Mutual TLS from memory; the passphrase from a callback.
oa::client mtls_from_memory(asio::io_context& io, std::string cert_pem, std::string key_pem, std::string secret_path) {
    oa::client_config cfg = oa::client_config::from_env();
    cfg.base_url = "https://mtls.api.openai.com/v1";
    cfg.tls.client_cert_pem = std::move(cert_pem);
    cfg.tls.client_key_pem = std::move(key_pem);            // e.g. -----BEGIN ENCRYPTED PRIVATE KEY-----
    cfg.tls.client_key_passphrase_callback = [secret_path] {
        std::ifstream in(secret_path);                        // e.g. a mounted secret: read once, here
        std::string passphrase;
        std::getline(in, passphrase);
        return passphrase;
    };
    oa::client api(io, std::move(cfg));                       // an encrypted key: calls it once, wipes its copy
    return api;
}

// A configuration the constructor refuses.
bool try_make_client(asio::io_context& io, oa::client_config cfg) {
    try {
        oa::client api(io, std::move(cfg));
        return true;
    } catch (const oa::api_error& e) {
        if (e.code() == oa::client_errc::invalid_config)
            std::cerr << "unusable configuration: " << e.message() << "\n";   // never the passphrase
        return false;
    }
}

// TLS session resumption, on by default.
oa::client_config full_handshakes(oa::client_config cfg) {
    cfg.tls.session_resumption = false;   // every new connection makes a full handshake
    return cfg;
}

} // namespace snippets::connections
