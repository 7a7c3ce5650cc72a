// Every operation works with any completion token: the default (co_await, throws api_error),
// use_awaitable, deferred, use_future, a plain callback, as_tuple with diagnostics, and
// per-operation cancellation.

#include "../support/fixture.hpp"

#include <boost/asio/any_completion_executor.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <thread>
#include <type_traits>

using namespace oa_test;

namespace {

// Accepts one connection, reads one request head and writes `response`.
asio::awaitable<void> answer_once(asio::ip::tcp::acceptor& listener, std::string response) {
    auto socket = co_await listener.async_accept(asio::use_awaitable);
    std::string head;
    co_await asio::async_read_until(socket, asio::dynamic_buffer(head), "\r\n\r\n", asio::use_awaitable);
    co_await asio::async_write(socket, asio::buffer(response), asio::use_awaitable);
}

// A listener that accepts a connection and never answers it, and a client pointed at it.
struct silent_peer {
    asio::ip::tcp::acceptor listener;
    asio::ip::tcp::socket socket;
    oa::client api;

    explicit silent_peer(asio::io_context& io)
        : listener(io, {asio::ip::make_address("127.0.0.1"), 0}), socket(io),
          api(io, oa::client_config{.admin_key = "k", .base_url = "http://127.0.0.1:" +
                                                                   std::to_string(listener.local_endpoint().port())}) {
        listener.async_accept(socket, [](oa::error_code) {});
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(tokens)

BOOST_AUTO_TEST_CASE(default_token_and_use_awaitable) {
    fixture f;
    auto pem = make_ca_pem();
    f.run([&]() -> asio::awaitable<void> {
        auto cert = co_await f.api.certificates().async_upload({.certificate = pem});
        auto same = co_await f.api.certificates().async_get(cert.id, {}, asio::use_awaitable);
        BOOST_TEST(same.id == cert.id);
        // the plain use_awaitable token throws system_error with the code
        try {
            co_await f.api.certificates().async_get("cert_nope", {}, asio::use_awaitable);
            BOOST_FAIL("expected an exception");
        } catch (const oa::api_error&) {
            BOOST_FAIL("use_awaitable alone has no diagnostics");
        } catch (const boost::system::system_error& e) {
            BOOST_TEST(e.code() == oa::api_errc::not_found);
        }
    }());
}

BOOST_AUTO_TEST_CASE(const_lvalue_tokens_are_reusable) {
    fixture f;
    f.run([&]() -> asio::awaitable<void> {
        const auto throwing = oa::with_diagnostics(asio::use_awaitable);
        const auto tuple = asio::as_tuple(asio::use_awaitable);
        for (int i = 0; i < 2; ++i) {
            try {
                co_await f.api.certificates().async_get("cert_nope", {}, throwing);
                BOOST_FAIL("expected an exception");
            } catch (const oa::api_error& e) {
                BOOST_TEST(e.status() == 404u);
            }
            auto [ec, c] = co_await f.api.certificates().async_delete("cert_nope", tuple);
            BOOST_TEST(ec == oa::api_errc::not_found);
        }
    }());
}

BOOST_AUTO_TEST_CASE(deferred) {
    fixture f;
    auto pem = make_ca_pem();
    f.run([&]() -> asio::awaitable<void> {
        auto op = f.api.certificates().async_upload({.certificate = pem}, asio::deferred);
        BOOST_TEST(f.server.requests().empty()); // deferred: nothing happens until awaited
        auto [ec, cert] = co_await std::move(op)(asio::as_tuple(asio::use_awaitable));
        BOOST_TEST(!ec);
        BOOST_TEST(f.server.certificate_count() == 1u);
        auto got = co_await f.api.certificates().async_get(cert.id, {}, asio::deferred);
        BOOST_TEST(got.id == cert.id);
    }());
}

BOOST_AUTO_TEST_CASE(use_future_from_another_thread) {
    fixture f;
    auto work = asio::make_work_guard(f.io);
    std::thread runner([&] { f.io.run(); });
    auto pem = make_ca_pem();
    auto cert = f.api.certificates().async_upload({.certificate = pem}, asio::use_future).get();
    BOOST_TEST(f.api.certificates().async_get(cert.id, {}, asio::use_future).get().id == cert.id);
    auto missing = f.api.certificates().async_get("cert_nope", {}, asio::use_future);
    BOOST_CHECK_EXCEPTION(missing.get(), boost::system::system_error,
                          [](const auto& e) { return e.code() == oa::api_errc::not_found; });
    // with_diagnostics(use_future) throws api_error carrying the details
    auto detailed = f.api.certificates().async_get("cert_nope", {}, oa::with_diagnostics(asio::use_future));
    BOOST_CHECK_EXCEPTION(detailed.get(), oa::api_error,
                          [](const oa::api_error& e) { return e.status() == 404 && !e.request_id().empty(); });
    auto list = f.api.certificates().list();
    BOOST_TEST(list.async_next(asio::use_future).get().value().id == cert.id);
    work.reset();
    runner.join();
}

BOOST_AUTO_TEST_CASE(plain_callbacks_never_complete_inline) {
    fixture f;
    bool called = false;
    oa::error_code result;
    oa::diagnostics diag;
    // even an argument error (known before any I/O) completes later, not inside the call
    f.api.certificates().async_get("", {}, diag, [&](oa::error_code ec, oa::certificate) {
        called = true;
        result = ec;
    });
    BOOST_TEST(!called);
    f.io.run();
    BOOST_TEST(called);
    BOOST_TEST(result == oa::client_errc::invalid_argument);
    BOOST_TEST(!diag.message.empty());

    // and a real request
    f.io.restart();
    int calls = 0;
    f.api.certificates().async_delete("cert_x", [&](oa::error_code ec, oa::deleted_certificate) {
        ++calls;
        result = ec;
    });
    f.io.run();
    BOOST_TEST(calls == 1);
    BOOST_TEST(result == oa::api_errc::not_found);
}

BOOST_AUTO_TEST_CASE(callbacks_run_on_their_associated_executor) {
    fixture f;
    asio::io_context other;
    bool on_other = false;
    f.api.certificates().async_delete("cert_x", asio::bind_executor(other, [&](oa::error_code, oa::deleted_certificate) {
                                          on_other = other.get_executor().running_in_this_thread();
                                      }));
    f.io.run();
    BOOST_TEST(!on_other); // not yet: it was posted to `other`
    other.run();
    BOOST_TEST(on_other);
}

// An executor that any_io_executor cannot hold (any_completion_executor lacks its properties):
// compiled apart, the SDK then completes through the erased handler's own executor, not the
// any_io_executor it passes on otherwise; either way the callback runs there, posted.
BOOST_AUTO_TEST_CASE(callbacks_run_on_an_executor_any_io_executor_cannot_hold) {
    static_assert(!std::is_convertible_v<asio::any_completion_executor, asio::any_io_executor>);
    fixture f;
    asio::io_context other;
    int on_other = 0;
    auto certs = f.api.certificates();
    const asio::any_completion_executor ex(other.get_executor());
    certs.async_delete("cert_x", asio::bind_executor(ex, [&](oa::error_code ec, oa::deleted_certificate) {
                           on_other += other.get_executor().running_in_this_thread() && ec == oa::api_errc::not_found;
                       }));
    auto list = certs.list();
    list.async_next_page(asio::bind_executor(ex, [&](oa::error_code ec, std::optional<oa::certificate_page> page) {
        on_other += other.get_executor().running_in_this_thread() && !ec && page.has_value();
    }));
    f.io.run();
    BOOST_TEST(on_other == 0); // not yet: both were posted to `other`
    other.run();
    BOOST_TEST(on_other == 2);
}

BOOST_AUTO_TEST_CASE(cancellation_closes_the_connection_and_keeps_the_client_usable) {
    fixture f;
    silent_peer peer(f.io);
    auto& api = peer.api;
    asio::cancellation_signal signal;
    oa::error_code result;
    bool done = false;
    api.certificates().async_delete("c", asio::bind_cancellation_slot(signal.slot(), [&](oa::error_code ec, auto) {
                                        result = ec;
                                        done = true;
                                    }));
    asio::steady_timer timer(f.io, std::chrono::milliseconds(200));
    timer.async_wait([&](oa::error_code) { signal.emit(asio::cancellation_type::terminal); });
    auto start = std::chrono::steady_clock::now();
    f.io.run_for(std::chrono::seconds(10));
    BOOST_TEST(done);
    BOOST_TEST((result == asio::error::operation_aborted));
    BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(5)));

    // The same client works for the next call, on a new connection the listener answers.
    asio::co_spawn(f.io, answer_once(peer.listener, "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}"), asio::detached);
    auto [ec, deleted] = f.run(api.certificates().async_delete("c", asio::as_tuple(asio::use_awaitable)));
    BOOST_TEST(ec == oa::api_errc::not_found);
}

BOOST_AUTO_TEST_CASE(cancellation_before_the_request_starts_leaves_no_work_behind) {
    // Cancelled before it ran: it must complete promptly and leave no timer pending (the
    // default 10-minute request deadline would otherwise keep io_context::run() busy).
    asio::io_context io;
    silent_peer peer(io);
    asio::cancellation_signal signal;
    oa::error_code result;
    int calls = 0;
    peer.api.certificates().async_delete("c", asio::bind_cancellation_slot(signal.slot(), [&](oa::error_code ec, auto) {
                                             result = ec;
                                             ++calls;
                                         }));
    signal.emit(asio::cancellation_type::terminal);
    peer.listener.close();
    io.run_for(std::chrono::seconds(5));
    BOOST_TEST(calls == 1);
    BOOST_TEST((result == asio::error::operation_aborted));
    BOOST_TEST(io.stopped()); // ran out of work by itself
}

BOOST_AUTO_TEST_CASE(cancellation_from_a_coroutine_race) {
    fixture f;
    silent_peer peer(f.io);
    auto& slow = peer.api;
    // a coroutine awaiting the call is cancelled by its parent's signal
    asio::cancellation_signal signal;
    oa::error_code seen;
    asio::co_spawn(
        f.io,
        [&]() -> asio::awaitable<void> {
            try {
                co_await slow.certificates().async_get("c");
            } catch (const oa::api_error& e) {
                seen = e.code();
            }
        },
        asio::bind_cancellation_slot(signal.slot(), asio::detached));
    asio::steady_timer timer(f.io, std::chrono::milliseconds(100));
    timer.async_wait([&](oa::error_code) { signal.emit(asio::cancellation_type::terminal); });
    f.io.run_for(std::chrono::seconds(10));
    BOOST_TEST((seen == asio::error::operation_aborted));
}

BOOST_AUTO_TEST_SUITE_END()
