// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_CERTIFICATES_HPP
#define OPENAI_ADMIN_CERTIFICATES_HPP

/// \file
/// \brief The certificate operations, per scope: organization and project.
///
/// Every `async_*` operation:
/// - accepts any Asio completion token; the default makes `co_await op(...)` return the result
///   or throw \ref api_error;
/// - has an overload taking `diagnostics&` (which must outlive the operation) for callers that
///   do not use exceptions, e.g. with `asio::as_tuple(asio::use_awaitable)`;
/// - validates its arguments before anything is sent (empty or CR/LF ids, 1-10 ids, limit
///   1-100), completing with \ref client_errc::invalid_argument otherwise;
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
class scope_certificates : protected detail::resource_base {
public:
    /// \brief Activates 1-10 certificates in this scope, atomically and idempotently.
    /// Handler: `void(error_code, activation_result)`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_activate(const certificate_ids& ids, CompletionToken&& token = {}) const {
        return run<activation_result>(toggle(true, ids), nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief \ref async_activate filling `diag`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_activate(const certificate_ids& ids, diagnostics& diag, CompletionToken&& token = {}) const {
        return run<activation_result>(toggle(true, ids), &diag, std::forward<CompletionToken>(token));
    }

    /// \brief Deactivates 1-10 certificates in this scope, atomically and idempotently.
    /// Handler: `void(error_code, activation_result)`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_deactivate(const certificate_ids& ids, CompletionToken&& token = {}) const {
        return run<activation_result>(toggle(false, ids), nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief \ref async_deactivate filling `diag`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_deactivate(const certificate_ids& ids, diagnostics& diag, CompletionToken&& token = {}) const {
        return run<activation_result>(toggle(false, ids), &diag, std::forward<CompletionToken>(token));
    }

    /// \brief A lazy walk over the organization's certificates, `active` telling their state in
    /// this scope. Sends nothing until its first `async_next`/`async_next_page`.
    certificate_list list(const list_params& params = {}) const { return {impl_, opts_, project_, params}; }

protected:
    // No project: the organization.
    scope_certificates(std::shared_ptr<detail::client_impl> impl, const request_options& opts,
                       std::optional<std::string> project)
        : resource_base(std::move(impl), opts), project_(std::move(project)) {}

    std::optional<std::string> project_;

private:
    detail::request_spec toggle(bool activate, const certificate_ids& ids) const {
        return detail::toggle_request(project_ ? std::optional<std::string_view>(*project_) : std::nullopt, activate,
                                      ids.ids());
    }
};

/// \brief Certificates of the organization: `/organization/certificates`. Upload, get,
/// modify and delete exist at this level only.
class organization_certificates : public scope_certificates {
public:
    /// \brief Internal: use `client::certificates()`.
    organization_certificates(std::shared_ptr<detail::client_impl> impl, const request_options& opts)
        : scope_certificates(std::move(impl), opts, std::nullopt) {}

    /// \brief Uploads a CA certificate (PEM). It is not activated. Handler: `void(error_code, certificate)`.
    ///
    /// Never makes a second copy behind the caller's back. The API has no idempotency key, so
    /// when an attempt fails after the whole request was sent (reset, timeout, truncated
    /// answer, or a 5xx, e.g. a proxy's 502 after the upload was stored), the SDK looks for
    /// the certificate before any retry: it lists the newest certificates created since the
    /// call started (the server's `Date` tells its clock), keeps those with the same name that
    /// no other upload of this client returned, gets each with its PEM and compares it
    /// (ignoring line wrapping). A match completes the call with that certificate
    /// (`diagnostics::recovered_upload`); no match lets the retry policy go on. If the check
    /// itself fails, nothing is sent again: \ref client_errc::upload_outcome_unknown.
    /// Failures before the request was fully sent (connect, TLS, write) and 4xx answers retry
    /// as for any request. Two uploads of the same PEM made by the caller are two certificates.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_upload(const upload_params& params, CompletionToken&& token = {}) const {
        return run_upload(params, nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief \ref async_upload filling `diag`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_upload(const upload_params& params, diagnostics& diag, CompletionToken&& token = {}) const {
        return run_upload(params, &diag, std::forward<CompletionToken>(token));
    }

    /// \brief Gets one certificate, active or not; with `include_content` its PEM too.
    /// Handler: `void(error_code, certificate)`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_get(std::string_view id, get_options options = {}, CompletionToken&& token = {}) const {
        return run<certificate>(detail::get_request(id, options), nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief \ref async_get filling `diag`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_get(std::string_view id, get_options options, diagnostics& diag, CompletionToken&& token = {}) const {
        return run<certificate>(detail::get_request(id, options), &diag, std::forward<CompletionToken>(token));
    }

    /// \brief Modifies a certificate; only the name can change. Handler: `void(error_code, certificate)`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_modify(std::string_view id, const modify_params& params, CompletionToken&& token = {}) const {
        return run<certificate>(detail::modify_request(id, params), nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief \ref async_modify filling `diag`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_modify(std::string_view id, const modify_params& params, diagnostics& diag,
                      CompletionToken&& token = {}) const {
        return run<certificate>(detail::modify_request(id, params), &diag, std::forward<CompletionToken>(token));
    }

    /// \brief Deletes a certificate, which must be inactive for the organization and every
    /// project. Handler: `void(error_code, deleted_certificate)`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_delete(std::string_view id, CompletionToken&& token = {}) const {
        return run<deleted_certificate>(detail::delete_request(id), nullptr, std::forward<CompletionToken>(token));
    }
    /// \brief \ref async_delete filling `diag`.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_delete(std::string_view id, diagnostics& diag, CompletionToken&& token = {}) const {
        return run<deleted_certificate>(detail::delete_request(id), &diag, std::forward<CompletionToken>(token));
    }

};

/// \brief Certificates of one project: `/organization/projects/{project_id}/certificates`.
/// Certificates are uploaded at organization level and activated per project here.
class project_certificates : public scope_certificates {
public:
    /// \brief Internal: use `client::projects(id).certificates()`.
    project_certificates(std::shared_ptr<detail::client_impl> impl, const request_options& opts,
                         std::string project_id)
        : scope_certificates(std::move(impl), opts, std::move(project_id)) {}

    /// \brief The project id this handle addresses.
    const std::string& project_id() const noexcept { return *project_; }
};

/// \brief A project of the organization, the scope of per-project activation.
class project {
public:
    /// \brief Internal: use `client::projects(id)`.
    project(std::shared_ptr<detail::client_impl> impl, const request_options& opts, std::string id)
        : impl_(std::move(impl)), opts_(opts), id_(std::move(id)) {}

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
