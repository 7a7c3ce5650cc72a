// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_TESTING_FAULT_HPP
#define OPENAI_ADMIN_TESTING_FAULT_HPP

/// \file
/// \brief Scripted faults: what the fake server does instead of (or after) answering a request.

#include <openai/admin/testing/recorded_request.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace openai::admin::testing {

/// \brief How the fake server answers one request it was scripted for (\ref fake_server::inject).
///
/// Use the named constructors for the usual faults; the members combine for anything else. By
/// default the request is *not* handled (nothing is stored or changed) and the scripted status,
/// headers and body are sent instead of the normal answer. The request is always recorded.
struct fault {
    /// \brief Status of the scripted answer.
    unsigned status = 200;
    /// \brief Headers added to the answer (replacing a default of the same name:
    /// `content-type`, `x-request-id`, `date`).
    std::vector<std::pair<std::string, std::string>> headers{};
    /// \brief Body of the scripted answer.
    std::string body{};
    /// \brief Exact bytes written instead of an HTTP answer; the connection is closed after.
    std::optional<std::string> raw{};
    /// \brief Close the connection after answering (without adding `Connection: close`).
    bool close_after = false;
    /// \brief Read the request, then close the connection without answering.
    bool close_without_reply = false;
    /// \brief With `raw` or `close_without_reply`: close with a TCP RST instead of a FIN.
    bool reset = false;
    /// \brief Read the request and never answer, keeping the connection open (until the client
    /// goes away or the server stops).
    bool hang = false;
    /// \brief Wait this long before doing any of the above.
    std::chrono::milliseconds delay{0};
    /// \brief Handle the request first (an upload is stored, an activation applied), then do
    /// the above: e.g. with `close_without_reply` and `reset`, "stored, then the answer lost".
    bool process_first = false;
    /// \brief Handle the request and send its normal answer instead of `status`/`body` (after
    /// `delay`; `headers` and `close_after` still apply). Implies `process_first`.
    bool normal_answer = false;

    /// \brief An answer with this status and an OpenAI-style error body.
    static fault with_status(unsigned status);
    /// \brief An answer with this status and body (an OpenAI-style error body if empty).
    static fault with_status(unsigned status, std::string body);
    /// \brief An answer with this status, body (as above) and extra headers.
    static fault with_status(unsigned status, std::string body, std::vector<std::pair<std::string, std::string>> headers);
    /// \brief 429 with `retry-after-ms` (what the official SDKs honour first).
    static fault rate_limited(std::chrono::milliseconds retry_after);
    /// \brief 503 Service Unavailable.
    static fault unavailable();
    /// \brief An error status with `x-should-retry: true|false`, which overrides the retry policy.
    static fault should_retry(unsigned status, bool retry);
    /// \brief The request is read, then the connection is reset: nothing is answered or stored.
    static fault reset_before_reply();
    /// \brief Half of the status line and headers, then a reset.
    static fault reset_mid_reply();
    /// \brief A 200 whose body stops short of its `Content-Length`, then the connection closes.
    static fault truncated_body();
    /// \brief A 200 whose body is not JSON.
    static fault malformed_json();
    /// \brief No answer at all, the connection kept open: the client's timeout must act.
    static fault no_reply();
    /// \brief The normal answer (the request is handled), sent after `d`.
    static fault delayed(std::chrono::milliseconds d);
    /// \brief The normal answer, then the connection is closed: the next request on a reused
    /// connection finds it gone.
    static fault close_after_reply();
};

/// \brief Called for each request no injected fault matched (on the server's thread, under its
/// lock: it must not call the server). Returning a fault replaces the normal handling.
using fault_hook = std::function<std::optional<fault>(const recorded_request&)>;

}  // namespace openai::admin::testing

#endif
