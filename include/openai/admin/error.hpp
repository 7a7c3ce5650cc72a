// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_ERROR_HPP
#define OPENAI_ADMIN_ERROR_HPP

/// \file
/// \brief Error codes, per-call diagnostics and the exception thrown by the default token.

#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>

#include <optional>
#include <string>
#include <type_traits>

namespace openai::admin {

/// \brief The error code type every operation completes with.
using error_code = boost::system::error_code;

/// \brief Errors detected by the SDK itself (category `openai.admin.client`).
enum class client_errc {
    /// No admin key was configured (`OPENAI_ADMIN_KEY` unset and `client_config::admin_key` empty).
    missing_admin_key = 1,
    /// The configuration is unusable: bad base URL, a header value with CR/LF, unreadable CA
    /// file, ... (the client's constructor throws it; \ref client::client lists the cases).
    invalid_config,
    /// An argument breaks a rule the API states (empty id or one with control characters such
    /// as CR/LF, 0 or more than 10 ids, limit outside 1-100, empty PEM), or a
    /// \ref request_options timeout is out of range. Nothing was sent. `diagnostics::message`
    /// names it.
    invalid_argument,
    /// A response body that should be JSON is not (malformed or truncated).
    invalid_json,
    /// A response is JSON but lacks a required field. `diagnostics::message` names the field.
    missing_field,
    /// A response field has the wrong JSON type. `diagnostics::message` names the field.
    wrong_type,
    /// Another operation is already in progress on the same list walker.
    operation_in_progress,
    /// The HTTP proxy answered the `CONNECT` request with a non-2xx status (in
    /// `diagnostics::message`): no tunnel to the API was opened.
    proxy_refused,
    /// An exception the SDK does not expect ended the operation (a bug of the SDK or of a
    /// callback it was given; `diagnostics::message` has its `what()`). The client stays usable.
    internal_error,
    /// An upload was sent but its answer was lost (reset, timeout, a 5xx), and the SDK could
    /// not find out whether the certificate was stored (`diagnostics::message` says why). It
    /// was not sent again, so that no second copy is made: list the certificates before
    /// uploading again.
    upload_outcome_unknown,
    /// A list walk stopped because the server does not advance: a page repeated the previous
    /// cursor, or too many empty pages in a row said more follow (`diagnostics::message`).
    pagination_stalled,
};

/// \brief An HTTP error response of the API, classified by status (category `openai.admin.api`).
/// The exact status is in `diagnostics::status`.
enum class api_errc {
    bad_request = 1,       ///< 400
    authentication_error,  ///< 401
    permission_denied,     ///< 403
    not_found,             ///< 404
    conflict,              ///< 409
    unprocessable_entity,  ///< 422
    rate_limited,          ///< 429
    server_error,          ///< 500-599
    unexpected_status,     ///< any other status outside 200-299
};

/// \brief The category of \ref client_errc.
inline const boost::system::error_category& client_category() noexcept;
/// \brief The category of \ref api_errc.
inline const boost::system::error_category& api_category() noexcept;

/// \brief Makes an error code from a \ref client_errc.
inline error_code make_error_code(client_errc e) noexcept { return {static_cast<int>(e), client_category()}; }
/// \brief Makes an error code from an \ref api_errc.
inline error_code make_error_code(api_errc e) noexcept { return {static_cast<int>(e), api_category()}; }

/// \brief Classifies an HTTP status; statuses 200-299 are not errors and yield an empty code.
inline error_code status_to_error(unsigned status) noexcept;

/// \brief What is known about a failed (or the last) operation beyond its `error_code`.
///
/// Filled by every operation that is given one. For an API error response it carries the
/// status, the OpenAI `error` object and `x-request-id`; for a client-side error `message`
/// says what was wrong. The admin key never appears in any of these strings.
struct diagnostics {
    unsigned status = 0;                ///< HTTP status of the response, 0 if none was received.
    std::string message{};                ///< `error.message`, or the SDK's explanation.
    std::string type{};                   ///< `error.type` (e.g. `invalid_request_error`).
    std::optional<std::string> code{};    ///< `error.code`, when the API gave one.
    std::optional<std::string> param{};   ///< `error.param`, when the API gave one.
    std::string request_id{};             ///< The `x-request-id` response header.
    std::string body{};                   ///< Start of an error body that was not an OpenAI error object.
    unsigned attempts = 0;                ///< Attempts made (1 + retries); 0 if nothing was sent.
    /// \brief An upload's answer was lost, the certificate it stored was found (by listing and
    /// comparing the PEM) and returned, instead of uploading it again.
    ///
    /// `message` says so.
    bool recovered_upload = false;

    /// \brief Resets every member to its empty state.
    void clear() { *this = diagnostics{}; }
};

/// \brief One line describing `ec` with `diag` (what `api_error::what()` returns).
inline std::string describe(const error_code& ec, const diagnostics& diag);

/// \brief The exception thrown when an operation fails and its token reports exceptions.
///
/// The default completion token of every operation throws this from `co_await`. It is a
/// `boost::system::system_error`, so `code()` gives the \ref client_errc, \ref api_errc or
/// the Asio/Beast/TLS code of a transport failure.
class api_error : public boost::system::system_error {
public:
    /// \brief Builds the exception from an error code and its diagnostics.
    api_error(const error_code& ec, diagnostics diag)
        : boost::system::system_error(ec), diag_(std::move(diag)), what_(describe(ec, diag_)) {}

    /// \brief One line: the error, the status, the request id and the API's message.
    const char* what() const noexcept override { return what_.c_str(); }

    /// \brief Everything the operation knew about the failure.
    const diagnostics& diag() const noexcept { return diag_; }
    /// \brief HTTP status, 0 when no response was received.
    unsigned status() const noexcept { return diag_.status; }
    /// \brief `error.message` of the API, or the SDK's explanation.
    const std::string& message() const noexcept { return diag_.message; }
    /// \brief `error.type` of the API.
    const std::string& type() const noexcept { return diag_.type; }
    /// \brief `error.code` of the API.
    const std::optional<std::string>& error_code_name() const noexcept { return diag_.code; }
    /// \brief `error.param` of the API.
    const std::optional<std::string>& param() const noexcept { return diag_.param; }
    /// \brief The `x-request-id` response header.
    const std::string& request_id() const noexcept { return diag_.request_id; }

private:
    diagnostics diag_;
    std::string what_{};
};

} // namespace openai::admin

namespace boost::system {
/// \brief Lets a \ref openai::admin::client_errc convert to an `error_code` and compare with one.
template <> struct is_error_code_enum<openai::admin::client_errc> : std::true_type {};
/// \brief Lets an \ref openai::admin::api_errc convert to an `error_code` and compare with one.
template <> struct is_error_code_enum<openai::admin::api_errc> : std::true_type {};
} // namespace boost::system

#include <openai/admin/impl/error.hpp>

#endif
