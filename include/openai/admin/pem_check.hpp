// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_PEM_CHECK_HPP
#define OPENAI_ADMIN_PEM_CHECK_HPP

/// \file
/// \brief Checks a CA certificate (PEM) locally against the API's upload rules, before upload.
///
/// The rules are those of the mutual-TLS program: exactly one X.509 certificate, PEM, smaller
/// than 16 kB, a CA (`basicConstraints` CA:TRUE) with subject and authority key identifiers,
/// not expired and not expiring within one day. Needs OpenSSL (libcrypto) only.

#include <openai/admin/detail/build_mode.hpp>
#include <openai/admin/error.hpp>

#include <boost/system/error_category.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace openai::admin {

/// \brief Why a PEM fails the local CA certificate check (category `openai.admin.pem`).
///
/// The values are stable: new ones are only appended. \ref check_ca_pem does not test them in
/// the order of their values; its documentation gives the order.
enum class pem_errc {
    /// Not smaller than \ref pem_check_options::max_size bytes.
    too_large = 1,
    /// Not PEM text the API can read: no `-----BEGIN` line at the start of a line (the reason
    /// says when the input is a DER certificate, or when `-----BEGIN` is there but indented or
    /// preceded by text), or the text starts with a UTF-8 byte order mark.
    not_pem,
    /// More than one PEM block: a chain of certificates, or a certificate next to another
    /// block (a CRL, parameters...). A private key is \ref pem_errc::private_key instead.
    multiple_certificates,
    /// The one PEM block is not one well-formed X.509 certificate: another label (a PKCS#7
    /// bundle, a CSR...), no matching `-----END` line, a body that is not valid base64, or
    /// base64 that is not one DER X.509 certificate (nothing may follow it).
    invalid_certificate,
    not_a_ca,                 ///< No `basicConstraints` CA:TRUE.
    missing_subject_key_id,   ///< No subject key identifier extension.
    missing_authority_key_id, ///< No authority key identifier (with a key id).
    expired,                  ///< `notAfter` is not after the current time.
    expiring_soon,            ///< Expires within \ref pem_check_options::min_remaining.
    /// A `-----BEGIN ...PRIVATE KEY-----` marker (`PRIVATE KEY`, `RSA PRIVATE KEY`,
    /// `EC PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`...), alone or next to certificates: a key
    /// must never be uploaded. Its own value because no other fits (it is neither a second
    /// certificate nor a malformed one); checked right after the size, before any other rule.
    private_key,
};

} // namespace openai::admin

namespace boost::system {
/// \brief Lets a \ref openai::admin::pem_errc convert to an `error_code` and compare with one.
template <> struct is_error_code_enum<openai::admin::pem_errc> : std::true_type {};
} // namespace boost::system

namespace openai::admin {

/// \brief The category of \ref pem_errc.
OPENAI_ADMIN_DECL const boost::system::error_category& pem_category() noexcept;

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

/// \brief Checks `pem` against the API's upload rules, stopping at the first failure.
///
/// Never throws for bad input, does no I/O, leaves OpenSSL's error queue empty. A PEM block
/// runs from a `-----BEGIN LABEL-----` line to the next `-----END LABEL-----` line; both
/// markers must start their line, trailing spaces and a CR before the LF are ignored (so CRLF
/// line ends pass, judged on content like LF), and text around blocks is ignored, as OpenSSL
/// does. The checks, in this order:
/// 1. \ref pem_errc::too_large when `pem.size() >= options.max_size`; nothing is parsed.
/// 2. \ref pem_errc::private_key for any `-----BEGIN ...PRIVATE KEY-----`, even not at the
///    start of a line or after a BOM; the reason names the label and never shows key material.
/// 3. \ref pem_errc::not_pem when the text starts with a UTF-8 byte order mark (EF BB BF). It is
///    refused, not skipped: OpenSSL 3 skips it but other parsers do not (OpenSSL 1.1, Go's
///    `encoding/pem`), the API's parser is not documented, and the upload sends the text
///    unchanged; the reason names the BOM. Then, without any `BEGIN` line: binary input that
///    parses as a DER X.509 certificate (the reason says to convert it with
///    `openssl x509 -inform der`), `-----BEGIN` present but not at the start of a line, or
///    else nothing PEM-like (`no PEM block (-----BEGIN CERTIFICATE-----) found`).
/// 4. \ref pem_errc::multiple_certificates for more than one `BEGIN` line. When every block is a
///    `CERTIFICATE`, the reason says it is a chain of N certificates (`found N PEM blocks`)
///    and to upload only the CA certificate; otherwise it lists the labels.
/// 5. \ref pem_errc::invalid_certificate when the block is a PKCS#7 bundle (`PKCS7`, the reason
///    counts its certificates and says to extract the CA one) or has a label other than
///    `CERTIFICATE`; no matching `END` line; the body is `not valid base64` (strict: only the
///    base64 alphabet, whitespace and final `=` padding; the reason gives the line), empty, or
///    `not valid DER` X.509 (including bytes after the certificate); unreadable validity dates.
/// 6. \ref pem_errc::not_a_ca, then \ref pem_errc::missing_subject_key_id, then
///    \ref pem_errc::missing_authority_key_id.
/// 7. \ref pem_errc::expired (`notAfter <= now`), then \ref pem_errc::expiring_soon.
///
/// `valid_at` and `expires_at` are set once the certificate parsed, even if a later check fails.
///
/// \par Thread safety
/// May be called concurrently from any thread.
OPENAI_ADMIN_DECL pem_check_result check_ca_pem(std::string_view pem, const pem_check_options& options = {});

} // namespace openai::admin

#ifdef OPENAI_ADMIN_HEADER_ONLY
#include <openai/admin/impl/pem_check.ipp>
#endif

#endif
