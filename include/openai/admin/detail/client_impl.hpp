// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_CLIENT_IMPL_HPP
#define OPENAI_ADMIN_DETAIL_CLIENT_IMPL_HPP

// The one request path: retry loop -> attempt (pool slot, connect: resolve, TCP, proxy
// CONNECT, TLS; write; read) -> response. Everything runs on the client's strand, so the pool
// needs no lock; every wait has the attempt's deadline; nothing blocks.

#include <openai/admin/config.hpp>
#include <openai/admin/detail/connection_pool.hpp>
#include <openai/admin/detail/protocol.hpp>
#include <openai/admin/detail/proxy.hpp>
#include <openai/admin/detail/retry.hpp>
#include <openai/admin/detail/telemetry.hpp>
#include <openai/admin/detail/tls_context.hpp>
#include <openai/admin/error.hpp>

#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <random>
#include <string>

namespace openai::admin::detail {

struct http_result {
    error_code ec;
    std::string body;
    std::optional<std::chrono::system_clock::time_point> date{}; // the Date header, if request_spec::wants_date
};

class client_impl;

// What became of a request that failed ambiguously (see ambiguous_failure).
struct recovery_result {
    enum kind { not_stored, stored, unknown } outcome = unknown;
    std::string body;   // stored: what the request's own 2xx answer would have carried
    std::string detail; // how it was found, or why it could not be
};

// Finds out whether a failed non-idempotent request took effect (upload_recovery.hpp).
class outcome_check {
public:
    // Runs on the strand; requests it sends must end by `deadline` (max(): no limit).
    virtual asio::awaitable<recovery_result> find(client_impl& client, steady_clock::time_point deadline) = 0;

protected:
    outcome_check() = default;
    outcome_check(const outcome_check&) = default;
    outcome_check& operator=(const outcome_check&) = default;
    ~outcome_check() = default;
};

// A reused connection the server has closed fails like this before any response byte.
inline bool is_stale_connection_error(const error_code& ec) {
    return ec == beast::http::error::end_of_stream || ec == asio::error::eof ||
           ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
           ec == asio::error::connection_aborted || ec == ssl::error::stream_truncated;
}

// A resolver with a deadline. (Not local to the coroutine: g++ 12 fails to mangle that.)
struct resolve_state {
    tcp::resolver resolver;
    asio::steady_timer timer;
    bool timed_out = false;
    explicit resolve_state(const asio::any_io_executor& ex) : resolver(ex), timer(ex) {}
};

// Undoes resolve()'s cancellation hook and deadline timer on every exit.
struct resolve_cleanup {
    resolve_state& st;
    asio::cancellation_slot slot;
    resolve_cleanup(resolve_state& s, asio::cancellation_slot sl) : st(s), slot(sl) {}
    resolve_cleanup(const resolve_cleanup&) = delete;
    resolve_cleanup& operator=(const resolve_cleanup&) = delete;
    ~resolve_cleanup() {
        if (slot.is_connected())
            slot.clear();
        st.timer.cancel();
    }
};

// One attempt's outcome: a transport error (with the step that failed), or a response.
struct attempt_result {
    error_code ec;
    const char* step = "";
    std::string detail; // why, beyond the code (e.g. the proxy's answer)
    bool written = false; // the whole request went out: the server may have acted on it
    bool reused = false;  // on a kept-alive connection
    std::size_t request_bytes = 0, response_bytes = 0;
    tcp::endpoint peer{}; // of the connection used, if one was made
    beast::http::response<beast::http::string_body> res;
};

struct connect_result {
    error_code ec;
    std::unique_ptr<connection> conn;
    std::string detail; // why, beyond the code (e.g. the proxy's answer)
};

inline std::optional<std::string_view> header_value(const beast::http::fields& f, std::string_view name) {
    auto it = f.find(name);
    if (it == f.end())
        return std::nullopt;
    return std::string_view(it->value().data(), it->value().size());
}

class client_impl : public std::enable_shared_from_this<client_impl> {
public:
    // Throws api_error (client_errc::missing_admin_key / invalid_config) on a bad config.
    client_impl(const asio::any_io_executor& ex, client_config cfg)
        : strand_(asio::make_strand(ex)), cfg_(std::move(cfg)), observer_(make_client_observer(cfg_)),
          pool_(cfg_.max_connections, cfg_.idle_timeout, counters_), rng_(std::random_device{}()) {
        std::string why;
        request_headers headers;
        error_code ec = check_limits(why);
        if (!ec)
            ec = make_request_headers(cfg_, headers, why);
        if (!ec)
            ec = parse_base_url(cfg_.base_url, url_, why);
        if (!ec)
            ec = setup_proxy(why);
        if (!ec)
            std::from_chars(url_.port.data(), url_.port.data() + url_.port.size(), server_port_);
        if (!ec && url_.tls)
            ec = tls_.configure(cfg_.tls, why);
        if (!ec) {
            // Plain HTTP through a proxy: absolute-form targets, credentials on every request.
            const bool via_proxy = proxy_ && !url_.tls;
            wire_ = make_wire_headers(url_, headers, via_proxy ? std::string_view(proxy_->authorization) : "");
            target_prefix_ = (via_proxy ? "http://" + url_.host_header : std::string()) + url_.path_prefix;
        }
        if (ec) {
            diagnostics diag;
            diag.message = std::move(why);
            throw api_error(ec, std::move(diag));
        }
    }

    client_impl(const client_impl&) = delete;
    client_impl& operator=(const client_impl&) = delete;

    const asio::any_io_executor& get_executor() const noexcept { return strand_; }
    const client_config& config() const noexcept { return cfg_; }
    const connection_pool& pool() const noexcept { return pool_; }
    client_stats stats() const noexcept { return counters_.snapshot(); }

    // In the thread that starts an operation: what the observer wants to keep of it.
    std::shared_ptr<void> capture_context() {
        if (!observer_)
            return nullptr;
        try {
            return observer_->capture_context();
        } catch (...) {
            counters_.observer_errors.add_shared();
            return nullptr;
        }
    }

    // On the strand: an operation sending `spec` starts (its end: call_scope::finish).
    call_scope begin(const request_spec& spec, std::shared_ptr<void> context) {
        std::unique_ptr<call_observer> call;
        if (observer_) {
            const std::string path = url_.path_prefix + spec.target;
            const std::string url = (url_.tls ? "https://" : "http://") + url_.host_header + path;
            operation_info op;
            op.name = spec.operation;
            op.method = to_string(spec.method);
            op.url = url;
            op.path = path;
            op.server_address = url_.host;
            op.server_port = server_port_;
            try {
                call = observer_->start_call(op, std::move(context));
            } catch (...) {
                counters_.observer_errors.add_shared();
            }
        }
        return call_scope(counters_, std::move(call));
    }

    // Sends one request, retrying as the policy says, and returns the body of a 2xx response;
    // any other outcome is an error with `diag` filled. Must run on the strand. With `check`,
    // a failure after which the request may have taken effect (ambiguous_failure) is not
    // retried blindly: `check` finds out first, and a found result completes the call.
    // Every event of the call goes to `scope`.
    asio::awaitable<http_result> send(const request_spec& spec, const request_options& opts, diagnostics* diag,
                                      call_scope& scope, outcome_check* check = nullptr) {
        if (spec.error) {
            if (diag)
                diag->message = spec.error_message;
            co_return http_result{spec.error, {}};
        }
        const unsigned max_retries = opts.max_retries.value_or(cfg_.max_retries);
        const auto per_attempt = opts.request_timeout.value_or(cfg_.request_timeout);
        const auto total = opts.total_timeout.value_or(cfg_.total_timeout);
        if (per_attempt.count() <= 0 || total.count() < 0) {
            if (diag)
                diag->message = "request_options: request_timeout must be positive, total_timeout not negative";
            co_return http_result{client_errc::invalid_argument, {}};
        }
        const auto call_deadline =
            total.count() > 0 ? steady_clock::now() + total : steady_clock::time_point::max();
        const std::string req = serialize_request(wire_, target_prefix_, spec);
        const bool idempotent =
            spec.idempotent || spec.method == http_method::get || spec.method == http_method::delete_;

        for (unsigned attempt = 1;; ++attempt) {
            if (diag)
                diag->clear();
            const auto started = steady_clock::now();
            const auto deadline = std::min(call_deadline, started + per_attempt);
            std::string added, with_added; // headers the observer adds to this attempt's request
            {
                header_writer headers(added, scope.observed() ? head_of(req) : std::string_view());
                scope.attempt_started(attempt_start_info{attempt, attempt - 1}, headers);
            }
            if (!added.empty())
                with_added = insert_headers(req, added);
            attempt_result a = co_await attempt_once(added.empty() ? req : with_added, idempotent, deadline, scope);

            http_result out;
            bool retry = false;
            if (a.ec) {
                out.ec = a.ec;
                retry = is_transient_transport_error(a.ec);
                explain(diag, a, steady_clock::now() >= call_deadline ? total : per_attempt,
                        steady_clock::now() >= call_deadline ? "total_timeout" : "request_timeout");
            } else {
                out.ec = interpret_response(a.res.result_int(), a.res, a.res.body(), cfg_.admin_key, diag);
                if (out.ec)
                    retry = is_retryable_status(a.res.result_int(), header_value(a.res, "x-should-retry"));
                if (auto date = spec.wants_date ? header_value(a.res, "date") : std::nullopt)
                    out.date = parse_http_date(*date);
                out.body = std::move(a.res.body());
            }

            if (check && ambiguous_failure(a.ec, a.written, a.ec ? 0 : a.res.result_int())) {
                recovery_result found = co_await check->find(*this, call_deadline);
                if (found.outcome != recovery_result::not_stored) {
                    report(scope, attempt, a, out.ec, started, false, {}); // its duration includes the check
                    co_return recovered(found, out.ec, attempt, diag);
                }
            }

            std::chrono::milliseconds delay{0};
            bool budget_cut = false;
            if (retry && attempt <= max_retries) {
                std::optional<std::chrono::milliseconds> asked;
                if (!a.ec)
                    asked = server_retry_delay(header_value(a.res, "retry-after-ms"), header_value(a.res, "retry-after"),
                                               std::chrono::system_clock::now());
                delay = asked ? *asked : backoff_delay(attempt - 1, std::uniform_real_distribution<double>(0, 1)(rng_));
                const auto left = call_deadline - steady_clock::now();
                if (left <= steady_clock::duration::zero() && out.ec == beast::error::timeout) {
                    retry = false; // the attempt ran out of the call's budget and its message says so
                } else {
                    // A wait that would end past the call's deadline cannot lead to a useful attempt.
                    budget_cut = left <= delay;
                    retry = !budget_cut;
                }
            } else {
                retry = false;
            }
            report(scope, attempt, a, out.ec, started, retry, delay);
            if (diag)
                diag->attempts = attempt;
            if (budget_cut) {
                if (diag) {
                    // The last attempt's error and message; its status, request id and the
                    // API's type/code/param stay in their own fields (what() shows them once).
                    std::string last = out.ec.message();
                    if (const std::string& said = diag->message.empty() ? diag->body : diag->message; !said.empty())
                        last += ": " + said;
                    diag->message = "stopped retrying: total_timeout of " + std::to_string(total.count()) + " ms" +
                                    (opts.total_timeout ? " (with_options)" : "") +
                                    " would be exceeded by the next wait (" + std::to_string(delay.count()) +
                                    " ms); last attempt: " + last;
                }
                co_return http_result{beast::error::timeout, {}};
            }
            if (!retry)
                co_return out;

            scope.retry_wait_started(delay);
            asio::steady_timer timer(strand_, delay);
            auto [wait_ec] = co_await timer.async_wait(use_tuple);
            scope.retry_wait_finished(wait_ec);
            if (wait_ec) { // cancelled
                if (diag) {
                    diag->message = "cancelled while waiting to retry";
                    diag->attempts = attempt;
                }
                co_return http_result{wait_ec, {}};
            }
        }
    }

    // Ids of certificates this client's uploads returned (the last few hundred): an upload
    // looking for the certificate it may have stored skips them. Strand only.
    bool is_known_upload(std::string_view id) const {
        return std::find(known_uploads_.begin(), known_uploads_.end(), id) != known_uploads_.end();
    }
    void remember_upload(std::string id) {
        if (known_uploads_.size() == max_known_uploads)
            known_uploads_.pop_front();
        known_uploads_.push_back(std::move(id));
    }

private:
    // The end of a call whose last attempt failed ambiguously and was then checked.
    static http_result recovered(recovery_result& found, const error_code& failure, unsigned attempt,
                                 diagnostics* diag) {
        if (found.outcome == recovery_result::stored) {
            if (diag) {
                diag->clear();
                diag->attempts = attempt;
                diag->recovered_upload = true;
                diag->message = "the answer to attempt " + std::to_string(attempt) + " was lost (" +
                                failure.message() + "); " + found.detail;
            }
            return http_result{error_code(), std::move(found.body), std::nullopt};
        }
        if (diag) {
            diag->attempts = attempt;
            diag->message = "the request was sent but its answer was lost (" + describe(failure, *diag) +
                            "), and whether it took effect is unknown: " + found.detail + "; not sent again";
        }
        return http_result{client_errc::upload_outcome_unknown, {}, std::nullopt};
    }

    error_code check_limits(std::string& why) const {
        if (cfg_.request_timeout.count() <= 0)
            why = "request_timeout must be positive";
        else if (cfg_.total_timeout.count() < 0)
            why = "total_timeout must not be negative (0: none)";
        else if (cfg_.max_connections == 0)
            why = "max_connections must be at least 1";
        else if (cfg_.idle_timeout.count() < 0)
            why = "idle_timeout must not be negative";
        else
            return {};
        return client_errc::invalid_config;
    }

    // Which hop the sockets go to: the proxy (unless no_proxy names the host) or the origin.
    error_code setup_proxy(std::string& why) {
        if (cfg_.proxy.url.empty() || no_proxy_matches(cfg_.proxy.no_proxy, url_.host, url_.port))
            return {};
        proxy_route route;
        if (auto ec = parse_proxy_url(cfg_.proxy.url, route, why))
            return ec;
        proxy_ = std::move(route);
        return {};
    }

    // One try: a pool slot, a connection (reused or new), the exchange. If a reused connection
    // turns out closed, nothing having been answered, an idempotent request (GET, DELETE,
    // activate, deactivate) goes once more on a new connection; others fail (and are retried
    // only as max_retries allows), so that upload and modify are never sent twice behind the
    // caller's back. So those only take an idle connection that still looks open
    // (looks_alive); idempotent requests skip that syscall.
    asio::awaitable<attempt_result> attempt_once(const std::string& req, bool idempotent,
                                                 steady_clock::time_point deadline, call_scope& scope) {
        attempt_result out;
        lease slot;
        if (!pool_.try_acquire(slot, !idempotent)) {
            scope.connection_wait_started();
            out.ec = co_await pool_.wait_for_slot(strand_, slot, deadline);
            scope.connection_wait_finished(out.ec);
            if (out.ec) {
                out.step = "waiting for a free connection to ";
                co_return out;
            }
        }
        for (bool replaced_stale = false;;) {
            const bool reused = slot.conn() != nullptr;
            if (!reused) {
                connect_result c = co_await connect(deadline);
                if (c.ec) {
                    out.ec = c.ec;
                    out.step = "connecting to ";
                    out.detail = std::move(c.detail);
                    co_return out;
                }
                slot.set(std::move(c.conn));
            }
            connection& conn = *slot.conn();
            out.reused = reused;
            out.peer = conn.peer;
            beast::http::response_parser<beast::http::string_body> parser;
            parser.body_limit(cfg_.max_response_body);
            conn.deadline.arm(conn.tcp().socket(), deadline);
            error_code ec = co_await std::visit(
                [&](auto& s) { return exchange(s, conn.buffer, req, parser, out.written, out.response_bytes); },
                conn.stream);
            out.request_bytes = out.written ? req.size() : 0;
            if (conn.deadline.disarm())
                ec = beast::error::timeout;
            if (ec) {
                slot.drop_connection();
                if (idempotent && reused && !replaced_stale && !parser.got_some() && is_stale_connection_error(ec)) {
                    replaced_stale = true;
                    out.written = false;
                    continue;
                }
                out.ec = ec;
                out.step = "exchanging the request with ";
                co_return out;
            }
            out.res = parser.release();
            if (out.res.keep_alive() && !out.res.need_eof()) {
                slot.recycle();
            } else {
                slot.drop_connection(); // the slot is freed with `slot`
            }
            co_return out;
        }
    }

    // The resolver ignores per-operation cancellation and has no timeout: a timer and the
    // coroutine's cancellation slot both cancel it instead. Both are undone on every exit,
    // exceptions included (a cancelled awaitable throws at its next co_await), or the timer
    // would keep the io_context busy until the deadline.
    asio::awaitable<tcp::resolver::results_type> resolve(const std::string& host, const std::string& port,
                                                         steady_clock::time_point deadline, error_code& ec) {
        auto st = std::make_shared<resolve_state>(strand_);
        auto slot = (co_await asio::this_coro::cancellation_state).slot();
        resolve_cleanup on_exit{*st, slot};
        st->timer.expires_at(deadline);
        st->timer.async_wait([st](const error_code& e) {
            if (!e) {
                st->timed_out = true;
                st->resolver.cancel();
            }
        });
        if (slot.is_connected())
            slot.assign([st](asio::cancellation_type) { st->resolver.cancel(); });
        auto [e, results] = co_await st->resolver.async_resolve(host, port, use_tuple);
        ec = st->timed_out ? error_code(beast::error::timeout) : e;
        co_return results;
    }

    asio::awaitable<connect_result> connect(steady_clock::time_point deadline) {
        connect_result out;
        const std::string& host = proxy_ ? proxy_->host : url_.host;
        const std::string& port = proxy_ ? proxy_->port : url_.port;
        auto endpoints = co_await resolve(host, port, deadline, out.ec);
        if (out.ec)
            co_return out;
        auto conn = url_.tls ? std::make_unique<connection>(strand_, tls_.context()) : std::make_unique<connection>(strand_);
        conn->buffer.reserve(read_buffer_capacity);
        conn->tcp().expires_at(deadline);
        auto [e, ep] = co_await conn->tcp().async_connect(endpoints, use_tuple);
        if ((out.ec = e))
            co_return out;
        conn->opened(ep, counters_);
        error_code ignored;
        conn->tcp().socket().set_option(tcp::no_delay(true), ignored);
        if (proxy_ && url_.tls) {
            if ((out.ec = co_await tunnel(conn->tcp(), deadline, out.detail))) {
                conn->close();
                co_return out;
            }
        }
        if (auto* s = std::get_if<connection::tls_stream>(&conn->stream)) {
            if ((out.ec = co_await handshake(*s, deadline))) {
                conn->close();
                co_return out;
            }
        }
        conn->tcp().expires_never(); // from now on conn->deadline watches each exchange
        out.conn = std::move(conn);
        co_return out;
    }

    // HTTP CONNECT through the proxy; on success the stream is a byte pipe to the origin.
    asio::awaitable<error_code> tunnel(beast::tcp_stream& s, steady_clock::time_point deadline, std::string& detail) {
        const std::string authority = (url_.host.find(':') != std::string::npos ? "[" + url_.host + "]" : url_.host) +
                                      ":" + url_.port;
        beast::http::request<beast::http::empty_body> req{beast::http::verb::connect, authority, 11};
        req.set(beast::http::field::host, authority);
        req.set(beast::http::field::user_agent, user_agent);
        if (!proxy_->authorization.empty())
            req.set(beast::http::field::proxy_authorization, proxy_->authorization);
        s.expires_at(deadline);
        auto [we, wn] = co_await beast::http::async_write(s, req, use_tuple);
        if (we)
            co_return we;
        // A CONNECT response has no body; nothing else may follow before our TLS hello.
        beast::flat_buffer buffer;
        beast::http::response_parser<beast::http::empty_body> parser;
        parser.skip(true);
        auto [re, rn] = co_await beast::http::async_read_header(s, buffer, parser, use_tuple);
        if (re)
            co_return re;
        const auto& res = parser.get();
        if (res.result_int() / 100 != 2) {
            detail = "the proxy " + proxy_->host + ":" + proxy_->port + " refused CONNECT " + authority + ": " +
                     std::to_string(res.result_int()) + " " + std::string(res.reason());
            co_return client_errc::proxy_refused;
        }
        co_return error_code();
    }

    asio::awaitable<error_code> handshake(connection::tls_stream& s, steady_clock::time_point deadline) {
        error_code ec;
        asio::ip::make_address(url_.host, ec);
        bool is_ip = !ec;
        // SNI is for names only (RFC 6066); the certificate check covers names and IPs.
        if (!is_ip && !SSL_set_tlsext_host_name(s.native_handle(), url_.host.c_str()))
            co_return error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
        s.set_verify_callback(ssl::host_name_verification(url_.host));
        tls_.offer_session(s.native_handle(), url_.host_header); // resumed if the server agrees
        beast::get_lowest_layer(s).expires_at(deadline);
        auto [e] = co_await s.async_handshake(ssl::stream_base::client, use_tuple);
        if (e)
            tls_.forget_session();
        co_return e;
    }

    template <class Stream>
    static asio::awaitable<error_code> exchange(Stream& s, beast::flat_buffer& buffer,
                                                const std::string& req,
                                                beast::http::response_parser<beast::http::string_body>& parser,
                                                bool& written, std::size_t& read) {
        auto [we, wn] = co_await asio::async_write(s, asio::buffer(req), use_tuple);
        if (we)
            co_return we;
        written = true;
        auto [re, rn] = co_await beast::http::async_read(s, buffer, parser, use_tuple);
        read = rn;
        co_return re;
    }

    // Transport errors keep their Asio code; the message says which step failed, and where.
    void explain(diagnostics* diag, const attempt_result& a, std::chrono::milliseconds limit,
                 const char* limit_name) const {
        if (diag == nullptr)
            return;
        diag->message = a.step + url_.host_header;
        if (proxy_)
            diag->message += " via proxy " + proxy_->host + ":" + proxy_->port;
        if (!a.detail.empty())
            diag->message += ": " + a.detail;
        if (a.ec == beast::error::timeout)
            diag->message += " (" + std::string(limit_name) + " " + std::to_string(limit.count()) + " ms)";
    }

    // The attempt's end, to the observer (on_attempt and the debug log are observers too).
    // Never the key: a request id echoing it is redacted.
    void report(call_scope& scope, unsigned attempt, const attempt_result& a, const error_code& ec,
                steady_clock::time_point started, bool will_retry, std::chrono::milliseconds delay) {
        if (!scope.observed())
            return;
        attempt_end_info info;
        info.attempt = attempt;
        info.status = a.ec ? 0 : a.res.result_int();
        info.error = ec;
        info.duration = std::chrono::duration_cast<std::chrono::nanoseconds>(steady_clock::now() - started);
        std::string request_id;
        if (!a.ec) {
            request_id = header_value(a.res, "x-request-id").value_or(std::string_view());
            redact(request_id, cfg_.admin_key);
        }
        info.request_id = request_id;
        std::string peer;
        if (a.peer.port() != 0) {
            peer = a.peer.address().to_string();
            info.peer_port = a.peer.port();
        }
        info.peer_address = peer;
        info.request_bytes = a.request_bytes;
        info.response_bytes = a.response_bytes;
        info.reused_connection = a.reused;
        info.will_retry = will_retry;
        info.retry_delay = will_retry ? delay : std::chrono::milliseconds(0);
        scope.attempt_finished(info);
    }

    // The request's head (request line and headers, without the blank line).
    static std::string_view head_of(const std::string& req) {
        const auto end = req.find("\r\n\r\n");
        return std::string_view(req).substr(0, end == std::string::npos ? req.size() : end + 2);
    }

    // `req` with `lines` ("Name: value\r\n"...) at the end of its head.
    static std::string insert_headers(const std::string& req, const std::string& lines) {
        std::string out = req;
        out.insert(head_of(req).size(), lines);
        return out;
    }

    asio::any_io_executor strand_;
    client_config cfg_;
    client_counters counters_;
    std::shared_ptr<observer> observer_; // null: no one listens
    std::uint16_t server_port_ = 0;
    base_url url_;
    wire_headers wire_;
    std::string target_prefix_; // path prefix, or absolute form through a plain-HTTP proxy
    std::optional<proxy_route> proxy_;
    tls_context tls_;
    connection_pool pool_;
    std::minstd_rand rng_;
    static constexpr std::size_t max_known_uploads = 256;
    std::deque<std::string> known_uploads_;
};

} // namespace openai::admin::detail

#endif
