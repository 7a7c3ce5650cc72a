// Terminal cancellation at every stage of a call (before it starts, while connecting, while
// reading, while waiting to retry), through every way a caller cancels (a slot bound to a plain
// callback or to one with an executor, a cancelled parent coroutine, a signal emitted from
// another thread, asio::cancel_after / cancel_at), must behave the same on every Boost: one
// completion with operation_aborted, no exception out of a handler or io_context::run(),
// nothing left pending, and the client usable afterwards.

#include "../support/fixture.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/version.hpp>
#if BOOST_VERSION >= 108600
#include <boost/asio/cancel_after.hpp>
#include <boost/asio/cancel_at.hpp>
#include <boost/asio/deferred.hpp>
#endif

#include <atomic>
#include <optional>
#include <thread>

using namespace oa_test;
using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

namespace {

enum class stage { before_start, connect, read, retry_wait };
constexpr stage all_stages[] = {stage::before_start, stage::connect, stage::read, stage::retry_wait};

const char* name_of(stage s) {
    switch (s) {
    case stage::before_start: return "before the request starts";
    case stage::connect: return "during the TLS connect";
    case stage::read: return "during the read";
    case stage::retry_wait: return "during a retry wait";
    }
    return "?";
}

// A client whose next call reaches `at` and stays there until cancelled.
struct scene {
    stage at;
    asio::io_context io;
    std::optional<fake_server> server;                // every stage but connect
    std::optional<asio::ip::tcp::acceptor> silent;     // connect: listens, never accepts
    std::optional<oa::client> api;

    explicit scene(stage s) : at(s) {
        oa::client_config cfg;
        if (s == stage::connect) {
            // The kernel completes the TCP handshake (backlog); nothing ever answers TLS.
            silent.emplace(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
            cfg.admin_key = "k";
            cfg.base_url = "https://127.0.0.1:" + std::to_string(silent->local_endpoint().port()) + "/v1";
            cfg.tls.use_system_trust_store = false;
        } else {
            server.emplace();
            cfg = config_for(*server);
            cfg.max_retries = 2;
            if (s == stage::read)
                server->inject({.hang = true});
            if (s == stage::retry_wait)
                server->inject({.status = 429, .headers = {{"retry-after", "30"}}, .body = "{}"});
        }
        api.emplace(io, cfg);
    }

    // How long after the call starts the stage is surely reached.
    milliseconds delay() const { return at == stage::before_start ? milliseconds(0) : milliseconds(300); }

    // Runs the loop until nothing is left (at most 10 s); an exception out of run() fails.
    void run_out() {
        try {
            io.run_for(std::chrono::seconds(10));
        } catch (const std::exception& e) {
            BOOST_ERROR("an exception escaped io_context::run(): " << e.what());
        }
        BOOST_TEST(io.stopped(), "work was left behind after the cancellation");
    }

    // After the cancelled call: what the server saw, and that the client still works.
    void check_after() {
        if (!server)
            return;
        const auto seen = server->requests().size();
        if (at == stage::read || at == stage::retry_wait)
            BOOST_TEST(seen == 1u); // cancelled, never retried
        else
            BOOST_TEST(seen <= 1u);
        oa::diagnostics d;
        BOOST_TEST(get_once(io, *api, d) == oa::api_errc::not_found, "the client is not usable: " << d.message);
    }
};

// The outcome of one cancelled call.
struct outcome {
    int calls = 0;
    oa::error_code ec;
    oa::diagnostics diag; // for the calls that take one
    void record(const oa::error_code& e) {
        ++calls;
        ec = e;
    }
    void check() const {
        BOOST_TEST(calls == 1);
        BOOST_TEST((ec == asio::error::operation_aborted), ec.message());
    }
};

// Emits a terminal cancellation after `delay` (at once when 0) from the scene's loop.
void cancel_later(scene& s, asio::cancellation_signal& signal, milliseconds delay) {
    if (delay == milliseconds(0)) {
        signal.emit(asio::cancellation_type::terminal);
        return;
    }
    auto t = std::make_shared<asio::steady_timer>(s.io, delay);
    t->async_wait([t, &signal](oa::error_code) { signal.emit(asio::cancellation_type::terminal); });
}

asio::awaitable<oa::error_code> get_with_default_token(oa::client api) {
    try {
        co_await api.certificates().async_get("cert_x");
    } catch (const oa::api_error& e) {
        co_return e.code();
    }
    co_return oa::error_code();
}

// At every stage: `start(scene, slot, outcome)` starts one call with the slot bound to its
// handler, which records into the outcome; the call is cancelled there and the outcome checked;
// then `after(scene, outcome)`.
template <class Start, class After>
void cancel_at_every_stage(Start start, After after) {
    for (auto at : all_stages) {
        BOOST_TEST_CONTEXT(name_of(at)) {
            scene s(at);
            asio::cancellation_signal signal;
            outcome out;
            const auto started = steady::now();
            start(s, signal.slot(), out);
            cancel_later(s, signal, s.delay());
            s.run_out();
            out.check();
            BOOST_TEST((steady::now() - started < std::chrono::seconds(5)));
            after(s, out);
            s.check_after();
        }
    }
}

template <class Start>
void cancel_at_every_stage(Start start) {
    cancel_at_every_stage(start, [](const scene&, const outcome&) {});
}

} // namespace

BOOST_AUTO_TEST_SUITE(cancellation)

BOOST_AUTO_TEST_CASE(slot_bound_to_a_plain_callback) {
    cancel_at_every_stage(
        [](scene& s, asio::cancellation_slot slot, outcome& out) {
            s.api->certificates().async_get(
                "cert_x", {}, out.diag,
                asio::bind_cancellation_slot(slot, [&out](oa::error_code ec, oa::certificate) { out.record(ec); }));
        },
        [](const scene& s, const outcome& out) {
            BOOST_TEST(out.diag.attempts <= 1u);
            if (s.at == stage::retry_wait)
                BOOST_TEST(out.diag.message == "cancelled while waiting to retry");
        });
}

BOOST_AUTO_TEST_CASE(slot_bound_to_a_callback_with_an_executor) {
    auto on_strand = std::make_shared<bool>(false);
    cancel_at_every_stage(
        [on_strand](scene& s, asio::cancellation_slot slot, outcome& out) {
            auto strand = asio::make_strand(s.io);
            s.api->certificates().async_delete(
                "cert_x", asio::bind_cancellation_slot(
                              slot, asio::bind_executor(strand, [&out, strand, on_strand](oa::error_code ec,
                                                                                          oa::deleted_certificate) {
                                  *on_strand = strand.running_in_this_thread();
                                  out.record(ec);
                              })));
        },
        [on_strand](const scene&, const outcome&) {
            BOOST_TEST(*on_strand);
            *on_strand = false;
        });
}

BOOST_AUTO_TEST_CASE(parent_coroutine_cancelled) {
    // A parent cancelled before its own first turn may never run its body: co_spawn then reports
    // Asio's exception. Its handler is bound to an executor: with a plain lambda, Boost 1.83's
    // co_spawn throws that exception out of io_context::run() (the Asio bug the SDK avoids for
    // its own co_spawn, see detail/adapted_handler.hpp), before any SDK operation exists.
    cancel_at_every_stage([](scene& s, asio::cancellation_slot slot, outcome& out) {
        asio::co_spawn(s.io, get_with_default_token(*s.api),
                       asio::bind_cancellation_slot(slot, asio::bind_executor(s.io, [&out](std::exception_ptr e,
                                                                                          oa::error_code ec) {
                           if (e) {
                               try {
                                   std::rethrow_exception(e);
                               } catch (const boost::system::system_error& x) {
                                   ec = x.code();
                               }
                           }
                           out.record(ec);
                       })));
    });
}

BOOST_AUTO_TEST_CASE(loop_run_by_two_threads) {
    // Two threads run the loop, and the signal is emitted from a handler of the loop, not of
    // the client's strand, so it may run while the call runs on the other thread (or, for
    // before_start, race with its start). The SDK hands the cancellation to the client's strand:
    // nothing of the call may run on two threads at once (the tsan config checks).
    for (auto at : all_stages) {
        BOOST_TEST_CONTEXT(name_of(at)) {
            scene s(at);
            asio::cancellation_signal signal;
            std::atomic<int> calls{0};
            oa::error_code result;
            auto work = asio::make_work_guard(s.io);
            std::atomic<bool> escaped{false};
            auto run = [&] {
                try {
                    s.io.run();
                } catch (...) {
                    escaped = true;
                }
            };
            std::thread one(run), two(run);
            // The signal and its slot stay in one serial context (a cancellation_signal is not
            // thread-safe): the call starts and the signal is emitted through one strand.
            auto caller = asio::make_strand(s.io);
            asio::post(caller, [&] {
                s.api->certificates().async_get(
                    "cert_x", {}, asio::bind_cancellation_slot(signal.slot(), [&](oa::error_code ec, oa::certificate) {
                        result = ec;
                        ++calls;
                    }));
            });
            std::this_thread::sleep_for(s.delay());
            asio::post(caller, [&] { signal.emit(asio::cancellation_type::terminal); });
            const auto deadline = steady::now() + std::chrono::seconds(10);
            while (calls == 0 && steady::now() < deadline)
                std::this_thread::sleep_for(milliseconds(5));
            work.reset();
            const auto stop_by = steady::now() + std::chrono::seconds(10);
            while (!s.io.stopped() && steady::now() < stop_by)
                std::this_thread::sleep_for(milliseconds(5));
            BOOST_TEST(s.io.stopped(), "work was left behind after the cancellation");
            s.io.stop();
            one.join();
            two.join();
            BOOST_TEST(!escaped);
            BOOST_TEST(calls == 1);
            BOOST_TEST((result == asio::error::operation_aborted), result.message());
            s.check_after();
        }
    }
}

BOOST_AUTO_TEST_CASE(list_operations_at_every_stage) {
    // The walker's operations take the same path; async_next_page and async_next alike.
    cancel_at_every_stage([](scene& s, asio::cancellation_slot slot, outcome& out) {
        auto list = s.api->projects("proj_1").certificates().list();
        if (s.at == stage::read || s.at == stage::retry_wait)
            list.async_next_page(asio::bind_cancellation_slot(
                slot, [&out](oa::error_code ec, std::optional<oa::certificate_page>) { out.record(ec); }));
        else
            list.async_next(asio::bind_cancellation_slot(
                slot, [&out](oa::error_code ec, std::optional<oa::scoped_certificate>) { out.record(ec); }));
    });
}

#if BOOST_VERSION >= 108600

namespace {

const auto tuple_token = asio::as_tuple(asio::use_awaitable);

// Every operation once with `token`; the error code of each, in order.
template <class Token>
asio::awaitable<std::vector<oa::error_code>> every_operation(oa::client api, Token token) {
    std::vector<oa::error_code> out;
    auto org = api.certificates();
    auto proj = api.projects("proj_1").certificates();
    const oa::certificate_ids ids{"cert_x"};
    out.push_back(std::get<0>(co_await org.async_upload({.certificate = make_ca_pem()}, token)));
    out.push_back(std::get<0>(co_await org.async_get("cert_x", {.include_content = true}, token)));
    out.push_back(std::get<0>(co_await org.async_modify("cert_x", {.name = "n"}, token)));
    out.push_back(std::get<0>(co_await org.async_delete("cert_x", token)));
    out.push_back(std::get<0>(co_await org.list().async_next(token)));
    out.push_back(std::get<0>(co_await org.async_activate(ids, token)));
    out.push_back(std::get<0>(co_await org.async_deactivate(ids, token)));
    out.push_back(std::get<0>(co_await proj.list().async_next_page(token)));
    out.push_back(std::get<0>(co_await proj.async_activate(ids, token)));
    out.push_back(std::get<0>(co_await proj.async_deactivate(ids, token)));
    co_return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(cancel_after_and_cancel_at_on_every_operation) {
    fake_server server;
    asio::io_context io;
    auto cfg = config_for(server);
    cfg.max_retries = 0;
    oa::client api(io, cfg);
    for (int i = 0; i < 20; ++i)
        server.inject({.hang = true});

    auto started = steady::now();
    auto codes = run_on(io, every_operation(api, asio::cancel_after(milliseconds(100), tuple_token)));
    BOOST_TEST_REQUIRE(codes.size() == 10u);
    for (std::size_t i = 0; i < codes.size(); ++i)
        BOOST_TEST((codes[i] == asio::error::operation_aborted), "operation " << i << ": " << codes[i].message());
    BOOST_TEST((steady::now() - started < std::chrono::seconds(8)));
    BOOST_TEST(server.requests().size() == 10u);

    auto at = asio::cancel_at(steady::now() + milliseconds(150), tuple_token);
    auto [ec, c] = run_on(io, api.certificates().async_get("cert_x", {}, at));
    BOOST_TEST((ec == asio::error::operation_aborted), ec.message());

    // A deadline that is not reached changes nothing: the answers are the server's.
    server.reset();
    auto ok = run_on(io, every_operation(api, asio::cancel_after(std::chrono::seconds(20), tuple_token)));
    BOOST_TEST_REQUIRE(ok.size() == 10u);
    BOOST_TEST(!ok[0]);                          // upload
    BOOST_TEST(ok[1] == oa::api_errc::not_found); // no cert_x
    BOOST_TEST(!ok[4]);                          // list
    BOOST_TEST(!ok[7]);                          // project list
    BOOST_TEST(io.stopped()); // no timer left behind
}

namespace {

asio::awaitable<oa::error_code> get_throwing(oa::client api, int form) {
    try {
        if (form == 0)
            co_await api.certificates().async_get(
                "cert_x", {}, asio::cancel_after(milliseconds(100), oa::with_diagnostics(asio::use_awaitable)));
        else if (form == 1)
            co_await api.certificates().async_get(
                "cert_x", {}, oa::with_diagnostics(asio::cancel_after(milliseconds(100), asio::use_awaitable)));
        else
            co_await api.certificates().async_get("cert_x", {}, asio::cancel_after(milliseconds(100)));
    } catch (const oa::api_error& e) {
        BOOST_TEST(form != 2); // the partial token completes with deferred: a plain system_error
        co_return e.code();
    } catch (const boost::system::system_error& e) {
        BOOST_TEST(form == 2);
        co_return e.code();
    }
    co_return oa::error_code();
}

} // namespace

BOOST_AUTO_TEST_CASE(cancel_after_composes_with_with_diagnostics_either_way_round) {
    fake_server server;
    asio::io_context io;
    oa::client api(io, config_for(server));
    for (int form = 0; form < 3; ++form) {
        BOOST_TEST_CONTEXT("form " << form) {
            server.inject({.hang = true});
            auto ec = run_on(io, get_throwing(api, form));
            BOOST_TEST((ec == asio::error::operation_aborted), ec.message());
        }
    }
}

#endif // BOOST_VERSION >= 108600

BOOST_AUTO_TEST_SUITE_END()
