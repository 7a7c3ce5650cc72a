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

}  // namespace oa_test
