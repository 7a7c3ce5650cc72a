// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_PROTOCOL_HPP
#define OPENAI_ADMIN_DETAIL_PROTOCOL_HPP

// Pure functions between the API's wire format and the SDK's types: parsing the base URL,
// building each operation's request (validating its arguments first), adding the headers, and
// turning a response into an error code, diagnostics and a model. No I/O happens here.

#include <openai/admin/config.hpp>
#include <openai/admin/detail/requests.hpp>
#include <openai/admin/error.hpp>
#include <openai/admin/models.hpp>
#include <openai/admin/impl/models.ipp> // the model readers (decode_body), also when compiled apart
#include <openai/admin/version.hpp>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <boost/url/parse.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openai::admin::detail {

namespace http = boost::beast::http;

// ---------------------------------------------------------------- base URL

struct base_url {
    bool tls = true;
    std::string host;        // for DNS, SNI and certificate checks; IPv6 without brackets
    std::string port;        // service for the resolver
    std::string host_header; // `Host` value: brackets for IPv6, port when not the default
    std::string path_prefix; // e.g. "/v1", no trailing slash
};


// Accepts `https://host[:port][/path]` and `http://...`; refuses anything that would make
// requests ambiguous (credentials, query, fragment) with a message saying why.
inline error_code parse_base_url(std::string_view text, base_url& out, std::string& why) {
    namespace urls = boost::urls;
    auto fail = [&](std::string msg) {
        why = "base URL \"" + std::string(has_control(text) ? std::string_view("(contains control characters)") : text) +
              "\": " + std::move(msg);
        return error_code(client_errc::invalid_config);
    };
    auto r = urls::parse_absolute_uri(text);
    if (!r)
        return fail("not an absolute URL (" + r.error().message() + ")");
    const urls::url_view& u = *r;
    if (u.scheme_id() == urls::scheme::https)
        out.tls = true;
    else if (u.scheme_id() == urls::scheme::http)
        out.tls = false;
    else
        return fail("scheme must be https or http");
    if (u.has_userinfo())
        return fail("credentials in the URL are not supported; use admin_key");
    if (u.has_query() || u.has_fragment())
        return fail("must not have a query or fragment");
    switch (u.host_type()) {
    case urls::host_type::name: out.host = u.host(); break;
    case urls::host_type::ipv4: out.host = u.host_ipv4_address().to_string(); break;
    case urls::host_type::ipv6: out.host = u.host_ipv6_address().to_string(); break;
    default: return fail("host must be a name, an IPv4 or an IPv6 address");
    }
    if (out.host.empty())
        return fail("has no host");
    if (u.has_port() && u.port().empty())
        return fail("empty port");
    if (u.has_port() && u.port_number() == 0)
        return fail("invalid port");
    const char* default_port = out.tls ? "443" : "80";
    out.port = u.has_port() ? std::string(u.port()) : default_port;
    out.host_header = u.host_type() == urls::host_type::ipv6 ? "[" + out.host + "]" : out.host;
    if (out.port != default_port)
        out.host_header += ":" + out.port;
    out.path_prefix = std::string(u.encoded_path());
    while (!out.path_prefix.empty() && out.path_prefix.back() == '/')
        out.path_prefix.pop_back();
    return {};
}

// ---------------------------------------------------------------- headers

// What every request carries, validated once when the client is made.
struct request_headers {
    std::string authorization; // "Bearer <key>"
    std::optional<std::string> organization;
    std::optional<std::string> project;
    std::vector<std::pair<std::string, std::string>> extra;
};

// RFC 9110 token: what a header name may consist of.
inline bool is_header_name(std::string_view s) {
    if (s.empty())
        return false;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        bool alnum = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9');
        if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos)
            return false;
    }
    return true;
}

inline error_code make_request_headers(const client_config& cfg, request_headers& out, std::string& why) {
    if (cfg.admin_key.empty()) {
        why = "no admin key: set OPENAI_ADMIN_KEY or client_config::admin_key";
        return client_errc::missing_admin_key;
    }
    // Never quote the key itself in the message.
    if (has_control(cfg.admin_key)) {
        why = "admin key contains control characters (CR, LF, ...)";
        return client_errc::invalid_config;
    }
    auto check = [&](const std::optional<std::string>& v, const char* name) {
        if (v && has_control(*v)) {
            why = std::string(name) + " contains control characters (CR, LF, ...)";
            return false;
        }
        return true;
    };
    if (!check(cfg.organization, "organization (OpenAI-Organization)") ||
        !check(cfg.project, "project (OpenAI-Project)"))
        return client_errc::invalid_config;
    for (const auto& [name, value] : cfg.default_headers) {
        if (!is_header_name(name)) {
            why = "default_headers: invalid header name \"" + name + "\"";
            return client_errc::invalid_config;
        }
        for (const char* framing : {"host", "content-length", "transfer-encoding", "connection"}) {
            if (boost::beast::iequals(name, framing)) {
                why = "default_headers: " + name + " is set by the library";
                return client_errc::invalid_config;
            }
        }
        if (has_control(value)) {
            why = "default_headers: value of " + name + " contains control characters (CR, LF, ...)";
            return client_errc::invalid_config;
        }
    }
    out.extra = cfg.default_headers;
    out.authorization = "Bearer " + cfg.admin_key;
    out.organization = cfg.organization;
    out.project = cfg.project;
    return {};
}

// Every header a request carries but its payload's, serialized once per client:
// `common` goes on every request; `bodiless` (a Content-Type from default_headers) only on
// requests without a body, whose Content-Type is always application/json. Default headers
// replace the built-in ones of the same name (e.g. User-Agent). `proxy_authorization`: for
// plain HTTP through a proxy.
struct wire_headers {
    std::string common;
    std::string bodiless;
};

inline wire_headers make_wire_headers(const base_url& url, const request_headers& h,
                                      std::string_view proxy_authorization = {}) {
    std::vector<std::pair<std::string_view, std::string_view>> fields = {
        {"Host", url.host_header},
        {"Authorization", h.authorization},
        {"User-Agent", user_agent},
        {"Accept", "application/json"},
    };
    if (h.organization)
        fields.emplace_back("OpenAI-Organization", *h.organization);
    if (h.project)
        fields.emplace_back("OpenAI-Project", *h.project);
    if (!proxy_authorization.empty())
        fields.emplace_back("Proxy-Authorization", proxy_authorization);
    for (const auto& extra : h.extra) { // (clang 14 cannot capture a structured binding)
        std::erase_if(fields, [&](const auto& f) { return boost::beast::iequals(f.first, extra.first); });
        fields.emplace_back(extra.first, extra.second);
    }
    wire_headers out;
    for (const auto& [name, value] : fields) {
        std::string& to = boost::beast::iequals(name, "content-type") ? out.bodiless : out.common;
        to.append(name).append(": ").append(value).append("\r\n");
    }
    return out;
}

// The bytes of one HTTP/1.1 request (keep-alive is HTTP/1.1's default): `target_prefix` (the
// base URL's path, or for plain HTTP through a proxy the absolute form's start) + the spec's
// target, the headers, and the JSON body with its type and length.
inline std::string serialize_request(const wire_headers& headers, std::string_view target_prefix,
                                     const request_spec& spec) {
    const auto method = to_string(spec.method);
    const bool has_body = !spec.body.empty() || spec.method == http_method::post;
    const std::string length = has_body ? std::to_string(spec.body.size()) : std::string();
    std::string out;
    out.reserve(method.size() + target_prefix.size() + spec.target.size() + headers.common.size() +
                headers.bodiless.size() + length.size() + spec.body.size() + 80);
    out.append(method.data(), method.size()).append(" ").append(target_prefix).append(spec.target);
    out.append(" HTTP/1.1\r\n").append(headers.common);
    if (has_body)
        out.append("Content-Type: application/json\r\nContent-Length: ").append(length).append("\r\n");
    else
        out.append(headers.bodiless);
    out.append("\r\n").append(spec.body);
    return out;
}

// ---------------------------------------------------------------- responses

// Removes every occurrence of `secret` from `text` (servers sometimes echo what they got).
inline void redact(std::string& text, std::string_view secret) {
    if (secret.empty())
        return;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos))
        text.replace(pos, secret.size(), "[redacted]");
}

inline constexpr std::size_t max_diagnostic_body = 512;

// Fills `diag` from an OpenAI error body `{"error": {message, type, param, code}}`, or keeps
// the start of the body when it is something else.
inline void read_error_body(std::string_view body, diagnostics& diag) {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    const boost::json::object* err = nullptr;
    if (!ec && v.is_object())
        if (const auto* e = v.as_object().if_contains("error"))
            err = e->if_object();
    if (err == nullptr) {
        diag.body.assign(body.substr(0, max_diagnostic_body));
        return;
    }
    auto str = [&](std::string_view key) -> std::optional<std::string> {
        const auto* f = err->if_contains(key);
        if (f == nullptr || !f->is_string())
            return std::nullopt;
        return std::string(f->get_string());
    };
    diag.message = str("message").value_or("");
    diag.type = str("type").value_or("");
    diag.code = str("code");
    diag.param = str("param");
}

// Status, request id and, for an error status, the error object. Returns the status's error.
template <class Fields>
error_code interpret_response(unsigned status, const Fields& headers, std::string_view body,
                              std::string_view admin_key, diagnostics* diag) {
    error_code ec = status_to_error(status);
    if (diag == nullptr)
        return ec;
    diag->status = status;
    if (auto it = headers.find("x-request-id"); it != headers.end()) {
        diag->request_id = std::string(it->value());
        redact(diag->request_id, admin_key); // a hostile server may echo anything
    }
    if (ec) {
        // Before anything is cut short (a truncated key would survive), and after JSON
        // unescaping (which can spell the key in another way): every field.
        std::string clean(body);
        redact(clean, admin_key);
        read_error_body(clean, *diag);
        for (std::string* field : {&diag->message, &diag->type, &diag->body})
            redact(*field, admin_key);
        for (auto* field : {&diag->code, &diag->param})
            if (*field)
                redact(**field, admin_key);
    }
    return ec;
}

// Decodes a successful response body into `out`, straight from the text (no JSON tree).
// `out` changes only on success.
template <class T>
error_code decode_body(std::string_view body, T& out, diagnostics* diag) {
    std::string what;
    T next{};
    const auto r = decode_text(body, next, diag ? &what : nullptr);
    if (r.syntax) {
        if (diag)
            diag->message = "response body is not JSON: " + r.syntax.message();
        return client_errc::invalid_json;
    }
    if (r.schema) {
        if (diag)
            diag->message = "unexpected response: " + what;
        return r.schema;
    }
    out = std::move(next);
    return {};
}

} // namespace openai::admin::detail

#endif
