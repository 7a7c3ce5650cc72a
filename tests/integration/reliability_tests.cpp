// The cases where guessing would cost certificates: an upload whose answer is lost is found,
// not sent twice; a retry budget that cuts retries short says so.

#include "../support/fixture.hpp"

#include <boost/beast/core/error.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace oa_test;
using std::chrono::milliseconds;

namespace {

const auto tuple = asio::as_tuple(asio::use_awaitable);

struct upload_outcome {
    oa::error_code ec;
    oa::certificate cert;
    oa::diagnostics diag;
};

struct rig : fixture {
    explicit rig(unsigned max_retries = 2) { api = oa::client(io, config(max_retries)); }
    oa::client_config config(unsigned max_retries) const {
        auto cfg = config_for(server);
        cfg.max_retries = max_retries;
        cfg.request_timeout = milliseconds(500);
        return cfg;
    }

    upload_outcome upload(const std::string& pem, const std::optional<std::string>& name = "ca",
                          const oa::client* via = nullptr) {
        upload_outcome out;
        oa::upload_params p{.certificate = pem};
        if (name)
            p.name = *name;
        auto [ec, cert] = run((via ? *via : api).certificates().async_upload(p, out.diag, tuple));
        out.ec = ec;
        out.cert = std::move(cert);
        return out;
    }

    std::size_t uploads_sent() const { return requests_to("POST", "/organization/certificates"); }
    std::size_t lists_sent() const { return requests_to("GET", "/organization/certificates"); }
};

// The server stores the upload, then answers with `fault` instead of its 200.
fault stored_then(fault fault) {
    fault.process_first = true;
    return fault;
}

const fault reset_reply{.close_without_reply = true, .reset = true};
const fault hang_reply{.hang = true};
const fault bad_gateway{.status = 502,
                                 .headers = {{"content-type", "text/html"}, {"retry-after-ms", "1"}},
                                 .body = "<html><body>502 Bad Gateway</body></html>"};

void expect_recovered(rig& r, const upload_outcome& u) {
    BOOST_TEST(!u.ec, u.ec.message() << ": " << u.diag.message);
    BOOST_TEST(u.diag.recovered_upload);
    BOOST_TEST(u.diag.message.find("was found") != std::string::npos, u.diag.message);
    BOOST_TEST(r.server.certificate_count() == 1u);
    BOOST_TEST(r.uploads_sent() == 1u);
    BOOST_TEST(u.cert.id.rfind("cert_", 0) == 0u);
    BOOST_TEST(u.cert.name.value_or("<null>") == "ca");
    // It is the stored one.
    auto page = r.run(r.api.certificates().list().async_next_page());
    BOOST_TEST_REQUIRE(page.has_value());
    BOOST_TEST_REQUIRE(page->data.size() == 1u);
    BOOST_TEST(page->data[0].id == u.cert.id);
}

} // namespace

BOOST_AUTO_TEST_SUITE(upload_recovery)

BOOST_AUTO_TEST_CASE(stored_then_reset_makes_one_certificate) {
    rig r;
    r.server.inject(stored_then(reset_reply));
    auto u = r.upload(make_ca_pem());
    expect_recovered(r, u);
    BOOST_TEST(u.diag.attempts == 1u);
}

BOOST_AUTO_TEST_CASE(stored_then_hang_makes_one_certificate) {
    rig r;
    r.server.inject(stored_then(hang_reply));
    auto u = r.upload(make_ca_pem());
    expect_recovered(r, u);
    BOOST_TEST(u.diag.message.find("timeout") != std::string::npos, u.diag.message);
}

BOOST_AUTO_TEST_CASE(stored_then_502_makes_one_certificate_even_without_retries) {
    for (unsigned retries : {2u, 0u}) {
        rig r(retries);
        r.server.inject(stored_then(bad_gateway));
        expect_recovered(r, r.upload(make_ca_pem()));
    }
}

BOOST_AUTO_TEST_CASE(an_unnamed_upload_is_found_by_its_pem) {
    rig r;
    r.server.inject(stored_then(reset_reply));
    auto u = r.upload(make_ca_pem(), std::nullopt);
    BOOST_TEST(!u.ec, u.diag.message);
    BOOST_TEST(u.diag.recovered_upload);
    BOOST_TEST(r.server.certificate_count() == 1u);
    BOOST_TEST(r.uploads_sent() == 1u);
}

BOOST_AUTO_TEST_CASE(lost_before_it_was_stored_is_sent_again) {
    rig r;
    r.server.inject(reset_reply); // not processed: nothing stored
    auto u = r.upload(make_ca_pem());
    BOOST_TEST(!u.ec, u.diag.message);
    BOOST_TEST(!u.diag.recovered_upload);
    BOOST_TEST(u.diag.attempts == 2u);
    BOOST_TEST(r.uploads_sent() == 2u);
    BOOST_TEST(r.lists_sent() == 1u); // looked once, found nothing, retried
    BOOST_TEST(r.server.certificate_count() == 1u);
}

BOOST_AUTO_TEST_CASE(a_different_pem_with_the_same_name_is_not_taken_for_it) {
    rig r;
    BOOST_TEST(!r.upload(make_ca_pem({.common_name = "other"})).ec);
    r.server.inject(reset_reply); // lost, not stored
    auto u = r.upload(make_ca_pem());
    BOOST_TEST(!u.ec, u.diag.message);
    BOOST_TEST(!u.diag.recovered_upload);
    BOOST_TEST(r.server.certificate_count() == 2u);
}

BOOST_AUTO_TEST_CASE(two_uploads_of_the_same_pem_by_the_caller_are_two_certificates) {
    rig r;
    const std::string pem = make_ca_pem();
    auto first = r.upload(pem);
    BOOST_TEST_REQUIRE(!first.ec);
    // The second, deliberate upload of the same PEM and name loses its answer after storing:
    // it is found, and it is not mistaken for the first (same second, same PEM, same name).
    r.server.inject(stored_then(reset_reply));
    auto second = r.upload(pem);
    BOOST_TEST(!second.ec, second.diag.message);
    BOOST_TEST(second.diag.recovered_upload);
    BOOST_TEST(second.cert.id != first.cert.id);
    BOOST_TEST(r.server.certificate_count() == 2u);
    BOOST_TEST(r.uploads_sent() == 2u);
    // Without faults, a third is a third.
    auto third = r.upload(pem);
    BOOST_TEST(!third.ec);
    BOOST_TEST(!third.diag.recovered_upload);
    BOOST_TEST(r.server.certificate_count() == 3u);
    BOOST_TEST(third.cert.id != first.cert.id);
    BOOST_TEST(third.cert.id != second.cert.id);
}

BOOST_AUTO_TEST_CASE(when_the_check_fails_nothing_is_sent_again) {
    rig r;
    r.server.inject(stored_then(reset_reply));
    r.server.inject({.status = 403,
                         .body = R"({"error":{"message":"no list for you","type":"invalid_request_error","param":null,"code":null}})"});
    auto u = r.upload(make_ca_pem());
    BOOST_TEST(u.ec == oa::client_errc::upload_outcome_unknown, u.ec.message());
    BOOST_TEST(!u.diag.recovered_upload);
    BOOST_TEST(u.diag.message.find("listing the certificates") != std::string::npos, u.diag.message);
    BOOST_TEST(u.diag.message.find("no list for you") != std::string::npos, u.diag.message);
    BOOST_TEST(u.diag.message.find("not sent again") != std::string::npos, u.diag.message);
    BOOST_TEST(r.uploads_sent() == 1u);
    BOOST_TEST(r.server.certificate_count() == 1u);
}

BOOST_AUTO_TEST_CASE(unambiguous_failures_retry_without_looking) {
    rig r;
    // A 4xx with a body is known not to have stored anything.
    r.server.inject({.status = 409,
                         .headers = {{"retry-after-ms", "1"}},
                         .body = R"({"error":{"message":"busy","type":"conflict","param":null,"code":null}})"});
    auto u = r.upload(make_ca_pem());
    BOOST_TEST(!u.ec, u.diag.message);
    BOOST_TEST(u.diag.attempts == 2u);
    BOOST_TEST(r.uploads_sent() == 2u);
    BOOST_TEST(r.lists_sent() == 0u);
    BOOST_TEST(r.server.certificate_count() == 1u);
}

BOOST_AUTO_TEST_CASE(a_get_is_never_checked) {
    rig r;
    auto u = r.upload(make_ca_pem());
    BOOST_TEST_REQUIRE(!u.ec);
    r.server.clear_requests();
    r.server.inject(bad_gateway);
    auto got = r.run(r.api.certificates().async_get(u.cert.id));
    BOOST_TEST(got.id == u.cert.id);
    BOOST_TEST(r.lists_sent() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(retry_budget)

// The server asks for a wait longer than what is left of the budget.
const fault slow_down{.status = 503,
                               .headers = {{"retry-after-ms", "800"}},
                               .body = R"({"error":{"message":"overloaded","type":"server_error","param":null,"code":null}})"};

BOOST_AUTO_TEST_CASE(a_total_timeout_that_cuts_retries_short_says_so) {
    fixture f;
    auto cfg = config_for(f.server);
    cfg.max_retries = 2;
    cfg.total_timeout = milliseconds(500);
    f.api = oa::client(f.io, cfg);
    f.server.inject(slow_down);
    oa::diagnostics diag;
    auto [ec, cert] = f.run(f.api.certificates().async_get("cert_x", {}, diag, tuple));
    BOOST_TEST((ec == boost::beast::error::timeout), ec.message());
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(diag.status == 503u); // what the last attempt got is kept
    BOOST_TEST(diag.message.find("stopped retrying: total_timeout of 500 ms would be exceeded by the next wait "
                                 "(800 ms)") == 0u,
               diag.message);
    BOOST_TEST(diag.message.find("overloaded") != std::string::npos, diag.message);
    BOOST_TEST(diag.message.find("with_options") == std::string::npos, diag.message);
    BOOST_TEST(f.server.requests().size() == 1u);
    // what() names the status, the request id and the API's type once each.
    const std::string what = oa::describe(ec, diag);
    for (const std::string part : {"HTTP 503", "type=server_error", "last attempt: server error (5xx): overloaded"})
        BOOST_TEST((what.find(part) != std::string::npos && what.find(part) == what.rfind(part)), what);
}

// The budget runs out during an attempt: that attempt's timeout is the answer, not a "next
// wait" that would exceed a budget already spent.
BOOST_AUTO_TEST_CASE(a_total_timeout_spent_during_an_attempt_says_so_once) {
    fixture f;
    auto cfg = config_for(f.server);
    cfg.max_retries = 2;
    f.api = oa::client(f.io, cfg);
    f.server.inject(fault::delayed(milliseconds(1500)));
    oa::diagnostics diag;
    auto quick = f.api.with_options({.total_timeout = milliseconds(300)});
    auto [ec, cert] = f.run(quick.certificates().async_get("cert_x", {}, diag, tuple));
    BOOST_TEST((ec == boost::beast::error::timeout), ec.message());
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(diag.message.find("stopped retrying") == std::string::npos, diag.message);
    BOOST_TEST(diag.message.find("total_timeout 300 ms") != std::string::npos, diag.message);
    BOOST_TEST(f.server.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_per_call_budget_says_so_too) {
    fixture f;
    auto cfg = config_for(f.server);
    cfg.max_retries = 2;
    f.api = oa::client(f.io, cfg);
    f.server.inject(slow_down);
    oa::diagnostics diag;
    auto quick = f.api.with_options({.total_timeout = milliseconds(300)});
    auto [ec, cert] = f.run(quick.certificates().async_get("cert_x", {}, diag, tuple));
    BOOST_TEST((ec == boost::beast::error::timeout), ec.message());
    BOOST_TEST(diag.message.find("stopped retrying: total_timeout of 300 ms (with_options) would be exceeded by "
                                 "the next wait (800 ms)") == 0u,
               diag.message);
    // A budget that covers the wait retries as usual.
    f.server.inject(slow_down);
    oa::diagnostics diag2;
    auto roomy = f.api.with_options({.total_timeout = milliseconds(5000)});
    auto [ec2, cert2] = f.run(roomy.certificates().async_get("cert_x", {}, diag2, tuple));
    BOOST_TEST(ec2 == oa::api_errc::not_found); // the retry reached the server's own answer
    BOOST_TEST(diag2.attempts == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(idempotent_posts)

// Activation is idempotent by the API's word: a reused connection the server closed with the
// request on it is replaced within the attempt, as for a GET; a modify is not (a_post_is_never_
// resent_behind_the_callers_back in faults_tests).
BOOST_AUTO_TEST_CASE(an_activation_on_a_closed_keep_alive_connection_goes_once_more) {
    fixture f; // max_retries = 0
    auto cert = f.run(f.api.certificates().async_upload({.certificate = make_ca_pem()}));
    f.server.clear_requests();
    f.server.inject({.close_without_reply = true});
    oa::diagnostics diag;
    auto [ec, r] = f.run(f.api.certificates().async_activate({cert.id}, diag, tuple));
    BOOST_TEST(!ec, ec.message() << ": " << diag.message);
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(f.requests_to("POST", "/organization/certificates/activate") == 2u);
    BOOST_TEST(f.server.is_active_in_organization(cert.id));
}

BOOST_AUTO_TEST_SUITE_END()
