// Test helpers: in-memory X.509 certificates made with the OpenSSL 3 C API.
// Everything is generated at run time; nothing touches the file system.
#pragma once

#include <string>
#include <vector>

namespace oa_test {

struct cert_spec {
    std::string common_name = "Test CA";
    bool is_ca = true;               // true: basicConstraints critical CA:TRUE; false: CA:FALSE
    bool subject_key_id = true;      // add subjectKeyIdentifier
    bool authority_key_id = true;    // add authorityKeyIdentifier (keyid of the signing key)
    long not_before_offset_s = -3600;           // relative to now
    long not_after_offset_s = 365L * 86400;     // relative to now
    int rsa_bits_or_0_for_ec = 0;    // 0: EC P-256 (fast); else RSA with that many bits
};

// A self-signed certificate (PEM, one "CERTIFICATE" block). Throws std::runtime_error on failure.
std::string make_ca_certificate_pem(const cert_spec& spec = {});

// The same certificate as make_ca_certificate_pem, DER-encoded (binary bytes in a string).
std::string make_ca_certificate_der(const cert_spec& spec = {});

// A PKCS#7 SignedData "certs-only" bundle (what `openssl crl2pkcs7 -nocrl` writes) holding the
// given PEM certificates, as one "PKCS7" PEM block. Throws std::runtime_error on failure.
std::string make_pkcs7_pem(const std::vector<std::string>& cert_pems);

// Any bytes as one PEM block "-----BEGIN <label>-----" (base64, 64 columns, LF line ends).
std::string make_pem_block(const std::string& label, const std::string& bytes);

enum class key_format {
    pkcs8,            // "PRIVATE KEY" (EC P-256)
    encrypted_pkcs8,  // "ENCRYPTED PRIVATE KEY" (EC P-256, AES-256-CBC, password "test")
    traditional_ec,   // "EC PRIVATE KEY"
    traditional_rsa,  // "RSA PRIVATE KEY" (RSA 1024, for speed)
};

// A fresh private key in PEM. Throws std::runtime_error on failure.
std::string make_private_key_pem(key_format format = key_format::pkcs8);

struct server_identity {
    std::string ca_pem{};    // trust anchor ("oa-test root")
    std::string cert_pem{};  // server certificate, signed by ca_pem
    std::string key_pem{};   // server private key (unencrypted PKCS#8)
};

// A fresh test CA plus a server certificate it signed, with the given SANs
// (EC P-256 keys, valid from now-1h to now+1d). Throws std::invalid_argument on a bad IP
// literal, std::runtime_error on OpenSSL failure.
server_identity make_server_identity(std::vector<std::string> dns_names = {"localhost"},
                                     std::vector<std::string> ips = {"127.0.0.1", "::1"});

// A fresh test CA plus a client certificate (clientAuth) it signed, for mutual TLS.
// ca_pem goes to server_options::client_ca_pem; cert_pem/key_pem to the client.
server_identity make_client_identity(const std::string& common_name = "oa-test client");

enum class key_encryption {
    pkcs8,       // "ENCRYPTED PRIVATE KEY" (PKCS#8, PBES2 with AES-256-CBC)
    legacy_pem,  // "EC PRIVATE KEY" / "RSA PRIVATE KEY" with Proc-Type: 4,ENCRYPTED (AES-256-CBC)
};

// `key_pem` (an unencrypted private key) encrypted with `passphrase`. Throws std::runtime_error
// on failure (e.g. key_pem is not an unencrypted key).
std::string encrypt_private_key_pem(const std::string& key_pem, const std::string& passphrase,
                                    key_encryption format = key_encryption::pkcs8);

}  // namespace oa_test
