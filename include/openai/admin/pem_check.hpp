// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_PEM_CHECK_HPP
#define OPENAI_ADMIN_PEM_CHECK_HPP

/// \file
/// \brief Checks a CA certificate (PEM) locally against the API's upload rules, before upload.
///
/// The rules are those of the mutual-TLS program: exactly one X.509 certificate, PEM, smaller
/// than 16 kB, a CA (`basicConstraints` CA:TRUE) with subject and authority key identifiers,
/// not expired and not expiring within one day. Header-only; needs OpenSSL (libcrypto) only.

#include <openai/admin/error.hpp>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
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
#include <type_traits>

namespace openai::admin {

/// \brief Why a PEM fails the local CA certificate check (category `openai.admin.pem`).
enum class pem_errc {
    too_large = 1,            ///< Not smaller than \ref pem_check_options::max_size bytes.
    not_pem,                  ///< No PEM block at all.
    multiple_certificates,    ///< More than one PEM block (a chain, or a key next to the certificate).
    invalid_certificate,      ///< The PEM block is not one well-formed X.509 certificate.
    not_a_ca,                 ///< No `basicConstraints` CA:TRUE.
    missing_subject_key_id,   ///< No subject key identifier extension.
    missing_authority_key_id, ///< No authority key identifier (with a key id).
    expired,                  ///< `notAfter` is not after the current time.
    expiring_soon,            ///< Expires within \ref pem_check_options::min_remaining.
};

} // namespace openai::admin

namespace boost::system {
template <> struct is_error_code_enum<openai::admin::pem_errc> : std::true_type {};
} // namespace boost::system

namespace openai::admin {

/// \brief The category of \ref pem_errc.
inline const boost::system::error_category& pem_category() noexcept;

/// \brief Makes an error code from a \ref pem_errc.
inline error_code make_error_code(pem_errc e) noexcept { return {static_cast<int>(e), pem_category()}; }

/// \brief Limits of \ref check_ca_pem; the defaults are the API's.
struct pem_check_options {
    /// The time to check validity against; unset: `system_clock::now()` (set it in tests).
    std::optional<std::chrono::system_clock::time_point> now{};
    /// The certificate must stay valid at least this long after `now`.
    std::chrono::seconds min_remaining = std::chrono::hours(24);
    /// The PEM text must be smaller than this many bytes.
    std::size_t max_size = 16 * 1024;
};

/// \brief Outcome of \ref check_ca_pem.
struct pem_check_result {
    error_code error{};                       ///< Empty when the PEM passes every check.
    std::string reason{};                     ///< What is wrong, for humans; empty on success.
    std::optional<std::int64_t> valid_at{};   ///< notBefore (unix seconds), once the certificate parsed.
    std::optional<std::int64_t> expires_at{}; ///< notAfter (unix seconds), once the certificate parsed.

    /// \brief True when the PEM passes.
    bool ok() const noexcept { return !error; }
    /// \brief Same as \ref ok.
    explicit operator bool() const noexcept { return ok(); }
};

/// \brief Checks `pem` against the API's upload rules, stopping at the first failure (in the
/// order of \ref pem_errc). Never throws for bad input; does no I/O.
inline pem_check_result check_ca_pem(std::string_view pem, const pem_check_options& options = {});

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
    BIO* bio = nullptr;
    X509* x = nullptr;
    BASIC_CONSTRAINTS* bc = nullptr;
    pem_check_guard() = default;
    pem_check_guard(const pem_check_guard&) = delete;
    pem_check_guard& operator=(const pem_check_guard&) = delete;
    ~pem_check_guard() {
        BASIC_CONSTRAINTS_free(bc);
        X509_free(x);
        BIO_free(bio);
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

} // namespace detail

inline const boost::system::error_category& pem_category() noexcept { return detail::pem_category_instance; }

inline pem_check_result check_ca_pem(std::string_view pem, const pem_check_options& options) {
    using detail::pem_failure;
    pem_check_result r;
    if (pem.size() >= options.max_size || pem.size() > static_cast<std::size_t>(INT_MAX))
        return pem_failure(std::move(r), pem_errc::too_large,
                           "the PEM is " + std::to_string(pem.size()) + " bytes; it must be smaller than " +
                               std::to_string(options.max_size));

    detail::pem_check_guard g;
    g.bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (g.bio == nullptr)
        return pem_failure(std::move(r), pem_errc::invalid_certificate, "out of memory");

    // Count every PEM block (text around them is ignored, as OpenSSL does); decode the first.
    int blocks = 0;
    std::string first_label;
    for (;;) {
        char* name = nullptr;
        char* header = nullptr;
        unsigned char* data = nullptr;
        long len = 0;
        if (PEM_read_bio(g.bio, &name, &header, &data, &len) != 1)
            break;
        if (++blocks == 1) {
            first_label = name;
            if (first_label == "CERTIFICATE") {
                const unsigned char* p = data;
                g.x = d2i_X509(nullptr, &p, len);
                if (g.x != nullptr && p != data + len) { // trailing bytes after the DER structure
                    X509_free(g.x);
                    g.x = nullptr;
                }
            }
        }
        OPENSSL_free(name);
        OPENSSL_free(header);
        OPENSSL_free(data);
    }
    if (blocks == 0)
        return pem_failure(std::move(r), pem_errc::not_pem, "no PEM block (-----BEGIN CERTIFICATE-----) found");
    if (blocks > 1)
        return pem_failure(std::move(r), pem_errc::multiple_certificates,
                           "expected exactly one certificate, found " + std::to_string(blocks) + " PEM blocks");
    if (first_label != "CERTIFICATE")
        return pem_failure(std::move(r), pem_errc::invalid_certificate,
                           "the PEM block is a " + first_label + ", not a CERTIFICATE");
    if (g.x == nullptr)
        return pem_failure(std::move(r), pem_errc::invalid_certificate, "the PEM block is not a valid X.509 certificate");

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
