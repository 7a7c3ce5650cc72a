// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_STATS_HPP
#define OPENAI_ADMIN_STATS_HPP

/// \file
/// \brief A client's counters (\ref openai::admin::client_stats), without any telemetry library.

#include <cstdint>

namespace openai::admin {

/// \brief A snapshot of a client's counters since it was made (\ref client::stats).
///
/// Each field is exact when read, but the fields are read one after the other, so a snapshot
/// taken while operations run need not add up (e.g. `requests` may count a call whose
/// `attempts` is not counted yet). Copies of a client share one set.
///
/// \par Thread safety
/// A plain value, independent of the client once taken. \ref client::stats may be called from
/// any thread, also while operations run: the counters are atomics.
struct client_stats {
    std::uint64_t requests = 0;  ///< operations started (a list counts one per page fetched), refused ones included
    std::uint64_t attempts = 0;  ///< attempts sent or tried: `requests` - `rejected` + `retries`, once all have ended
    std::uint64_t retries = 0;   ///< attempts after an operation's first
    std::uint64_t succeeded = 0; ///< operations that ended without error

    /// \name Operations that ended in error, by kind
    /// @{
    std::uint64_t rejected = 0;         ///< refused before sending (`client_errc::invalid_argument`)
    std::uint64_t http_errors = 0;      ///< an error status (`api_errc`)
    std::uint64_t timeouts = 0;         ///< `request_timeout` or `total_timeout` expired
    std::uint64_t network_errors = 0;   ///< connection, TLS or proxy failures
    std::uint64_t response_errors = 0;  ///< a 2xx response that could not be decoded
    std::uint64_t cancelled = 0;        ///< cancelled by the caller (`operation_aborted`)
    std::uint64_t other_errors = 0;     ///< anything else (e.g. `upload_outcome_unknown`)
    /// @}

    std::uint64_t open_connections = 0;   ///< connections open now (in use or idle)
    std::uint64_t idle_connections = 0;   ///< of which idle, kept alive for reuse
    std::uint64_t waiting_for_connection = 0; ///< attempts waiting now for one of `max_connections`
    std::uint64_t connections_opened = 0; ///< TCP connections established
    std::uint64_t connections_closed = 0; ///< of those, closed since
    std::uint64_t observer_errors = 0;    ///< exceptions thrown by the \ref observer, caught
};

} // namespace openai::admin

#endif
