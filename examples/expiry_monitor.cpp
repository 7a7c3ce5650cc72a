// A long-running service task: every N hours, walk the organization's certificates and log a
// warning for each one that expires within D days (or has expired). It runs on the service's
// own io_context beside everything else and never blocks it; an API or network error is
// logged and the next round tries again.
//
//   expiry_monitor [--interval-hours N] [--warn-days D]          (defaults: 6 hours, 30 days)
//   expiry_monitor --interval-seconds S --rounds K [--warn-days D]   short rounds, stop after K
//
// Configuration from the environment: OPENAI_ADMIN_KEY, OPENAI_BASE_URL, ... (and the usual
// OpenSSL SSL_CERT_FILE for the trust store).

#include <openai/admin.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <csignal>
#include <ctime>
#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace oa = openai::admin;

namespace {

struct monitor_options {
    std::chrono::seconds interval = std::chrono::hours(6);
    long warn_days = 30;
    long rounds = 0; // 0: run until SIGINT/SIGTERM
};

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::ostream& log(const char* level) {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::clog << stamp << " " << level << " ";
}

// One round: every certificate of the organization, one page of 100 at a time.
asio::awaitable<void> check_once(oa::client api, long warn_days, long round) {
    auto certs = api.certificates();
    auto list = certs.list({.limit = 100});
    const std::int64_t now = unix_now();
    long checked = 0, expiring = 0;
    while (auto cert = co_await list.async_next()) {
        ++checked;
        const auto expires = cert->certificate_details.expires_at;
        if (!expires || *expires - now > warn_days * 86400)
            continue;
        ++expiring;
        const std::int64_t left = *expires - now;
        log("WARNING") << "certificate " << cert->id << " (" << cert->name.value_or("no name") << ") "
                       << (left <= 0 ? "has expired" : "expires in " + std::to_string(left / 86400) + " days")
                       << (cert->active ? ", and is active for the organization" : "") << "\n";
    }
    log("INFO") << "round " << round << ": " << checked << " certificates checked, " << expiring
                << " expire within " << warn_days << " days\n";
}

asio::awaitable<void> monitor(oa::client api, monitor_options opt) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (long round = 1;; ++round) {
        try {
            co_await check_once(api, opt.warn_days, round);
        } catch (const oa::api_error& e) { // status, API message and request id, or the network error
            log("ERROR") << "round " << round << ": expiry check failed: " << e.what() << "\n";
        }
        if (opt.rounds != 0 && round >= opt.rounds)
            co_return;
        timer.expires_after(opt.interval);
        co_await timer.async_wait(asio::use_awaitable);
    }
}

} // namespace

int main(int argc, char** argv) {
    monitor_options opt;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const long v = std::stol(argv[i + 1]);
        if (a == "--interval-hours")
            opt.interval = std::chrono::hours(v);
        else if (a == "--interval-seconds")
            opt.interval = std::chrono::seconds(v);
        else if (a == "--warn-days")
            opt.warn_days = v;
        else if (a == "--rounds")
            opt.rounds = v;
    }
    try {
        asio::io_context io;
        oa::client api(io, oa::client_config::from_env());

        // Stop cleanly on SIGINT/SIGTERM; stop listening for them once the monitor is done.
        asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](const oa::error_code& ec, int) {
            if (!ec)
                io.stop();
        });
        asio::co_spawn(io, monitor(api, opt), [&](std::exception_ptr e) {
            signals.cancel();
            if (e)
                std::rethrow_exception(e);
        });
        io.run();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "expiry_monitor: " << e.what() << "\n";
        return 1;
    }
}
