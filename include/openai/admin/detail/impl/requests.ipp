// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_IMPL_REQUESTS_IPP
#define OPENAI_ADMIN_DETAIL_IMPL_REQUESTS_IPP

#include <openai/admin/detail/requests.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

namespace openai::admin::detail {

// Percent-encodes everything but RFC 3986 unreserved characters, so no id can add a path
// segment, a query or a fragment. "." and ".." are encoded too: they would be dot-segments.
inline void append_encoded(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    bool dots_only = s == "." || s == "..";
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                          u == '-' || u == '_' || u == '~' || (u == '.' && !dots_only);
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
}

// Ids go into paths or bodies: refuse empty ones and control characters (CR/LF above all).
inline bool check_id(request_spec& spec, std::string_view what, std::string_view id) {
    if (id.empty())
        return spec.refuse(std::string(what) + " must not be empty");
    if (has_control(id))
        return spec.refuse(std::string(what) + " must not contain control characters (CR, LF, ...)");
    return true;
}

inline void append_query(std::string& target, bool& first, std::string_view name, std::string_view value) {
    target += first ? '?' : '&';
    first = false;
    target += name;
    target += '=';
    append_encoded(target, value);
}

inline std::string to_json(const boost::json::value& v) { return boost::json::serialize(v); }

inline constexpr std::string_view certificates_path = "/organization/certificates";

inline std::string certificate_path(std::string_view id) {
    std::string p(certificates_path);
    p += '/';
    append_encoded(p, id);
    return p;
}

// "/organization/certificates" or "/organization/projects/{project}/certificates".
inline bool scope_path(request_spec& spec, const std::optional<std::string_view>& project) {
    if (!project) {
        spec.target = certificates_path;
        return true;
    }
    if (!check_id(spec, "project id", *project))
        return false;
    spec.target = "/organization/projects/";
    append_encoded(spec.target, *project);
    spec.target += "/certificates";
    return true;
}

OPENAI_ADMIN_DECL request_spec upload_request(const upload_params& p) {
    request_spec spec;
    spec.operation = "certificates.upload";
    spec.method = http_method::post;
    if (p.certificate.empty()) {
        spec.refuse("certificate (PEM) must not be empty");
        return spec;
    }
    spec.target = certificates_path;
    spec.body = to_json(boost::json::value_from(p));
    return spec;
}

OPENAI_ADMIN_DECL request_spec get_request(std::string_view id, const get_options& opts) {
    request_spec spec;
    spec.operation = "certificates.get";
    if (!check_id(spec, "certificate id", id))
        return spec;
    spec.target = certificate_path(id);
    if (opts.include_content)
        spec.target += "?include%5B%5D=content"; // include[]=content, the SDKs' bracket form
    return spec;
}

OPENAI_ADMIN_DECL request_spec modify_request(std::string_view id, const modify_params& p) {
    request_spec spec;
    spec.operation = "certificates.modify";
    spec.method = http_method::post;
    if (!check_id(spec, "certificate id", id))
        return spec;
    spec.target = certificate_path(id);
    spec.body = to_json(boost::json::value_from(p));
    return spec;
}

OPENAI_ADMIN_DECL request_spec delete_request(std::string_view id) {
    request_spec spec;
    spec.operation = "certificates.delete";
    spec.method = http_method::delete_;
    if (check_id(spec, "certificate id", id))
        spec.target = certificate_path(id);
    return spec;
}


OPENAI_ADMIN_DECL request_spec list_request(const std::optional<std::string_view>& project, const list_params& p) {
    request_spec spec;
    spec.operation = project ? "projects.certificates.list" : "certificates.list";
    if (p.limit && (*p.limit < min_list_limit || *p.limit > max_list_limit)) {
        spec.refuse("limit must be between 1 and 100, got " + std::to_string(*p.limit));
        return spec;
    }
    if (p.after && !check_id(spec, "after (cursor)", *p.after))
        return spec;
    if (!scope_path(spec, project))
        return spec;
    bool first = true;
    if (p.after)
        append_query(spec.target, first, "after", *p.after);
    if (p.limit)
        append_query(spec.target, first, "limit", std::to_string(*p.limit));
    if (p.order)
        append_query(spec.target, first, "order", to_string(*p.order));
    return spec;
}


OPENAI_ADMIN_DECL request_spec toggle_request(const std::optional<std::string_view>& project, bool activate,
                                   const std::vector<std::string>& ids) {
    request_spec spec;
    spec.operation = project ? (activate ? "projects.certificates.activate" : "projects.certificates.deactivate")
                               : (activate ? "certificates.activate" : "certificates.deactivate");
    spec.method = http_method::post;
    spec.idempotent = true; // "atomically and idempotently", as the API documents it
    if (ids.empty() || ids.size() > max_toggle_ids) {
        spec.refuse("certificate_ids must hold 1 to 10 ids, got " + std::to_string(ids.size()));
        return spec;
    }
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (!check_id(spec, "certificate_ids[" + std::to_string(i) + "]", ids[i]))
            return spec;
    if (!scope_path(spec, project))
        return spec;
    spec.target += activate ? "/activate" : "/deactivate";
    boost::json::object body;
    auto& arr = body["certificate_ids"].emplace_array();
    arr.reserve(ids.size());
    for (const auto& id : ids)
        arr.emplace_back(id);
    spec.body = to_json(body);
    return spec;
}

} // namespace openai::admin::detail

#endif
