// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_TELEMETRY_HPP
#define OPENAI_ADMIN_DETAIL_TELEMETRY_HPP

// The request path's side of the telemetry seam (telemetry.hpp): the client's counters, the
// per-operation call_scope every event goes through, and the two observers the SDK brings
// itself (client_config::on_attempt and the debug log), combined with the user's in one
// observer_list. With no observer at all, a call_scope holds nothing and every event is one
// null check.

#include <openai/admin/config.hpp>
#include <openai/admin/error.hpp>
#include <openai/admin/stats.hpp>
#include <openai/admin/telemetry.hpp>

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace openai::admin::detail {

// A counter written by one thread at a time (the strand) and read by any: relaxed atomics, a
// plain load and store when written (no locked instruction).
class stat_counter {
public:
    void add(std::uint64_t n = 1) noexcept { v_.store(v_.load(std::memory_order_relaxed) + n, std::memory_order_relaxed); }
    void sub(std::uint64_t n = 1) noexcept { v_.store(v_.load(std::memory_order_relaxed) - n, std::memory_order_relaxed); }
    // For a counter also written outside the strand.
    void add_shared() noexcept { v_.fetch_add(1, std::memory_order_relaxed); }
    void set(std::uint64_t n) noexcept { v_.store(n, std::memory_order_relaxed); }
    std::uint64_t get() const noexcept { return v_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> v_{0};
};

struct client_counters {
    stat_counter requests, attempts, retries, succeeded;
    stat_counter rejected, http_errors, timeouts, network_errors, response_errors, cancelled, other_errors;
    stat_counter idle_connections, waiting_for_connection, connections_opened, connections_closed;
    stat_counter observer_errors;

    // Counts an operation's outcome under its kind.
    void count_outcome(const error_code& ec) noexcept {
        if (!ec)
            succeeded.add();
        else if (ec == client_errc::invalid_argument)
            rejected.add();
        else if (ec.category() == api_category())
            http_errors.add();
        else if (ec == boost::beast::error::timeout)
            timeouts.add();
        else if (ec == boost::asio::error::operation_aborted)
            cancelled.add();
        else if (ec == client_errc::invalid_json || ec == client_errc::missing_field || ec == client_errc::wrong_type ||
                 ec == client_errc::pagination_stalled || ec.category() == make_error_code(boost::beast::http::error::end_of_stream).category())
            response_errors.add();
        else if (ec == client_errc::proxy_refused || ec.category() == boost::system::system_category() ||
                 ec.category() == boost::asio::error::get_netdb_category() ||
                 ec.category() == boost::asio::error::get_addrinfo_category() ||
                 ec.category() == boost::asio::error::get_misc_category() || ec.category().name() == std::string_view("asio.ssl") ||
                 ec.category().name() == std::string_view("asio.ssl.stream"))
            network_errors.add();
        else
            other_errors.add();
    }

    client_stats snapshot() const noexcept {
        client_stats s;
        s.requests = requests.get();
        s.attempts = attempts.get();
        s.retries = retries.get();
        s.succeeded = succeeded.get();
        s.rejected = rejected.get();
        s.http_errors = http_errors.get();
        s.timeouts = timeouts.get();
        s.network_errors = network_errors.get();
        s.response_errors = response_errors.get();
        s.cancelled = cancelled.get();
        s.other_errors = other_errors.get();
        s.idle_connections = idle_connections.get();
        s.waiting_for_connection = waiting_for_connection.get();
        s.connections_opened = connections_opened.get();
        s.connections_closed = connections_closed.get();
        const auto closed = s.connections_closed;
        s.open_connections = s.connections_opened >= closed ? s.connections_opened - closed : 0;
        s.observer_errors = observer_errors.get();
        return s;
    }
};

// One operation's events, from start to finish. Move-only; finishing twice reports once. An
// operation abandoned unfinished (its coroutine destroyed, e.g. with its io_context, or an
// exception) reports operation_aborted.
class call_scope {
public:
    call_scope(client_counters& counters, std::unique_ptr<call_observer> call) noexcept
        : counters_(&counters), call_(std::move(call)) {
        counters.requests.add();
    }
    call_scope(call_scope&& o) noexcept
        : counters_(std::exchange(o.counters_, nullptr)), call_(std::move(o.call_)) {}
    call_scope& operator=(call_scope&&) = delete;
    ~call_scope() { finish(boost::asio::error::operation_aborted); }

    bool observed() const noexcept { return call_ != nullptr; }

    void attempt_started(const attempt_start_info& info, header_writer& headers) {
        counters_->attempts.add();
        if (info.attempt > 1)
            counters_->retries.add();
        notify([&](call_observer& c) { c.attempt_started(info, headers); });
    }
    void connection_wait_started() {
        notify([](call_observer& c) { c.connection_wait_started(); });
    }
    void connection_wait_finished(const error_code& ec) {
        notify([&](call_observer& c) { c.connection_wait_finished(ec); });
    }
    void attempt_finished(const attempt_end_info& info) {
        notify([&](call_observer& c) { c.attempt_finished(info); });
    }
    void retry_wait_started(std::chrono::milliseconds planned) {
        notify([&](call_observer& c) { c.retry_wait_started(planned); });
    }
    void retry_wait_finished(const error_code& ec) {
        notify([&](call_observer& c) { c.retry_wait_finished(ec); });
    }
    void finish(const error_code& ec) noexcept {
        if (counters_ == nullptr)
            return;
        counters_->count_outcome(ec);
        notify([&](call_observer& c) { c.finished(ec); });
        call_.reset();
        counters_ = nullptr;
    }

private:
    // An observer's exception is its own problem, not the call's: counted and dropped.
    template <class F>
    void notify(F&& f) noexcept {
        if (!call_)
            return;
        try {
            f(*call_);
        } catch (...) {
            counters_->observer_errors.add_shared();
        }
    }

    client_counters* counters_;
    std::unique_ptr<call_observer> call_;
};

// Several observers as one: each one's context and call observer, in order. Each is told even
// when one before it throws; the first exception is rethrown after all were told.
class observer_list final : public observer {
public:
    explicit observer_list(std::vector<std::shared_ptr<observer>> all) : all_(std::move(all)) {}

    std::shared_ptr<void> capture_context() override {
        auto out = std::make_shared<std::vector<std::shared_ptr<void>>>(all_.size());
        for_each(all_, [&](observer& o, std::size_t i) { (*out)[i] = o.capture_context(); });
        return out;
    }

    std::unique_ptr<call_observer> start_call(const operation_info& op, std::shared_ptr<void> context) override {
        auto* contexts = static_cast<std::vector<std::shared_ptr<void>>*>(context.get());
        auto out = std::make_unique<calls>();
        out->each.resize(all_.size());
        for_each(all_, [&](observer& o, std::size_t i) {
            out->each[i] = o.start_call(op, contexts && i < contexts->size() ? (*contexts)[i] : nullptr);
        });
        return out;
    }

private:
    template <class T, class F>
    static void for_each(std::vector<T>& all, F&& f) {
        std::exception_ptr first;
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (!all[i])
                continue;
            try {
                f(*all[i], i);
            } catch (...) {
                if (!first)
                    first = std::current_exception();
            }
        }
        if (first)
            std::rethrow_exception(first);
    }

    struct calls final : call_observer {
        std::vector<std::unique_ptr<call_observer>> each;
        void attempt_started(const attempt_start_info& i, header_writer& h) override {
            for_each(each, [&](call_observer& c, std::size_t) { c.attempt_started(i, h); });
        }
        void connection_wait_started() override {
            for_each(each, [&](call_observer& c, std::size_t) { c.connection_wait_started(); });
        }
        void connection_wait_finished(const error_code& ec) override {
            for_each(each, [&](call_observer& c, std::size_t) { c.connection_wait_finished(ec); });
        }
        void attempt_finished(const attempt_end_info& i) override {
            for_each(each, [&](call_observer& c, std::size_t) { c.attempt_finished(i); });
        }
        void retry_wait_started(std::chrono::milliseconds d) override {
            for_each(each, [&](call_observer& c, std::size_t) { c.retry_wait_started(d); });
        }
        void retry_wait_finished(const error_code& ec) override {
            for_each(each, [&](call_observer& c, std::size_t) { c.retry_wait_finished(ec); });
        }
        void finished(const error_code& ec) override {
            for_each(each, [&](call_observer& c, std::size_t) { c.finished(ec); });
        }
    };
    std::vector<std::shared_ptr<observer>> all_;
};

// client_config::on_attempt and log_level::debug, as an observer: one attempt_info per
// attempt_finished.
class attempt_reporter final : public observer {
public:
    attempt_reporter(std::function<void(const attempt_info&)> on_attempt, bool log)
        : on_attempt_(std::move(on_attempt)), log_(log) {}

    std::unique_ptr<call_observer> start_call(const operation_info& op, std::shared_ptr<void>) override {
        return std::make_unique<call>(*this, op);
    }

private:
    struct call final : call_observer {
        const attempt_reporter& owner;
        std::string method, path;
        call(const attempt_reporter& o, const operation_info& op) : owner(o), method(op.method), path(op.path) {}
        void attempt_finished(const attempt_end_info& e) override {
            attempt_info info;
            info.method = method;
            info.path = path;
            info.attempt = e.attempt;
            info.status = e.status;
            info.error = e.error;
            info.latency = std::chrono::duration_cast<std::chrono::milliseconds>(e.duration);
            info.request_id = e.request_id;
            info.will_retry = e.will_retry;
            info.retry_delay = e.retry_delay;
            if (owner.on_attempt_)
                owner.on_attempt_(info);
            if (owner.log_)
                log_attempt(info);
        }
    };

    static void log_attempt(const attempt_info& i) {
        std::string line = "openai-admin: " + std::string(i.method) + " " + std::string(i.path) + " attempt " +
                           std::to_string(i.attempt) + ": ";
        line += i.status ? std::to_string(i.status) : i.error.message();
        line += " in " + std::to_string(i.latency.count()) + " ms";
        if (!i.request_id.empty())
            line += " (request " + std::string(i.request_id) + ")";
        if (i.will_retry)
            line += "; retrying in " + std::to_string(i.retry_delay.count()) + " ms";
        line += '\n';
        std::fputs(line.c_str(), stderr); // one write per line
    }

    std::function<void(const attempt_info&)> on_attempt_;
    bool log_;
};

// The observer a client with `cfg` reports to: null when nothing listens.
inline std::shared_ptr<observer> make_client_observer(const client_config& cfg) {
    std::vector<std::shared_ptr<observer>> all;
    if (cfg.observer)
        all.push_back(cfg.observer);
    if (cfg.on_attempt || cfg.log == log_level::debug)
        all.push_back(std::make_shared<attempt_reporter>(cfg.on_attempt, cfg.log == log_level::debug));
    if (all.empty())
        return nullptr;
    if (all.size() == 1)
        return std::move(all.front());
    return std::make_shared<observer_list>(std::move(all));
}

} // namespace openai::admin::detail

#endif
