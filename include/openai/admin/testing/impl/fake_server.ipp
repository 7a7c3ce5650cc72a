// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
// Out-of-line definitions of the testing kit's fake server; compiled once, by src.hpp.
#include <openai/admin/testing/fake_server.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/json.hpp>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <tuple>

namespace openai::admin::testing {
namespace detail::server_impl {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr std::size_t max_body_bytes = 1024 * 1024;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

// ---------------------------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------------------------

// IMF-fixdate (RFC 9110 5.6.7) of now, for the Date header.
std::string http_date_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    return std::string(buf, std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm));
}

std::string random_hex(std::size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    if (RAND_bytes(buf.data(), static_cast<int>(buf.size())) != 1) {
        ERR_clear_error();
        throw std::runtime_error("RAND_bytes failed");
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes * 2);
    for (unsigned char b : buf) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0xf]);
    }
    return out;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    for (;;) {
        auto pos = s.find(sep);
        out.push_back(s.substr(0, pos));
        if (pos == std::string_view::npos) break;
        s.remove_prefix(pos + 1);
    }
    return out;
}

std::int64_t now_unix() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// ---------------------------------------------------------------------------------------------
// Certificate parsing (OpenSSL)
// ---------------------------------------------------------------------------------------------

struct parsed_pem {
    std::int64_t valid_at = 0, expires_at = 0;
    bool is_ca = false, has_ski = false, has_aki = false;
};

bool asn1_to_unix(const ASN1_TIME* t, std::int64_t& out) {
    std::tm tm{};
    if (ASN1_TIME_to_tm(t, &tm) != 1) return false;
    out = static_cast<std::int64_t>(timegm(&tm));
    return true;
}

// Exactly one PEM block, labelled CERTIFICATE, holding one DER X.509 certificate.
std::optional<parsed_pem> parse_single_certificate(std::string_view pem, std::string& why) {
    struct guard {
        BIO* bio = nullptr;
        X509* x = nullptr;
        ~guard() {
            X509_free(x);
            BIO_free(bio);
            ERR_clear_error();
        }
    } g;
    if (pem.size() > static_cast<std::size_t>(INT32_MAX)) { why = "certificate is too large"; return std::nullopt; }
    g.bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (!g.bio) { why = "out of memory"; return std::nullopt; }

    int blocks = 0;
    for (;;) {
        char* name = nullptr;
        char* header = nullptr;
        unsigned char* data = nullptr;
        long len = 0;
        if (PEM_read_bio(g.bio, &name, &header, &data, &len) != 1) break;
        ++blocks;
        if (blocks == 1 && std::string_view(name) == "CERTIFICATE") {
            const unsigned char* p = data;
            g.x = d2i_X509(nullptr, &p, len);
            if (g.x && p != data + len) {  // trailing bytes after the DER structure
                X509_free(g.x);
                g.x = nullptr;
            }
        }
        OPENSSL_free(name);
        OPENSSL_free(header);
        OPENSSL_free(data);
    }
    if (blocks == 0) { why = "no PEM-encoded certificate found"; return std::nullopt; }
    if (blocks > 1) { why = "expected exactly one PEM-encoded certificate, found " + std::to_string(blocks) + " PEM blocks"; return std::nullopt; }
    if (!g.x) { why = "the PEM block is not a valid X.509 certificate"; return std::nullopt; }

    parsed_pem out;
    if (!asn1_to_unix(X509_get0_notBefore(g.x), out.valid_at) ||
        !asn1_to_unix(X509_get0_notAfter(g.x), out.expires_at)) {
        why = "the certificate has an invalid validity period";
        return std::nullopt;
    }
    out.is_ca = X509_check_ca(g.x) == 1;
    out.has_ski = X509_get0_subject_key_id(g.x) != nullptr;
    out.has_aki = X509_get0_authority_key_id(g.x) != nullptr;
    return out;
}

// ---------------------------------------------------------------------------------------------
// API model and logic (pure; runs under the server mutex)
// ---------------------------------------------------------------------------------------------

struct stored_certificate {
    std::string id;
    std::optional<std::string> name;
    std::int64_t created_at = 0, valid_at = 0, expires_at = 0;
    std::string pem;
    std::uint64_t seq = 0;  // insertion order, tie-breaker for equal created_at
};

struct api_state {
    std::vector<stored_certificate> certs;  // sorted by (created_at, seq)
    std::set<std::string, std::less<>> org_active;
    std::map<std::string, std::set<std::string, std::less<>>, std::less<>> project_active;
    std::uint64_t next_seq = 0;
    std::size_t next_seed = 0;
    std::optional<std::string> seed_pem;
    parsed_pem seed_info;

    std::vector<stored_certificate>::iterator find(std::string_view id) {
        return std::find_if(certs.begin(), certs.end(), [&](const stored_certificate& c) { return c.id == id; });
    }
    void insert(stored_certificate c) {
        c.seq = next_seq++;
        auto pos = std::upper_bound(certs.begin(), certs.end(), c, [](const stored_certificate& a, const stored_certificate& b) {
            return std::tie(a.created_at, a.seq) < std::tie(b.created_at, b.seq);
        });
        certs.insert(pos, std::move(c));
    }
    bool active_anywhere(std::string_view id) const {
        if (org_active.count(id)) return true;
        return std::any_of(project_active.begin(), project_active.end(),
                           [&](const auto& p) { return p.second.count(id) != 0; });
    }
};

struct api_request {
    std::string method;
    std::string raw_path;  // as sent, without the query
    bool prefix_ok = false;
    bool path_ok = true;   // percent-decoding succeeded
    std::vector<std::string> segments;
    bool query_ok = true;
    std::vector<std::pair<std::string, std::string>> query;
    std::string authorization;
    std::string content_type;
    std::string body;
};

struct api_response {
    unsigned status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

struct api_failure {
    unsigned status;
    std::string message;
    std::optional<std::string> param;
    std::optional<std::string> code;
    std::string type = "invalid_request_error";
    std::vector<std::pair<std::string, std::string>> headers = {};
};

json::value opt_string(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}

std::string error_body(const api_failure& f) {
    json::object err;
    err["message"] = f.message;
    err["type"] = f.type;
    err["param"] = opt_string(f.param);
    err["code"] = opt_string(f.code);
    json::object root;
    root["error"] = std::move(err);
    return json::serialize(root);
}

[[noreturn]] void fail(unsigned status, std::string message, std::optional<std::string> param = std::nullopt,
                       std::optional<std::string> code = std::nullopt) {
    throw api_failure{status, std::move(message), std::move(param), std::move(code)};
}

const char* kind_name(const json::value& v) {
    switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64: return "an integer";
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
    }
    return "unknown";
}

[[noreturn]] void fail_type(const std::string& param, const char* expected, const json::value& got) {
    fail(400, "Invalid type for '" + param + "': expected " + expected + ", but got " + kind_name(got) + " instead.",
         param, "invalid_type");
}

json::object cert_json(const stored_certificate& c, std::string_view object, std::optional<bool> active,
                       bool with_content) {
    json::object details;
    details["valid_at"] = c.valid_at;
    details["expires_at"] = c.expires_at;
    if (with_content) details["content"] = c.pem;
    json::object o;
    o["object"] = object;
    o["id"] = c.id;
    o["name"] = opt_string(c.name);
    o["created_at"] = c.created_at;
    o["certificate_details"] = std::move(details);
    if (active) o["active"] = *active;
    return o;
}

// Which of the ten operations a request is for. No operation and `allow` set: the path exists
// but not for this method (405); neither: no such path (404).
struct route_match {
    std::string_view operation{};
    const char* allow = nullptr;
};

route_match match_route(const api_request& r) {
    const auto& s = r.segments;
    const auto n = s.size();
    const auto& m = r.method;
    auto pick = [&](std::initializer_list<std::pair<const char*, std::string_view>> by_method,
                    const char* allow) -> route_match {
        for (const auto& [method, op] : by_method)
            if (m == method) return {op, nullptr};
        return {{}, allow};
    };
    if (!r.prefix_ok || n == 0) return {};
    if (n >= 2 && s[0] == "organization" && s[1] == "certificates") {
        if (n == 2) return pick({{"GET", "listOrganizationCertificates"}, {"POST", "uploadCertificate"}}, "GET, POST");
        if (n == 3 && s[2] == "activate") return pick({{"POST", "activateOrganizationCertificates"}}, "POST");
        if (n == 3 && s[2] == "deactivate") return pick({{"POST", "deactivateOrganizationCertificates"}}, "POST");
        if (n == 3 && !s[2].empty())
            return pick({{"GET", "getCertificate"}, {"POST", "modifyCertificate"}, {"DELETE", "deleteCertificate"}},
                        "GET, POST, DELETE");
    }
    if (n >= 4 && s[0] == "organization" && s[1] == "projects" && !s[2].empty() && s[3] == "certificates") {
        if (n == 4) return pick({{"GET", "listProjectCertificates"}}, "GET");
        if (n == 5 && s[4] == "activate") return pick({{"POST", "activateProjectCertificates"}}, "POST");
        if (n == 5 && s[4] == "deactivate") return pick({{"POST", "deactivateProjectCertificates"}}, "POST");
    }
    return {};
}

class api {
public:
    api(api_state& st, const fake_server_options& opts) : st_(st), opts_(opts) {}

    api_response handle(const api_request& r) {
        try {
            return route(r);
        } catch (const api_failure& f) {
            return {f.status, error_body(f), f.headers};
        } catch (const std::exception& e) {
            return {500, error_body({500, std::string("Internal error in the fake server: ") + e.what(), std::nullopt,
                                     std::nullopt, "server_error"}),
                    {}};
        }
    }

private:
    api_state& st_;
    const fake_server_options& opts_;

    static api_response ok(const json::value& v) { return {200, json::serialize(v), {}}; }

    api_response route(const api_request& r) {
        if (r.authorization != "Bearer " + opts_.admin_key)
            fail(401, "Incorrect API key provided.", std::nullopt, "invalid_api_key");
        if (!r.prefix_ok || r.segments.empty()) not_found_path(r);
        if (!r.path_ok) fail(400, "Invalid percent-encoding in the request path.", std::nullopt, "invalid_path");
        if (!r.query_ok) fail(400, "Invalid percent-encoding in the query string.", std::nullopt, "invalid_query");
        const route_match m = match_route(r);
        if (m.operation.empty() && !m.allow) not_found_path(r);
        if (m.operation.empty()) method_not_allowed(r, m.allow);

        const auto& s = r.segments;
        const std::string_view op = m.operation;
        if (op == "listOrganizationCertificates") return list(r, nullptr);
        if (op == "uploadCertificate") return upload(r);
        if (op == "activateOrganizationCertificates") return toggle(r, nullptr, true);
        if (op == "deactivateOrganizationCertificates") return toggle(r, nullptr, false);
        if (op == "getCertificate") return get(r, s[2]);
        if (op == "modifyCertificate") return modify(r, s[2]);
        if (op == "deleteCertificate") return remove(r, s[2]);
        if (op == "listProjectCertificates") return list(r, &s[2]);
        if (op == "activateProjectCertificates") return toggle(r, &s[2], true);
        return toggle(r, &s[2], false);  // deactivateProjectCertificates
    }

    [[noreturn]] static void not_found_path(const api_request& r) {
        fail(404, "Invalid URL (" + r.method + " " + r.raw_path + ")", std::nullopt, "not_found");
    }

    [[noreturn]] static void method_not_allowed(const api_request& r, std::string allow) {
        api_failure f{405, "Method " + r.method + " is not allowed for " + r.raw_path + ".", std::nullopt,
                      "method_not_allowed"};
        f.headers.emplace_back("Allow", std::move(allow));
        throw f;
    }

    [[noreturn]] static void cert_not_found(const std::string& id, std::optional<std::string> param = std::nullopt) {
        fail(404, "No certificate found with ID '" + id + "'.", std::move(param), "not_found");
    }

    static void no_query(const api_request& r) {
        if (!r.query.empty())
            fail(400, "Unknown parameter: '" + r.query.front().first + "'.", r.query.front().first,
                 "unknown_parameter");
    }

    static json::object json_body(const api_request& r) {
        std::string media = to_lower(trim(std::string_view(r.content_type).substr(0, r.content_type.find(';'))));
        if (media != "application/json")
            fail(400,
                 "Invalid Content-Type header (" + (r.content_type.empty() ? std::string("none") : r.content_type) +
                     "), expected application/json.",
                 std::nullopt, "invalid_content_type");
        error_code ec;
        json::value v = json::parse(r.body, ec);
        if (ec)
            fail(400,
                 "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
                 "HTTP library correctly. The OpenAI API expects a JSON payload.)");
        if (!v.is_object()) fail(400, std::string("Invalid request body: expected a JSON object, but got ") + kind_name(v) + ".", std::nullopt, "invalid_type");
        return std::move(v.as_object());
    }

    static void allow_keys(const json::object& o, std::initializer_list<std::string_view> allowed) {
        for (const auto& kv : o) {
            std::string_view k = kv.key();
            if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
                fail(400, "Unknown parameter: '" + std::string(k) + "'.", std::string(k), "unknown_parameter");
        }
    }

    // Optional string member: absent -> nullopt; present but not a string (null included) -> 400.
    static std::optional<std::string> opt_string_member(const json::object& o, std::string_view key) {
        const json::value* v = o.if_contains(key);
        if (!v) return std::nullopt;
        if (!v->is_string()) fail_type(std::string(key), "a string", *v);
        return std::string(v->as_string());
    }

    // ---- list (org when project == nullptr)
    api_response list(const api_request& r, const std::string* project) {
        std::size_t limit = 20;
        bool desc = true;
        std::optional<std::string> after;
        std::set<std::string> seen;
        for (const auto& [k, v] : r.query) {
            if (k != "limit" && k != "after" && k != "order")
                fail(400, "Unknown parameter: '" + k + "'.", k, "unknown_parameter");
            if (!seen.insert(k).second) fail(400, "Duplicate parameter: '" + k + "'.", k, "invalid_value");
            if (k == "limit") {
                bool digits = !v.empty() && v.size() <= 6 &&
                              std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
                long val = digits ? std::stol(v) : -1;
                if (val < 1 || val > 100)
                    fail(400, "Invalid 'limit': expected an integer between 1 and 100, got '" + v + "'.", "limit",
                         "invalid_value");
                limit = static_cast<std::size_t>(val);
            } else if (k == "order") {
                if (v != "asc" && v != "desc")
                    fail(400, "Invalid 'order': expected one of 'asc' or 'desc', got '" + v + "'.", "order",
                         "invalid_value");
                desc = v == "desc";
            } else {
                if (st_.find(v) == st_.certs.end())
                    fail(400, "Invalid 'after': no certificate found with ID '" + v + "'.", "after", "invalid_value");
                after = v;
            }
        }

        std::vector<const stored_certificate*> ordered;
        ordered.reserve(st_.certs.size());
        for (const auto& c : st_.certs) ordered.push_back(&c);
        if (desc) std::reverse(ordered.begin(), ordered.end());

        std::size_t start = 0;
        if (after) {
            auto it = std::find_if(ordered.begin(), ordered.end(), [&](const stored_certificate* c) { return c->id == *after; });
            start = static_cast<std::size_t>(it - ordered.begin()) + 1;
        }
        const std::size_t end = std::min(ordered.size(), start + limit);

        json::array data;
        const std::string_view object = project ? "organization.project.certificate" : "organization.certificate";
        for (std::size_t i = start; i < end; ++i)
            data.push_back(cert_json(*ordered[i], object, is_active(project, ordered[i]->id), false));

        const bool empty = data.empty();
        json::object out;
        out["object"] = "list";
        out["data"] = std::move(data);
        out["first_id"] = empty ? json::value(nullptr) : json::value(ordered[start]->id);
        out["last_id"] = empty ? json::value(nullptr) : json::value(ordered[end - 1]->id);
        out["has_more"] = end < ordered.size();
        return ok(out);
    }

    bool is_active(const std::string* project, const std::string& id) const {
        if (!project) return st_.org_active.count(id) != 0;
        auto it = st_.project_active.find(*project);
        return it != st_.project_active.end() && it->second.count(id) != 0;
    }

    // ---- upload
    api_response upload(const api_request& r) {
        no_query(r);
        json::object body = json_body(r);
        allow_keys(body, {"certificate", "name"});
        const json::value* pem_v = body.if_contains("certificate");
        if (!pem_v) fail(400, "Missing required parameter: 'certificate'.", "certificate", "missing_required_parameter");
        if (!pem_v->is_string()) fail_type("certificate", "a string", *pem_v);
        std::optional<std::string> name = opt_string_member(body, "name");
        std::string pem(pem_v->as_string());

        std::string why;
        auto parsed = parse_single_certificate(pem, why);
        if (!parsed) fail(400, "Invalid certificate: " + why + ".", "certificate", "invalid_certificate");
        if (opts_.strict_certificate_checks) strict_checks(pem, *parsed);

        if (st_.certs.size() >= opts_.max_certificates)
            fail(400, "Organizations can upload up to " + std::to_string(opts_.max_certificates) + " certificates.",
                 std::nullopt, "certificate_limit_exceeded");

        stored_certificate c;
        c.id = "cert_" + random_hex(12);
        c.name = std::move(name);
        c.created_at = now_unix();
        c.valid_at = parsed->valid_at;
        c.expires_at = parsed->expires_at;
        c.pem = std::move(pem);
        json::object out = cert_json(c, "certificate", std::nullopt, false);
        st_.insert(std::move(c));
        return ok(out);
    }

    static void strict_checks(const std::string& pem, const parsed_pem& p) {
        auto bad = [](const std::string& why) {
            fail(400, "Invalid certificate: " + why + ".", "certificate", "invalid_certificate");
        };
        if (pem.size() >= 16 * 1024) bad("the certificate must be smaller than 16 KiB");
        if (!p.is_ca) bad("the certificate must be a CA certificate (basicConstraints CA:TRUE)");
        if (!p.has_ski) bad("the certificate must have a Subject Key Identifier extension");
        if (!p.has_aki) bad("the certificate must have an Authority Key Identifier extension");
        if (p.expires_at - now_unix() < 86400) bad("the certificate must not expire within 1 day");
    }

    // ---- get / modify / delete
    api_response get(const api_request& r, const std::string& id) {
        bool content = false;
        for (const auto& [k, v] : r.query) {
            if (k != "include[]" && k != "include") fail(400, "Unknown parameter: '" + k + "'.", k, "unknown_parameter");
            if (v != "content")
                fail(400, "Invalid value for 'include': '" + v + "'. Supported values are: 'content'.", "include",
                     "invalid_value");
            content = true;
        }
        auto it = st_.find(id);
        if (it == st_.certs.end()) cert_not_found(id);
        return ok(cert_json(*it, "certificate", std::nullopt, content));
    }

    api_response modify(const api_request& r, const std::string& id) {
        no_query(r);
        auto it = st_.find(id);
        if (it == st_.certs.end()) cert_not_found(id);
        json::object body = json_body(r);
        allow_keys(body, {"name"});
        if (auto name = opt_string_member(body, "name")) it->name = std::move(name);
        return ok(cert_json(*it, "certificate", std::nullopt, false));
    }

    api_response remove(const api_request& r, const std::string& id) {
        no_query(r);
        auto it = st_.find(id);
        if (it == st_.certs.end()) cert_not_found(id);
        if (st_.active_anywhere(id))
            fail(409,
                 "Certificate '" + id +
                     "' is active. Deactivate it for the organization and all projects before deleting it.",
                 std::nullopt, "certificate_in_use");
        st_.certs.erase(it);
        json::object out;
        out["object"] = "certificate.deleted";
        out["id"] = id;
        return ok(out);
    }

    // ---- activate / deactivate (org when project == nullptr)
    api_response toggle(const api_request& r, const std::string* project, bool activate) {
        no_query(r);
        json::object body = json_body(r);
        allow_keys(body, {"certificate_ids"});
        const json::value* ids_v = body.if_contains("certificate_ids");
        if (!ids_v)
            fail(400, "Missing required parameter: 'certificate_ids'.", "certificate_ids", "missing_required_parameter");
        if (!ids_v->is_array()) fail_type("certificate_ids", "an array", *ids_v);
        const json::array& arr = ids_v->as_array();
        if (arr.empty() || arr.size() > 10)
            fail(400,
                 "Invalid 'certificate_ids': expected an array of 1 to 10 items, got " + std::to_string(arr.size()) + ".",
                 "certificate_ids", "invalid_value");
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < arr.size(); ++i) {
            if (!arr[i].is_string()) fail_type("certificate_ids[" + std::to_string(i) + "]", "a string", arr[i]);
            ids.emplace_back(arr[i].as_string());
        }
        // Atomic: validate everything before changing anything.
        for (const auto& id : ids)
            if (st_.find(id) == st_.certs.end()) cert_not_found(id, "certificate_ids");

        auto& set = project ? st_.project_active[*project] : st_.org_active;
        for (const auto& id : ids) {
            if (activate) set.insert(id);
            else set.erase(id);
        }
        if (project && set.empty()) st_.project_active.erase(*project);

        const std::string_view item = project ? "organization.project.certificate" : "organization.certificate";
        json::array data;
        for (const auto& id : ids) data.push_back(cert_json(*st_.find(id), item, is_active(project, id), false));
        json::object out;
        out["object"] = std::string(project ? "organization.project.certificate" : "organization.certificate") +
                        (activate ? ".activation" : ".deactivation");
        out["data"] = std::move(data);
        return ok(out);
    }
};

// Splits the request target into the API view (prefix removed, segments decoded) and fills
// the recorded path/query.
void parse_target(std::string_view target, const std::string& prefix, api_request& ar, recorded_request& rec) {
    auto qpos = target.find('?');
    std::string_view path = target.substr(0, qpos);
    std::string_view query = qpos == std::string_view::npos ? std::string_view{} : target.substr(qpos + 1);
    ar.raw_path = std::string(path);

    // rest: the path after the prefix; must be empty or start with '/'.
    std::string_view rest = path;
    if (!prefix.empty()) {
        if (path.substr(0, prefix.size()) == prefix) rest = path.substr(prefix.size());
        else rest = std::string_view{"?"};  // forces prefix_ok = false below
    }
    ar.prefix_ok = rest.empty() || rest.front() == '/';
    if (ar.prefix_ok && !rest.empty()) {
        for (auto seg : split(rest.substr(1), '/')) {
            auto d = percent_decode(seg, false);
            if (!d) ar.path_ok = false;
            ar.segments.push_back(d ? std::move(*d) : std::string(seg));
        }
    }
    std::string_view for_record = ar.prefix_ok ? rest : path;
    auto decoded_path = percent_decode(for_record, false);
    rec.path = decoded_path ? std::move(*decoded_path) : std::string(for_record);

    if (!query.empty()) {
        for (auto piece : split(query, '&')) {
            if (piece.empty()) continue;
            auto eq = piece.find('=');
            std::string_view k = piece.substr(0, eq);
            std::string_view v = eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
            auto dk = percent_decode(k, true), dv = percent_decode(v, true);
            if (!dk || !dv) ar.query_ok = false;
            ar.query.emplace_back(dk ? std::move(*dk) : std::string(k), dv ? std::move(*dv) : std::string(v));
        }
    }
    rec.query = ar.query;
}

}  // namespace detail::server_impl

// ---------------------------------------------------------------------------------------------
// Network side
// ---------------------------------------------------------------------------------------------

using namespace detail::server_impl;

struct fake_server::impl : std::enable_shared_from_this<impl> {
    // Per-connection bookkeeping; touched on the io thread only.
    struct conn_entry {
        bool handshaking = true;
        bool idle = false;
        bool close_when_idle = false;
        std::function<void()> close;
    };

    struct injected {
        std::string operation;  // empty: any
        fault what;
        std::size_t remaining = 0;
    };

    fake_server_options opts;
    std::string ca;
    std::string scheme;
    std::optional<tls_identity> client_id;

    mutable std::mutex mu;  // guards state, faults, hook, recorded
    mutable std::condition_variable requests_cv;  // notified when a request is recorded
    api_state state;
    std::deque<injected> faults;
    fault_hook hook;
    std::vector<recorded_request> recorded;

    std::atomic<std::size_t> accepted{0};
    std::atomic<std::size_t> peak_open{0};
    std::atomic<std::size_t> handshakes{0};  // completed TLS handshakes...
    std::atomic<std::size_t> resumed{0};     // ...of which resumed a session
    std::map<std::size_t, conn_entry*> conns;  // io thread only
    bool stopping = false;                     // io thread only

    // Destroyed after the sockets below (members go in reverse order).
    std::unique_ptr<asio::io_context> own_ioc;  // null: running on the caller's
    asio::io_context& ioc;
    std::optional<asio::ssl::context> ssl_ctx;
    tcp::acceptor acceptor{ioc};
    unsigned short bound_port = 0;
    std::thread thread;

    impl(fake_server_options o, asio::io_context* borrowed)
        : opts(std::move(o)),
          own_ioc(borrowed ? nullptr : std::make_unique<asio::io_context>(1)),
          ioc(borrowed ? *borrowed : *own_ioc) {
        auto& p = opts.path_prefix;
        while (!p.empty() && p.back() == '/') p.pop_back();
        if (!p.empty() && p.front() != '/') p.insert(p.begin(), '/');
        if (p.find_first_of("?#%") != std::string::npos)
            throw std::invalid_argument("fake_server_options::path_prefix must be a plain path, got '" +
                                        opts.path_prefix + "'");
        if (!opts.tls && (opts.mutual_tls || !opts.client_ca_pem.empty()))
            throw std::invalid_argument("fake_server_options: mutual TLS (mutual_tls, client_ca_pem) needs tls = true");
        scheme = opts.tls ? "https" : "http";

        if (opts.tls) {
            if (!opts.identity) opts.identity = make_server_identity();
            ca = opts.identity->ca_pem;
            std::string client_ca = opts.client_ca_pem;
            if (client_ca.empty() && opts.mutual_tls) {
                client_id = make_client_identity();
                client_ca = client_id->ca_pem;
            }
            ssl_ctx.emplace(asio::ssl::context::tls_server);
            ssl_ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                                 asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                                 asio::ssl::context::no_tlsv1_1);
            ssl_ctx->use_certificate_chain(asio::buffer(opts.identity->cert_pem));
            ssl_ctx->use_private_key(asio::buffer(opts.identity->key_pem), asio::ssl::context::pem);
            if (!client_ca.empty()) {
                ssl_ctx->add_certificate_authority(asio::buffer(client_ca));
                ssl_ctx->set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
            }
            // Resumption: OpenSSL servers issue TLS 1.3 tickets (and keep TLS 1.2 sessions) by
            // default, but with client certificates they refuse to resume (fatally) without a
            // session id context.
            static const unsigned char sid_ctx[] = "oa-testing fake_server";  // at most 32 bytes
            if (SSL_CTX_set_session_id_context(ssl_ctx->native_handle(), sid_ctx, sizeof sid_ctx - 1) != 1)
                throw std::runtime_error("fake_server: SSL_CTX_set_session_id_context failed");
        }

        tcp::endpoint ep;
        error_code ec;
        auto addr = asio::ip::make_address(opts.host, ec);
        if (!ec) {
            ep = tcp::endpoint(addr, opts.port);
        } else {
            tcp::resolver resolver(ioc);
            auto results = resolver.resolve(opts.host, std::to_string(opts.port));
            if (results.empty()) throw std::invalid_argument("fake_server_options::host: cannot resolve " + opts.host);
            ep = results.begin()->endpoint();
        }
        acceptor.open(ep.protocol());
        acceptor.set_option(asio::socket_base::reuse_address(true));
        acceptor.bind(ep);
        acceptor.listen(asio::socket_base::max_listen_connections);
        bound_port = acceptor.local_endpoint().port();
    }

    void start() {
        asio::co_spawn(ioc, accept_loop(shared_from_this()), &report_exception);
        if (!own_ioc) return;
        thread = std::thread([this] {
            for (;;) {
                try {
                    ioc.run();
                    return;
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "openai::admin::testing::fake_server: io thread exception: %s\n", e.what());
                }
            }
        });
    }

    // The first injected fault for this request's operation (under mu), else the hook's.
    std::optional<fault> take_fault(const recorded_request& rec) {
        for (auto it = faults.begin(); it != faults.end(); ++it) {
            if (!it->operation.empty() && it->operation != rec.operation) continue;
            fault f = it->what;
            if (--it->remaining == 0) faults.erase(it);
            return f;
        }
        if (hook) return hook(rec);
        return std::nullopt;
    }

    const stored_certificate& find_or_throw(std::string_view id) const {  // under mu
        auto it = std::find_if(state.certs.begin(), state.certs.end(),
                               [&](const stored_certificate& c) { return c.id == id; });
        if (it == state.certs.end())
            throw std::out_of_range("fake_server: no certificate with id '" + std::string(id) + "'");
        return *it;
    }

    certificate_state view(const stored_certificate& c) const {  // under mu
        certificate_state out;
        out.id = c.id;
        out.name = c.name;
        out.created_at = c.created_at;
        out.valid_at = c.valid_at;
        out.expires_at = c.expires_at;
        out.pem = c.pem;
        out.active_in_organization = state.org_active.count(c.id) != 0;
        for (const auto& [project, ids] : state.project_active)
            if (ids.count(c.id)) out.active_in_projects.push_back(project);
        return out;
    }

    static void report_exception(std::exception_ptr e) {
        if (!e) return;
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            std::fprintf(stderr, "openai::admin::testing::fake_server: %s\n", ex.what());
        } catch (...) {
            std::fprintf(stderr, "openai::admin::testing::fake_server: unknown exception\n");
        }
    }

    void stop() {  // io thread
        stopping = true;
        error_code ec;
        acceptor.close(ec);
        for (auto& [idx, ce] : conns) ce->close();
    }

    void close_idle() {  // io thread
        for (auto& [idx, ce] : conns) {
            if (ce->handshaking) continue;
            if (ce->idle) ce->close();
            else ce->close_when_idle = true;
        }
    }

    asio::awaitable<void> accept_loop(std::shared_ptr<impl> self) {
        for (;;) {
            auto [ec, sock] = co_await acceptor.async_accept(tuple_awaitable);
            if (stopping || !acceptor.is_open()) co_return;
            if (ec) {  // e.g. EMFILE: back off briefly instead of spinning
                asio::steady_timer t(ioc, std::chrono::milliseconds(20));
                co_await t.async_wait(tuple_awaitable);
                continue;
            }
            std::size_t idx = accepted.fetch_add(1);
            // Without it a large response waits on Nagle + the client's delayed ACK (~40 ms).
            boost::system::error_code ignored;
            sock.set_option(tcp::no_delay(true), ignored);
            if (opts.tls) asio::co_spawn(ioc, tls_session(self, std::move(sock), idx), &report_exception);
            else asio::co_spawn(ioc, plain_session(self, std::move(sock), idx), &report_exception);
        }
    }

    struct registration {
        impl& self;
        std::size_t idx;
        registration(impl& s, std::size_t i, conn_entry& ce) : self(s), idx(i) {
            self.conns[idx] = &ce;
            if (self.conns.size() > self.peak_open.load()) self.peak_open = self.conns.size();
        }
        ~registration() { self.conns.erase(idx); }
        registration(const registration&) = delete;
        registration& operator=(const registration&) = delete;
    };

    static void hard_close(beast::tcp_stream& s, bool reset = false) {
        error_code ec;
        // An RST: no FIN first (shutdown would send one), then close with linger 0.
        if (reset) s.socket().set_option(asio::socket_base::linger(true, 0), ec);
        else s.socket().shutdown(tcp::socket::shutdown_both, ec);
        s.close();  // also cancels the stream's timers
    }

    asio::awaitable<void> plain_session(std::shared_ptr<impl>, tcp::socket sock, std::size_t idx) {
        beast::tcp_stream stream(std::move(sock));
        conn_entry ce;
        ce.handshaking = false;
        ce.close = [&stream] { hard_close(stream); };
        registration reg(*this, idx, ce);
        if (stopping) co_return;
        if (co_await serve(stream, ce, idx)) {
            error_code ec;
            stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        }
        hard_close(stream);
    }

    asio::awaitable<void> tls_session(std::shared_ptr<impl>, tcp::socket sock, std::size_t idx) {
        beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(sock)), *ssl_ctx);
        auto& low = beast::get_lowest_layer(stream);
        conn_entry ce;
        ce.close = [&low] { hard_close(low); };
        registration reg(*this, idx, ce);
        if (stopping) co_return;

        low.expires_after(std::chrono::seconds(10));
        auto [hec] = co_await stream.async_handshake(asio::ssl::stream_base::server, tuple_awaitable);
        if (hec) {
            hard_close(low);
            co_return;
        }
        low.expires_never();
        if (SSL_session_reused(stream.native_handle()) == 1) ++resumed;
        ++handshakes;
        ce.handshaking = false;
        if (co_await serve(stream, ce, idx) && !stopping) {
            low.expires_after(std::chrono::seconds(2));
            auto [sec] = co_await stream.async_shutdown(tuple_awaitable);
            (void)sec;  // peers often skip close_notify; nothing to do about it
        }
        hard_close(low);
    }

    struct outcome {
        enum kind_t { response, raw, no_reply, hang } kind = response;
        http::response<http::string_body> res;
        std::string raw_bytes;
        bool close = false;
        bool reset = false;
        std::chrono::milliseconds delay{0};
    };

    // Returns true when the connection should be closed gracefully (TLS close_notify / FIN).
    template <class Stream>
    asio::awaitable<bool> serve(Stream& stream, conn_entry& ce, std::size_t idx) {
        beast::flat_buffer buf;
        buf.reserve(16 * 1024);
        auto& low = beast::get_lowest_layer(stream);
        for (;;) {
            if (stopping || ce.close_when_idle) co_return false;
            http::request_parser<http::string_body> parser;
            parser.header_limit(64 * 1024);
            parser.body_limit(boost::none);  // checked by hand below, so a 413 can be sent

            ce.idle = buf.size() == 0;
            auto [ec, n] = co_await http::async_read_header(stream, buf, parser, tuple_awaitable);
            ce.idle = false;
            if (ec) co_return false;  // EOF, closed by us, or malformed HTTP

            bool too_large = parser.content_length() && *parser.content_length() > max_body_bytes;
            parser.body_limit(max_body_bytes);  // no body octet parsed yet: allowed
            if (!too_large && !parser.is_done()) {
                auto expect = parser.get()[http::field::expect];
                if (beast::iequals(expect, "100-continue")) {
                    http::response<http::empty_body> cont{http::status::continue_, parser.get().version()};
                    low.expires_after(std::chrono::seconds(30));
                    auto [wec, wn] = co_await http::async_write(stream, cont, tuple_awaitable);
                    low.expires_never();
                    if (wec) co_return false;
                }
                auto [rec, rn] = co_await http::async_read(stream, buf, parser, tuple_awaitable);
                if (rec == http::error::body_limit) too_large = true;
                else if (rec) co_return false;
            }

            outcome out = process(parser.get(), idx, too_large);
            if (out.delay.count() > 0) {
                asio::steady_timer t(ioc, out.delay);
                ce.close = [&t, &low] { t.cancel(); hard_close(low); };
                co_await t.async_wait(tuple_awaitable);
                ce.close = [&low] { hard_close(low); };
                if (stopping || !low.socket().is_open()) co_return false;
            }
            if (out.kind == outcome::hang) {
                // Until the server stops (or the client goes away): the read sees EOF/reset.
                char byte;
                co_await low.socket().async_read_some(asio::buffer(&byte, 1), tuple_awaitable);
                co_return false;
            }
            low.expires_after(std::chrono::seconds(30));
            if (out.kind == outcome::no_reply) {
                low.expires_never();
                if (out.reset) hard_close(low, true);
                co_return !out.reset;
            }
            if (out.kind == outcome::raw) {
                auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(out.raw_bytes), tuple_awaitable);
                low.expires_never();
                if (out.reset) hard_close(low, true);
                co_return !wec && !out.reset;
            }
            auto [wec, wn] = co_await http::async_write(stream, out.res, tuple_awaitable);
            low.expires_never();
            if (wec) co_return false;
            if (out.close) co_return true;
        }
    }

    outcome process(http::request<http::string_body>& req, std::size_t idx, bool too_large) {
        recorded_request rec;
        rec.method = std::string(req.method_string());
        rec.target = std::string(req.target());
        for (const auto& f : req) {
            std::string name = to_lower(f.name_string());
            auto [it, inserted] = rec.headers.emplace(name, std::string(f.value()));
            if (!inserted) it->second.append(", ").append(f.value());
        }
        rec.body = too_large ? std::string() : req.body();
        rec.connection_index = idx;

        api_request ar;
        ar.method = rec.method;
        parse_target(req.target(), opts.path_prefix, ar, rec);
        ar.authorization = std::string(req[http::field::authorization]);
        ar.content_type = std::string(req[http::field::content_type]);
        ar.body = std::move(req.body());

        rec.operation = std::string(match_route(ar).operation);

        std::optional<fault> script;
        api_response ares;
        {
            std::lock_guard lk(mu);
            recorded.push_back(std::move(rec));
            requests_cv.notify_all();
            if (!too_large) script = take_fault(recorded.back());
            if (too_large) {
                api_failure f{413, "Request body too large (limit: 1 MiB).", std::nullopt, "request_too_large"};
                ares = {413, error_body(f), {}};
            }
            if (!too_large && (!script || script->process_first || script->normal_answer))
                ares = api(state, opts).handle(ar);
        }

        outcome out;
        if (script) {
            out.delay = script->delay;
            out.reset = script->reset;
        }
        if (script && script->hang) {
            out.kind = outcome::hang;
            log(ar, "(hanging)");
            return out;
        }
        if (script && script->close_without_reply) {
            out.kind = outcome::no_reply;
            log(ar, "(closed without reply)");
            return out;
        }
        if (script && script->raw) {
            out.kind = outcome::raw;
            out.raw_bytes = std::move(*script->raw);
            log(ar, "(raw bytes)");
            return out;
        }

        auto& res = out.res;
        res.version(req.version());
        const bool scripted_answer = script && !script->normal_answer;
        res.result(scripted_answer ? script->status : ares.status);
        res.set(http::field::content_type, "application/json");
        res.set("x-request-id", "req_" + random_hex(16));
        res.set(http::field::date, http_date_now());
        res.keep_alive(req.keep_alive() && opts.keep_alive && !too_large);
        std::vector<std::pair<std::string, std::string>> extra;
        if (!scripted_answer) extra = std::move(ares.headers);
        if (script) extra.insert(extra.end(), script->headers.begin(), script->headers.end());
        std::set<std::string> replaced;
        for (auto& [name, value] : extra) {
            if (replaced.insert(to_lower(name)).second) res.erase(name);
            res.insert(name, value);
        }
        res.body() = scripted_answer ? std::move(script->body) : std::move(ares.body);
        res.prepare_payload();
        out.close = !res.keep_alive() || (script && script->close_after);
        log(ar, std::to_string(res.result_int()));
        return out;
    }

    void log(const api_request& ar, const std::string& what) const {
        if (opts.log_requests)
            std::fprintf(stderr, "fake_server: %s %s -> %s\n", ar.method.c_str(), ar.raw_path.c_str(), what.c_str());
    }

    // Runs f on the io thread and waits for it.
    template <class F>
    void run_on_io(F&& f) {
        if (ioc.get_executor().running_in_this_thread()) {
            f();
            return;
        }
        std::promise<void> done;
        auto fut = done.get_future();
        asio::post(ioc, [&] {
            f();
            done.set_value();
        });
        fut.wait();
    }

    const std::string& seed_pem_locked() {
        if (!state.seed_pem) {
            ca_options spec;
            spec.common_name = "oa-test seed";
            std::string pem = make_ca_pem(spec);
            std::string why;
            auto parsed = parse_single_certificate(pem, why);
            if (!parsed) throw std::runtime_error("fake_server: seed certificate: " + why);
            state.seed_info = *parsed;
            state.seed_pem = std::move(pem);
        }
        return *state.seed_pem;
    }

    std::string host_for_url() const {
        std::string h = opts.host;
        if (h == "0.0.0.0") h = "127.0.0.1";
        else if (h == "::") h = "::1";
        if (h.find(':') != std::string::npos) h = "[" + h + "]";
        return h;
    }
};


// ---------------------------------------------------------------------------------------------
// recorded_request, fault
// ---------------------------------------------------------------------------------------------

std::optional<std::string> recorded_request::header(std::string_view name) const {
    auto it = headers.find(to_lower(name));
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> recorded_request::query_value(std::string_view name) const {
    for (const auto& [k, v] : query)
        if (k == name) return v;
    return std::nullopt;
}

boost::json::value recorded_request::json() const {
    error_code ec;
    json::value v = json::parse(body, ec);
    if (ec)
        throw std::invalid_argument("recorded_request::json: the body of " + method + " " + path +
                                    " is not JSON (" + ec.message() + ")");
    return v;
}

fault fault::with_status(unsigned status, std::string body, std::vector<std::pair<std::string, std::string>> headers) {
    fault f;
    f.status = status;
    f.headers = std::move(headers);
    if (body.empty()) {
        api_failure e{status, "Scripted fault: HTTP " + std::to_string(status) + ".", std::nullopt, std::nullopt};
        e.type = status >= 500 ? "server_error" : "invalid_request_error";
        body = error_body(e);
    }
    f.body = std::move(body);
    return f;
}

fault fault::with_status(unsigned status) { return with_status(status, std::string(), {}); }

fault fault::with_status(unsigned status, std::string body) { return with_status(status, std::move(body), {}); }

fault fault::rate_limited(std::chrono::milliseconds retry_after) {
    return with_status(429, {}, {{"retry-after-ms", std::to_string(retry_after.count())}});
}

fault fault::unavailable() { return with_status(503); }

fault fault::should_retry(unsigned status, bool retry) {
    return with_status(status, {}, {{"x-should-retry", retry ? "true" : "false"}});
}

fault fault::reset_before_reply() {
    fault f;
    f.close_without_reply = true;
    f.reset = true;
    return f;
}

fault fault::reset_mid_reply() {
    fault f;
    f.raw = "HTTP/1.1 200 OK\r\nContent-Type: applic";
    f.reset = true;
    return f;
}

fault fault::truncated_body() {
    fault f;
    f.raw = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
            "{\"object\":\"certificate\",\"id\":\"cert_";
    return f;
}

fault fault::malformed_json() {
    fault f;
    f.body = "{\"object\":\"certificate\",\"id\":";
    return f;
}

fault fault::no_reply() {
    fault f;
    f.hang = true;
    return f;
}

fault fault::delayed(std::chrono::milliseconds d) {
    fault f;
    f.delay = d;
    f.process_first = true;
    f.normal_answer = true;
    return f;
}

fault fault::close_after_reply() {
    fault f;
    f.process_first = true;
    f.normal_answer = true;
    f.close_after = true;
    return f;
}

// ---------------------------------------------------------------------------------------------
// fake_server
// ---------------------------------------------------------------------------------------------

namespace detail::server_impl {

void check_operation(std::string_view op, const char* where) {
    if (is_operation_name(op)) return;
    std::string known;
    for (auto n : operation_names) known.append(known.empty() ? "" : ", ").append(n);
    throw std::invalid_argument(std::string("fake_server::") + where + ": unknown operation '" + std::string(op) +
                                "' (known: " + known + ")");
}

void check_project_id(std::string_view project, const std::string& where) {
    if (project.empty() || project.find_first_of("/\r\n") != std::string_view::npos)
        throw std::invalid_argument(where + ": project id '" + std::string(project) +
                                    "' is empty or has '/', CR or LF");
}

}  // namespace detail::server_impl

fake_server::fake_server() : fake_server(fake_server_options{}) {}

fake_server::fake_server(boost::asio::io_context& io) : fake_server(io, fake_server_options{}) {}

fake_server::fake_server(fake_server_options options)
    : impl_(std::make_shared<impl>(std::move(options), nullptr)) {
    impl_->start();
}

fake_server::fake_server(boost::asio::io_context& io, fake_server_options options)
    : impl_(std::make_shared<impl>(std::move(options), &io)) {
    impl_->start();
}

fake_server::~fake_server() {
    auto& ioc = impl_->ioc;
    if (ioc.get_executor().running_in_this_thread()) impl_->stop();
    else asio::post(ioc, [p = impl_] { p->stop(); });
    if (impl_->thread.joinable()) impl_->thread.join();
}

openai::admin::client_config fake_server::client_config() const {
    openai::admin::client_config cfg;
    cfg.admin_key = impl_->opts.admin_key;
    cfg.base_url = base_url();
    if (impl_->opts.tls) {
        cfg.tls.use_system_trust_store = false;
        cfg.tls.ca_pem = impl_->ca;
    }
    if (impl_->client_id) {
        cfg.tls.client_cert_pem = impl_->client_id->cert_pem;
        cfg.tls.client_key_pem = impl_->client_id->key_pem;
    }
    return cfg;
}

unsigned short fake_server::port() const { return impl_->bound_port; }

std::string fake_server::root_url() const {
    return impl_->scheme + "://" + impl_->host_for_url() + ":" + std::to_string(impl_->bound_port);
}

std::string fake_server::base_url() const { return root_url() + impl_->opts.path_prefix; }

const std::string& fake_server::ca_pem() const { return impl_->ca; }

const std::optional<tls_identity>& fake_server::client_identity() const { return impl_->client_id; }

std::vector<std::string> fake_server::seed(const std::vector<seed_certificate>& certs) {
    std::lock_guard lk(impl_->mu);
    auto& st = impl_->state;
    const std::size_t limit = impl_->opts.max_certificates;
    if (st.certs.size() + certs.size() > limit)
        throw std::invalid_argument("fake_server::seed: " + std::to_string(certs.size()) + " more certificates (" +
                                    std::to_string(st.certs.size()) + " there) would exceed the limit of " +
                                    std::to_string(limit) + " (fake_server_options::max_certificates)");
    // Validate everything first: all or nothing.
    std::vector<stored_certificate> made;
    std::set<std::string> ids;
    std::size_t next_seed = st.next_seed;
    const std::int64_t now = now_unix();
    for (std::size_t i = 0; i < certs.size(); ++i) {
        const auto& in = certs[i];
        const std::string where = "fake_server::seed: entry " + std::to_string(i);
        stored_certificate c;
        if (in.id) {
            if (in.id->empty() || in.id->find_first_of("/?#\r\n ") != std::string::npos)
                throw std::invalid_argument(where + ": id '" + *in.id + "' is empty or has '/', '?', '#', CR, LF or a space");
            c.id = *in.id;
        } else {
            char id[32];
            std::snprintf(id, sizeof id, "cert_seed_%06zu", next_seed++);
            c.id = id;
        }
        if (st.find(c.id) != st.certs.end() || !ids.insert(c.id).second)
            throw std::invalid_argument(where + ": id '" + c.id + "' is already taken");
        parsed_pem info;
        if (in.pem) {
            std::string why;
            auto parsed = parse_single_certificate(*in.pem, why);
            if (!parsed) throw std::invalid_argument(where + " ('" + c.id + "'): the PEM is not usable: " + why);
            info = *parsed;
            c.pem = *in.pem;
        } else {
            c.pem = impl_->seed_pem_locked();
            info = st.seed_info;
        }
        for (const auto& p : in.active_in_projects) check_project_id(p, where + " ('" + c.id + "')");
        c.name = in.name;
        c.created_at = in.created_at.value_or(now);
        c.valid_at = in.valid_at.value_or(info.valid_at);
        c.expires_at = in.expires_at.value_or(info.expires_at);
        made.push_back(std::move(c));
    }
    std::vector<std::string> out;
    st.next_seed = next_seed;
    for (std::size_t i = 0; i < made.size(); ++i) {
        out.push_back(made[i].id);
        if (certs[i].active_in_organization) st.org_active.insert(made[i].id);
        for (const auto& p : certs[i].active_in_projects) st.project_active[p].insert(made[i].id);
        st.insert(std::move(made[i]));
    }
    return out;
}

std::vector<std::string> fake_server::seed_certificates(std::size_t n, std::int64_t first_created_at) {
    std::vector<seed_certificate> certs(n);
    {
        std::lock_guard lk(impl_->mu);
        for (std::size_t i = 0; i < n; ++i) {
            certs[i].name = "seed " + std::to_string(impl_->state.next_seed + i);
            certs[i].created_at = first_created_at + static_cast<std::int64_t>(i);
        }
    }
    return seed(certs);
}

std::vector<certificate_state> fake_server::certificates() const {
    std::lock_guard lk(impl_->mu);
    std::vector<certificate_state> out;
    out.reserve(impl_->state.certs.size());
    for (const auto& c : impl_->state.certs) out.push_back(impl_->view(c));
    return out;
}

certificate_state fake_server::certificate(std::string_view id) const {
    std::lock_guard lk(impl_->mu);
    return impl_->view(impl_->find_or_throw(id));
}

bool fake_server::has_certificate(std::string_view id) const {
    std::lock_guard lk(impl_->mu);
    return impl_->state.find(id) != impl_->state.certs.end();
}

std::size_t fake_server::certificate_count() const {
    std::lock_guard lk(impl_->mu);
    return impl_->state.certs.size();
}

bool fake_server::is_active_in_organization(std::string_view id) const {
    std::lock_guard lk(impl_->mu);
    impl_->find_or_throw(id);
    return impl_->state.org_active.count(id) != 0;
}

bool fake_server::is_active_in_project(std::string_view project, std::string_view id) const {
    std::lock_guard lk(impl_->mu);
    impl_->find_or_throw(id);
    auto it = impl_->state.project_active.find(project);
    return it != impl_->state.project_active.end() && it->second.count(id) != 0;
}

std::vector<std::string> fake_server::active_in_organization() const {
    std::lock_guard lk(impl_->mu);
    std::vector<std::string> out;
    for (const auto& c : impl_->state.certs)
        if (impl_->state.org_active.count(c.id)) out.push_back(c.id);
    return out;
}

std::vector<std::string> fake_server::active_in_project(std::string_view project) const {
    std::lock_guard lk(impl_->mu);
    std::vector<std::string> out;
    auto it = impl_->state.project_active.find(project);
    if (it == impl_->state.project_active.end()) return out;
    for (const auto& c : impl_->state.certs)
        if (it->second.count(c.id)) out.push_back(c.id);
    return out;
}

void fake_server::reset() {
    std::lock_guard lk(impl_->mu);
    auto seed_pem = std::move(impl_->state.seed_pem);  // keep the (costly) seed PEM
    auto seed_info = impl_->state.seed_info;
    impl_->state = api_state{};
    impl_->state.seed_pem = std::move(seed_pem);
    impl_->state.seed_info = seed_info;
    impl_->faults.clear();
    impl_->hook = nullptr;
    impl_->recorded.clear();
}

std::vector<recorded_request> fake_server::requests() const {
    std::lock_guard lk(impl_->mu);
    return impl_->recorded;
}

std::vector<recorded_request> fake_server::requests(std::string_view operation) const {
    check_operation(operation, "requests");
    std::lock_guard lk(impl_->mu);
    std::vector<recorded_request> out;
    for (const auto& r : impl_->recorded)
        if (r.operation == operation) out.push_back(r);
    return out;
}

std::size_t fake_server::request_count(std::string_view operation) const {
    if (!operation.empty()) check_operation(operation, "request_count");
    std::lock_guard lk(impl_->mu);
    if (operation.empty()) return impl_->recorded.size();
    return static_cast<std::size_t>(std::count_if(impl_->recorded.begin(), impl_->recorded.end(),
                                                  [&](const recorded_request& r) { return r.operation == operation; }));
}

void fake_server::clear_requests() {
    std::lock_guard lk(impl_->mu);
    impl_->recorded.clear();
}

bool fake_server::wait_for_requests(std::size_t n, std::chrono::milliseconds timeout) const {
    if (!impl_->own_ioc && impl_->ioc.get_executor().running_in_this_thread())
        throw std::logic_error("fake_server::wait_for_requests: called on a thread that runs the server's "
                               "io_context; it would block the requests it waits for");
    std::unique_lock lk(impl_->mu);
    return impl_->requests_cv.wait_for(lk, timeout, [&] { return impl_->recorded.size() >= n; });
}

void fake_server::inject(fault f, std::size_t times) {
    if (times == 0) return;
    std::lock_guard lk(impl_->mu);
    impl_->faults.push_back({std::string(), std::move(f), times});
}

void fake_server::inject(std::string_view operation, fault f, std::size_t times) {
    check_operation(operation, "inject");
    if (times == 0) return;
    std::lock_guard lk(impl_->mu);
    impl_->faults.push_back({std::string(operation), std::move(f), times});
}

std::size_t fake_server::pending_faults() const {
    std::lock_guard lk(impl_->mu);
    std::size_t n = 0;
    for (const auto& f : impl_->faults) n += f.remaining;
    return n;
}

void fake_server::set_fault_hook(fault_hook h) {
    std::lock_guard lk(impl_->mu);
    impl_->hook = std::move(h);
}

void fake_server::close_idle_connections() {
    impl_->run_on_io([p = impl_.get()] { p->close_idle(); });
}

std::size_t fake_server::connections_accepted() const { return impl_->accepted.load(); }

std::size_t fake_server::peak_open_connections() const { return impl_->peak_open.load(); }

std::size_t fake_server::tls_handshakes() const { return impl_->handshakes.load(); }

std::size_t fake_server::resumed_handshakes() const { return impl_->resumed.load(); }

}  // namespace openai::admin::testing
