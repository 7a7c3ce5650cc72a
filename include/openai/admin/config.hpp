// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_CONFIG_HPP
#define OPENAI_ADMIN_CONFIG_HPP

/// \file
/// \brief Client configuration and how it is read from the environment.

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>

namespace openai::admin {

/// \brief The API's public base URL, used when none is configured.
inline constexpr const char* default_base_url = "https://api.openai.com/v1";

/// \brief How the server's TLS certificate is verified. Verification is always on.
struct tls_config {
    /// Trust the system's CA store (`SSL_CTX_set_default_verify_paths`).
    bool use_system_trust_store = true;
    /// Extra trusted CA certificates: a PEM bundle file...
    std::string ca_file{};
    /// ...and/or PEM text held in memory.
    std::string ca_pem{};
};

/// \brief Everything a \ref client needs. Aggregate: set what you need, keep the defaults.
struct client_config {
    /// The admin API key, sent as `Authorization: Bearer <key>`. Required.
    std::string admin_key{};
    /// `https://` (or, for local servers, `http://`) URL that API paths are appended to.
    std::string base_url = default_base_url;
    /// Sent as `OpenAI-Organization` when set.
    std::optional<std::string> organization{};
    /// Sent as `OpenAI-Project` when set.
    std::optional<std::string> project{};
    /// Server certificate verification for `https://` base URLs.
    tls_config tls{};
    /// Limit on one attempt: connect, TLS handshake, writing the request, reading the response.
    std::chrono::milliseconds request_timeout = std::chrono::minutes(10);
    /// Responses with a larger body fail with `boost::beast::http::error::body_limit`.
    std::size_t max_response_body = 8u * 1024u * 1024u;
    /// Idle keep-alive connections older than this are closed instead of reused.
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(30);
    /// At most this many idle connections are kept for reuse.
    std::size_t max_idle_connections = 8;

    /// \brief A configuration read from the environment.
    ///
    /// `OPENAI_ADMIN_KEY` (admin key), `OPENAI_BASE_URL` (default `https://api.openai.com/v1`),
    /// `OPENAI_ORG_ID` (organization header) and `OPENAI_PROJECT_ID` (project header). Unset or
    /// empty variables leave the defaults. A missing key is reported when the client is made.
    static client_config from_env() {
        client_config cfg;
        auto get = [](const char* name) -> std::optional<std::string> {
            const char* v = std::getenv(name); // NOLINT(concurrency-mt-unsafe): read once at setup
            if (v == nullptr || *v == '\0')
                return std::nullopt;
            return std::string(v);
        };
        if (auto v = get("OPENAI_ADMIN_KEY"))
            cfg.admin_key = std::move(*v);
        if (auto v = get("OPENAI_BASE_URL"))
            cfg.base_url = std::move(*v);
        cfg.organization = get("OPENAI_ORG_ID");
        cfg.project = get("OPENAI_PROJECT_ID");
        return cfg;
    }
};

} // namespace openai::admin

#endif
