// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_CLIENT_IMPL_HPP
#define OPENAI_ADMIN_DETAIL_CLIENT_IMPL_HPP

// The one request path: connect (resolve, TCP, TLS), write, read, keep the connection for
// reuse when the response allows it. Everything runs on the client's strand, so the idle list
// needs no lock; every wait has the per-request deadline; nothing blocks.

#include <openai/admin/config.hpp>
#include <openai/admin/detail/protocol.hpp>
#include <openai/admin/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace openai::admin::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using steady_clock = std::chrono::steady_clock;

inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Read buffer capacity: Beast reads only 512 bytes at a time into a buffer without room.
inline constexpr std::size_t read_buffer_capacity = 16 * 1024;

struct connection {
    using plain_stream = beast::tcp_stream;
    using tls_stream = beast::ssl_stream<beast::tcp_stream>;

    std::variant<plain_stream, tls_stream> stream;
    beast::flat_buffer buffer;
    steady_clock::time_point idle_since{};

    explicit connection(const asio::any_io_executor& ex) : stream(std::in_place_type<plain_stream>, ex) {}
    connection(const asio::any_io_executor& ex, ssl::context& ctx) : stream(std::in_place_type<tls_stream>, ex, ctx) {}

    beast::tcp_stream& tcp() {
        return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); }, stream);
    }

    // Closes without a TLS close_notify: the connection is being dropped, not finished.
    void close() {
        error_code ignored;
        tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
        tcp().close();
    }
};

struct http_result {
    error_code ec;
    std::string body;
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

class client_impl : public std::enable_shared_from_this<client_impl> {
public:
    // Throws api_error (client_errc::missing_admin_key / invalid_config) on a bad config.
    client_impl(const asio::any_io_executor& ex, client_config cfg)
        : strand_(asio::make_strand(ex)), cfg_(std::move(cfg)), ssl_ctx_(ssl::context::tls_client) {
        std::string why;
        error_code ec = make_request_headers(cfg_, headers_, why);
        if (!ec)
            ec = parse_base_url(cfg_.base_url, url_, why);
        if (!ec && url_.tls)
            ec = setup_tls(why);
        if (ec) {
            diagnostics diag;
            diag.message = std::move(why);
            throw api_error(ec, std::move(diag));
        }
    }

    client_impl(const client_impl&) = delete;
    client_impl& operator=(const client_impl&) = delete;
    ~client_impl() {
        for (auto& c : idle_)
            c->close();
    }

    const asio::any_io_executor& get_executor() const noexcept { return strand_; }
    const client_config& config() const noexcept { return cfg_; }

    // Sends one request and returns the body of a 2xx response; any other outcome is an
    // error with `diag` filled. Must run on the strand.
    asio::awaitable<http_result> send(const request_spec& spec, diagnostics* diag) {
        if (spec.error) {
            if (diag)
                diag->message = spec.error_message;
            co_return http_result{spec.error, {}};
        }
        auto req = make_http_request(url_, headers_, spec);
        // A reused connection may have been closed by the server while idle: then the request
        // goes once more on a new connection (nothing of it was answered).
        for (bool retried_stale = false;;) {
            auto deadline = steady_clock::now() + cfg_.request_timeout;
            auto conn = take_idle();
            bool reused = conn != nullptr;
            error_code ec;
            if (!reused)
                conn = co_await connect(deadline, ec);
            if (ec) {
                explain(diag, ec, "connecting to ");
                co_return http_result{ec, {}};
            }

            beast::http::response_parser<beast::http::string_body> parser;
            parser.body_limit(cfg_.max_response_body);
            conn->tcp().expires_at(deadline);
            ec = co_await std::visit([&](auto& s) { return exchange(s, conn->buffer, req, parser); }, conn->stream);
            if (ec) {
                conn->close();
                if (reused && !retried_stale && !parser.got_some() && is_stale_connection_error(ec)) {
                    retried_stale = true;
                    continue;
                }
                explain(diag, ec, "exchanging the request with ");
                co_return http_result{ec, {}};
            }
            auto& res = parser.get();
            if (res.keep_alive() && !res.need_eof())
                release(std::move(conn));
            else
                conn->close();
            http_result out;
            out.ec = interpret_response(res.result_int(), res, res.body(), cfg_.admin_key, diag);
            out.body = std::move(res.body());
            co_return out;
        }
    }

private:
    // Transport errors keep their Asio code; the message says which step failed, and where.
    void explain(diagnostics* diag, const error_code& ec, const char* step) const {
        if (diag == nullptr)
            return;
        diag->message = step + url_.host_header;
        if (ec == beast::error::timeout)
            diag->message += " (request_timeout " + std::to_string(cfg_.request_timeout.count()) + " ms)";
    }

    error_code setup_tls(std::string& why) {
        error_code ec;
        ssl_ctx_.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                             ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        ssl_ctx_.set_verify_mode(ssl::verify_peer);
        if (cfg_.tls.use_system_trust_store && ssl_ctx_.set_default_verify_paths(ec)) {
            why = "cannot load the system trust store: " + ec.message();
            return client_errc::invalid_config;
        }
        if (!cfg_.tls.ca_file.empty() && ssl_ctx_.load_verify_file(cfg_.tls.ca_file, ec)) {
            why = "cannot load CA file \"" + cfg_.tls.ca_file + "\": " + ec.message();
            return client_errc::invalid_config;
        }
        if (!cfg_.tls.ca_pem.empty() && ssl_ctx_.add_certificate_authority(asio::buffer(cfg_.tls.ca_pem), ec)) {
            why = "cannot load CA PEM: " + ec.message();
            return client_errc::invalid_config;
        }
        return {};
    }

    std::unique_ptr<connection> take_idle() {
        auto now = steady_clock::now();
        while (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            if (now - c->idle_since < cfg_.idle_timeout)
                return c;
            c->close();
        }
        return nullptr;
    }

    void release(std::unique_ptr<connection> c) {
        if (idle_.size() >= cfg_.max_connections) {
            c->close();
            return;
        }
        c->idle_since = steady_clock::now();
        idle_.push_back(std::move(c));
    }

    // The resolver ignores per-operation cancellation and has no timeout: a timer and the
    // coroutine's cancellation slot both cancel it instead. Both are undone on every exit,
    // exceptions included (a cancelled awaitable throws at its next co_await), or the timer
    // would keep the io_context busy until the deadline.
    asio::awaitable<tcp::resolver::results_type> resolve(steady_clock::time_point deadline, error_code& ec) {
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
        auto [e, results] = co_await st->resolver.async_resolve(url_.host, url_.port, use_tuple);
        ec = st->timed_out ? error_code(beast::error::timeout) : e;
        co_return results;
    }

    asio::awaitable<std::unique_ptr<connection>> connect(steady_clock::time_point deadline, error_code& ec) {
        auto endpoints = co_await resolve(deadline, ec);
        if (ec)
            co_return nullptr;
        auto conn = url_.tls ? std::make_unique<connection>(strand_, ssl_ctx_) : std::make_unique<connection>(strand_);
        conn->buffer.reserve(read_buffer_capacity);
        conn->tcp().expires_at(deadline);
        auto [e, ep] = co_await conn->tcp().async_connect(endpoints, use_tuple);
        if (e) {
            ec = e;
            co_return nullptr;
        }
        conn->tcp().socket().set_option(tcp::no_delay(true), ec);
        ec = {};
        if (auto* s = std::get_if<connection::tls_stream>(&conn->stream)) {
            ec = co_await handshake(*s, deadline);
            if (ec) {
                conn->close();
                co_return nullptr;
            }
        }
        co_return conn;
    }

    asio::awaitable<error_code> handshake(connection::tls_stream& s, steady_clock::time_point deadline) {
        error_code ec;
        asio::ip::make_address(url_.host, ec);
        bool is_ip = !ec;
        // SNI is for names only (RFC 6066); the certificate check covers names and IPs.
        if (!is_ip && !SSL_set_tlsext_host_name(s.native_handle(), url_.host.c_str()))
            co_return error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
        s.set_verify_callback(ssl::host_name_verification(url_.host));
        beast::get_lowest_layer(s).expires_at(deadline);
        auto [e] = co_await s.async_handshake(ssl::stream_base::client, use_tuple);
        co_return e;
    }

    template <class Stream>
    static asio::awaitable<error_code> exchange(Stream& s, beast::flat_buffer& buffer,
                                                const beast::http::request<beast::http::string_body>& req,
                                                beast::http::response_parser<beast::http::string_body>& parser) {
        auto [we, wn] = co_await beast::http::async_write(s, req, use_tuple);
        if (we)
            co_return we;
        auto [re, rn] = co_await beast::http::async_read(s, buffer, parser, use_tuple);
        co_return re;
    }

    asio::any_io_executor strand_;
    client_config cfg_;
    base_url url_;
    request_headers headers_;
    ssl::context ssl_ctx_;
    std::vector<std::unique_ptr<connection>> idle_;
};

} // namespace openai::admin::detail

#endif
