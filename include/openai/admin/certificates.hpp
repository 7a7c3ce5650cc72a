// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_CERTIFICATES_HPP
#define OPENAI_ADMIN_CERTIFICATES_HPP

/// \file
/// \brief The certificate operations, per scope: organization and project.
///
/// Every `async_*` operation:
/// - accepts any Asio completion token; the default makes `co_await op(...)` return the result
///   or throw \ref openai::admin::api_error;
/// - has an overload taking `diagnostics&` (which must outlive the operation) for callers that
///   do not use exceptions, e.g. with `asio::as_tuple(asio::use_awaitable)`;
/// - validates its arguments before anything is sent (empty ids or ids with control
///   characters such as CR/LF, 1-10 ids, limit 1-100, a non-empty PEM), completing with
///   \ref openai::admin::client_errc::invalid_argument otherwise;
/// - never completes inline, and completes on the token's associated executor;
/// - honours terminal per-operation cancellation: the connection in use is closed, the client
///   stays usable. Whether a cancelled request reached the server is unknown.
///
/// Resource handles are cheap to copy and hold the client's state alive; an operation keeps
/// everything it needs, so handles and arguments may go away once it has started.

#include <openai/admin/detail/resource.hpp>
#include <openai/admin/models.hpp>
#include <openai/admin/pagination.hpp>
#include <openai/admin/with_diagnostics.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace openai::admin {

/// \brief What every scope (the organization, a project) can do with certificates: activate,
/// deactivate, and list them with their state in that scope.
///
/// \par Thread safety
/// A handle is never modified after it is made: any member function may be called
/// concurrently, from any thread, on one handle or its copies. Operations run on the client's
/// strand (see \ref client).
///
/// \par Object lifetimes
/// Cheap to copy; a handle keeps the client's state (configuration, connections) alive, so it
/// may outlive every \ref client copy. An operation copies what it needs when it is called:
/// the handle and the arguments may go away once the initiating call has returned.
///
/// \par Errors
/// Besides the errors given for each operation, every operation may complete with (and, with
/// the default token, throw as \ref api_error):
/// - \ref client_errc::invalid_argument, nothing sent: an argument was refused
///   (`diagnostics::message` says which), or a \ref request_options timeout is out of range
///   (`request_timeout` not positive, `total_timeout` negative);
/// - an \ref api_errc for an HTTP error status (408, 409, 429 and 5xx once the retries of
///   \ref client_config::max_retries are spent);
/// - `boost::beast::error::timeout` when `request_timeout` or `total_timeout` expires;
/// - an Asio, Beast or TLS error code for a transport failure (e.g.
///   `boost::beast::http::error::body_limit`), or \ref client_errc::proxy_refused;
/// - \ref client_errc::invalid_json, \ref client_errc::missing_field or
///   \ref client_errc::wrong_type for a 2xx response that cannot be decoded;
/// - `boost::asio::error::operation_aborted` when cancelled;
/// - \ref client_errc::internal_error for an exception the SDK did not expect.
class scope_certificates : protected detail::resource_base {
public:
    /// \brief Activates 1-10 certificates in this scope, atomically and idempotently.
    ///
    /// \par Handler signature
    /// `void(error_code, activation_result)`. With the default token, `co_await` returns the
    /// \ref activation_result or throws \ref api_error.
    /// \par Errors
    /// \ref client_errc::invalid_argument, nothing sent: no id or more than 10, an empty id or
    /// one with control characters (CR, LF, ...), or such a project id.
    /// \par Object lifetimes
    /// `ids` is copied before this call returns. `diag`, in the overload taking one, must
    /// outlive the operation.
    /// \par Per-operation cancellation
    /// Terminal cancellation is honoured (`asio::bind_cancellation_slot`, `awaitable_operators`
    /// `||`, `asio::cancel_after` on Boost >= 1.86); partial and total are ignored. A cancelled
    /// operation completes with `boost::asio::error::operation_aborted`, the connection in use
    /// is closed and the client stays usable. Whether the request reached the server is unknown.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_activate(const certificate_ids& ids, CompletionToken&& token = {}) const {
        return run<activation_result>(toggle(true, ids), nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief Same as the overload without `diag`, and fills `diag` with what is known of the
    /// outcome (status, request id, the API's error object, attempts).
    /// \copydetails async_activate(const certificate_ids&, CompletionToken&&) const
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_activate(const certificate_ids& ids, diagnostics& diag, CompletionToken&& token = {}) const {
        return run<activation_result>(toggle(true, ids), &diag, std::forward<CompletionToken>(token));
    }

    /// \brief Deactivates 1-10 certificates in this scope, atomically and idempotently.
    ///
    /// \par Handler signature
    /// `void(error_code, activation_result)`. With the default token, `co_await` returns the
    /// \ref activation_result or throws \ref api_error.
    /// \par Errors
    /// \ref client_errc::invalid_argument, nothing sent: no id or more than 10, an empty id or
    /// one with control characters (CR, LF, ...), or such a project id.
    /// \par Object lifetimes
    /// `ids` is copied before this call returns. `diag`, in the overload taking one, must
    /// outlive the operation.
    /// \par Per-operation cancellation
    /// Terminal cancellation is honoured (`asio::bind_cancellation_slot`, `awaitable_operators`
    /// `||`, `asio::cancel_after` on Boost >= 1.86); partial and total are ignored. A cancelled
    /// operation completes with `boost::asio::error::operation_aborted`, the connection in use
    /// is closed and the client stays usable. Whether the request reached the server is unknown.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_deactivate(const certificate_ids& ids, CompletionToken&& token = {}) const {
        return run<activation_result>(toggle(false, ids), nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief Same as the overload without `diag`, and fills `diag` with what is known of the
    /// outcome (status, request id, the API's error object, attempts).
    /// \copydetails async_deactivate(const certificate_ids&, CompletionToken&&) const
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_deactivate(const certificate_ids& ids, diagnostics& diag, CompletionToken&& token = {}) const {
        return run<activation_result>(toggle(false, ids), &diag, std::forward<CompletionToken>(token));
    }

    /// \brief A lazy walk over the organization's certificates, `active` telling their state in
    /// this scope. Sends nothing until its first `async_next`/`async_next_page`.
    ///
    /// \par Errors
    /// None here: the first fetch completes with \ref client_errc::invalid_argument, nothing
    /// sent, for a `limit` outside 1-100, an `after` that is empty or has control characters,
    /// or such a project id.
    /// \par Object lifetimes
    /// `params` (and the `after` it views) is copied; the list keeps the client's state alive.
    certificate_list list(const list_params& params = {}) const { return {impl_, opts_, project_, params}; }

protected:
    /// \cond INTERNAL
    // For the derived handles: no `project` means the organization.
    scope_certificates(std::shared_ptr<detail::client_impl> impl, const request_options& opts,
                       std::optional<std::string> project)
        : resource_base(std::move(impl), opts), project_(std::move(project)) {}

    std::optional<std::string> project_; // the project id; none for the organization
    /// \endcond

private:
    detail::request_spec toggle(bool activate, const certificate_ids& ids) const {
        return detail::toggle_request(project_ ? std::optional<std::string_view>(*project_) : std::nullopt, activate,
                                      ids.ids());
    }
};

/// \brief Certificates of the organization: `/organization/certificates`. Upload, get,
/// modify and delete exist at this level only.
///
/// Made by \ref client::certificates.
///
/// \par Thread safety
/// Any member function may be called concurrently, from any thread, on one handle or its
/// copies (see \ref scope_certificates).
///
/// \par Object lifetimes
/// Cheap to copy; keeps the client's state alive. The handle and the arguments may go away
/// once an initiating call has returned (see \ref scope_certificates).
///
/// \par Errors
/// Those every operation may complete with are listed at \ref scope_certificates; each
/// operation gives its own.
class organization_certificates : public scope_certificates {
public:
    /// \cond INTERNAL
    // Made by client::certificates().
    organization_certificates(std::shared_ptr<detail::client_impl> impl, const request_options& opts)
        : scope_certificates(std::move(impl), opts, std::nullopt) {}
    /// \endcond

    /// \brief Uploads a CA certificate (PEM). It is not activated.
    ///
    /// Never makes a second copy behind the caller's back. The API has no idempotency key, so
    /// when an attempt fails after the whole request was sent (reset, timeout, truncated
    /// answer, or a 5xx, e.g. a proxy's 502 after the upload was stored), the SDK looks for
    /// the certificate before any retry: it lists the newest certificates created since the
    /// call started (the server's `Date` tells its clock), keeps those with the same name (any
    /// name when the upload gave none) that no other upload of this client returned, gets
    /// each with its PEM and compares it
    /// (ignoring line wrapping). A match completes the call with that certificate
    /// (`diagnostics::recovered_upload`); no match lets the retry policy go on. If the check
    /// itself fails, nothing is sent again: \ref client_errc::upload_outcome_unknown.
    /// Failures before the request was fully sent (connect, TLS, write) and 4xx answers retry
    /// as for any request. Two uploads of the same PEM made by the caller are two certificates.
    /// To find a PEM the API would refuse before sending it, see \ref check_ca_pem.
    ///
    /// \par Handler signature
    /// `void(error_code, certificate)`. With the default token, `co_await` returns the
    /// \ref certificate or throws \ref api_error.
    /// \par Errors
    /// \ref client_errc::invalid_argument, nothing sent: `params.certificate` is empty.
    /// \ref client_errc::upload_outcome_unknown when the answer was lost and the check could
    /// not tell whether the certificate was stored (list before uploading again).
    /// \par Object lifetimes
    /// `params` and the strings it views are read before this call returns (the request is
    /// serialized there). `diag`, in the overload taking one, must outlive the operation.
    /// \par Per-operation cancellation
    /// Terminal cancellation is honoured (`asio::bind_cancellation_slot`, `awaitable_operators`
    /// `||`, `asio::cancel_after` on Boost >= 1.86); partial and total are ignored. A cancelled
    /// operation completes with `boost::asio::error::operation_aborted`, the connection in use
    /// is closed and the client stays usable. Whether the request reached the server is unknown,
    /// and a cancelled upload is not looked for: list before uploading again.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_upload(const upload_params& params, CompletionToken&& token = {}) const {
        return run_upload(params, nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief Same as the overload without `diag`, and fills `diag` with what is known of the
    /// outcome (status, request id, the API's error object, attempts, `recovered_upload`).
    /// \copydetails async_upload(const upload_params&, CompletionToken&&) const
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_upload(const upload_params& params, diagnostics& diag, CompletionToken&& token = {}) const {
        return run_upload(params, &diag, std::forward<CompletionToken>(token));
    }

    /// \brief Gets one certificate, active or not; with `include_content` its PEM too.
    ///
    /// \par Handler signature
    /// `void(error_code, certificate)`. With the default token, `co_await` returns the
    /// \ref certificate or throws \ref api_error.
    /// \par Errors
    /// \ref client_errc::invalid_argument, nothing sent: an empty `id` or one with control
    /// characters (CR, LF, ...).
    /// \par Object lifetimes
    /// `id` is read before this call returns. `diag`, in the overload taking one, must outlive
    /// the operation.
    /// \par Per-operation cancellation
    /// Terminal cancellation is honoured (`asio::bind_cancellation_slot`, `awaitable_operators`
    /// `||`, `asio::cancel_after` on Boost >= 1.86); partial and total are ignored. A cancelled
    /// operation completes with `boost::asio::error::operation_aborted`, the connection in use
    /// is closed and the client stays usable. Whether the request reached the server is unknown.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_get(std::string_view id, get_options options = {}, CompletionToken&& token = {}) const {
        return run<certificate>(detail::get_request(id, options), nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief Same as the overload without `diag`, and fills `diag` with what is known of the
    /// outcome (status, request id, the API's error object, attempts).
    /// \copydetails async_get(std::string_view, get_options, CompletionToken&&) const
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_get(std::string_view id, get_options options, diagnostics& diag, CompletionToken&& token = {}) const {
        return run<certificate>(detail::get_request(id, options), &diag, std::forward<CompletionToken>(token));
    }

    /// \brief Modifies a certificate; only the name can change.
    ///
    /// \par Handler signature
    /// `void(error_code, certificate)`. With the default token, `co_await` returns the
    /// \ref certificate or throws \ref api_error.
    /// \par Errors
    /// \ref client_errc::invalid_argument, nothing sent: an empty `id` or one with control
    /// characters (CR, LF, ...).
    /// \par Object lifetimes
    /// `id`, `params` and the strings it views are read before this call returns (the request
    /// is serialized there). `diag`, in the overload taking one, must outlive the operation.
    /// \par Per-operation cancellation
    /// Terminal cancellation is honoured (`asio::bind_cancellation_slot`, `awaitable_operators`
    /// `||`, `asio::cancel_after` on Boost >= 1.86); partial and total are ignored. A cancelled
    /// operation completes with `boost::asio::error::operation_aborted`, the connection in use
    /// is closed and the client stays usable. Whether the request reached the server is unknown.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_modify(std::string_view id, const modify_params& params, CompletionToken&& token = {}) const {
        return run<certificate>(detail::modify_request(id, params), nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief Same as the overload without `diag`, and fills `diag` with what is known of the
    /// outcome (status, request id, the API's error object, attempts).
    /// \copydetails async_modify(std::string_view, const modify_params&, CompletionToken&&) const
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_modify(std::string_view id, const modify_params& params, diagnostics& diag,
                      CompletionToken&& token = {}) const {
        return run<certificate>(detail::modify_request(id, params), &diag, std::forward<CompletionToken>(token));
    }

    /// \brief Deletes a certificate, which must be inactive for the organization and every
    /// project.
    ///
    /// \par Handler signature
    /// `void(error_code, deleted_certificate)`. With the default token, `co_await` returns the
    /// \ref deleted_certificate or throws \ref api_error.
    /// \par Errors
    /// \ref client_errc::invalid_argument, nothing sent: an empty `id` or one with control
    /// characters (CR, LF, ...). A certificate still active somewhere is refused by the API
    /// with 409, \ref api_errc::conflict (409 is retried first, as the retry policy says).
    /// \par Object lifetimes
    /// `id` is read before this call returns. `diag`, in the overload taking one, must outlive
    /// the operation.
    /// \par Per-operation cancellation
    /// Terminal cancellation is honoured (`asio::bind_cancellation_slot`, `awaitable_operators`
    /// `||`, `asio::cancel_after` on Boost >= 1.86); partial and total are ignored. A cancelled
    /// operation completes with `boost::asio::error::operation_aborted`, the connection in use
    /// is closed and the client stays usable. Whether the request reached the server is unknown.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_delete(std::string_view id, CompletionToken&& token = {}) const {
        return run<deleted_certificate>(detail::delete_request(id), nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief Same as the overload without `diag`, and fills `diag` with what is known of the
    /// outcome (status, request id, the API's error object, attempts).
    /// \copydetails async_delete(std::string_view, CompletionToken&&) const
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_delete(std::string_view id, diagnostics& diag, CompletionToken&& token = {}) const {
        return run<deleted_certificate>(detail::delete_request(id), &diag, std::forward<CompletionToken>(token));
    }

};

/// \brief Certificates of one project: `/organization/projects/{project_id}/certificates`.
/// Certificates are uploaded at organization level and activated per project here.
///
/// Made by `client::projects(id).certificates()`. The project id is checked by each
/// operation, not here.
///
/// \par Thread safety
/// Any member function may be called concurrently, from any thread, on one handle or its
/// copies (see \ref scope_certificates).
///
/// \par Object lifetimes
/// Cheap to copy; keeps the client's state alive. The handle and the arguments may go away
/// once an initiating call has returned (see \ref scope_certificates).
///
/// \par Errors
/// Those every operation may complete with are listed at \ref scope_certificates; each
/// operation gives its own.
class project_certificates : public scope_certificates {
public:
    /// \cond INTERNAL
    // Made by client::projects(id).certificates().
    project_certificates(std::shared_ptr<detail::client_impl> impl, const request_options& opts,
                         std::string project_id)
        : scope_certificates(std::move(impl), opts, std::move(project_id)) {}
    /// \endcond

    /// \brief The project id this handle addresses.
    const std::string& project_id() const noexcept { return *project_; }
};

/// \brief A project of the organization, the scope of per-project activation.
///
/// \par Thread safety
/// Never modified after it is made: may be used concurrently, from any thread.
///
/// \par Object lifetimes
/// Cheap to copy; keeps the client's state alive, like the handles it makes.
class project {
public:
    /// \cond INTERNAL
    // Made by client::projects(id).
    project(std::shared_ptr<detail::client_impl> impl, const request_options& opts, std::string id)
        : impl_(std::move(impl)), opts_(opts), id_(std::move(id)) {}
    /// \endcond

    /// \brief The project id.
    const std::string& id() const noexcept { return id_; }
    /// \brief The project's certificate operations.
    project_certificates certificates() const { return {impl_, opts_, id_}; }

private:
    std::shared_ptr<detail::client_impl> impl_;
    request_options opts_;
    std::string id_;
};

} // namespace openai::admin

#endif
