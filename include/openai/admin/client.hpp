// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_CLIENT_HPP
#define OPENAI_ADMIN_CLIENT_HPP

/// \file
/// \brief The Admin API client.

#include <openai/admin/certificates.hpp>
#include <openai/admin/config.hpp>
#include <openai/admin/detail/operations.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/execution_context.hpp>

#include <memory>
#include <string>
#include <type_traits>

namespace openai::admin {

/// \brief An OpenAI Admin API client: configuration, TLS context and keep-alive connections.
///
/// \par Thread safety
/// Operations run on an internal strand of the given executor, so one client may be used
/// concurrently, also from several threads of a multi-threaded `io_context`: start operations
/// from any thread, on copies of the client or the same one. (A \ref certificate_list is not
/// shared: one operation on it at a time.) Each request in flight uses its own connection; at
/// most `max_connections` are open, further requests queue (FIFO) for one; idle connections
/// are reused (HTTP/1.1 keep-alive) until `idle_timeout`.
///
/// \par Object lifetimes
/// Copies share one state, as do the handles it makes (\ref organization_certificates,
/// \ref project, \ref certificate_list), which keep it alive. Operations in flight keep that
/// state alive too, so a client may be destroyed while its operations run; they still
/// complete. As for any Asio I/O object, the executor's execution context (e.g. the
/// `io_context`) must outlive that state.
///
/// \par Blocking
/// The constructor reads the trust store, the CA file and the client certificate and key
/// files (file I/O) once, and calls `tls.client_key_passphrase_callback` if one is set;
/// nothing else blocks.
class client {
public:
    /// \brief The executor type operations run on (through a strand).
    using executor_type = boost::asio::any_io_executor;

    /// \brief Makes a client on `ex` (operations run on a strand of it).
    ///
    /// \par Errors
    /// Throws \ref api_error (`diag().message` says what is wrong) with
    /// \ref client_errc::missing_admin_key when `admin_key` is empty, or
    /// \ref client_errc::invalid_config for: a bad base URL or proxy URL; control characters
    /// (CR, LF, ...) in the key, `organization`, `project` or a header value; an invalid or
    /// reserved header name; `request_timeout` not positive, a negative `total_timeout` or
    /// `idle_timeout`, `max_connections` 0; and, for an `https://` base URL only (the TLS
    /// settings are not read otherwise), a trust store or CA that cannot be loaded; a client
    /// certificate or key that lacks its other half, is given twice (file and PEM), cannot be
    /// loaded or decrypted, or does not match; both passphrase forms set, or one without a key.
    client(const executor_type& ex, client_config config)
        : impl_(detail::make_client_impl(ex, std::move(config))) {}

    /// \brief Makes a client on `ctx`'s executor (e.g. an `io_context`); throws as the
    /// constructor taking an executor.
    template <class ExecutionContext>
        requires std::is_convertible_v<ExecutionContext&, boost::asio::execution_context&>
    client(ExecutionContext& ctx, client_config config) : client(ctx.get_executor(), std::move(config)) {}

    /// \brief The executor operations run on (a strand of the one given at construction).
    executor_type get_executor() const noexcept { return detail::client_executor(*impl_); }

    /// \brief The configuration in use.
    const client_config& config() const noexcept { return detail::client_config_of(*impl_); }

    /// \brief A snapshot of the counters this client and its copies share: operations,
    /// attempts, retries, outcomes by kind, connections. Cheap (relaxed atomic loads); callable from any
    /// thread, also while operations run (see \ref client_stats for what a snapshot means then).
    client_stats stats() const noexcept { return detail::client_stats_of(*impl_); }

    /// \brief The organization's certificate operations.
    organization_certificates certificates() const { return {impl_, opts_}; }

    /// \brief A project scope; `project_id` is checked when an operation uses it (empty or
    /// with control characters: \ref client_errc::invalid_argument, nothing sent).
    project projects(std::string project_id) const { return {impl_, opts_, std::move(project_id)}; }

    /// \brief A client sharing this one's connections whose operations use `options` where
    /// set (e.g. `api.with_options({.max_retries = 0}).certificates().async_get(id)`). Options
    /// set by an earlier `with_options` stay unless overridden. Values are checked by each
    /// operation: a `request_timeout` that is not positive or a negative `total_timeout`
    /// completes it with \ref client_errc::invalid_argument, nothing sent.
    client with_options(const request_options& options) const {
        client c = *this;
        if (options.max_retries)
            c.opts_.max_retries = options.max_retries;
        if (options.request_timeout)
            c.opts_.request_timeout = options.request_timeout;
        if (options.total_timeout)
            c.opts_.total_timeout = options.total_timeout;
        return c;
    }

    /// \brief The per-call options of this handle (unset: the configuration's values).
    const request_options& options() const noexcept { return opts_; }

private:
    std::shared_ptr<detail::client_impl> impl_;
    request_options opts_;
};

} // namespace openai::admin

#endif
