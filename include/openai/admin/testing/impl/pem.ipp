// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
// Out-of-line definitions of <openai/admin/testing/pem.hpp>; compiled once, by src.hpp.
#include <openai/admin/testing/pem.hpp>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>
#include <utility>

namespace openai::admin::testing {
namespace detail::pem_impl {

template <auto Fn>
struct fn_deleter {
    template <class T>
    void operator()(T* p) const noexcept { Fn(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, fn_deleter<&EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, fn_deleter<&X509_free>>;
using bio_ptr = std::unique_ptr<BIO, fn_deleter<&BIO_free_all>>;
using ext_ptr = std::unique_ptr<X509_EXTENSION, fn_deleter<&X509_EXTENSION_free>>;
using pkcs7_ptr = std::unique_ptr<PKCS7, fn_deleter<&PKCS7_free>>;
using bn_ptr = std::unique_ptr<BIGNUM, fn_deleter<&BN_free>>;
using gens_ptr = std::unique_ptr<GENERAL_NAMES, fn_deleter<&GENERAL_NAMES_free>>;
using gen_ptr = std::unique_ptr<GENERAL_NAME, fn_deleter<&GENERAL_NAME_free>>;
using octet_ptr = std::unique_ptr<ASN1_OCTET_STRING, fn_deleter<&ASN1_OCTET_STRING_free>>;
using ia5_ptr = std::unique_ptr<ASN1_IA5STRING, fn_deleter<&ASN1_IA5STRING_free>>;

[[noreturn]] void fail(const char* what) {
    std::string msg = std::string("openai::admin::testing: ") + what;
    if (unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        msg += ": ";
        msg += buf;
    }
    ERR_clear_error();
    throw std::runtime_error(msg);
}

void check(int ok, const char* what) {
    if (ok != 1) fail(what);
}

pkey_ptr make_key(int rsa_bits) {
    EVP_PKEY* k = rsa_bits > 0 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(rsa_bits))
                               : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!k) fail("key generation failed");
    return pkey_ptr{k};
}

// Sets version, random serial, validity, subject, issuer name and public key.
x509_ptr make_base_cert(const std::string& cn, X509_NAME* issuer_name, EVP_PKEY* pub,
                        long not_before, long not_after) {
    x509_ptr x{X509_new()};
    if (!x) fail("X509_new");
    check(X509_set_version(x.get(), X509_VERSION_3), "X509_set_version");

    bn_ptr bn{BN_new()};
    if (!bn) fail("BN_new");
    check(BN_rand(bn.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY), "BN_rand");
    if (!BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(x.get()))) fail("BN_to_ASN1_INTEGER");

    if (!X509_gmtime_adj(X509_getm_notBefore(x.get()), not_before)) fail("notBefore");
    if (!X509_gmtime_adj(X509_getm_notAfter(x.get()), not_after)) fail("notAfter");

    X509_NAME* subj = X509_get_subject_name(x.get());
    check(X509_NAME_add_entry_by_txt(subj, "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0),
          "subject CN");
    check(X509_set_issuer_name(x.get(), issuer_name ? issuer_name : subj), "issuer name");
    check(X509_set_pubkey(x.get(), pub), "X509_set_pubkey");
    return x;
}

void add_ext(X509* x, X509V3_CTX* ctx, int nid, const char* value) {
    ext_ptr ext{X509V3_EXT_conf_nid(nullptr, ctx, nid, value)};
    if (!ext) fail("X509V3_EXT_conf_nid");
    check(X509_add_ext(x, ext.get(), -1), "X509_add_ext");
}

std::string bio_to_string(BIO* b) {
    char* data = nullptr;
    long n = BIO_get_mem_data(b, &data);
    if (n <= 0 || !data) fail("empty PEM output");
    return std::string(data, static_cast<std::size_t>(n));
}

std::string cert_to_pem(X509* x) {
    bio_ptr b{BIO_new(BIO_s_mem())};
    if (!b) fail("BIO_new");
    check(PEM_write_bio_X509(b.get(), x), "PEM_write_bio_X509");
    return bio_to_string(b.get());
}

std::string key_to_pem(EVP_PKEY* k) {
    bio_ptr b{BIO_new(BIO_s_mem())};
    if (!b) fail("BIO_new");
    check(PEM_write_bio_PrivateKey(b.get(), k, nullptr, nullptr, 0, nullptr, nullptr),
          "PEM_write_bio_PrivateKey");
    return bio_to_string(b.get());
}

void sign(X509* x, EVP_PKEY* k) {
    if (X509_sign(x, k, EVP_sha256()) <= 0) fail("X509_sign");
}

struct ca_material {
    pkey_ptr key;
    x509_ptr cert;
};

ca_material make_self_signed(const ca_options& spec) {
    ca_material ca;
    ca.key = make_key(spec.rsa_bits);
    ca.cert = make_base_cert(spec.common_name, nullptr, ca.key.get(), static_cast<long>(spec.not_before.count()),
                             static_cast<long>(spec.not_after.count()));
    X509* x = ca.cert.get();

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
    // Lets authorityKeyIdentifier compute the keyid even when the cert has no SKI.
    check(X509V3_set_issuer_pkey(&ctx, ca.key.get()), "X509V3_set_issuer_pkey");

    if (spec.is_ca) {
        add_ext(x, &ctx, NID_basic_constraints, "critical,CA:TRUE");
        add_ext(x, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
    } else {
        add_ext(x, &ctx, NID_basic_constraints, "CA:FALSE");
        add_ext(x, &ctx, NID_key_usage, "critical,digitalSignature");
    }
    if (spec.subject_key_id) add_ext(x, &ctx, NID_subject_key_identifier, "hash");
    if (spec.authority_key_id) add_ext(x, &ctx, NID_authority_key_identifier, "keyid:always");
    sign(x, ca.key.get());
    return ca;
}

}  // namespace detail::pem_impl
using namespace detail::pem_impl;

std::string make_ca_pem(const ca_options& spec) {
    ca_material ca = make_self_signed(spec);
    return cert_to_pem(ca.cert.get());
}

std::string make_ca_pem() { return make_ca_pem(ca_options{}); }

std::string make_ca_der() { return make_ca_der(ca_options{}); }

tls_identity make_server_identity() { return make_server_identity({"localhost"}, {"127.0.0.1", "::1"}); }

tls_identity make_client_identity() { return make_client_identity("oa-test client"); }

std::string make_expired_ca_pem(std::chrono::seconds ago) {
    ca_options o;
    o.common_name = "Test CA (expired)";
    o.not_before = -ago - std::chrono::hours(24 * 30);
    o.not_after = -ago;
    return make_ca_pem(o);
}

std::string make_ca_pem_expiring_in(std::chrono::seconds in) {
    ca_options o;
    o.common_name = "Test CA (expiring)";
    o.not_after = in;
    return make_ca_pem(o);
}

std::string make_non_ca_pem() {
    ca_options o;
    o.common_name = "Test leaf (not a CA)";
    o.is_ca = false;
    return make_ca_pem(o);
}

std::string make_ca_pem_without_key_ids() {
    ca_options o;
    o.common_name = "Test CA (no key ids)";
    o.subject_key_id = false;
    o.authority_key_id = false;
    return make_ca_pem(o);
}

std::string make_ca_der(const ca_options& spec) {
    ca_material ca = make_self_signed(spec);
    unsigned char* der = nullptr;
    const int n = i2d_X509(ca.cert.get(), &der);
    if (n <= 0 || !der) fail("i2d_X509");
    std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
    OPENSSL_free(der);
    return out;
}

std::string make_pem_block(const std::string& label, const std::string& bytes) {
    bio_ptr b{BIO_new(BIO_s_mem())};
    if (!b) fail("BIO_new");
    if (PEM_write_bio(b.get(), label.c_str(), "", reinterpret_cast<const unsigned char*>(bytes.data()),
                      static_cast<long>(bytes.size())) <= 0)
        fail("PEM_write_bio");
    return bio_to_string(b.get());
}

std::string make_pkcs7_pem(const std::vector<std::string>& cert_pems) {
    pkcs7_ptr p7{PKCS7_new()};
    if (!p7) fail("PKCS7_new");
    check(PKCS7_set_type(p7.get(), NID_pkcs7_signed), "PKCS7_set_type");
    check(PKCS7_content_new(p7.get(), NID_pkcs7_data), "PKCS7_content_new");
    for (const auto& pem : cert_pems) {
        bio_ptr in{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
        if (!in) fail("BIO_new_mem_buf");
        x509_ptr x{PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr)};
        if (!x) fail("PEM_read_bio_X509");
        check(PKCS7_add_certificate(p7.get(), x.get()), "PKCS7_add_certificate"); // takes a reference
    }
    bio_ptr b{BIO_new(BIO_s_mem())};
    if (!b) fail("BIO_new");
    check(PEM_write_bio_PKCS7(b.get(), p7.get()), "PEM_write_bio_PKCS7");
    return bio_to_string(b.get());
}

std::string make_private_key_pem(key_format format) {
    pkey_ptr k = make_key(format == key_format::traditional_rsa ? 1024 : 0);
    bio_ptr b{BIO_new(BIO_s_mem())};
    if (!b) fail("BIO_new");
    switch (format) {
    case key_format::pkcs8:
        return key_to_pem(k.get());
    case key_format::encrypted_pkcs8: {
        char pass[] = "test";
        check(PEM_write_bio_PKCS8PrivateKey(b.get(), k.get(), EVP_aes_256_cbc(), pass, 4, nullptr, nullptr),
              "PEM_write_bio_PKCS8PrivateKey");
        break;
    }
    case key_format::traditional_ec:
    case key_format::traditional_rsa:
        check(PEM_write_bio_PrivateKey_traditional(b.get(), k.get(), nullptr, nullptr, 0, nullptr, nullptr),
              "PEM_write_bio_PrivateKey_traditional");
        break;
    }
    return bio_to_string(b.get());
}

namespace detail::pem_impl {

ca_material make_test_root() {
    ca_options ca_spec;
    ca_spec.common_name = "oa-test root";
    ca_spec.not_before = -std::chrono::hours(1);
    ca_spec.not_after = std::chrono::hours(24);
    return make_self_signed(ca_spec);
}

// A leaf certificate for `usage` (serverAuth/clientAuth) signed by `ca`, valid now-1h..now+1d.
x509_ptr make_leaf(const ca_material& ca, const std::string& cn, EVP_PKEY* key, const char* usage) {
    x509_ptr leaf = make_base_cert(cn, X509_get_subject_name(ca.cert.get()), key, -3600, 86400);
    X509* x = leaf.get();
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, ca.cert.get(), x, nullptr, nullptr, 0);
    add_ext(x, &ctx, NID_basic_constraints, "critical,CA:FALSE");
    add_ext(x, &ctx, NID_key_usage, "critical,digitalSignature,keyEncipherment");
    add_ext(x, &ctx, NID_ext_key_usage, usage);
    add_ext(x, &ctx, NID_subject_key_identifier, "hash");
    add_ext(x, &ctx, NID_authority_key_identifier, "keyid:always");
    return leaf;
}

}  // namespace detail::pem_impl
using namespace detail::pem_impl;

tls_identity make_client_identity(const std::string& common_name) {
    ca_material ca = make_test_root();
    pkey_ptr key = make_key(0);
    x509_ptr leaf = make_leaf(ca, common_name, key.get(), "clientAuth");
    sign(leaf.get(), ca.key.get());
    tls_identity id;
    id.ca_pem = cert_to_pem(ca.cert.get());
    id.cert_pem = cert_to_pem(leaf.get());
    id.key_pem = key_to_pem(key.get());
    return id;
}

std::string encrypt_private_key_pem(const std::string& key_pem, const std::string& passphrase,
                                    key_encryption format) {
    bio_ptr in{BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()))};
    if (!in) fail("BIO_new_mem_buf");
    // The no-op callback: an encrypted input fails instead of prompting on the terminal.
    pem_password_cb* no_prompt = [](char*, int, int, void*) -> int { return -1; };
    pkey_ptr key{PEM_read_bio_PrivateKey(in.get(), nullptr, no_prompt, nullptr)};
    if (!key) fail("PEM_read_bio_PrivateKey");
    bio_ptr out{BIO_new(BIO_s_mem())};
    if (!out) fail("BIO_new");
    auto* pass = reinterpret_cast<const unsigned char*>(passphrase.data());
    const int len = static_cast<int>(passphrase.size());
    if (format == key_encryption::pkcs8)
        check(PEM_write_bio_PKCS8PrivateKey(out.get(), key.get(), EVP_aes_256_cbc(), passphrase.data(), len,
                                            nullptr, nullptr),
              "PEM_write_bio_PKCS8PrivateKey");
    else
        check(PEM_write_bio_PrivateKey_traditional(out.get(), key.get(), EVP_aes_256_cbc(), pass, len, nullptr,
                                                   nullptr),
              "PEM_write_bio_PrivateKey_traditional");
    return bio_to_string(out.get());
}

tls_identity make_server_identity(std::vector<std::string> dns_names, std::vector<std::string> ips) {
    ca_material ca = make_test_root();
    pkey_ptr key = make_key(0);
    const std::string cn = dns_names.empty() ? std::string("oa-test server") : dns_names.front();
    x509_ptr leaf = make_leaf(ca, cn, key.get(), "serverAuth");
    X509* x = leaf.get();

    if (!dns_names.empty() || !ips.empty()) {
        gens_ptr gens{sk_GENERAL_NAME_new_null()};
        if (!gens) fail("sk_GENERAL_NAME_new_null");
        for (const auto& d : dns_names) {
            ia5_ptr s{ASN1_IA5STRING_new()};
            if (!s || !ASN1_STRING_set(s.get(), d.data(), static_cast<int>(d.size()))) fail("SAN dNSName");
            gen_ptr g{GENERAL_NAME_new()};
            if (!g) fail("GENERAL_NAME_new");
            GENERAL_NAME_set0_value(g.get(), GEN_DNS, s.release());
            if (!sk_GENERAL_NAME_push(gens.get(), g.get())) fail("sk_GENERAL_NAME_push");
            (void)g.release();
        }
        for (const auto& ip : ips) {
            octet_ptr o{a2i_IPADDRESS(ip.c_str())};
            if (!o) {
                ERR_clear_error();
                throw std::invalid_argument("make_server_identity: not an IP address: " + ip);
            }
            gen_ptr g{GENERAL_NAME_new()};
            if (!g) fail("GENERAL_NAME_new");
            GENERAL_NAME_set0_value(g.get(), GEN_IPADD, o.release());
            if (!sk_GENERAL_NAME_push(gens.get(), g.get())) fail("sk_GENERAL_NAME_push");
            (void)g.release();
        }
        check(X509_add1_ext_i2d(x, NID_subject_alt_name, gens.get(), 0, X509V3_ADD_DEFAULT),
              "subjectAltName");
    }
    sign(x, ca.key.get());

    tls_identity id;
    id.ca_pem = cert_to_pem(ca.cert.get());
    id.cert_pem = cert_to_pem(x);
    id.key_pem = key_to_pem(key.get());
    return id;
}

}  // namespace openai::admin::testing
