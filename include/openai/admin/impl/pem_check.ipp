// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_IMPL_PEM_CHECK_IPP
#define OPENAI_ADMIN_IMPL_PEM_CHECK_IPP

#include <openai/admin/pem_check.hpp>

#include <openssl/asn1.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <boost/system/error_category.hpp>

#include <chrono>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openai::admin {

namespace detail {

class pem_category_impl final : public boost::system::error_category {
public:
    // A fixed id lets categories compare equal across shared objects.
    constexpr pem_category_impl() noexcept : error_category(0x6f6170656d636b31ULL) {}
    const char* name() const noexcept override { return "openai.admin.pem"; }
    std::string message(int ev) const override {
        switch (static_cast<pem_errc>(ev)) {
        case pem_errc::too_large: return "PEM is too large";
        case pem_errc::not_pem: return "no PEM-encoded certificate found";
        case pem_errc::multiple_certificates: return "more than one PEM block";
        case pem_errc::invalid_certificate: return "not a valid X.509 certificate";
        case pem_errc::not_a_ca: return "not a CA certificate (basicConstraints CA:TRUE missing)";
        case pem_errc::missing_subject_key_id: return "no subject key identifier";
        case pem_errc::missing_authority_key_id: return "no authority key identifier";
        case pem_errc::expired: return "certificate has expired";
        case pem_errc::expiring_soon: return "certificate expires too soon";
        case pem_errc::private_key: return "contains a private key";
        }
        return "unknown openai.admin.pem error";
    }
};

inline constexpr pem_category_impl pem_category_instance;

// ASN1 time to unix seconds without timegm (not portable) or time zones.
inline std::optional<std::int64_t> asn1_to_unix(const ASN1_TIME* t) {
    std::tm tm{};
    if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1)
        return std::nullopt;
    using namespace std::chrono;
    const year_month_day ymd{year(tm.tm_year + 1900), month(static_cast<unsigned>(tm.tm_mon + 1)),
                             day(static_cast<unsigned>(tm.tm_mday))};
    const auto days_since_epoch = sys_days(ymd).time_since_epoch().count();
    return std::int64_t(days_since_epoch) * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

// Owns what the check allocates; clears OpenSSL's thread-local error queue on the way out.
struct pem_check_guard {
    X509* x = nullptr;
    BASIC_CONSTRAINTS* bc = nullptr;
    PKCS7* p7 = nullptr;
    pem_check_guard() = default;
    pem_check_guard(const pem_check_guard&) = delete;
    pem_check_guard& operator=(const pem_check_guard&) = delete;
    ~pem_check_guard() {
        PKCS7_free(p7);
        BASIC_CONSTRAINTS_free(bc);
        X509_free(x);
        ERR_clear_error();
    }
};

inline pem_check_result pem_failure(pem_check_result r, pem_errc e, std::string reason) {
    r.error = e;
    r.reason = std::move(reason);
    return r;
}

inline std::string format_days(std::int64_t seconds) {
    const auto days = seconds / 86400;
    if (days != 0)
        return std::to_string(days) + (days == 1 ? " day" : " days");
    return std::to_string(seconds / 3600) + " hours";
}

// One PEM block as the scanner found it; views into the checked text.
struct pem_block {
    enum class end_kind { matched, missing, mismatched };
    std::string_view label;
    std::string_view body;       // the lines between BEGIN and END (or the end of the text)
    std::size_t body_line = 0;   // 1-based line number of the first body line
    end_kind end = end_kind::missing;
    std::string_view end_label;  // the END line's label, when mismatched
};

// The label of a "-----<kind>LABEL-----" line (kind "BEGIN " or "END "). Trailing bytes
// <= ' ' (CR, spaces) are ignored, as OpenSSL does.
inline std::optional<std::string_view> pem_marker_label(std::string_view line, std::string_view kind) {
    constexpr std::string_view dashes = "-----";
    while (!line.empty() && static_cast<unsigned char>(line.back()) <= ' ')
        line.remove_suffix(1);
    const std::size_t fixed = 2 * dashes.size() + kind.size();
    if (line.size() < fixed || line.substr(0, dashes.size()) != dashes ||
        line.substr(dashes.size(), kind.size()) != kind || line.substr(line.size() - dashes.size()) != dashes)
        return std::nullopt;
    return line.substr(dashes.size() + kind.size(), line.size() - fixed);
}

// Every block, in order. A BEGIN line inside an open block closes it as missing its END line.
inline std::vector<pem_block> scan_pem(std::string_view text) {
    std::vector<pem_block> blocks;
    bool open = false;
    std::size_t body_start = 0;
    std::size_t line_no = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t nl = text.find('\n', pos);
        const std::size_t line_end = nl == std::string_view::npos ? text.size() : nl;
        const std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
        const std::string_view line = text.substr(pos, line_end - pos);
        ++line_no;
        if (auto begin = pem_marker_label(line, "BEGIN ")) {
            if (open)
                blocks.back().body = text.substr(body_start, pos - body_start);
            blocks.push_back(pem_block{*begin, {}, line_no + 1, pem_block::end_kind::missing, {}});
            open = true;
            body_start = next;
        } else if (open) {
            if (auto end = pem_marker_label(line, "END ")) {
                auto& b = blocks.back();
                b.body = text.substr(body_start, pos - body_start);
                b.end = *end == b.label ? pem_block::end_kind::matched : pem_block::end_kind::mismatched;
                b.end_label = *end;
                open = false;
            }
        }
        pos = next;
    }
    if (open)
        blocks.back().body = text.substr(body_start);
    return blocks;
}

// A label (or any text from the input) fit for a message: at most 64 bytes, controls and
// non-ASCII bytes as '?'.
inline std::string printable(std::string_view s) {
    constexpr std::size_t max = 64;
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < max; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
    }
    if (s.size() > max)
        out += "...";
    return out;
}

inline bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

inline int base64_value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

// Strict base64: the alphabet, whitespace anywhere, '=' only to pad the last group. On
// failure returns false with `why` naming the problem and its line (`line` is the first one).
inline bool decode_base64(std::string_view in, std::size_t line, std::string& out, std::string& why) {
    unsigned char group[4] = {};
    int n = 0;   // characters in the current group
    int pad = 0; // '=' seen
    for (const char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\n') {
            ++line;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        const std::string at = " on line " + std::to_string(line);
        if (c == '=') {
            if (n < 2) {
                why = "misplaced '=' padding" + at;
                return false;
            }
            ++pad;
            group[n++] = 0;
        } else {
            const int v = base64_value(c);
            if (v < 0) {
                static constexpr char digits[] = "0123456789ABCDEF";
                why = (c > ' ' && c < 0x7f) ? std::string("unexpected character '") + ch + "'" + at
                                            : std::string("unexpected byte 0x") + digits[c >> 4] + digits[c & 15] + at;
                return false;
            }
            if (pad != 0) {
                why = "data after the '=' padding" + at;
                return false;
            }
            group[n++] = static_cast<unsigned char>(v);
        }
        if (n == 4) {
            const unsigned char bytes[3] = {static_cast<unsigned char>((group[0] << 2) | (group[1] >> 4)),
                                            static_cast<unsigned char>(((group[1] & 15) << 4) | (group[2] >> 2)),
                                            static_cast<unsigned char>(((group[2] & 3) << 6) | group[3])};
            out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(3 - pad));
            n = 0; // after a padded group, pad stays > 0: only whitespace may follow
        }
    }
    if (n != 0) {
        why = "truncated (its length is not a multiple of 4)";
        return false;
    }
    return true;
}

// The label of the first "-----BEGIN ...PRIVATE KEY-----" anywhere in the text, even indented
// or after other text on its line (stricter than the block scanner: a key must never go out).
inline std::optional<std::string_view> find_private_key_label(std::string_view text) {
    constexpr std::string_view begin = "-----BEGIN ";
    for (std::size_t pos = text.find(begin); pos != std::string_view::npos; pos = text.find(begin, pos + 1)) {
        const std::size_t start = pos + begin.size();
        const std::size_t stop = text.find_first_of("-\n", start);
        if (stop == std::string_view::npos)
            break;
        const std::string_view label = text.substr(start, stop - start);
        if (text.substr(stop, 5) == "-----" && ends_with(label, "PRIVATE KEY"))
            return label;
    }
    return std::nullopt;
}

inline bool is_pkcs7_label(std::string_view label) { return label == "PKCS7" || label == "PKCS #7 SIGNED DATA"; }

} // namespace detail

OPENAI_ADMIN_DECL const boost::system::error_category& pem_category() noexcept { return detail::pem_category_instance; }

OPENAI_ADMIN_DECL pem_check_result check_ca_pem(std::string_view pem, const pem_check_options& options) {
    using detail::pem_block;
    using detail::pem_failure;
    using detail::printable;
    pem_check_result r;
    if (pem.size() >= options.max_size || pem.size() > static_cast<std::size_t>(INT_MAX))
        return pem_failure(std::move(r), pem_errc::too_large,
                           "the PEM is " + std::to_string(pem.size()) + " bytes; it must be smaller than " +
                               std::to_string(options.max_size));

    detail::pem_check_guard g;
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    const bool has_bom = pem.substr(0, bom.size()) == bom;
    // Scanned without the BOM, so that a key right after one is still recognised.
    const std::vector<pem_block> blocks = detail::scan_pem(has_bom ? pem.substr(bom.size()) : pem);

    std::size_t certificates = 0;
    for (const auto& b : blocks)
        certificates += b.label == "CERTIFICATE" ? 1 : 0;
    if (const auto key = detail::find_private_key_label(pem)) {
        std::string next_to;
        if (certificates == 1)
            next_to = " next to the certificate";
        else if (certificates > 1)
            next_to = " next to " + std::to_string(certificates) + " certificates";
        return pem_failure(std::move(r), pem_errc::private_key,
                           "the input contains a private key (" + printable(*key) + " block)" + next_to +
                               "; upload only the CA certificate, never a key");
    }

    if (has_bom)
        return pem_failure(std::move(r), pem_errc::not_pem,
                           "the input starts with a UTF-8 byte order mark (EF BB BF); save it without the BOM "
                           "(the upload sends the text unchanged)");
    if (blocks.empty()) {
        if (!pem.empty() && static_cast<unsigned char>(pem[0]) == 0x30) {
            const auto* p = reinterpret_cast<const unsigned char*>(pem.data());
            g.x = d2i_X509(nullptr, &p, static_cast<long>(pem.size()));
            if (g.x != nullptr)
                return pem_failure(std::move(r), pem_errc::not_pem,
                                   "the input is DER (binary), not PEM; convert it to PEM "
                                   "(openssl x509 -inform der -in cert.der -out cert.pem)");
        }
        if (pem.find("-----BEGIN") != std::string_view::npos)
            return pem_failure(std::move(r), pem_errc::not_pem,
                               "no PEM block: -----BEGIN appears, but not at the start of a line "
                               "(remove what precedes it on its line)");
        return pem_failure(std::move(r), pem_errc::not_pem, "no PEM block (-----BEGIN CERTIFICATE-----) found");
    }

    if (blocks.size() > 1) {
        const std::string found = "found " + std::to_string(blocks.size()) + " PEM blocks";
        if (certificates == blocks.size())
            return pem_failure(std::move(r), pem_errc::multiple_certificates,
                               "the input is a chain of " + std::to_string(certificates) + " certificates (" + found +
                                   "); upload only the CA certificate");
        std::string labels;
        for (std::size_t i = 0; i < blocks.size() && i < 5; ++i)
            labels += (i == 0 ? "" : ", ") + printable(blocks[i].label);
        if (blocks.size() > 5)
            labels += ", ...";
        return pem_failure(std::move(r), pem_errc::multiple_certificates,
                           "expected exactly one certificate, " + found + " (" + labels + ")");
    }

    const pem_block& b = blocks.front();
    std::string der;
    std::string why;
    if (detail::is_pkcs7_label(b.label)) {
        // Count its certificates when it decodes; the advice does not depend on it.
        std::string count;
        if (b.end == pem_block::end_kind::matched && detail::decode_base64(b.body, b.body_line, der, why)) {
            const auto* p = reinterpret_cast<const unsigned char*>(der.data());
            g.p7 = d2i_PKCS7(nullptr, &p, static_cast<long>(der.size()));
            if (g.p7 != nullptr && PKCS7_type_is_signed(g.p7) && g.p7->d.sign != nullptr) {
                const int n = g.p7->d.sign->cert != nullptr ? sk_X509_num(g.p7->d.sign->cert) : 0;
                count = ", with " + std::to_string(n) + (n == 1 ? " certificate" : " certificates");
            }
        }
        return pem_failure(std::move(r), pem_errc::invalid_certificate,
                           "the input is a PKCS#7 bundle (" + printable(b.label) + " block" + count +
                               "), not a single PEM certificate; extract the CA certificate "
                               "(openssl pkcs7 -print_certs) and upload only it");
    }
    if (b.label != "CERTIFICATE")
        return pem_failure(std::move(r), pem_errc::invalid_certificate,
                           "the PEM block is a " + printable(b.label) + ", not a CERTIFICATE");
    if (b.end == pem_block::end_kind::missing)
        return pem_failure(std::move(r), pem_errc::invalid_certificate,
                           "the CERTIFICATE block has no -----END CERTIFICATE----- line (truncated?)");
    if (b.end == pem_block::end_kind::mismatched)
        return pem_failure(std::move(r), pem_errc::invalid_certificate,
                           "the CERTIFICATE block ends with -----END " + printable(b.end_label) +
                               "----- instead of -----END CERTIFICATE-----");
    if (!detail::decode_base64(b.body, b.body_line, der, why))
        return pem_failure(std::move(r), pem_errc::invalid_certificate,
                           "the CERTIFICATE block is not valid base64: " + why);
    if (der.empty())
        return pem_failure(std::move(r), pem_errc::invalid_certificate, "the CERTIFICATE block is empty");
    const auto* const der_begin = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* p = der_begin;
    g.x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (g.x == nullptr)
        return pem_failure(std::move(r), pem_errc::invalid_certificate,
                           "the CERTIFICATE block is base64 but not valid DER X.509");
    if (p != der_begin + der.size())
        return pem_failure(std::move(r), pem_errc::invalid_certificate,
                           "the CERTIFICATE block is not valid DER: " +
                               std::to_string(der_begin + der.size() - p) + " bytes follow the X.509 certificate");

    r.valid_at = detail::asn1_to_unix(X509_get0_notBefore(g.x));
    r.expires_at = detail::asn1_to_unix(X509_get0_notAfter(g.x));
    if (!r.valid_at || !r.expires_at)
        return pem_failure(std::move(r), pem_errc::invalid_certificate, "the validity period cannot be read");

    g.bc = static_cast<BASIC_CONSTRAINTS*>(X509_get_ext_d2i(g.x, NID_basic_constraints, nullptr, nullptr));
    if (g.bc == nullptr || g.bc->ca == 0)
        return pem_failure(std::move(r), pem_errc::not_a_ca,
                           "not a CA certificate: basicConstraints CA:TRUE is required");
    if (X509_get0_subject_key_id(g.x) == nullptr)
        return pem_failure(std::move(r), pem_errc::missing_subject_key_id,
                           "the subjectKeyIdentifier extension is required");
    if (X509_get0_authority_key_id(g.x) == nullptr)
        return pem_failure(std::move(r), pem_errc::missing_authority_key_id,
                           "the authorityKeyIdentifier extension (with a key id) is required");

    const auto now = options.now.value_or(std::chrono::system_clock::now());
    const std::int64_t now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const std::int64_t remaining = *r.expires_at - now_s;
    if (remaining <= 0)
        return pem_failure(std::move(r), pem_errc::expired,
                           "the certificate expired " + detail::format_days(-remaining) + " ago");
    if (remaining < options.min_remaining.count())
        return pem_failure(std::move(r), pem_errc::expiring_soon,
                           "the certificate expires in " + detail::format_days(remaining) + "; at least " +
                               detail::format_days(options.min_remaining.count()) + " of validity is required");
    return r;
}

} // namespace openai::admin

#endif
