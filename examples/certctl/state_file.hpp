// certctl's desired-state file (`certctl plan FILE`, `certctl apply FILE`): reading it, checking
// it entry by entry, and identifying certificates by content (SHA-256 of the DER), so that the
// file is portable between organizations and reruns. No I/O other than reading PEM files.
//
// The format (JSON; // and /* */ comments and trailing commas are allowed):
//   {
//     "projects": ["proj_a", "proj_b"],  // the projects this file manages (optional)
//     "prune": false,                    // optional; true: certificates not in the file are
//                                        // deactivated (organization + "projects") and deleted
//     "certificates": [                  // at most 50
//       { "name": "edge CA 2027",                 // required, unique in the file
//         "pem_file": "certs/edge-2027.pem",      // or "pem": "-----BEGIN CERTIFICATE-----..."
//         "active": { "organization": true, "projects": ["proj_a"] } }  // optional
//     ]
//   }
// A certificate is active exactly where its "active" says, among the organization and the
// listed "projects"; projects the file does not list are never read or changed.
#ifndef OPENAI_ADMIN_EXAMPLES_CERTCTL_STATE_FILE_HPP
#define OPENAI_ADMIN_EXAMPLES_CERTCTL_STATE_FILE_HPP

#include <openai/admin/pem_check.hpp>

#include <boost/json/parse_options.hpp>
#include <boost/json/stream_parser.hpp>
#include <boost/json/value.hpp>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace certctl {

/// The organization's certificate limit, hence the most a file may hold.
inline constexpr std::size_t max_certificates = 50;

/// What identifies a certificate: the SHA-256 of its DER, and its validity (unix seconds).
struct pem_identity {
    std::string fingerprint; ///< 64 lowercase hex digits
    std::int64_t not_before = 0;
    std::int64_t not_after = 0;
};

/// The identity of the first X.509 certificate in `pem`; nothing if there is none that parses.
/// Leaves OpenSSL's error queue empty.
inline std::optional<pem_identity> identify_pem(std::string_view pem) {
    std::optional<pem_identity> out;
    if (pem.size() > static_cast<std::size_t>(INT32_MAX))
        return out;
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                  &BIO_free);
    if (bio) {
        std::unique_ptr<X509, decltype(&X509_free)> x509(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                         &X509_free);
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        std::tm before{}, after{};
        if (x509 && X509_digest(x509.get(), EVP_sha256(), md, &len) == 1 &&
            ASN1_TIME_to_tm(X509_get0_notBefore(x509.get()), &before) == 1 &&
            ASN1_TIME_to_tm(X509_get0_notAfter(x509.get()), &after) == 1) {
            static constexpr char hex[] = "0123456789abcdef";
            pem_identity id;
            for (unsigned int i = 0; i < len; ++i) {
                id.fingerprint += hex[md[i] >> 4];
                id.fingerprint += hex[md[i] & 0xf];
            }
            id.not_before = timegm(&before);
            id.not_after = timegm(&after);
            out = std::move(id);
        }
    }
    ERR_clear_error();
    return out;
}

/// One certificate of the file.
struct desired_certificate {
    std::size_t index = 0;  ///< position in "certificates"
    std::string name;
    std::string pem;
    std::string source;     ///< "inline", or the pem_file as written
    pem_identity identity;
    /// Set when the PEM passes every local check but the expiry ones (expired, expiring within
    /// a day): such a certificate may stay where it is, but is never uploaded.
    std::optional<std::string> expiry_problem;
    bool organization = false;         ///< must be active for the organization
    std::vector<std::string> projects; ///< must be active in these (file order, unique)

    /// How messages name it: `certificates[2] ("edge CA")`.
    std::string label() const { return "certificates[" + std::to_string(index) + "] (\"" + name + "\")"; }
    bool wants(const std::optional<std::string>& project) const {
        return project ? std::find(projects.begin(), projects.end(), *project) != projects.end() : organization;
    }
};

/// The whole file.
struct desired_state {
    std::vector<desired_certificate> certificates;
    std::vector<std::string> projects; ///< managed projects, file order
    bool prune = false;
};

/// A file that cannot be used; `local_check` when a PEM failed the local check (certctl exits 5
/// then, else 2). The message names the entry and the problem.
struct state_file_error : std::runtime_error {
    bool local_check = false;
    explicit state_file_error(const std::string& what, bool local = false)
        : std::runtime_error(what), local_check(local) {}
};

namespace detail {

// "line L, column C" of byte `offset` of `text`.
inline std::string position_of(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

inline boost::json::value parse_json_file(std::string_view text, const std::string& file) {
    boost::json::parse_options opts;
    opts.allow_comments = true;
    opts.allow_trailing_commas = true;
    boost::json::stream_parser p({}, opts);
    boost::system::error_code ec;
    const std::size_t used = p.write_some(text.data(), text.size(), ec);
    if (!ec)
        p.finish(ec);
    if (ec)
        throw state_file_error(file + ": not valid JSON at " + position_of(text, used) + ": " + ec.message());
    return p.release();
}

inline std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

// Describes the first character a project id cannot hold, or nothing.
inline std::optional<std::string> project_id_problem(std::string_view id) {
    if (id.empty())
        return "is empty";
    if (id.size() > 256)
        return "is longer than 256 characters";
    for (const char ch : id) {
        const auto u = static_cast<unsigned char>(ch);
        if (ch == '\r' || ch == '\n')
            return "contains a line break (CR or LF)";
        if (u < 0x20 || u == 0x7f)
            return "contains a control character";
        if (ch == ' ' || ch == '/' || ch == '?' || ch == '#' || ch == '%' || ch == '\\')
            return std::string("contains '") + ch + "'";
    }
    return std::nullopt;
}

inline void check_keys(const boost::json::object& o, std::initializer_list<std::string_view> known,
                       const std::string& where) {
    for (const auto& kv : o) {
        if (std::find(known.begin(), known.end(), std::string_view(kv.key())) == known.end()) {
            std::string list;
            for (auto k : known)
                list += (list.empty() ? "" : ", ") + std::string(k);
            throw state_file_error(where + ": unknown key " + in_quotes(kv.key()) + " (known: " + list + ")");
        }
    }
}

inline std::vector<std::string> project_list(const boost::json::value& v, const std::string& where) {
    if (!v.is_array())
        throw state_file_error(where + " must be an array of project ids");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.as_array().size(); ++i) {
        const auto& p = v.as_array()[i];
        const std::string at = where + "[" + std::to_string(i) + "]";
        if (!p.is_string())
            throw state_file_error(at + " must be a string (a project id)");
        const std::string id(p.as_string());
        if (auto problem = project_id_problem(id))
            throw state_file_error(at + ": project id " + problem.value());
        if (std::find(out.begin(), out.end(), id) != out.end())
            throw state_file_error(at + ": project " + in_quotes(id) + " is listed twice");
        out.push_back(id);
    }
    return out;
}

inline std::string read_file(const std::filesystem::path& p, const std::string& what) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream ss;
    if (f)
        ss << f.rdbuf();
    if (!f || f.bad())
        throw state_file_error(what + ": cannot read " + in_quotes(p.string()));
    return ss.str();
}

inline desired_certificate parse_entry(const boost::json::value& v, std::size_t index,
                                       const std::vector<std::string>& managed, const std::filesystem::path& base) {
    desired_certificate c;
    c.index = index;
    std::string where = "certificates[" + std::to_string(index) + "]";
    if (!v.is_object())
        throw state_file_error(where + " must be an object");
    const auto& o = v.as_object();
    const auto* name = o.if_contains("name");
    if (!name || !name->is_string() || name->as_string().empty())
        throw state_file_error(where + ": \"name\" is required (a non-empty string)");
    c.name = std::string(name->as_string());
    for (const char ch : c.name)
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
            throw state_file_error(where + ": \"name\" contains a control character (CR, LF, tab, ...)");
    where = c.label();
    check_keys(o, {"name", "pem", "pem_file", "active"}, where);

    const auto* pem = o.if_contains("pem");
    const auto* file = o.if_contains("pem_file");
    if ((pem != nullptr) == (file != nullptr))
        throw state_file_error(where + ": give exactly one of \"pem\" (the PEM text) and \"pem_file\" (a path)");
    if (pem) {
        if (!pem->is_string())
            throw state_file_error(where + ": \"pem\" must be a string");
        c.pem = std::string(pem->as_string());
        c.source = "inline";
    } else {
        if (!file->is_string() || file->as_string().empty())
            throw state_file_error(where + ": \"pem_file\" must be a non-empty string");
        c.source = std::string(file->as_string());
        std::filesystem::path p(c.source);
        if (p.is_relative())
            p = base / p;
        c.pem = read_file(p, where + ": pem_file");
    }

    const auto check = openai::admin::check_ca_pem(c.pem);
    if (check.error == openai::admin::pem_errc::expired || check.error == openai::admin::pem_errc::expiring_soon)
        c.expiry_problem = check.reason;
    else if (!check)
        throw state_file_error(where + ": " + (pem ? std::string("the inline PEM") : in_quotes(c.source)) +
                                   " fails the local check: " + check.reason,
                               true);
    auto id = identify_pem(c.pem);
    if (!id) // check_ca_pem parsed it, so OpenSSL can too
        throw state_file_error(where + ": cannot fingerprint the certificate", true);
    c.identity = std::move(*id);

    if (const auto* active = o.if_contains("active")) {
        if (!active->is_object())
            throw state_file_error(where + ": \"active\" must be an object {\"organization\": bool, \"projects\": [...]}");
        const auto& a = active->as_object();
        check_keys(a, {"organization", "projects"}, where + ".active");
        if (const auto* org = a.if_contains("organization")) {
            if (!org->is_bool())
                throw state_file_error(where + ": \"active.organization\" must be true or false");
            c.organization = org->as_bool();
        }
        if (const auto* projects = a.if_contains("projects")) {
            c.projects = project_list(*projects, where + ": active.projects");
            for (const auto& p : c.projects)
                if (std::find(managed.begin(), managed.end(), p) == managed.end())
                    throw state_file_error(where + ": project " + in_quotes(p) +
                                           " is not in the top-level \"projects\" (the projects this file manages)");
        }
    }
    return c;
}

} // namespace detail

/// Reads a desired-state file from its text; `file` names it in messages and relative
/// pem_file paths are resolved from `base`. Throws state_file_error.
inline desired_state parse_state(std::string_view text, const std::string& file, const std::filesystem::path& base) {
    using namespace detail;
    const auto root = parse_json_file(text, file);
    if (!root.is_object())
        throw state_file_error(file + ": the top level must be an object with \"certificates\"");
    const auto& o = root.as_object();
    check_keys(o, {"certificates", "projects", "prune"}, file);
    desired_state s;
    if (const auto* p = o.if_contains("projects"))
        s.projects = project_list(*p, "projects");
    if (const auto* prune = o.if_contains("prune")) {
        if (!prune->is_bool())
            throw state_file_error("\"prune\" must be true or false");
        s.prune = prune->as_bool();
    }
    const auto* certs = o.if_contains("certificates");
    if (!certs || !certs->is_array())
        throw state_file_error(file + ": \"certificates\" is required (an array, possibly empty)");
    const auto& list = certs->as_array();
    if (list.size() > max_certificates)
        throw state_file_error("\"certificates\" has " + std::to_string(list.size()) + " entries; an organization holds at most " +
                               std::to_string(max_certificates));
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto c = parse_entry(list[i], i, s.projects, base);
        for (const auto& prev : s.certificates) {
            if (prev.name == c.name)
                throw state_file_error(c.label() + ": the name is also " + prev.label() + "'s");
            if (prev.identity.fingerprint == c.identity.fingerprint)
                throw state_file_error(c.label() + ": the same certificate as " + prev.label() + " (SHA-256 " +
                                       c.identity.fingerprint + ")");
        }
        s.certificates.push_back(std::move(c));
    }
    return s;
}

/// Reads the desired-state file at `path` (relative pem_file paths from its directory).
inline desired_state load_state(const std::string& path) {
    const std::filesystem::path p(path);
    const std::string text = detail::read_file(p, "state file");
    return parse_state(text, path, p.has_parent_path() ? p.parent_path() : std::filesystem::path("."));
}

} // namespace certctl

#endif
