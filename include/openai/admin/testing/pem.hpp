// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_TESTING_PEM_HPP
#define OPENAI_ADMIN_TESTING_PEM_HPP

/// \file
/// \brief Test certificates and keys made in memory (OpenSSL 3), so tests need no `openssl`
/// command lines and no files.
///
/// Every function is thread-safe, touches no file, and throws `std::runtime_error` (naming the
/// OpenSSL step) if OpenSSL fails. Keys are EC P-256 unless said otherwise, so they are fast.

#include <chrono>
#include <string>
#include <vector>

namespace openai::admin::testing {

/// \brief What \ref make_ca_pem makes. The defaults give a certificate that the API accepts and
/// that passes \ref openai::admin::check_ca_pem (a self-signed CA, valid from an hour ago for a
/// year).
struct ca_options {
    /// \brief Subject and issuer common name.
    std::string common_name = "Test CA";
    /// \brief `true`: basicConstraints critical CA:TRUE; `false`: CA:FALSE (a leaf).
    bool is_ca = true;
    /// \brief Add a subjectKeyIdentifier extension.
    bool subject_key_id = true;
    /// \brief Add an authorityKeyIdentifier extension (the key id of the signing key).
    bool authority_key_id = true;
    /// \brief Start of validity, relative to now (negative: in the past).
    std::chrono::seconds not_before = -std::chrono::hours(1);
    /// \brief End of validity, relative to now (negative: already expired).
    std::chrono::seconds not_after = std::chrono::hours(24 * 365);
    /// \brief 0: an EC P-256 key (fast); otherwise an RSA key of that many bits.
    int rsa_bits = 0;
};

// Overloads instead of default arguments that have destructors: g++ 12 destroys such a
// default argument twice when the call is part of a co_await expression.

/// \brief A self-signed certificate as one PEM `CERTIFICATE` block.
std::string make_ca_pem(const ca_options& options);
/// \brief \ref make_ca_pem with the default \ref ca_options.
std::string make_ca_pem();

/// \brief A valid CA certificate that expired `ago` ago.
std::string make_expired_ca_pem(std::chrono::seconds ago = std::chrono::hours(24));

/// \brief A valid CA certificate whose validity ends `in` from now.
std::string make_ca_pem_expiring_in(std::chrono::seconds in);

/// \brief A certificate with basicConstraints CA:FALSE (what the API refuses as a trust anchor).
std::string make_non_ca_pem();

/// \brief A CA certificate with neither a subject nor an authority key identifier.
std::string make_ca_pem_without_key_ids();

/// \brief The certificate \ref make_ca_pem makes, DER-encoded (binary bytes in a string).
std::string make_ca_der(const ca_options& options);
/// \brief \ref make_ca_der with the default \ref ca_options.
std::string make_ca_der();

/// \brief A PKCS#7 "certs-only" bundle (what `openssl crl2pkcs7 -nocrl` writes) holding the
/// given PEM certificates, as one `PKCS7` PEM block.
std::string make_pkcs7_pem(const std::vector<std::string>& cert_pems);

/// \brief Any bytes as one PEM block `-----BEGIN <label>-----` (base64, 64 columns, LF).
std::string make_pem_block(const std::string& label, const std::string& bytes);

/// \brief Encodings of a private key made by \ref openai::admin::testing::make_private_key_pem.
enum class key_format {
    pkcs8,            ///< `PRIVATE KEY` (EC P-256)
    encrypted_pkcs8,  ///< `ENCRYPTED PRIVATE KEY` (EC P-256, AES-256-CBC, passphrase `test`)
    traditional_ec,   ///< `EC PRIVATE KEY`
    traditional_rsa,  ///< `RSA PRIVATE KEY` (RSA 1024, for speed)
};

/// \brief A fresh private key in PEM.
std::string make_private_key_pem(key_format format = key_format::pkcs8);

/// \brief How \ref openai::admin::testing::encrypt_private_key_pem encrypts.
enum class key_encryption {
    pkcs8,       ///< `ENCRYPTED PRIVATE KEY` (PKCS#8, PBES2 with AES-256-CBC)
    legacy_pem,  ///< `EC PRIVATE KEY` / `RSA PRIVATE KEY` with `Proc-Type: 4,ENCRYPTED`
};

/// \brief `key_pem` (an unencrypted private key) encrypted with `passphrase`. Throws
/// `std::runtime_error` if `key_pem` is not an unencrypted key.
std::string encrypt_private_key_pem(const std::string& key_pem, const std::string& passphrase,
                                    key_encryption format = key_encryption::pkcs8);

/// \brief A test CA and a certificate it signed, with that certificate's key.
struct tls_identity {
    std::string ca_pem{};    ///< \brief The trust anchor.
    std::string cert_pem{};  ///< \brief The certificate, signed by `ca_pem`.
    std::string key_pem{};   ///< \brief Its private key (unencrypted PKCS#8).
};

/// \brief A fresh CA and a server certificate (serverAuth) for the given names, valid for a day.
/// Throws `std::invalid_argument` for an IP that is not an IP literal.
tls_identity make_server_identity(std::vector<std::string> dns_names, std::vector<std::string> ips);
/// \brief \ref make_server_identity for `localhost`, `127.0.0.1` and `::1`.
tls_identity make_server_identity();

/// \brief A fresh CA and a client certificate (clientAuth) it signed, for mutual TLS.
tls_identity make_client_identity(const std::string& common_name);
/// \brief \ref make_client_identity named `oa-test client`.
tls_identity make_client_identity();

}  // namespace openai::admin::testing

#endif
