// The retry policy and proxy settings, as pure functions.

#include "../support/printing.hpp"

#include <openai/admin/detail/proxy.hpp>
#include <openai/admin/detail/retry.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>

namespace oa = openai::admin;
namespace d = openai::admin::detail;
using std::chrono::milliseconds;

BOOST_AUTO_TEST_SUITE(policy)

BOOST_AUTO_TEST_CASE(retryable_statuses_and_the_should_retry_header) {
    for (unsigned s : {408u, 409u, 429u, 500u, 502u, 503u, 504u, 599u})
        BOOST_TEST(d::is_retryable_status(s, std::nullopt), s);
    for (unsigned s : {400u, 401u, 403u, 404u, 422u, 418u})
        BOOST_TEST(!d::is_retryable_status(s, std::nullopt), s);
    BOOST_TEST(!d::is_retryable_status(503, "false"));
    BOOST_TEST(d::is_retryable_status(400, "true"));
    BOOST_TEST(d::is_retryable_status(400, "TRUE"));
    BOOST_TEST(d::is_retryable_status(503, "maybe")); // anything else: the status decides
    BOOST_TEST(!d::is_retryable_status(400, ""));
}

BOOST_AUTO_TEST_CASE(ambiguous_failures_of_a_non_idempotent_request) {
    namespace ae = boost::asio::error;
    const oa::error_code none;
    // Sent, then no usable answer: it may have taken effect.
    BOOST_TEST(d::ambiguous_failure(ae::connection_reset, true, 0));
    BOOST_TEST(d::ambiguous_failure(boost::beast::error::timeout, true, 0));
    BOOST_TEST(d::ambiguous_failure(boost::beast::http::error::partial_message, true, 0));
    BOOST_TEST(d::ambiguous_failure(boost::beast::http::error::body_limit, true, 0));
    for (unsigned s : {500u, 502u, 503u, 504u})
        BOOST_TEST(d::ambiguous_failure(none, true, s), s);
    // Not fully sent, cancelled, or a 4xx: it did not.
    BOOST_TEST(!d::ambiguous_failure(ae::connection_refused, false, 0));
    BOOST_TEST(!d::ambiguous_failure(boost::beast::error::timeout, false, 0));
    BOOST_TEST(!d::ambiguous_failure(ae::operation_aborted, true, 0));
    for (unsigned s : {400u, 408u, 409u, 429u})
        BOOST_TEST(!d::ambiguous_failure(none, true, s), s);
}

BOOST_AUTO_TEST_CASE(transient_transport_errors) {
    namespace ae = boost::asio::error;
    BOOST_TEST(d::is_transient_transport_error(boost::beast::error::timeout));
    BOOST_TEST(d::is_transient_transport_error(ae::connection_refused));
    BOOST_TEST(d::is_transient_transport_error(ae::connection_reset));
    BOOST_TEST(d::is_transient_transport_error(boost::beast::http::error::partial_message));
    BOOST_TEST(d::is_transient_transport_error(boost::asio::ssl::error::stream_truncated));
    BOOST_TEST(!d::is_transient_transport_error(ae::operation_aborted));
    BOOST_TEST(!d::is_transient_transport_error(boost::beast::http::error::body_limit));
    BOOST_TEST(!d::is_transient_transport_error(ae::host_not_found));
    BOOST_TEST(!d::is_transient_transport_error(oa::client_errc::invalid_json));
    BOOST_TEST(!d::is_transient_transport_error(oa::client_errc::proxy_refused));
}

BOOST_AUTO_TEST_CASE(server_delay_headers) {
    const auto now = std::chrono::system_clock::from_time_t(784111777); // Sun, 06 Nov 1994 08:49:37 GMT
    BOOST_TEST(d::server_retry_delay("250", std::nullopt, now).value() == milliseconds(250));
    BOOST_TEST(d::server_retry_delay("12.5", "30", now).value() == milliseconds(13)); // ms first, rounded up
    BOOST_TEST(d::server_retry_delay(std::nullopt, "2", now).value() == milliseconds(2000));
    BOOST_TEST(d::server_retry_delay(std::nullopt, "0.5", now).value() == milliseconds(500));
    BOOST_TEST(d::server_retry_delay("oops", "3", now).value() == milliseconds(3000)); // bad ms: seconds
    // HTTP-dates, all three forms, relative to now
    BOOST_TEST(d::server_retry_delay(std::nullopt, "Sun, 06 Nov 1994 08:49:47 GMT", now).value() == milliseconds(10000));
    BOOST_TEST(d::server_retry_delay(std::nullopt, "Sunday, 06-Nov-94 08:49:42 GMT", now).value() == milliseconds(5000));
    BOOST_TEST(d::server_retry_delay(std::nullopt, "Sun Nov  6 08:49:40 1994", now).value() == milliseconds(3000));
    // outside 0 < t <= 60 s, or unparsable: not used
    BOOST_TEST(!d::server_retry_delay("0", std::nullopt, now));
    BOOST_TEST(!d::server_retry_delay(std::nullopt, "61", now));
    BOOST_TEST(!d::server_retry_delay("60001", std::nullopt, now));
    BOOST_TEST(d::server_retry_delay("60000", std::nullopt, now).value() == milliseconds(60000));
    BOOST_TEST(!d::server_retry_delay(std::nullopt, "-1", now));
    BOOST_TEST(!d::server_retry_delay(std::nullopt, "Sun, 06 Nov 1994 08:49:30 GMT", now)); // past
    BOOST_TEST(!d::server_retry_delay(std::nullopt, "soon", now));
    BOOST_TEST(!d::server_retry_delay(std::nullopt, "1e3", now));
    BOOST_TEST(!d::server_retry_delay(std::nullopt, std::nullopt, now));
}

BOOST_AUTO_TEST_CASE(exponential_backoff_with_jitter) {
    BOOST_TEST(d::backoff_delay(0, 0.0) == milliseconds(500));
    BOOST_TEST(d::backoff_delay(1, 0.0) == milliseconds(1000));
    BOOST_TEST(d::backoff_delay(3, 0.0) == milliseconds(4000));
    BOOST_TEST(d::backoff_delay(4, 0.0) == milliseconds(8000));
    BOOST_TEST(d::backoff_delay(40, 0.0) == milliseconds(8000)); // capped, no overflow
    BOOST_TEST(d::backoff_delay(0, 0.999) >= milliseconds(375));  // at most 25 % shorter
    BOOST_TEST(d::backoff_delay(0, 0.5) == milliseconds(437));
    BOOST_TEST(d::backoff_delay(4, 1.0) == milliseconds(6000));
}

BOOST_AUTO_TEST_CASE(proxy_urls) {
    d::proxy_route r;
    std::string why;
    BOOST_TEST(!d::parse_proxy_url("http://proxy.local:3128", r, why));
    BOOST_TEST(r.host == "proxy.local");
    BOOST_TEST(r.port == "3128");
    BOOST_TEST(r.authorization.empty());
    BOOST_TEST(!d::parse_proxy_url("http://us%40er:p%3Ass@10.0.0.1/", r, why));
    BOOST_TEST(r.host == "10.0.0.1");
    BOOST_TEST(r.port == "80");
    BOOST_TEST(r.authorization == "Basic " + d::base64_encode("us@er:p:ss"));
    BOOST_TEST(!d::parse_proxy_url("http://[::1]:8080", r, why));
    BOOST_TEST(r.host == "::1");

    for (const char* bad : {"proxy.local:3128", "https://proxy.local", "socks5://p:1080", "http://p:1/path",
                            "http://p:1?x=1", "http://:8080", "http://p:0"}) {
        why.clear();
        BOOST_TEST(d::parse_proxy_url(bad, r, why) == oa::client_errc::invalid_config, bad);
        BOOST_TEST(!why.empty());
    }
    d::parse_proxy_url("https://user:hunter2@p", r, why);
    BOOST_TEST(why.find("hunter2") == std::string::npos); // never quoted
}

BOOST_AUTO_TEST_CASE(base64) {
    BOOST_TEST(d::base64_encode("") == "");
    BOOST_TEST(d::base64_encode("f") == "Zg==");
    BOOST_TEST(d::base64_encode("fo") == "Zm8=");
    BOOST_TEST(d::base64_encode("foo") == "Zm9v");
    BOOST_TEST(d::base64_encode("user:pass") == "dXNlcjpwYXNz");
    BOOST_TEST(d::base64_encode("\xff\xfe") == "//4=");
}

BOOST_AUTO_TEST_CASE(no_proxy_matching) {
    BOOST_TEST(d::no_proxy_matches("*", "api.openai.com", "443"));
    BOOST_TEST(d::no_proxy_matches("localhost, openai.com", "api.openai.com", "443"));
    BOOST_TEST(d::no_proxy_matches(".openai.com", "api.openai.com", "443"));
    BOOST_TEST(d::no_proxy_matches(".openai.com", "openai.com", "443"));
    BOOST_TEST(d::no_proxy_matches("OPENAI.COM", "Api.OpenAI.com", "443"));
    BOOST_TEST(!d::no_proxy_matches("ai.com", "api.openai.com", "443")); // not a label boundary
    BOOST_TEST(!d::no_proxy_matches("", "api.openai.com", "443"));
    BOOST_TEST(!d::no_proxy_matches("localhost,,", "api.openai.com", "443"));
    BOOST_TEST(d::no_proxy_matches("127.0.0.1", "127.0.0.1", "8080"));
    BOOST_TEST(d::no_proxy_matches("127.0.0.1:8080", "127.0.0.1", "8080"));
    BOOST_TEST(!d::no_proxy_matches("127.0.0.1:9090", "127.0.0.1", "8080"));
    BOOST_TEST(d::no_proxy_matches("[::1]", "::1", "443"));
    BOOST_TEST(d::no_proxy_matches("::1", "::1", "443"));
}

BOOST_AUTO_TEST_SUITE_END()
