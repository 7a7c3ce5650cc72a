// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_TESTING_FAKE_SERVER_HPP
#define OPENAI_ADMIN_TESTING_FAKE_SERVER_HPP

/// \file
/// \brief The Admin API's certificate endpoints on loopback
/// (\ref openai::admin::testing::fake_server), with the API's semantics, for the tests of code
/// that uses the SDK.

#include <openai/admin/config.hpp>
#include <openai/admin/testing/fault.hpp>
#include <openai/admin/testing/pem.hpp>
#include <openai/admin/testing/recorded_request.hpp>
#include <openai/admin/testing/state.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace openai::admin::testing {

/// \brief How a \ref fake_server listens and behaves.
struct fake_server_options {
    /// \brief HTTPS with a CA the server makes at start; `false`: plain HTTP.
    bool tls = true;
    /// \brief The admin key every request must carry (`Authorization: Bearer ...`); else 401.
    std::string admin_key = "sk-admin-test-key";
    /// \brief IP literal or resolvable name to listen on.
    std::string host = "127.0.0.1";
    /// \brief 0: an ephemeral port (see \ref fake_server::port).
    unsigned short port = 0;
    /// \brief The organization's certificate limit (uploads beyond it get 400
    /// `certificate_limit_exceeded`; seeding beyond it throws).
    std::size_t max_certificates = 50;
    /// \brief `false`: every answer carries `Connection: close` and the server closes.
    bool keep_alive = true;
    /// \brief Where the routes live (`""` allowed).
    std::string path_prefix = "/v1";
    /// \brief The server's TLS identity; default: \ref make_server_identity().
    std::optional<tls_identity> identity{};
    /// \brief The upload checks the real API makes beyond parsing, off by default: CA:TRUE,
    /// subject and authority key ids, not expiring within a day, PEM under 16 KiB (400
    /// `invalid_certificate` naming the rule).
    bool strict_certificate_checks = false;
    /// \brief Mutual TLS with a client identity the server makes: every client must present it,
    /// and \ref fake_server::client_config includes it.
    bool mutual_tls = false;
    /// \brief Mutual TLS with your own client CA (PEM): every client must present a certificate
    /// it signed. Takes precedence over `mutual_tls`.
    std::string client_ca_pem{};
    /// \brief One line per request on stderr.
    bool log_requests = false;
};

/// \brief A fake OpenAI Admin API (the ten certificate operations) listening on loopback.
///
/// It models what the API promises: the admin key, the certificate limit, PEM parsing (validity
/// dates from the certificate), delete only when inactive everywhere (409 otherwise), atomic and
/// idempotent activation of 1-10 ids per scope, list order and cursors (`first_id`, `last_id`,
/// `has_more`, `after`, `limit`, `order`), 404s for unknown ids, an `x-request-id` and a `Date`
/// on every answer. It does not model rate limits or the API's exact error texts.
///
/// \par Threads
/// Either it runs its own `io_context` on a thread of its own (the constructors without an
/// `io_context`), or it runs on yours: then it serves only while you run that `io_context`.
///
/// \par Thread safety
/// Every member function but the destructor may be called from any thread, concurrently.
/// State, recorded requests and faults are guarded by one lock; a change is seen by the next
/// request. With your `io_context`, mind \ref wait_for_requests and
/// \ref close_idle_connections; a \ref fault_hook must not call the server.
///
/// \par Object lifetimes
/// Listening on return from the constructor. The destructor closes every connection; with your
/// `io_context`, the sockets close when it next runs (or is destroyed), and that `io_context`
/// must outlive the server. The references \ref ca_pem and \ref client_identity return are
/// valid as long as the server.
class fake_server {
public:
    /// \brief Starts the server on a thread of its own, with the default options.
    fake_server();
    /// \brief Starts the server on a thread of its own. Throws `boost::system::system_error` if
    /// it cannot listen, `std::invalid_argument` for bad options.
    explicit fake_server(fake_server_options options);
    /// \brief Starts the server on `io` (nothing is served until `io` runs).
    explicit fake_server(boost::asio::io_context& io);
    /// \brief Starts the server on `io` with `options`.
    fake_server(boost::asio::io_context& io, fake_server_options options);
    /// \brief Closes every connection; with its own thread, joins it.
    ~fake_server();
    fake_server(const fake_server&) = delete;
    fake_server& operator=(const fake_server&) = delete;

    /// \name Where it is
    /// \{

    /// \brief A client configuration pointed at this server: `base_url`, `admin_key`, trust in
    /// this server's CA only (`tls.ca_pem`, no system store), and with `mutual_tls` the client
    /// identity as `tls.client_cert_pem` and `tls.client_key_pem` (no file fields are set).
    /// Everything else has the SDK's defaults (e.g. 2 retries).
    openai::admin::client_config client_config() const;
    /// \brief The port it listens on.
    unsigned short port() const;
    /// \brief E.g. `https://127.0.0.1:PORT/v1`.
    std::string base_url() const;
    /// \brief \ref base_url without the path prefix.
    std::string root_url() const;
    /// \brief The CA that signed the server's certificate (PEM); empty without TLS.
    const std::string& ca_pem() const;
    /// \brief The client identity made for `mutual_tls` (nothing otherwise).
    const std::optional<tls_identity>& client_identity() const;
    /// \}

    /// \name State
    /// \{

    /// \brief Adds certificates, all or none. Returns their ids, in order. Throws
    /// `std::invalid_argument` naming the entry when the limit would be exceeded, an id is
    /// empty, taken or has `/`, `?`, `#`, CR, LF or a space, a PEM is not one certificate, or
    /// a project id is empty or has `/`, CR or LF.
    std::vector<std::string> seed(const std::vector<seed_certificate>& certificates);
    /// \brief Adds `n` inactive certificates `seed 0`, `seed 1`, ... with the server's own CA
    /// PEM, created at `first_created_at`, `first_created_at + 1`, ... Returns their ids.
    std::vector<std::string> seed_certificates(std::size_t n, std::int64_t first_created_at = 1700000000);
    /// \brief Every certificate, oldest first (by `created_at`, then by arrival).
    std::vector<certificate_state> certificates() const;
    /// \brief The certificate `id`. Throws `std::out_of_range` naming it when there is none.
    certificate_state certificate(std::string_view id) const;
    /// \brief Whether there is a certificate `id`.
    bool has_certificate(std::string_view id) const;
    /// \brief How many certificates there are.
    std::size_t certificate_count() const;
    /// \brief Whether `id` is active for the organization. Throws `std::out_of_range` for an
    /// unknown id.
    bool is_active_in_organization(std::string_view id) const;
    /// \brief Whether `id` is active in `project`. Throws `std::out_of_range` for an unknown id.
    bool is_active_in_project(std::string_view project, std::string_view id) const;
    /// \brief Ids active for the organization, oldest first.
    std::vector<std::string> active_in_organization() const;
    /// \brief Ids active in `project`, oldest first.
    std::vector<std::string> active_in_project(std::string_view project) const;
    /// \brief Drops every certificate, activation, fault, hook and recorded request.
    void reset();
    /// \}

    /// \name Recorded requests
    /// \{

    /// \brief Every request since the start (or the last \ref clear_requests), in arrival order.
    std::vector<recorded_request> requests() const;
    /// \brief The requests routed to `operation` (one of \ref operation_names). Throws
    /// `std::invalid_argument` for any other name.
    std::vector<recorded_request> requests(std::string_view operation) const;
    /// \brief How many requests there were (routed to `operation`, when given).
    std::size_t request_count(std::string_view operation = {}) const;
    /// \brief Forgets the recorded requests.
    void clear_requests();
    /// \brief Blocks until at least `n` requests are recorded, or `timeout`; returns whether they
    /// were. With your `io_context`, call it from a thread that does not run it (else it throws
    /// `std::logic_error`: it would stop the very requests it waits for).
    bool wait_for_requests(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
    /// \}

    /// \name Faults
    /// \{

    /// \brief The next `times` requests (of any operation) get `f`.
    void inject(fault f, std::size_t times = 1);
    /// \brief The next `times` requests routed to `operation` get `f`. Faults apply in the order
    /// they were injected. Throws `std::invalid_argument` for a name not in \ref operation_names.
    void inject(std::string_view operation, fault f, std::size_t times = 1);
    /// \brief Injected faults not used yet.
    std::size_t pending_faults() const;
    /// \brief Called for each request no injected fault matched; empty: none.
    void set_fault_hook(fault_hook hook);
    /// \brief Closes every keep-alive connection now if it is waiting for a request, or right
    /// after the answer it is producing. With your `io_context`, call it from a thread that runs
    /// it or while another thread does.
    void close_idle_connections();
    /// \}

    /// \name Connections
    /// \{

    /// \brief Connections accepted so far.
    std::size_t connections_accepted() const;
    /// \brief Most connections open at once so far.
    std::size_t peak_open_connections() const;
    /// \brief TLS handshakes completed so far...
    std::size_t tls_handshakes() const;
    /// \brief ...of which resumed an earlier session.
    std::size_t resumed_handshakes() const;
    /// \}

    struct impl;

private:
    std::shared_ptr<impl> impl_;
};

}  // namespace openai::admin::testing

#endif
