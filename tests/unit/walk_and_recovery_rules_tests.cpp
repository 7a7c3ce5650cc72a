// The pure rules behind the list walk's end and the upload check: pagination's advance(), and
// upload_recovery's PEM fingerprint, time window and candidate filter.

#include "../support/printing.hpp"

#include <openai/admin/detail/upload_recovery.hpp>
#include <openai/admin/pagination.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

namespace oa = openai::admin;
namespace d = openai::admin::detail;
using namespace std::chrono;

namespace {

oa::certificate_page page_of(std::initializer_list<const char*> ids, std::optional<std::string> last, bool more) {
    oa::certificate_page p;
    for (const char* id : ids) {
        oa::scoped_certificate c;
        c.id = id;
        p.data.push_back(c);
    }
    p.last_id = std::move(last);
    p.has_more = more;
    return p;
}

oa::scoped_certificate cert(std::int64_t created_at, std::optional<std::string> name) {
    oa::scoped_certificate c;
    c.id = "cert_x";
    c.created_at = created_at;
    c.name = std::move(name);
    return c;
}

} // namespace

BOOST_AUTO_TEST_SUITE(walk_and_recovery_rules)

BOOST_AUTO_TEST_CASE(the_walk_ends_on_has_more_false_only) {
    auto end = d::advance(page_of({"a"}, "a", false), std::nullopt, 0);
    BOOST_TEST(end.finished);
    BOOST_TEST(end.stalled.empty());
    BOOST_TEST(d::advance(page_of({}, std::nullopt, false), std::nullopt, 1).finished);

    auto go = d::advance(page_of({}, "cursor_1", true), std::nullopt, 1);
    BOOST_TEST(!go.finished);
    BOOST_TEST(go.stalled.empty());
    BOOST_TEST(go.cursor.value_or("") == "cursor_1");

    // last_id missing or empty: the last item's id.
    BOOST_TEST(d::advance(page_of({"a", "b"}, std::nullopt, true), "x", 0).cursor.value_or("") == "b");
    BOOST_TEST(d::advance(page_of({"a", "b"}, "", true), "x", 0).cursor.value_or("") == "b");
}

BOOST_AUTO_TEST_CASE(a_walk_that_does_not_advance_stalls) {
    BOOST_TEST(!d::advance(page_of({}, std::nullopt, true), std::nullopt, 1).stalled.empty());
    BOOST_TEST(!d::advance(page_of({"a"}, "a", true), std::string("a"), 0).stalled.empty());
    BOOST_TEST(d::advance(page_of({}, "c", true), std::string("b"), d::max_empty_pages).stalled.empty());
    auto over = d::advance(page_of({}, "c", true), std::string("b"), d::max_empty_pages + 1);
    BOOST_TEST(over.stalled == "11 empty pages in a row said more certificates follow");
    // The last page may repeat the cursor: nothing follows it.
    BOOST_TEST(d::advance(page_of({"a"}, "a", false), std::string("a"), 0).finished);
}

BOOST_AUTO_TEST_CASE(pem_fingerprints_ignore_line_ends_and_wrapping) {
    const std::string lf = "-----BEGIN CERTIFICATE-----\nMIIBabc\ndef==\n-----END CERTIFICATE-----\n";
    const std::string crlf = "-----BEGIN CERTIFICATE-----\r\nMIIBabcdef==\r\n-----END CERTIFICATE-----";
    BOOST_TEST(d::pem_fingerprint(lf) == d::pem_fingerprint(crlf));
    BOOST_TEST(d::pem_fingerprint(lf) != d::pem_fingerprint("-----BEGIN CERTIFICATE-----\nMIIBabd\n"));
    BOOST_TEST(d::pem_fingerprint(" \t\r\n") == "");
}

BOOST_AUTO_TEST_CASE(the_window_starts_when_the_call_started_in_the_servers_clock) {
    const system_clock::time_point server_now{seconds(1'000'000)};
    const system_clock::time_point local_now{seconds(2'000'000)}; // far off: ignored
    // Started 3.5 s ago by the server's Date: created_at >= 1'000'000 - 3.5 - 1 (slack).
    BOOST_TEST(d::upload_window_start(server_now, local_now, milliseconds(3500)) == 999'995);
    BOOST_TEST(d::upload_window_start(server_now, local_now, seconds(0)) == 999'999);
    // No Date: our clock, allowing 60 s of skew.
    BOOST_TEST(d::upload_window_start(std::nullopt, local_now, seconds(2)) == 1'999'938);
}

BOOST_AUTO_TEST_CASE(candidates_are_new_enough_and_named_alike) {
    BOOST_TEST(d::may_be_upload(cert(100, "ca"), std::string("ca"), 100));
    BOOST_TEST(!d::may_be_upload(cert(99, "ca"), std::string("ca"), 100));
    BOOST_TEST(!d::may_be_upload(cert(100, "other"), std::string("ca"), 100));
    BOOST_TEST(!d::may_be_upload(cert(100, std::nullopt), std::string("ca"), 100));
    BOOST_TEST(d::may_be_upload(cert(100, "whatever the server named it"), std::nullopt, 100));
}

BOOST_AUTO_TEST_SUITE_END()
