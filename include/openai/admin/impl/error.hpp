// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_IMPL_ERROR_HPP
#define OPENAI_ADMIN_IMPL_ERROR_HPP

#include <openai/admin/error.hpp>

namespace openai::admin {
namespace detail {

class client_category_impl final : public boost::system::error_category {
public:
    // A fixed id lets categories compare equal across shared objects.
    constexpr client_category_impl() noexcept : error_category(0x6f61636c69656e74ULL) {}
    const char* name() const noexcept override { return "openai.admin.client"; }
    std::string message(int ev) const override {
        switch (static_cast<client_errc>(ev)) {
        case client_errc::missing_admin_key: return "no admin key configured (set OPENAI_ADMIN_KEY)";
        case client_errc::invalid_config: return "invalid client configuration";
        case client_errc::invalid_argument: return "invalid argument";
        case client_errc::invalid_json: return "response body is not valid JSON";
        case client_errc::missing_field: return "response lacks a required field";
        case client_errc::wrong_type: return "response field has the wrong type";
        case client_errc::operation_in_progress: return "another operation is in progress on this object";
        case client_errc::proxy_refused: return "the proxy refused the CONNECT tunnel";
        case client_errc::internal_error: return "an unexpected exception ended the operation";
        case client_errc::upload_outcome_unknown: return "the upload's answer was lost and whether it was stored is unknown";
        case client_errc::pagination_stalled: return "the server's list pages do not advance";
        }
        return "unknown openai.admin.client error";
    }
};

class api_category_impl final : public boost::system::error_category {
public:
    constexpr api_category_impl() noexcept : error_category(0x6f6161706965727ULL) {}
    const char* name() const noexcept override { return "openai.admin.api"; }
    std::string message(int ev) const override {
        switch (static_cast<api_errc>(ev)) {
        case api_errc::bad_request: return "bad request (400)";
        case api_errc::authentication_error: return "authentication failed (401)";
        case api_errc::permission_denied: return "permission denied (403)";
        case api_errc::not_found: return "not found (404)";
        case api_errc::conflict: return "conflict (409)";
        case api_errc::unprocessable_entity: return "unprocessable entity (422)";
        case api_errc::rate_limited: return "rate limited (429)";
        case api_errc::server_error: return "server error (5xx)";
        case api_errc::unexpected_status: return "unexpected HTTP status";
        }
        return "unknown openai.admin.api error";
    }
};

inline constexpr client_category_impl client_category_instance;
inline constexpr api_category_impl api_category_instance;

} // namespace detail

inline const boost::system::error_category& client_category() noexcept { return detail::client_category_instance; }
inline const boost::system::error_category& api_category() noexcept { return detail::api_category_instance; }

inline error_code status_to_error(unsigned status) noexcept {
    if (status >= 200 && status < 300)
        return {};
    switch (status) {
    case 400: return api_errc::bad_request;
    case 401: return api_errc::authentication_error;
    case 403: return api_errc::permission_denied;
    case 404: return api_errc::not_found;
    case 409: return api_errc::conflict;
    case 422: return api_errc::unprocessable_entity;
    case 429: return api_errc::rate_limited;
    default: return status >= 500 && status < 600 ? api_errc::server_error : api_errc::unexpected_status;
    }
}

inline std::string describe(const error_code& ec, const diagnostics& diag) {
    std::string out = ec.message();
    if (diag.status != 0) {
        out += " [HTTP ";
        out += std::to_string(diag.status);
        if (!diag.request_id.empty()) {
            out += ", request ";
            out += diag.request_id;
        }
        out += ']';
    }
    if (!diag.message.empty()) {
        out += ": ";
        out += diag.message;
    } else if (!diag.body.empty()) {
        out += ": ";
        out += diag.body;
    }
    auto attr = [&](const char* key, const std::string* value) {
        if (value && !value->empty()) {
            out += ' ';
            out += key;
            out += '=';
            out += *value;
        }
    };
    attr("type", &diag.type);
    attr("code", diag.code ? &*diag.code : nullptr);
    attr("param", diag.param ? &*diag.param : nullptr);
    if (diag.attempts > 1) {
        out += " (after ";
        out += std::to_string(diag.attempts);
        out += " attempts)";
    }
    return out;
}

} // namespace openai::admin

#endif
