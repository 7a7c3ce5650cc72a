// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_REQUESTS_HPP
#define OPENAI_ADMIN_DETAIL_REQUESTS_HPP

// Building each operation's request, arguments validated first: pure functions from the
// caller's arguments to a request_spec. Declared here without Beast or the JSON serializer,
// so that the operations' templates (certificates.hpp) need neither; defined in
// impl/requests.ipp (inline when header-only, compiled by src.hpp otherwise).

#include <openai/admin/detail/build_mode.hpp>
#include <openai/admin/error.hpp>
#include <openai/admin/models.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openai::admin::detail {

enum class http_method { get, post, delete_ };

inline constexpr std::string_view to_string(http_method m) noexcept {
    return m == http_method::get ? "GET" : m == http_method::post ? "POST" : "DELETE";
}

inline bool is_control(char c) noexcept { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

inline bool has_control(std::string_view s) noexcept {
    for (char c : s)
        if (is_control(c))
            return true;
    return false;
}

// One request of the API, relative to the base URL, or the reason it must not be sent.
struct request_spec {
    const char* operation = "";  // operation_info::name, e.g. "certificates.get"
    http_method method = http_method::get;
    std::string target;      // path and query, starting with '/'
    std::string body;        // JSON text, empty for no body
    bool idempotent = false; // sending it twice does what sending it once does (GET and DELETE are, by method)
    bool wants_date = false; // the caller reads the response's Date (http_result::date)
    error_code error;        // set: an argument was refused, send nothing
    std::string error_message;

    bool refuse(std::string msg) {
        error = client_errc::invalid_argument;
        error_message = std::move(msg);
        return false;
    }
};

inline constexpr int min_list_limit = 1;
inline constexpr int max_list_limit = 100;
inline constexpr std::size_t max_toggle_ids = 10;

OPENAI_ADMIN_DECL request_spec upload_request(const upload_params& p);
OPENAI_ADMIN_DECL request_spec get_request(std::string_view id, const get_options& opts);
OPENAI_ADMIN_DECL request_spec modify_request(std::string_view id, const modify_params& p);
OPENAI_ADMIN_DECL request_spec delete_request(std::string_view id);
OPENAI_ADMIN_DECL request_spec list_request(const std::optional<std::string_view>& project, const list_params& p);
// What an upload's check for a lost answer (upload_recovery.hpp) needs from the call.
struct upload_facts {
    std::string fingerprint;         // the PEM without whitespace (pem_fingerprint)
    std::optional<std::string> name;
};

// The PEM without the whitespace that line wrapping and line ends put in.
inline std::string pem_fingerprint(std::string_view pem) {
    std::string out;
    out.reserve(pem.size());
    for (char c : pem)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            out += c;
    return out;
}

inline upload_facts upload_facts_of(const upload_params& p) {
    upload_facts out{pem_fingerprint(p.certificate), std::nullopt};
    if (p.name)
        out.name.emplace(*p.name);
    return out;
}

// activate/deactivate, organization or project: body {"certificate_ids": [...]} of 1-10 ids.
OPENAI_ADMIN_DECL request_spec toggle_request(const std::optional<std::string_view>& project, bool activate,
                                              const std::vector<std::string>& ids);

} // namespace openai::admin::detail

#ifdef OPENAI_ADMIN_HEADER_ONLY
#include <openai/admin/detail/impl/requests.ipp>
#endif

#endif
