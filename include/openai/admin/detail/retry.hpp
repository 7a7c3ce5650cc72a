// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_RETRY_HPP
#define OPENAI_ADMIN_DETAIL_RETRY_HPP

// The retry policy of the official SDKs (docs/certificates-api.md §2.3), as pure functions.

#include <openai/admin/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace openai::admin::detail {

// A failed attempt that had no HTTP response: worth another try? Connection failures and
// timeouts are; cancellation, refused TLS certificates, oversized bodies and anything the
// library itself decided are not (another try would end the same way).
inline bool is_transient_transport_error(const error_code& ec) {
    namespace ae = boost::asio::error;
    using boost::beast::http::error;
    static const error_code transient[] = {
        boost::beast::error::timeout, ae::timed_out, ae::connection_refused, ae::connection_reset,
        ae::connection_aborted, ae::broken_pipe, ae::eof, ae::host_unreachable, ae::network_unreachable,
        ae::network_down, ae::network_reset, ae::host_not_found_try_again, ae::try_again,
        error::end_of_stream, error::partial_message, boost::asio::ssl::error::stream_truncated,
    };
    return std::find(std::begin(transient), std::end(transient), ec) != std::end(transient);
}

// Whether a failed attempt of a non-idempotent request may still have taken effect: the whole
// request was written and then no answer came (reset, timeout, truncated response; not a
// cancellation), or the answer was a 5xx (a proxy's 502 can follow a stored upload).
// Connect, TLS and write failures, and 4xx answers, are unambiguous: nothing was done.
inline bool ambiguous_failure(const error_code& transport_error, bool request_written, unsigned status) {
    if (transport_error)
        return request_written && transport_error != boost::asio::error::operation_aborted;
    return status >= 500;
}

// A response with this status (and `x-should-retry` header value, if any) is retried.
inline bool is_retryable_status(unsigned status, std::optional<std::string_view> should_retry) {
    if (should_retry) {
        if (boost::beast::iequals(*should_retry, "true"))
            return true;
        if (boost::beast::iequals(*should_retry, "false"))
            return false;
    }
    return status == 408 || status == 409 || status == 429 || status >= 500;
}

// Parses an IMF-fixdate / RFC 850 / asctime HTTP-date (RFC 9110 §5.6.7) as UTC.
inline std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view s) {
    static const char* const formats[] = {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT",
                                          "%a %b %e %H:%M:%S %Y"};
    const std::string text(s);
    for (const char* f : formats) {
        std::tm tm{};
        const char* end = ::strptime(text.c_str(), f, &tm);
        if (end == nullptr || *end != '\0')
            continue;
        const auto t = ::timegm(&tm);
        if (t == static_cast<std::time_t>(-1))
            continue;
        return std::chrono::system_clock::from_time_t(t);
    }
    return std::nullopt;
}

// A finite, non-negative number of the form "12", "1.5"; nothing else.
inline std::optional<double> parse_delay_number(std::string_view s) {
    if (s.empty() || s.size() > 32)
        return std::nullopt;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || c == '.'))
            return std::nullopt;
    const std::string text(s);
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

// The wait the server asks for: `retry-after-ms` first, then `Retry-After` (seconds or an
// HTTP-date). Used only when 0 < delay <= 60 s, as the SDKs do; otherwise nullopt.
inline std::optional<std::chrono::milliseconds> server_retry_delay(std::optional<std::string_view> retry_after_ms,
                                                                   std::optional<std::string_view> retry_after,
                                                                   std::chrono::system_clock::time_point now) {
    using std::chrono::milliseconds;
    std::optional<double> ms;
    if (retry_after_ms)
        ms = parse_delay_number(*retry_after_ms);
    if (!ms && retry_after) {
        if (auto secs = parse_delay_number(*retry_after))
            ms = *secs * 1000.0;
        else if (auto when = parse_http_date(*retry_after))
            ms = static_cast<double>(std::chrono::duration_cast<milliseconds>(*when - now).count());
    }
    if (!ms || !(*ms > 0.0) || *ms > 60000.0)
        return std::nullopt;
    return milliseconds(static_cast<milliseconds::rep>(std::ceil(*ms)));
}

// min(0.5 s * 2^retries_done, 8 s), shortened by up to 25 %: `jitter` in [0, 1) is the random part.
inline std::chrono::milliseconds backoff_delay(unsigned retries_done, double jitter) {
    const double base = std::min(0.5 * std::pow(2.0, static_cast<double>(std::min(retries_done, 16u))), 8.0);
    const double j = std::clamp(jitter, 0.0, 1.0);
    return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(base * (1.0 - 0.25 * j) * 1000.0));
}

} // namespace openai::admin::detail

#endif
