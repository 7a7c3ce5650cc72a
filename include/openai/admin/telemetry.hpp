// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_TELEMETRY_HPP
#define OPENAI_ADMIN_TELEMETRY_HPP

/// \file
/// \brief The telemetry seam: what a client tells an \ref openai::admin::observer about each
/// call, attempt and wait (for tracing, metrics and logs). No dependency on any telemetry
/// library; `<openai/admin/opentelemetry.hpp>` builds OpenTelemetry spans and metrics on it.

#include <openai/admin/detail/build_mode.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace openai::admin {

/// \brief One logical operation: an API call, with its retries (e.g. one page of a list).
///
/// \par Object lifetimes
/// The views are valid during the \ref observer::start_call that receives them only: copy
/// what the \ref call_observer keeps.
struct operation_info {
    /// \brief What was called, e.g. `certificates.get`.
    ///
    /// One of `certificates.upload`, `certificates.get`, `certificates.modify`,
    /// `certificates.delete`, `certificates.list`, `certificates.activate`,
    /// `certificates.deactivate`, `projects.certificates.list`, `projects.certificates.activate`
    /// or `projects.certificates.deactivate`.
    std::string_view name;
    std::string_view method;         ///< `GET`, `POST` or `DELETE`
    std::string_view url;            ///< scheme, host, port, path and query; never credentials
    std::string_view path;           ///< path and query as sent, e.g. `/v1/organization/certificates?limit=10`
    std::string_view server_address; ///< the base URL's host (also through a proxy)
    std::uint16_t server_port = 0;   ///< the base URL's port (443 for `https://` unless given)
};

/// \brief An attempt about to start.
struct attempt_start_info {
    unsigned attempt = 1;      ///< 1 for the first, 2 for the first retry, ...
    unsigned resend_count = 0; ///< attempt - 1: how often this request was sent before
};

/// \brief How an attempt ended.
///
/// \par Object lifetimes
/// The views are valid during the \ref call_observer::attempt_finished call only.
struct attempt_end_info {
    unsigned attempt = 1;                  ///< as in \ref attempt_start_info
    unsigned status = 0;                   ///< HTTP status; 0 when no response arrived
    boost::system::error_code error;       ///< the attempt's outcome (empty: a 2xx response)
    /// \brief From the attempt's start (a wait for a pooled connection included; for an upload whose
    /// answer was lost, the check that looked for the certificate too).
    std::chrono::nanoseconds duration{0};
    std::string_view request_id;           ///< `x-request-id` of the response, if any
    std::string_view peer_address;         ///< IP the connection went to (the proxy's, through one); empty: none
    std::uint16_t peer_port = 0;           ///< its port; 0: no connection
    std::size_t request_bytes = 0;         ///< bytes of the request written (0: not sent)
    std::size_t response_bytes = 0;        ///< bytes of the response read, head and body
    bool reused_connection = false;        ///< sent on a kept-alive connection
    bool will_retry = false;               ///< another attempt follows...
    std::chrono::milliseconds retry_delay{0}; ///< ...after this wait
};

/// \brief Headers an observer adds to one attempt's request, e.g. W3C `traceparent` and
/// `tracestate`. Only adds: the method, target, body and the client's own headers cannot be
/// changed or seen.
///
/// \par Object lifetimes
/// The SDK makes one per attempt and passes it to \ref call_observer::attempt_started; use it
/// during that call only, never keep it.
///
/// \par Thread safety
/// Not thread-safe; it lives on the client's strand, within that one call.
class header_writer {
public:
    /// \brief Writes into `out` ("Name: value\r\n" lines); `existing` is the request head,
    /// whose header names may not be added again.
    header_writer(std::string& out, std::string_view existing) noexcept : out_(out), existing_(existing) {}

    /// \brief Adds `name: value` to this attempt's request. Refused (false, nothing added):
    /// a name that is not an HTTP token, one the request already has (`Authorization`,
    /// `Host`, `Content-Length`, the configured headers, ...), `Proxy-Authorization`,
    /// `Content-Type` (even on a request without a body), `Transfer-Encoding`, `Connection`,
    /// `TE`, `Upgrade`, `Expect` or `Cookie`; a value with
    /// control characters (tab aside); or more than 8 KiB added in all.
    bool add(std::string_view name, std::string_view value) {
        if (!is_token(name) || !is_value(value) || is_reserved(name) || has_header(existing_, name) ||
            has_header(out_, name) || out_.size() + name.size() + value.size() + 4 > max_added)
            return false;
        out_.append(name).append(": ").append(value).append("\r\n");
        return true;
    }

    /// \brief What may be added to one request in all (names, values and separators).
    static constexpr std::size_t max_added = 8192;

private:
    static bool is_token(std::string_view s) noexcept {
        if (s.empty())
            return false;
        for (char c : s) {
            const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos)
                return false;
        }
        return true;
    }
    static bool is_value(std::string_view s) noexcept {
        for (char c : s)
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
                return false;
        return true;
    }
    static bool iequals(std::string_view a, std::string_view b) noexcept {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            char x = a[i], y = b[i];
            if (x >= 'A' && x <= 'Z')
                x = static_cast<char>(x - 'A' + 'a');
            if (y >= 'A' && y <= 'Z')
                y = static_cast<char>(y - 'A' + 'a');
            if (x != y)
                return false;
        }
        return true;
    }
    static bool is_reserved(std::string_view name) noexcept {
        for (std::string_view r : {"authorization", "proxy-authorization", "host", "content-length", "content-type",
                                   "transfer-encoding", "connection", "te", "upgrade", "expect", "cookie"})
            if (iequals(name, r))
                return true;
        return false;
    }
    // Whether a "Name: value\r\n" line of `head` (after its first line, if any) has `name`.
    static bool has_header(std::string_view head, std::string_view name) noexcept {
        for (std::size_t pos = 0; pos < head.size();) {
            const auto end = head.find("\r\n", pos);
            const auto line = head.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
            const auto colon = line.find(':');
            if (colon != std::string_view::npos && iequals(line.substr(0, colon), name))
                return true;
            if (end == std::string_view::npos)
                break;
            pos = end + 2;
        }
        return false;
    }

    std::string& out_;
    std::string_view existing_;
};

/// \brief The events of one operation, from \ref observer::start_call until
/// \ref call_observer::finished.
///
/// \par Thread safety
/// Called on the client's strand, one event at a time, in the order they happen:
/// `attempt_started`, optionally `connection_wait_started`/`connection_wait_finished`,
/// `attempt_finished`, then (when retried) `retry_wait_started`/`retry_wait_finished` and the
/// next attempt; `finished` last, once. Must not block. An exception thrown from a callback is
/// caught and counted in \ref client_stats::observer_errors; the operation goes on.
class call_observer {
public:
    virtual ~call_observer() = default;
    /// \brief An attempt starts; `headers` adds headers to its request (and to no other).
    virtual void attempt_started(const attempt_start_info& info, header_writer& headers) {
        (void)info;
        (void)headers;
    }
    /// \brief The attempt waits for one of the `max_connections` slots (all are busy).
    virtual void connection_wait_started() {}
    /// \brief The wait ended: a slot was granted (empty) or the attempt's deadline or a
    /// cancellation came first.
    virtual void connection_wait_finished(const boost::system::error_code& error) { (void)error; }
    /// \brief The attempt ended (after the retry decision, which `info` carries).
    virtual void attempt_finished(const attempt_end_info& info) { (void)info; }
    /// \brief The call waits `planned` before its next attempt.
    virtual void retry_wait_started(std::chrono::milliseconds planned) { (void)planned; }
    /// \brief That wait ended: elapsed (empty) or cancelled (`operation_aborted`; the call ends).
    virtual void retry_wait_finished(const boost::system::error_code& error) { (void)error; }
    /// \brief The operation ended with `error` (empty: success), as its handler sees it:
    /// decoding errors and a caller's cancellation (`operation_aborted`) included.
    virtual void finished(const boost::system::error_code& error) { (void)error; }
};

/// \brief Told about every operation of a client, set in \ref client_config::observer.
///
/// \par Thread safety
/// `capture_context` runs in the thread that starts an operation, so it can read
/// thread-local state such as the caller's active trace context; it may run concurrently with
/// itself and must be thread-safe. `start_call` and everything after it run on the client's
/// strand. The observer never sees the admin key nor the request's headers.
///
/// \par Cost
/// Without an observer (nor `on_attempt` or `log`), the request path makes no call and no
/// allocation for telemetry.
class observer {
public:
    virtual ~observer() = default;
    /// \brief Called when an operation is started (in the caller's thread, before anything
    /// runs): what it returns is handed to \ref start_call. Default: nothing.
    virtual std::shared_ptr<void> capture_context() { return nullptr; }
    /// \brief An operation starts, on the strand. Returns the observer of its events (null:
    /// none). `context` is what \ref capture_context returned when it was started.
    virtual std::unique_ptr<call_observer> start_call(const operation_info& op, std::shared_ptr<void> context) = 0;
};

/// \brief A short name of what went wrong, for OpenTelemetry's `error.type` and similar:
/// the HTTP status as text for a response of 400 or more; for a transport error one of
/// `timeout`, `cancelled`, `connection_refused`, `connection_reset`, `connection_closed`,
/// `name_resolution_failed`, `tls_verify_failed`, `tls_handshake_failed`, `proxy_refused`,
/// `body_too_large`, `response_invalid`, or `_OTHER`; empty when neither (success).
OPENAI_ADMIN_DECL std::string error_type_of(unsigned status, const boost::system::error_code& error);

} // namespace openai::admin

#ifdef OPENAI_ADMIN_HEADER_ONLY
#include <openai/admin/impl/telemetry.ipp>
#endif

#endif
