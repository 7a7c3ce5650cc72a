// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The code blocks of docs/telemetry.md: client::stats(), an observer of one's own (the
// telemetry seam), client_config::on_attempt, the debug log and error_type_of. The
// OpenTelemetry blocks of that guide are excerpts of examples/tracing.cpp (it needs
// opentelemetry-cpp, which this executable does not link).
#include <openai/admin.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

namespace snippets::telemetry {

namespace asio = boost::asio;
namespace oa = openai::admin;

// ---------------------------------------------------------------------------------------------
// client::stats()
// ---------------------------------------------------------------------------------------------

// Logs the client's counters every `every`, e.g. next to the service's own metrics.
asio::awaitable<void> report_stats(oa::client api, std::chrono::seconds every) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (;;) {
        timer.expires_after(every);
        co_await timer.async_wait(asio::use_awaitable);
        const oa::client_stats s = api.stats(); // a snapshot, from any thread
        std::clog << "admin api: " << s.requests << " calls, " << s.retries << " retries, "
                  << s.succeeded << " ok, " << s.http_errors << " HTTP errors, " << s.timeouts
                  << " timeouts, " << s.network_errors << " network errors; " << s.open_connections
                  << " connections open (" << s.idle_connections << " idle), "
                  << s.waiting_for_connection << " waiting for one\n";
    }
}

// ---------------------------------------------------------------------------------------------
// An observer of one's own
// ---------------------------------------------------------------------------------------------

// The caller's correlation id, set by the caller before it starts a call.
thread_local std::string current_correlation_id;

// Sends the caller's correlation id with every attempt (`x-correlation-id`) and logs one line
// per operation: its name, outcome, attempts, time and last request id.
class correlation_log final : public oa::observer {
public:
    // In the thread that starts the operation: keep what start_call needs of it.
    std::shared_ptr<void> capture_context() override {
        return std::make_shared<std::string>(current_correlation_id);
    }

    // On the client's strand. The views of `op` are valid during this call only: copy them.
    std::unique_ptr<oa::call_observer> start_call(const oa::operation_info& op,
                                                  std::shared_ptr<void> context) override {
        auto id = context ? *static_cast<const std::string*>(context.get()) : std::string();
        return std::make_unique<call>(std::string(op.name), std::move(id));
    }

private:
    struct call final : oa::call_observer {
        std::string name, correlation_id, request_id;
        unsigned attempts = 0;
        std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

        call(std::string n, std::string id) : name(std::move(n)), correlation_id(std::move(id)) {}

        void attempt_started(const oa::attempt_start_info& info, oa::header_writer& headers) override {
            attempts = info.attempt;
            if (!correlation_id.empty())
                headers.add("x-correlation-id", correlation_id); // false: refused, not sent
        }
        void attempt_finished(const oa::attempt_end_info& info) override {
            request_id = std::string(info.request_id);
        }
        void finished(const oa::error_code& error) override {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start);
            const std::string outcome = error ? error.message() : "ok";
            std::clog << "[" << correlation_id << "] " << name << ": " << outcome << " after " << attempts
                      << " attempt(s) in " << ms.count() << " ms (request " << request_id << ")\n";
        }
    };
};

oa::client make_client_with_log(asio::io_context& io, oa::client_config cfg) {
    cfg.observer = std::make_shared<correlation_log>();
    return oa::client(io, cfg);
}

asio::awaitable<void> rename_for_job(oa::client api, std::string job, std::string id) {
    const std::string name = "renamed by " + job; // built before the co_await (g++ 12)
    current_correlation_id = job;                  // captured when the next call starts
    co_await api.certificates().async_modify(id, {.name = name});
}

// ---------------------------------------------------------------------------------------------
// on_attempt, the debug log, error_type_of
// ---------------------------------------------------------------------------------------------

oa::client_config with_retry_log(oa::client_config cfg) {
    cfg.on_attempt = [](const oa::attempt_info& a) { // on the client's strand: must not block
        if (a.will_retry)
            std::clog << a.method << " " << a.path << " attempt " << a.attempt << " failed ("
                      << oa::error_type_of(a.status, a.error) << "), retrying in " << a.retry_delay.count()
                      << " ms\n";
    };
    cfg.log = oa::log_level::debug; // the same as OPENAI_LOG=debug with client_config::from_env()
    return cfg;
}

// A failure's kind as a short, stable label (a metric attribute, say).
std::string failure_label(const oa::api_error& e) {
    return oa::error_type_of(e.status(), e.code()); // "404", "timeout", "tls_verify_failed", ...
}

} // namespace snippets::telemetry
