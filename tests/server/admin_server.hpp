// Local fake of the OpenAI Admin API "certificates" endpoints (HTTP/1.1, optional TLS).
// Runs its own io_context on a background thread. Deliberately light: no Asio/Beast here.
// All public member functions are thread-safe.
#pragma once

#include "pem_tools.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oa_test {

struct server_options {
    bool tls = true;                          // false: plain HTTP
    std::string admin_key = "sk-admin-test-key";
    std::string host = "127.0.0.1";           // IP literal or resolvable name
    unsigned short port = 0;                  // 0 = ephemeral
    std::size_t max_certificates = 50;        // org upload limit
    bool keep_alive = true;                   // false: every response has Connection: close, then the server closes
    std::string path_prefix = "/v1";          // routes live under this prefix ("" allowed)
    std::optional<server_identity> identity{};  // TLS identity; default: make_server_identity()
    // Extra checks the real API makes on uploads (off by default): CA:TRUE, SKI, AKI,
    // not expiring within a day, PEM < 16 KiB. Violations: 400 code "invalid_certificate".
    bool strict_certificate_checks = false;
    bool log_requests = false;                // one line per request on stderr
    // Non-empty (TLS only): mutual TLS, every client must present a certificate signed by this CA.
    std::string client_ca_pem{};
};

struct recorded_request {
    std::string method{};
    std::string target{};  // raw, as sent
    std::string path{};    // percent-decoded per segment, prefix removed
    std::vector<std::pair<std::string, std::string>> query{};  // percent-decoded ('+' = space), in order
    std::map<std::string, std::string> headers{};  // lower-cased names; repeats joined with ", "
    std::string body{};
    std::size_t connection_index = 0;  // which accepted connection carried it (0,1,2,...)
};

struct scripted_reply {
    unsigned status = 200;
    std::vector<std::pair<std::string, std::string>> headers{};  // override/add to the defaults
    std::string body{};
    std::optional<std::string> raw{};  // exact bytes written instead; the connection is closed after
    bool close_after = false;        // close after sending (no Connection: close added unless in headers)
    bool close_without_reply = false;  // read the request, then close without answering
    bool reset = false;              // with raw/close_without_reply: close with a TCP RST (linger 0)
    bool hang = false;               // read the request, never answer, keep the connection open
    std::chrono::milliseconds delay{0};  // wait this long before doing any of the above
    // Handle the request as usual first (an upload is stored, an activation applied), then
    // answer as scripted: e.g. with reset + close_without_reply, "stored, then the reply lost".
    bool process_first = false;
};

// Called for each request for which no push_reply() reply is queued (on the server's thread,
// under its lock: it must not call the server). A reply replaces the normal handling.
using fault_hook = std::function<std::optional<scripted_reply>(const recorded_request&)>;

class admin_server {
public:
    explicit admin_server(server_options = {});  // listening on return; throws on bind failure
    ~admin_server();                             // closes everything and joins
    admin_server(const admin_server&) = delete;
    admin_server& operator=(const admin_server&) = delete;

    unsigned short port() const;
    std::string base_url() const;  // e.g. "https://127.0.0.1:PORT/v1"
    std::string root_url() const;  // without the prefix
    std::string const& ca_pem() const;  // empty when tls == false

    std::vector<recorded_request> requests() const;
    void clear_requests();
    std::size_t connections_accepted() const;
    std::size_t peak_open_connections() const;  // most connections open at once so far
    std::size_t tls_handshakes() const;         // TLS handshakes completed so far...
    std::size_t resumed_handshakes() const;     // ...of which resumed an earlier session
    // Closes every keep-alive connection now if it is waiting for a request, or right after the
    // response it is currently producing. Returns once idle ones are closed.
    void close_idle_connections();
    void push_reply(scripted_reply);  // FIFO, one per incoming request (which is still recorded)
    void set_fault_hook(fault_hook);  // empty: none. Cleared by reset().

    // Direct state access.
    // Adds n inactive certs cert_seed_000000, ... (numbering continues across calls until reset()),
    // named "seed N", created_at = first_created_at + i.
    void seed_certificates(std::size_t n, std::int64_t first_created_at = 1700000000);
    std::size_t certificate_count() const;
    void reset();  // drops certificates, activations, scripted replies, recorded requests
    bool is_active_org(std::string const& id) const;
    bool is_active_project(std::string const& project, std::string const& id) const;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace oa_test
