// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The code blocks of docs/retries-timeouts-cancellation.md (compiled, not run).
#include <openai/admin.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/version.hpp>
#if BOOST_VERSION >= 108600
#include <boost/asio/cancel_after.hpp>
#endif

#include <chrono>
#include <future>
#include <iostream>
#include <string>
#include <utility>

namespace asio = boost::asio;
namespace oa = openai::admin;

namespace snippets::retries {

// The client-wide policy.
oa::client patient_client(asio::io_context& io) {
    oa::client_config cfg = oa::client_config::from_env();
    cfg.max_retries = 4;                                // 5 attempts at most (default 2: 3 attempts)
    cfg.request_timeout = std::chrono::seconds(30);     // each attempt (default 10 min)
    cfg.total_timeout = std::chrono::minutes(2);        // the whole call, waits included (default: none)
    oa::client api(io, cfg);
    return api;
}

// Another policy for some calls.
asio::awaitable<void> get_once(oa::client api, std::string id) {
    auto once = api.with_options({.max_retries = 0, .request_timeout = std::chrono::seconds(5)});
    co_await once.certificates().async_get(id);          // same connections, other policy
}

// A handle that keeps its options for every call made through it.
asio::awaitable<void> layered_options(oa::client api, std::string id) {
    auto fast = api.with_options({.total_timeout = std::chrono::seconds(3)});
    auto fast_no_retry = fast.with_options({.max_retries = 0});   // total_timeout of 3 s kept
    auto certs = fast_no_retry.certificates();
    co_await certs.async_get(id);
    co_await certs.async_activate(id);
}

// What the final error says about the attempts and the limits.
asio::awaitable<void> report_failure(oa::client api, std::string id) {
    try {
        co_await api.certificates().async_get(id);
    } catch (const oa::api_error& e) {
        if (e.code() == boost::beast::error::timeout)
            std::cerr << "timed out: " << e.message() << "\n";   // names the step and the limit
        std::cerr << e.diag().attempts << " attempt(s): " << e.what() << "\n";   // "... (after 3 attempts)"
    }
}

// An upload whose answer was lost: found, or not sent again.
asio::awaitable<void> upload_once(oa::client api, std::string pem, std::string name) {
    oa::diagnostics diag;
    auto [ec, cert] = co_await api.certificates().async_upload({.certificate = pem, .name = name}, diag,
                                                               asio::as_tuple(asio::use_awaitable));
    if (!ec && diag.recovered_upload)
        std::cout << "stored, although its answer was lost: " << diag.message << "\n";
    else if (ec == oa::client_errc::upload_outcome_unknown)
        std::cerr << "list the certificates before uploading again: " << diag.message << "\n";
    else if (ec)
        std::cerr << oa::describe(ec, diag) << "\n";
    else
        std::cout << "uploaded " << cert.id << "\n";
}

// Cancellation: a race with a timer; the loser is cancelled.
asio::awaitable<void> get_or_give_up(oa::client api, std::string id) {
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::seconds(2));
    // Named locals, not temporaries inside the co_await (g++ 12). Nothing starts until awaited.
    auto call = api.certificates().async_get(id, {}, asio::as_tuple(asio::use_awaitable));
    auto deadline = timer.async_wait(asio::use_awaitable);
    auto race = std::move(call) || std::move(deadline);
    auto winner = co_await std::move(race);
    if (winner.index() == 1)
        std::cerr << "no answer within 2 s: the call was cancelled, the client stays usable\n";
    else if (auto& [ec, cert] = std::get<0>(winner); !ec)
        std::cout << cert.id << "\n";
}

// Cancellation: a slot bound to a callback.
void start_get(oa::client& api, std::string id, asio::cancellation_signal& stop) {
    api.certificates().async_get(id, {}, asio::bind_cancellation_slot(stop.slot(),
        [](oa::error_code ec, oa::certificate cert) {
            if (ec == asio::error::operation_aborted)
                std::cerr << "cancelled\n";
            else if (!ec)
                std::cout << cert.id << "\n";
        }));
}

void stop_get(asio::cancellation_signal& stop) {
    stop.emit(asio::cancellation_type::terminal);   // from the thread (or strand) that started it
}

#if BOOST_VERSION >= 108600
// Cancellation: a deadline per call.
asio::awaitable<void> get_with_deadline(oa::client api, std::string id) {
    using namespace std::chrono_literals;
    auto certs = api.certificates();
    // Boost >= 1.86: a deadline per call, with the default token's api_error either way round
    co_await certs.async_get(id, {}, asio::cancel_after(5s, oa::with_diagnostics(asio::use_awaitable)));
    co_await certs.async_get(id, {}, oa::with_diagnostics(asio::cancel_after(5s, asio::use_awaitable)));
}
#endif

// Completion tokens.
asio::awaitable<void> every_token(oa::organization_certificates certs, std::string id) {
    oa::certificate a = co_await certs.async_get(id);                       // default: throws oa::api_error
    oa::certificate b = co_await certs.async_get(id, {}, asio::use_awaitable); // throws system_error
    auto op = certs.async_get(id, {}, asio::deferred);                      // nothing sent yet...
    oa::certificate c = co_await std::move(op);                             // ...until awaited

    oa::diagnostics diag;                                                   // no exceptions at all
    auto [ec, d] = co_await certs.async_get(id, {}, diag, asio::as_tuple(asio::use_awaitable));
    std::cout << a.id << b.id << c.id << (ec ? oa::describe(ec, diag) : d.id) << "\n";
}

std::future<oa::certificate> get_as_future(oa::organization_certificates certs, std::string id) {
    return certs.async_get(id, {}, asio::use_future);   // get() throws system_error; never on the I/O thread
}

void get_with_callback(oa::organization_certificates certs, std::string id) {
    certs.async_get(id, {}, [](oa::error_code ec, oa::certificate c) {
        std::cout << (ec ? ec.message() : c.id) << "\n";
    });
}

} // namespace snippets::retries
