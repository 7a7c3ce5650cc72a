// openai::admin::check_ca_pem: the local version of the API's upload rules, with generated
// certificates (tests/server/pem_tools) and an injected clock.

#include <openai/admin/testing/pem.hpp>
#include "../support/printing.hpp"

#include <openai/admin/pem_check.hpp>

#include <boost/test/unit_test.hpp>

#include <openssl/err.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

namespace oa = openai::admin;
namespace oat = openai::admin::testing;
using oat::ca_options;
using oat::make_ca_pem;
using oat::make_pem_block;

namespace openai::admin {
inline std::ostream& operator<<(std::ostream& os, pem_errc e) { return os << make_error_code(e).message(); }
} // namespace openai::admin

namespace {

std::chrono::system_clock::time_point at(std::int64_t unix_seconds) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::int64_t now_s() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(pem_check)

BOOST_AUTO_TEST_CASE(a_good_ca_passes_with_its_validity_dates) {
    const std::string pem = make_ca_pem({.not_before = std::chrono::seconds(-3600), .not_after = std::chrono::seconds(30L * 86400)});
    const auto before = now_s();
    const auto r = oa::check_ca_pem(pem);
    BOOST_TEST(r.ok());
    BOOST_TEST(static_cast<bool>(r));
    BOOST_TEST(!r.error);
    BOOST_TEST(r.reason.empty());
    BOOST_TEST_REQUIRE(r.valid_at.has_value());
    BOOST_TEST_REQUIRE(r.expires_at.has_value());
    // The generator uses whole seconds relative to its own "now".
    BOOST_TEST(*r.valid_at >= before - 3600 - 5);
    BOOST_TEST(*r.valid_at <= before - 3600 + 5);
    BOOST_TEST(*r.expires_at - *r.valid_at == 30L * 86400 + 3600);
}

BOOST_AUTO_TEST_CASE(rsa_ca_passes) {
    BOOST_TEST(oa::check_ca_pem(make_ca_pem({.rsa_bits = 2048})).ok());
}

BOOST_AUTO_TEST_CASE(non_ca_is_refused) {
    const auto r = oa::check_ca_pem(make_ca_pem({.is_ca = false}));
    BOOST_TEST(r.error == oa::pem_errc::not_a_ca);
    BOOST_TEST(r.reason.find("CA:TRUE") != std::string::npos);
    BOOST_TEST(r.expires_at.has_value()); // dates are known once it parsed
}

BOOST_AUTO_TEST_CASE(missing_subject_key_id_is_refused) {
    const auto r = oa::check_ca_pem(make_ca_pem({.subject_key_id = false}));
    BOOST_TEST(r.error == oa::pem_errc::missing_subject_key_id);
    BOOST_TEST(!r.reason.empty());
}

BOOST_AUTO_TEST_CASE(missing_authority_key_id_is_refused) {
    const auto r = oa::check_ca_pem(make_ca_pem({.authority_key_id = false}));
    BOOST_TEST(r.error == oa::pem_errc::missing_authority_key_id);
}

BOOST_AUTO_TEST_CASE(expired_is_refused) {
    const auto r = oa::check_ca_pem(
        make_ca_pem({.not_before = std::chrono::seconds(-10L * 86400), .not_after = std::chrono::seconds(-2L * 86400)}));
    BOOST_TEST(r.error == oa::pem_errc::expired);
    BOOST_TEST(r.reason.find("expired 2 days ago") != std::string::npos, r.reason);
}

BOOST_AUTO_TEST_CASE(expiring_within_a_day_is_refused) {
    const auto r = oa::check_ca_pem(make_ca_pem({.not_after = std::chrono::seconds(6 * 3600)}));
    BOOST_TEST(r.error == oa::pem_errc::expiring_soon);
    BOOST_TEST(std::regex_search(r.reason, std::regex("expires in [56] hours")), r.reason); // whole seconds
}

BOOST_AUTO_TEST_CASE(the_clock_and_the_margin_are_injectable) {
    const std::string pem = make_ca_pem({.not_after = std::chrono::seconds(10L * 86400)});
    const auto expires = oa::check_ca_pem(pem).expires_at.value();

    BOOST_TEST(oa::check_ca_pem(pem, {.now = at(expires - 2 * 86400)}).ok());
    BOOST_TEST(oa::check_ca_pem(pem, {.now = at(expires - 86400 + 1)}).error == oa::pem_errc::expiring_soon);
    BOOST_TEST(oa::check_ca_pem(pem, {.now = at(expires - 86400)}).ok()); // exactly one day left
    BOOST_TEST(oa::check_ca_pem(pem, {.now = at(expires)}).error == oa::pem_errc::expired);
    BOOST_TEST(oa::check_ca_pem(pem, {.now = at(expires + 1)}).error == oa::pem_errc::expired);
    // A 30-day margin refuses this 10-day certificate today.
    BOOST_TEST(oa::check_ca_pem(pem, {.min_remaining = std::chrono::days(30)}).error == oa::pem_errc::expiring_soon);
}

BOOST_AUTO_TEST_CASE(oversize_is_refused_before_parsing) {
    std::string pem = make_ca_pem();
    BOOST_TEST(oa::check_ca_pem(pem).ok());
    pem.append(16 * 1024 - pem.size(), '#'); // exactly 16 KiB: text after the block
    const auto r = oa::check_ca_pem(pem);
    BOOST_TEST(r.error == oa::pem_errc::too_large);
    BOOST_TEST(!r.expires_at.has_value());
    pem.pop_back(); // one byte less: allowed (text around a PEM block is ignored)
    BOOST_TEST(oa::check_ca_pem(pem).ok());
    BOOST_TEST(oa::check_ca_pem(pem, {.max_size = 1000}).error == oa::pem_errc::too_large);
}

BOOST_AUTO_TEST_CASE(garbage_is_not_pem) {
    for (const std::string& in : {std::string(), std::string("hello, world\n"), std::string("\0\x01\x02", 3)}) {
        const auto r = oa::check_ca_pem(in);
        BOOST_TEST(r.error == oa::pem_errc::not_pem);
        BOOST_TEST(r.reason == "no PEM block (-----BEGIN CERTIFICATE-----) found");
    }
    // A truncated certificate: the END line is gone with the end of the body.
    std::string pem = make_ca_pem();
    const auto end = pem.find("-----END");
    pem.erase(end - 20, 20);
    const auto r = oa::check_ca_pem(pem);
    BOOST_TEST(r.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(r.reason, "no -----END CERTIFICATE----- line"), r.reason);
}

BOOST_AUTO_TEST_CASE(two_certificates_are_refused) {
    const std::string two = make_ca_pem() + make_ca_pem({.common_name = "second"});
    const auto r = oa::check_ca_pem(two);
    BOOST_TEST(r.error == oa::pem_errc::multiple_certificates);
    BOOST_TEST(r.reason.find("found 2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_key_block_is_not_a_certificate) {
    // Deliberately changed: was invalid_certificate, now its own code.
    BOOST_TEST(oa::check_ca_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").error ==
               oa::pem_errc::private_key);
}

BOOST_AUTO_TEST_CASE(a_certificate_block_that_is_not_base64) {
    // Today's check (PEM_read_bio) did not see such a block at all and said not_pem.
    const auto r = oa::check_ca_pem("-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n");
    BOOST_TEST(r.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(r.reason, "not valid base64"), r.reason);
    BOOST_TEST(contains(r.reason, "'!' on line 2"), r.reason);
    BOOST_TEST(!r.expires_at.has_value());

    const std::string good = make_ca_pem();
    const auto body = good.find('\n') + 1;
    std::string bad = good;
    bad[body + 100] = '*'; // on the third line
    const auto r2 = oa::check_ca_pem(bad);
    BOOST_TEST(r2.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(r2.reason, "not valid base64: unexpected character '*' on line 3"), r2.reason);

    bad = good;
    bad[body + 10] = '\x01';
    BOOST_TEST(contains(oa::check_ca_pem(bad).reason, "unexpected byte 0x01 on line 2"));
    bad = good;
    bad.erase(body + 10, 1); // one character short
    const auto r3 = oa::check_ca_pem(bad);
    BOOST_TEST(r3.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(r3.reason, "not valid base64"), r3.reason);
    bad = good;
    bad[body + 10] = '='; // padding in the middle
    BOOST_TEST(contains(oa::check_ca_pem(bad).reason, "not valid base64"));
    // Data after a final padded group.
    const auto r4 = oa::check_ca_pem("-----BEGIN CERTIFICATE-----\nAA==\nAAAA\n-----END CERTIFICATE-----\n");
    BOOST_TEST(r4.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(r4.reason, "not valid base64: data after the '=' padding on line 3"), r4.reason);
}

BOOST_AUTO_TEST_CASE(a_certificate_block_that_is_base64_but_not_der) {
    const auto r = oa::check_ca_pem("-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n");
    BOOST_TEST(r.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(r.reason, "not valid DER"), r.reason);
    BOOST_TEST(!contains(r.reason, "not valid base64"), r.reason);

    // A real certificate followed by bytes that belong to nothing.
    const auto r2 = oa::check_ca_pem(make_pem_block("CERTIFICATE", oat::make_ca_der() + "xyz"));
    BOOST_TEST(r2.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(r2.reason, "not valid DER: 3 bytes follow"), r2.reason);
    // The same helper without the extra bytes is a good certificate.
    BOOST_TEST(oa::check_ca_pem(make_pem_block("CERTIFICATE", oat::make_ca_der())).ok());

    const auto empty = oa::check_ca_pem("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    BOOST_TEST(empty.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(empty.reason, "is empty"), empty.reason);
}

BOOST_AUTO_TEST_CASE(the_end_line_must_match) {
    std::string pem = make_ca_pem();
    pem.replace(pem.find("-----END CERTIFICATE"), 20, "-----END X509 CRL");
    const auto r = oa::check_ca_pem(pem);
    BOOST_TEST(r.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(r.reason, "ends with -----END X509 CRL----- instead of -----END CERTIFICATE-----"), r.reason);
}

BOOST_AUTO_TEST_CASE(a_private_key_is_named) {
    // Before: a lone key block was invalid_certificate, a key next to a certificate
    // multiple_certificates; both are now pem_errc::private_key.
    const struct {
        oat::key_format format;
        const char* label;
    } keys[] = {{oat::key_format::pkcs8, "PRIVATE KEY"},
                {oat::key_format::encrypted_pkcs8, "ENCRYPTED PRIVATE KEY"},
                {oat::key_format::traditional_ec, "EC PRIVATE KEY"},
                {oat::key_format::traditional_rsa, "RSA PRIVATE KEY"}};
    const std::string cert = make_ca_pem();
    for (const auto& k : keys) {
        const std::string key = oat::make_private_key_pem(k.format);
        BOOST_TEST_REQUIRE(contains(key, std::string("-----BEGIN ") + k.label + "-----\n"));
        const std::string named = std::string("contains a private key (") + k.label + " block)";

        const auto alone = oa::check_ca_pem(key);
        BOOST_TEST(alone.error == oa::pem_errc::private_key, k.label);
        BOOST_TEST(contains(alone.reason, named + "; upload only the CA certificate"), alone.reason);
        // The reason never echoes key material (the first base64 line of the key).
        const auto line2 = key.substr(key.find('\n') + 1, 40);
        BOOST_TEST(!contains(alone.reason, line2));

        for (const std::string& both : {cert + key, key + cert}) {
            const auto r = oa::check_ca_pem(both);
            BOOST_TEST(r.error == oa::pem_errc::private_key, k.label);
            BOOST_TEST(contains(r.reason, named + " next to the certificate; upload only the CA certificate"),
                       r.reason);
        }
    }
    // Found even where the block scanner would not look: indented, after a BOM, after a chain.
    const std::string key = oat::make_private_key_pem();
    BOOST_TEST(oa::check_ca_pem("  " + key).error == oa::pem_errc::private_key);
    BOOST_TEST(oa::check_ca_pem("\xEF\xBB\xBF" + key).error == oa::pem_errc::private_key);
    const auto chain = oa::check_ca_pem(cert + cert + key);
    BOOST_TEST(chain.error == oa::pem_errc::private_key);
    BOOST_TEST(contains(chain.reason, "next to 2 certificates"), chain.reason);
}

BOOST_AUTO_TEST_CASE(a_pkcs7_bundle_is_named) {
    const auto id = oat::make_server_identity();
    const auto r = oa::check_ca_pem(oat::make_pkcs7_pem({id.ca_pem, id.cert_pem}));
    BOOST_TEST(r.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(r.reason, "a PKCS#7 bundle (PKCS7 block, with 2 certificates), not a single PEM certificate; "
                                  "extract the CA certificate"),
               r.reason);
    const auto one = oa::check_ca_pem(oat::make_pkcs7_pem({id.ca_pem}));
    BOOST_TEST(one.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(one.reason, "(PKCS7 block, with 1 certificate)"), one.reason);
    // Named by its label even when its body does not decode.
    const auto broken = oa::check_ca_pem("-----BEGIN PKCS7-----\n!!\n-----END PKCS7-----\n");
    BOOST_TEST(broken.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(broken.reason, "a PKCS#7 bundle (PKCS7 block), not a single PEM certificate"), broken.reason);
}

BOOST_AUTO_TEST_CASE(other_labels_are_not_certificates) {
    const auto r = oa::check_ca_pem(make_pem_block("CERTIFICATE REQUEST", "abc"));
    BOOST_TEST(r.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(r.reason == "the PEM block is a CERTIFICATE REQUEST, not a CERTIFICATE");
    // An absurd label is shortened and made printable.
    const auto r2 = oa::check_ca_pem("-----BEGIN " + std::string(200, 'A') + "\x01-----\nAAAA\n");
    BOOST_TEST(r2.error == oa::pem_errc::invalid_certificate);
    BOOST_TEST(contains(r2.reason, std::string(64, 'A') + "..."), r2.reason);
    BOOST_TEST(r2.reason.size() < 150u);
}

BOOST_AUTO_TEST_CASE(a_chain_is_refused_with_its_length) {
    const auto id = oat::make_server_identity();
    const auto r = oa::check_ca_pem(id.ca_pem + id.cert_pem);
    BOOST_TEST(r.error == oa::pem_errc::multiple_certificates);
    BOOST_TEST(r.reason == "the input is a chain of 2 certificates (found 2 PEM blocks); upload only the CA certificate");
    const auto three = oa::check_ca_pem(id.cert_pem + id.ca_pem + make_ca_pem({.common_name = "third"}));
    BOOST_TEST(three.error == oa::pem_errc::multiple_certificates);
    BOOST_TEST(contains(three.reason, "chain of 3 certificates"), three.reason);
    // A certificate next to something else: the labels are listed.
    const auto mixed = oa::check_ca_pem(id.ca_pem + make_pem_block("X509 CRL", "abc"));
    BOOST_TEST(mixed.error == oa::pem_errc::multiple_certificates);
    BOOST_TEST(mixed.reason == "expected exactly one certificate, found 2 PEM blocks (CERTIFICATE, X509 CRL)");
}

BOOST_AUTO_TEST_CASE(der_is_named) {
    const auto r = oa::check_ca_pem(oat::make_ca_der());
    BOOST_TEST(r.error == oa::pem_errc::not_pem);
    BOOST_TEST(contains(r.reason, "the input is DER (binary)"), r.reason);
    BOOST_TEST(contains(r.reason, "openssl x509 -inform der"), r.reason);
    BOOST_TEST(!r.expires_at.has_value());
    // Binary that merely starts like DER, or not at all: the generic reason.
    for (const std::string& in : {std::string("\x30\x82\x01\x00\x02\x01", 6), std::string("\x30", 1),
                                 std::string("\xff\xfe\x00\x41", 4)}) {
        const auto g = oa::check_ca_pem(in);
        BOOST_TEST(g.error == oa::pem_errc::not_pem);
        BOOST_TEST(g.reason == "no PEM block (-----BEGIN CERTIFICATE-----) found");
    }
}

BOOST_AUTO_TEST_CASE(begin_must_start_a_line) {
    const auto r = oa::check_ca_pem("cert: " + make_ca_pem());
    BOOST_TEST(r.error == oa::pem_errc::not_pem);
    BOOST_TEST(contains(r.reason, "not at the start of a line"), r.reason);
}

BOOST_AUTO_TEST_CASE(a_utf8_bom_is_refused_by_name) {
    // OpenSSL 3 skips a BOM, other parsers do not; the upload sends the text as is.
    const std::string pem = make_ca_pem();
    for (const std::string& in : {"\xEF\xBB\xBF" + pem, "\xEF\xBB\xBF\n" + pem, std::string("\xEF\xBB\xBF")}) {
        const auto r = oa::check_ca_pem(in);
        BOOST_TEST(r.error == oa::pem_errc::not_pem);
        BOOST_TEST(contains(r.reason, "UTF-8 byte order mark (EF BB BF)"), r.reason);
    }
    // Not at the start: just text around the block.
    BOOST_TEST(oa::check_ca_pem(pem + "\xEF\xBB\xBF").ok());
}

BOOST_AUTO_TEST_CASE(crlf_line_ends_are_read) {
    const std::string lf = make_ca_pem();
    const auto crlf = std::regex_replace(lf, std::regex("\n"), "\r\n");
    BOOST_TEST_REQUIRE(crlf.size() > lf.size());
    const auto r = oa::check_ca_pem(crlf);
    BOOST_TEST(r.ok(), r.reason);
    BOOST_TEST((r.expires_at == oa::check_ca_pem(lf).expires_at));
    // Judged on content: a CRLF chain is still a chain, a bad character still named.
    BOOST_TEST(oa::check_ca_pem(crlf + crlf).error == oa::pem_errc::multiple_certificates);
    std::string bad = crlf;
    bad[bad.find('\n') + 5] = '#';
    BOOST_TEST(contains(oa::check_ca_pem(bad).reason, "unexpected character '#' on line 2"));
}

BOOST_AUTO_TEST_CASE(bad_input_never_throws_and_leaves_no_openssl_error) {
    const std::string cert = make_ca_pem();
    const std::string der = oat::make_ca_der();
    const std::vector<std::string> inputs = {
        "", "-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n", der, der.substr(0, der.size() / 2),
        oat::make_pkcs7_pem({cert}), cert.substr(0, cert.size() / 2), make_pem_block("CERTIFICATE", "\x30\x03"),
        "-----BEGIN -----\n-----END -----\n", "-----BEGIN CERTIFICATE-----", cert + cert, cert};
    for (const auto& in : inputs) {
        ERR_clear_error();
        BOOST_CHECK_NO_THROW(oa::check_ca_pem(in));
        BOOST_TEST(ERR_peek_error() == 0ul);
    }
}

BOOST_AUTO_TEST_CASE(error_category) {
    const oa::error_code ec = oa::pem_errc::not_a_ca;
    BOOST_TEST(std::string(ec.category().name()) == "openai.admin.pem");
    BOOST_TEST((ec.category() == oa::pem_category()));
    BOOST_TEST(ec != oa::client_errc::invalid_argument);
    // Values are stable: the new one was appended.
    BOOST_TEST(static_cast<int>(oa::pem_errc::expiring_soon) == 9);
    BOOST_TEST(static_cast<int>(oa::pem_errc::private_key) == 10);
    for (int e = 1; e <= static_cast<int>(oa::pem_errc::private_key); ++e)
        BOOST_TEST(oa::pem_category().message(e).find("unknown") == std::string::npos);
    BOOST_TEST(oa::pem_category().message(11).find("unknown") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
