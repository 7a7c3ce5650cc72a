// openai::admin::check_ca_pem: the local version of the API's upload rules, with generated
// certificates (tests/server/pem_tools) and an injected clock.

#include "../server/pem_tools.hpp"
#include "../support/printing.hpp"

#include <openai/admin/pem_check.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <regex>
#include <string>

namespace oa = openai::admin;
using oa_test::cert_spec;
using oa_test::make_ca_certificate_pem;

namespace openai::admin {
inline std::ostream& operator<<(std::ostream& os, pem_errc e) { return os << make_error_code(e).message(); }
} // namespace openai::admin

namespace {

std::chrono::system_clock::time_point at(std::int64_t unix_seconds) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
}

std::int64_t now_s() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(pem_check)

BOOST_AUTO_TEST_CASE(a_good_ca_passes_with_its_validity_dates) {
    const std::string pem = make_ca_certificate_pem({.not_before_offset_s = -3600, .not_after_offset_s = 30L * 86400});
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
    BOOST_TEST(oa::check_ca_pem(make_ca_certificate_pem({.rsa_bits_or_0_for_ec = 2048})).ok());
}

BOOST_AUTO_TEST_CASE(non_ca_is_refused) {
    const auto r = oa::check_ca_pem(make_ca_certificate_pem({.is_ca = false}));
    BOOST_TEST(r.error == oa::pem_errc::not_a_ca);
    BOOST_TEST(r.reason.find("CA:TRUE") != std::string::npos);
    BOOST_TEST(r.expires_at.has_value()); // dates are known once it parsed
}

BOOST_AUTO_TEST_CASE(missing_subject_key_id_is_refused) {
    const auto r = oa::check_ca_pem(make_ca_certificate_pem({.subject_key_id = false}));
    BOOST_TEST(r.error == oa::pem_errc::missing_subject_key_id);
    BOOST_TEST(!r.reason.empty());
}

BOOST_AUTO_TEST_CASE(missing_authority_key_id_is_refused) {
    const auto r = oa::check_ca_pem(make_ca_certificate_pem({.authority_key_id = false}));
    BOOST_TEST(r.error == oa::pem_errc::missing_authority_key_id);
}

BOOST_AUTO_TEST_CASE(expired_is_refused) {
    const auto r = oa::check_ca_pem(
        make_ca_certificate_pem({.not_before_offset_s = -10L * 86400, .not_after_offset_s = -2L * 86400}));
    BOOST_TEST(r.error == oa::pem_errc::expired);
    BOOST_TEST(r.reason.find("expired 2 days ago") != std::string::npos, r.reason);
}

BOOST_AUTO_TEST_CASE(expiring_within_a_day_is_refused) {
    const auto r = oa::check_ca_pem(make_ca_certificate_pem({.not_after_offset_s = 6 * 3600}));
    BOOST_TEST(r.error == oa::pem_errc::expiring_soon);
    BOOST_TEST(std::regex_search(r.reason, std::regex("expires in [56] hours")), r.reason); // whole seconds
}

BOOST_AUTO_TEST_CASE(the_clock_and_the_margin_are_injectable) {
    const std::string pem = make_ca_certificate_pem({.not_after_offset_s = 10L * 86400});
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
    std::string pem = make_ca_certificate_pem();
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
    BOOST_TEST(oa::check_ca_pem("").error == oa::pem_errc::not_pem);
    BOOST_TEST(oa::check_ca_pem("hello, world\n").error == oa::pem_errc::not_pem);
    BOOST_TEST(oa::check_ca_pem(std::string("\0\x01\x02", 3)).error == oa::pem_errc::not_pem);
    // Well-formed PEM armour around bytes that are not a certificate.
    BOOST_TEST(oa::check_ca_pem("-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n").error ==
               oa::pem_errc::invalid_certificate);
    // A truncated certificate.
    std::string pem = make_ca_certificate_pem();
    const auto end = pem.find("-----END");
    pem.erase(end - 20, 20);
    const auto r = oa::check_ca_pem(pem);
    BOOST_TEST((r.error == oa::pem_errc::invalid_certificate || r.error == oa::pem_errc::not_pem));
}

BOOST_AUTO_TEST_CASE(two_certificates_are_refused) {
    const std::string two = make_ca_certificate_pem() + make_ca_certificate_pem({.common_name = "second"});
    const auto r = oa::check_ca_pem(two);
    BOOST_TEST(r.error == oa::pem_errc::multiple_certificates);
    BOOST_TEST(r.reason.find("found 2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_key_block_is_not_a_certificate) {
    BOOST_TEST(oa::check_ca_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").error ==
               oa::pem_errc::invalid_certificate);
}

BOOST_AUTO_TEST_CASE(error_category) {
    const oa::error_code ec = oa::pem_errc::not_a_ca;
    BOOST_TEST(std::string(ec.category().name()) == "openai.admin.pem");
    BOOST_TEST((ec.category() == oa::pem_category()));
    BOOST_TEST(ec != oa::client_errc::invalid_argument);
    for (int e = 1; e <= static_cast<int>(oa::pem_errc::expiring_soon); ++e)
        BOOST_TEST(oa::pem_category().message(e).find("unknown") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
