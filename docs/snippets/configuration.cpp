// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// docs/configuration.md: the code blocks.
#include <openai/admin.hpp>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <string>

namespace asio = boost::asio;
namespace oa = openai::admin;

namespace snippets::configuration {

oa::client from_environment(asio::io_context& io) {
    auto cfg = oa::client_config::from_env(); // OPENAI_ADMIN_KEY, OPENAI_BASE_URL, ...
    cfg.max_retries = 4;                      // then change what you like
    cfg.request_timeout = std::chrono::seconds(30);
    return oa::client(io, cfg);
}

oa::client by_hand(asio::io_context& io, std::string key) {
    oa::client_config cfg{
        .admin_key = std::move(key),
        .base_url = "https://api.openai.com/v1",
        .organization = "org_abc", // sent as OpenAI-Organization
    };
    cfg.total_timeout = std::chrono::seconds(60); // retries and waits included
    return oa::client(io, cfg);
}

oa::client_config private_ca(std::string ca_pem_text) {
    auto cfg = oa::client_config::from_env();
    cfg.tls.ca_file = "/etc/my-company/ca.pem"; // trusted in addition to the system store
    cfg.tls.ca_pem = std::move(ca_pem_text);    // PEM text works too (one or more certificates)
    return cfg;
}

oa::client_config only_private_ca() {
    auto cfg = oa::client_config::from_env();
    cfg.tls.use_system_trust_store = false; // trust nothing but this file
    cfg.tls.ca_file = "/etc/my-company/ca.pem";
    return cfg;
}

asio::awaitable<void> per_call(oa::client& api, std::string id) {
    auto quick = api.with_options({.max_retries = 0, .request_timeout = std::chrono::seconds(5)});
    auto cert = co_await quick.certificates().async_get(id); // same connections, other policy
    (void)cert;
}

} // namespace snippets::configuration
