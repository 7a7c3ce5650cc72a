// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_CONNECTION_POOL_HPP
#define OPENAI_ADMIN_DETAIL_CONNECTION_POOL_HPP

// Connections and the pool that bounds them. A request holds a `lease`: a slot (the right to
// have one connection open) and, once connected, the connection itself. At most `max` slots
// exist; further requests wait in FIFO order. A connection is used by one request at a time:
// it is either in a lease or in the idle list. Everything runs on the client's strand.

#include <openai/admin/detail/telemetry.hpp>
#include <openai/admin/error.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <variant>

#include <sys/socket.h>
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

// The deadline of a request on a connection: when it passes, the socket is closed, so every
// pending operation fails (the caller reports beast::error::timeout). One timer per connection,
// armed once per exchange: beast::tcp_stream's expiry re-arms a timer for every read and write,
// each a timerfd_settime syscall when it is the earliest timer. Its handler holds only the
// shared state, so it may run after the connection is gone.
class watchdog {
public:
    explicit watchdog(const asio::any_io_executor& ex) : st_(std::make_shared<state>(ex)) {}
    watchdog(const watchdog&) = delete;
    watchdog& operator=(const watchdog&) = delete;
    ~watchdog() { disarm(); }

    void arm(tcp::socket& sock, steady_clock::time_point deadline) {
        st_->sock = &sock;
        st_->fired = false;
        const auto generation = ++st_->generation;
        st_->timer.expires_at(deadline);
        st_->timer.async_wait([st = st_, generation](const error_code& ec) {
            // A wait that expired after disarm() or re-arm may still run: the generation tells.
            if (ec || st->generation != generation || st->sock == nullptr)
                return;
            st->fired = true;
            error_code ignored;
            st->sock->close(ignored);
        });
    }

    // Stops watching; true if the deadline passed (and the socket was closed) meanwhile.
    bool disarm() {
        if (st_->sock == nullptr)
            return st_->fired;
        st_->sock = nullptr;
        ++st_->generation;
        st_->timer.cancel();
        return st_->fired;
    }

private:
    struct state {
        asio::steady_timer timer;
        tcp::socket* sock = nullptr;
        bool fired = false;
        std::uint64_t generation = 0;
        explicit state(const asio::any_io_executor& ex) : timer(ex) {}
    };
    std::shared_ptr<state> st_;
};

struct connection {
    using plain_stream = beast::tcp_stream;
    using tls_stream = beast::ssl_stream<beast::tcp_stream>;

    std::variant<plain_stream, tls_stream> stream;
    beast::flat_buffer buffer;
    steady_clock::time_point idle_since{};
    watchdog deadline; // of the exchange in progress (connecting uses tcp_stream's expiry)
    asio::ip::tcp::endpoint peer{}; // where it is connected to (set by opened())

    explicit connection(const asio::any_io_executor& ex)
        : stream(std::in_place_type<plain_stream>, ex), deadline(ex) {}
    connection(const asio::any_io_executor& ex, ssl::context& ctx)
        : stream(std::in_place_type<tls_stream>, ex, ctx), deadline(ex) {}
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    ~connection() {
        if (counters_)
            counters_->connections_closed.add();
    }

    // The TCP connection to `ep` is established: counted as opened now, and as closed when
    // this object goes (whichever way it ends, it ends with it).
    void opened(const asio::ip::tcp::endpoint& ep, client_counters& counters) noexcept {
        peer = ep;
        counters_ = &counters;
        counters.connections_opened.add();
    }

    beast::tcp_stream& tcp() {
        return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); }, stream);
    }

    // An idle HTTP/1.1 connection must have nothing to read: pending bytes or EOF mean the
    // server closed it (or broke the protocol). Checked without blocking, before reuse.
    bool looks_alive() {
        auto& sock = tcp().socket();
        if (!sock.is_open())
            return false;
        char byte;
        const auto n = ::recv(sock.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }

    // Closes without a TLS close_notify: the connection is being dropped, not finished.
    void close() {
        error_code ignored;
        tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
        tcp().close();
    }

private:
    client_counters* counters_ = nullptr;
};

class connection_pool;

// A slot of the pool, with its connection once there is one. Destroying a lease that still
// holds its slot closes the connection (it may be mid-request) and frees the slot.
class lease {
public:
    lease() = default;
    lease(const lease&) = delete;
    lease& operator=(const lease&) = delete;
    inline ~lease();

    bool holds_slot() const noexcept { return pool_ != nullptr; }
    connection* conn() const noexcept { return conn_.get(); }
    bool reused() const noexcept { return reused_; }
    void set(std::unique_ptr<connection> c) { conn_ = std::move(c); }

    // The connection can serve another request: back to the pool (or to a waiting request).
    inline void recycle();
    // The connection is done with (closed) but the slot is kept, to connect anew.
    void drop_connection() {
        if (conn_)
            conn_->close();
        conn_.reset();
        reused_ = false;
    }

private:
    friend class connection_pool;
    connection_pool* pool_ = nullptr;
    std::unique_ptr<connection> conn_;
    bool reused_ = false;
};

class connection_pool {
public:
    connection_pool(std::size_t max_connections, std::chrono::milliseconds idle_timeout, client_counters& counters)
        : max_(std::max<std::size_t>(max_connections, 1)), idle_timeout_(idle_timeout), counters_(counters) {}

    connection_pool(const connection_pool&) = delete;
    connection_pool& operator=(const connection_pool&) = delete;
    ~connection_pool() {
        for (auto& c : idle_)
            c->close();
    }

    std::size_t open_slots() const noexcept { return slots_; }
    std::size_t idle_count() const noexcept { return idle_.size(); }

    // Fills `out` with a slot and, when one is idle and fresh, a connection to reuse, if one is
    // free now; false: all are taken (wait_for_slot). With `check_alive`, an idle connection
    // the server has closed is dropped rather than reused (a syscall); callers that detect and
    // replace a stale connection themselves (idempotent requests) skip it.
    bool try_acquire(lease& out, bool check_alive) {
        drop_expired();
        while (!idle_.empty()) {
            auto c = take_newest_idle();
            if (!check_alive || c->looks_alive()) {
                grant(out, std::move(c));
                return true;
            }
            c->close();
            --slots_;
        }
        if (slots_ < max_) {
            ++slots_;
            grant(out, nullptr);
            return true;
        }
        return false;
    }

    // After try_acquire failed: waits (FIFO) for a slot, until `deadline`
    // (-> beast::error::timeout) or cancellation (-> operation_aborted).
    asio::awaitable<error_code> wait_for_slot(const asio::any_io_executor& ex, lease& out,
                                              steady_clock::time_point deadline) {
        auto w = std::make_shared<waiter>(ex);
        w->timer.expires_at(deadline);
        waiters_.push_back(w);
        publish();
        waiter_guard guard{*this, w};
        auto [ec] = co_await w->timer.async_wait(use_tuple);
        if (!w->granted)
            co_return ec ? ec : error_code(beast::error::timeout);
        guard.w.reset();
        grant(out, std::move(w->conn));
        co_return error_code();
    }

private:
    friend class lease;

    struct waiter {
        asio::steady_timer timer;
        bool granted = false;
        std::unique_ptr<connection> conn; // with the slot, when handed over from a lease
        explicit waiter(const asio::any_io_executor& ex) : timer(ex) {}
    };

    // Leaves the queue when the wait ends without a grant, or when the waiting coroutine is
    // destroyed; a grant that arrived but was not taken is given back.
    struct waiter_guard {
        connection_pool& pool;
        std::shared_ptr<waiter> w;
        waiter_guard(connection_pool& p, std::shared_ptr<waiter> x) : pool(p), w(std::move(x)) {}
        waiter_guard(const waiter_guard&) = delete;
        waiter_guard& operator=(const waiter_guard&) = delete;
        ~waiter_guard() {
            if (!w)
                return;
            if (w->granted) {
                pool.give_back(std::move(w->conn));
                return;
            }
            auto& q = pool.waiters_;
            q.erase(std::remove(q.begin(), q.end(), w), q.end());
            pool.publish();
        }
    };

    void grant(lease& out, std::unique_ptr<connection> c) {
        out.pool_ = this;
        out.reused_ = c != nullptr;
        out.conn_ = std::move(c);
    }

    std::unique_ptr<connection> take_newest_idle() {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        publish();
        return c;
    }

    // The gauges client::stats() reads from other threads.
    void publish() noexcept {
        counters_.idle_connections.set(idle_.size());
        counters_.waiting_for_connection.set(waiters_.size());
    }

    // Drops idle connections past idle_timeout (oldest first: idle_ is in release order).
    void drop_expired() {
        const auto now = steady_clock::now();
        std::size_t n = 0;
        while (n < idle_.size() && now - idle_[n]->idle_since >= idle_timeout_)
            idle_[n++]->close();
        if (n == 0)
            return;
        idle_.erase(idle_.begin(), idle_.begin() + static_cast<std::ptrdiff_t>(n));
        slots_ -= n;
        publish();
    }

    // A slot (with a reusable connection, or none) comes back: the first waiter gets it,
    // else the connection goes idle or the slot is freed.
    void give_back(std::unique_ptr<connection> c) {
        if (!waiters_.empty()) {
            auto w = std::move(waiters_.front());
            waiters_.pop_front();
            w->granted = true;
            w->conn = std::move(c);
            w->timer.cancel();
            publish();
            return;
        }
        if (c) {
            c->idle_since = steady_clock::now();
            idle_.push_back(std::move(c));
            publish();
        } else {
            --slots_;
        }
    }

    std::size_t max_;
    std::chrono::milliseconds idle_timeout_;
    client_counters& counters_;
    std::size_t slots_ = 0; // leases holding a slot + idle connections
    std::vector<std::unique_ptr<connection>> idle_;
    std::deque<std::shared_ptr<waiter>> waiters_;
};

lease::~lease() {
    if (pool_ == nullptr)
        return;
    drop_connection();
    pool_->give_back(nullptr);
}

void lease::recycle() {
    if (pool_ == nullptr)
        return;
    auto* p = pool_;
    pool_ = nullptr;
    p->give_back(std::move(conn_));
}

} // namespace openai::admin::detail

#endif
