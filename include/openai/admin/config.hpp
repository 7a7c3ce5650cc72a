// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_CONFIG_HPP
#define OPENAI_ADMIN_CONFIG_HPP

/// \file
/// \brief Client configuration and how it is read from the environment.

#include <openai/admin/telemetry.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
    /// Mutual TLS: the client certificate (chain), as a PEM file...
    std::string client_cert_file{};
    /// ...or as PEM text held in memory.
    std::string client_cert_pem{};
    /// \brief Mutual TLS: the client certificate's private key (PEM: unencrypted, PKCS#8 `ENCRYPTED
    /// PRIVATE KEY` or legacy `Proc-Type: 4,ENCRYPTED`), as a file...
    std::string client_key_file{};
    /// ...or as PEM text held in memory.
    std::string client_key_pem{};
    /// \brief The passphrase of an encrypted client key, used only to load the key when the
    /// client is made (an unencrypted key ignores it).
    ///
    /// Never logged nor part of an error message. A wrong or missing passphrase makes the
    /// client's constructor throw \ref api_error with \ref client_errc::invalid_config naming
    /// the key; nothing ever prompts for one. The client's copy of this configuration
    /// (\ref client::config) keeps it: \ref tls_config::client_key_passphrase_callback avoids
    /// that.
    std::string client_key_passphrase{};
    /// \brief Returns the passphrase (e.g. from a secret store), instead of
    /// \ref tls_config::client_key_passphrase.
    ///
    /// Called at most once per client, while it is made, and only for an encrypted key; the
    /// SDK wipes its copy after use. If it throws, the client's constructor
    /// throws \ref api_error with \ref client_errc::invalid_config (the exception's `what()`
    /// in the message). Setting both is \ref client_errc::invalid_config.
    std::function<std::string()> client_key_passphrase_callback{};
    /// \brief Resume TLS sessions: a new connection to the API offers the last session (TLS 1.3
    /// ticket or TLS 1.2 session) for an abbreviated handshake, e.g. after an idle connection
    /// was closed.
    ///
    /// Sessions are kept in memory, per client, for its one origin. Off: every
    /// connection makes a full handshake.
    bool session_resumption = true;
};

/// \brief An HTTP proxy, used for `CONNECT` tunnels to `https://` hosts and for plain
/// `http://` requests.
struct proxy_config {
    /// \brief `http://[user:password@]host[:port]` (port defaults to 80); empty: connect directly.
    ///
    /// User and password, percent-decoded, are sent as `Proxy-Authorization: Basic`.
    std::string url{};
    /// \brief Hosts reached directly, comma-separated: `example.com` matches it and its subdomains
    /// (as does `.example.com`), an IP literal matches itself, `*` matches every host.
    std::string no_proxy{};
};

/// \brief What \ref client_config::on_attempt learns about each attempt of a request.
///
/// \par Object lifetimes
/// The `std::string_view` members are valid during the `on_attempt` call only: copy what
/// you keep.
struct attempt_info {
    std::string_view method;           ///< e.g. "POST"
    std::string_view path;             ///< target path and query, e.g. "/v1/organization/certificates"
    unsigned attempt = 1;              ///< 1 for the first try, 2 for the first retry, ...
    unsigned status = 0;               ///< HTTP status; 0 when no response arrived
    boost::system::error_code error;   ///< the attempt's outcome (empty: success)
    std::chrono::milliseconds latency{0};  ///< from the attempt's start to its outcome
    std::string_view request_id;       ///< `x-request-id` of the response, if any
    bool will_retry = false;           ///< another attempt follows...
    std::chrono::milliseconds retry_delay{0};  ///< ...after this wait
};

/// \brief Diagnostic logging of the client (to stderr).
enum class log_level {
    off,   ///< nothing
    debug, ///< one line per attempt (method, path, status, attempt, latency, request id)
};

/// \brief Per-call overrides of \ref client_config, see \ref client::with_options.
struct request_options {
    /// Overrides \ref client_config::max_retries.
    std::optional<unsigned> max_retries{};
    /// Overrides \ref client_config::request_timeout.
    std::optional<std::chrono::milliseconds> request_timeout{};
    /// Overrides \ref client_config::total_timeout.
    std::optional<std::chrono::milliseconds> total_timeout{};
};

/// \brief Everything a \ref client needs. Aggregate: set what you need, keep the defaults.
///
/// Checked when the client is made (see \ref client::client for what it refuses).
struct client_config {
    /// The admin API key, sent as `Authorization: Bearer <key>`. Required.
    std::string admin_key{};
    /// `https://` (or, for local servers, `http://`) URL that API paths are appended to.
    std::string base_url = default_base_url;
    /// Sent as `OpenAI-Organization` when set.
    std::optional<std::string> organization{};
    /// Sent as `OpenAI-Project` when set.
    std::optional<std::string> project{};
    /// \brief Extra headers sent with every request, e.g. `{"Prefer", "code=429"}`.
    ///
    /// A name given here replaces the library's header of that name. Host, Content-Length,
    /// Transfer-Encoding and Connection cannot be set (invalid_config).
    std::vector<std::pair<std::string, std::string>> default_headers{};
    /// Server certificate verification for `https://` base URLs.
    tls_config tls{};
    /// \brief Limit on one attempt: waiting for a connection, resolve, connect, TLS handshake
    /// (and proxy CONNECT), writing the request, reading the response.
    ///
    /// Must be positive. On expiry the attempt fails with `boost::beast::error::timeout` (and
    /// may be retried).
    std::chrono::milliseconds request_timeout = std::chrono::minutes(10);
    /// \brief Limit on a whole call, retries and their waits included; 0: none.
    ///
    /// On expiry the call completes with `boost::beast::error::timeout`, also at once when the
    /// next retry's wait would end past it.
    std::chrono::milliseconds total_timeout{0};
    /// \brief Retries after the first attempt, for connection errors, timeouts, 408, 409, 429
    /// and 5xx (or as the server's `x-should-retry` says).
    ///
    /// Same policy as the official SDKs.
    unsigned max_retries = 2;
    /// Responses with a larger body fail with `boost::beast::http::error::body_limit`.
    std::size_t max_response_body = 8u * 1024u * 1024u;
    /// At most this many connections are open at once; more concurrent calls wait their turn.
    std::size_t max_connections = 16;
    /// Idle keep-alive connections older than this are closed instead of reused.
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(30);
    /// Proxy for all requests (see \ref from_env for the environment variables).
    proxy_config proxy{};
    /// Diagnostic logging to stderr; the key and `Authorization` never appear.
    log_level log = log_level::off;
    /// \brief Called on the client's strand after every attempt, e.g. for metrics.
    ///
    /// Must not block. An exception it throws is caught and counted in
    /// `client_stats::observer_errors`; the call goes on. (Built on the same events as
    /// \ref client_config::observer; both may be set.)
    std::function<void(const attempt_info&)> on_attempt{};
    /// \brief Told about every operation, attempt and wait, e.g. for traces
    /// (`<openai/admin/opentelemetry.hpp>`).
    ///
    /// May add headers such as `traceparent` to each
    /// attempt's request. See \ref observer for its thread safety. Null: none, at no cost.
    std::shared_ptr<admin::observer> observer{};

    /// \brief A configuration read from the environment.
    ///
    /// `OPENAI_ADMIN_KEY` (admin key), `OPENAI_BASE_URL` (default `https://api.openai.com/v1`),
    /// `OPENAI_ORG_ID` (organization header), `OPENAI_PROJECT_ID` (project header),
    /// `OPENAI_LOG=debug` (\ref log_level::debug), the proxy from `https_proxy`/`HTTPS_PROXY`
    /// (`http_proxy`/`HTTP_PROXY` for an `http://` base URL) and `no_proxy`/`NO_PROXY`.
    /// Unset or empty variables leave the defaults. A missing key is reported when the client
    /// is made.
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
        if (auto v = get("OPENAI_LOG"); v && *v == "debug")
            cfg.log = log_level::debug;
        auto first = [&](const char* a, const char* b) { return get(a) ? get(a) : get(b); };
        const bool plain = std::string_view(cfg.base_url).substr(0, 7) == "http://";
        if (auto v = plain ? first("http_proxy", "HTTP_PROXY") : first("https_proxy", "HTTPS_PROXY"))
            cfg.proxy.url = std::move(*v);
        if (auto v = first("no_proxy", "NO_PROXY"))
            cfg.proxy.no_proxy = std::move(*v);
        return cfg;
    }
};

} // namespace openai::admin

#endif
