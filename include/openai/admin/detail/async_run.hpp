// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_ASYNC_RUN_HPP
#define OPENAI_ADMIN_DETAIL_ASYNC_RUN_HPP

// Turns an internal coroutine returning (error_code, T) into an Asio async operation with
// signature void(error_code, T) for any completion token. co_spawn starts the coroutine on the
// client's strand (never inline), forwards the handler's cancellation slot into it, and
// completes on the handler's associated executor. The initiations expose the client's executor
// (`get_executor()`), which tokens such as asio::cancel_after use for their timers.

#include <openai/admin/detail/adapted_handler.hpp>
#include <openai/admin/error.hpp>
#include <openai/admin/with_diagnostics.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/version.hpp>
#if BOOST_VERSION >= 108200
#include <boost/asio/associated_immediate_executor.hpp>
#endif
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>

#include <exception>
#include <new>
#include <utility>

namespace openai::admin::detail {

// Build one as `op_result<T>{error_code(), std::move(x)}`: with a braced `{}` for the code,
// std::pair's forwarding constructor cannot deduce and its copying one is chosen.
template <class T>
using op_result = std::pair<error_code, T>;

// The error code of an exception met while running an operation; never throws. A cancelled
// awaitable throws operation_aborted when it next awaits; allocation may fail; anything else
// is unexpected (internal_error, its what() in `diag`).
inline error_code exception_to_error(const std::exception_ptr& ex, diagnostics* diag) noexcept {
    try {
        std::rethrow_exception(ex);
    } catch (const boost::system::system_error& e) {
        return e.code();
    } catch (const std::bad_alloc&) {
        return boost::asio::error::no_memory;
    } catch (const std::exception& e) {
        try {
            if (diag)
                diag->message = e.what();
        } catch (...) {
        }
    } catch (...) {
    }
    return client_errc::internal_error;
}

// co_spawn's void(exception_ptr, op_result<T>) back to void(error_code, T). guarded() maps what
// the body throws, but Asio itself may report an exception from its own frame around the body
// (a cancellation before the first turn, on some Boost versions): that becomes an error code
// too, so no exception ever leaves the user's handler or io_context::run().
struct unpack_result {
    diagnostics* diag;

    template <class Handler, class T>
    void operator()(Handler&& handler, std::exception_ptr ex, std::pair<error_code, T> r) && {
        if (ex)
            r.first = exception_to_error(ex, diag);
        std::move(handler)(r.first, std::move(r.second));
    }
};

// Runs `body()` and maps every exception it throws to an error code.
template <class T, class Body>
boost::asio::awaitable<op_result<T>> guarded(Body body, diagnostics* diag) {
    std::exception_ptr ex;
    try {
        co_return co_await body();
    } catch (...) {
        ex = std::current_exception(); // no co_await inside a handler
    }
    co_return op_result<T>{exception_to_error(ex, diag), T{}};
}

// MakeAwaitable: callable(diagnostics*) -> awaitable<op_result<T>>, run once.
template <class T, class MakeAwaitable>
struct spawn_initiation {
    using executor_type = boost::asio::any_io_executor;
    boost::asio::any_io_executor executor;
    MakeAwaitable make;

    executor_type get_executor() const noexcept { return executor; }

    template <class Handler>
    void operator()(Handler&& handler, diagnostics* diag) {
        if (diag)
            diag->clear();
        boost::asio::co_spawn(executor, guarded<T>([m = std::move(make), diag]() mutable { return m(diag); }, diag),
                              adapted_handler<std::decay_t<Handler>, unpack_result>{std::forward<Handler>(handler), {diag}});
    }
};

template <class T, class CompletionToken, class MakeAwaitable>
auto async_run(const boost::asio::any_io_executor& executor, diagnostics* diag, MakeAwaitable make,
               CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, void(error_code, T)>(
        spawn_initiation<T, MakeAwaitable>{executor, std::move(make)}, token, diag);
}

// A handler bound to a successful result.
template <class Handler, class R>
struct bound_success {
    Handler handler;
    R result;
    void operator()() { std::move(handler)(error_code(), std::move(result)); }
};

// Completes `handler` with (no error, r) now that the result is known in the initiating call:
// through the handler's associated immediate executor where Boost has them (>= 1.82), which runs
// it inline if the caller bound one (asio::bind_immediate_executor) and otherwise posts it to
// the handler's executor; on older Boost it is always posted. Never inline by default.
template <class Handler, class R>
void complete_now(Handler&& handler, const boost::asio::any_io_executor& fallback, R r) {
    bound_success<std::decay_t<Handler>, R> call{std::forward<Handler>(handler), std::move(r)};
    auto ex = boost::asio::get_associated_executor(call.handler, fallback);
#if BOOST_VERSION >= 108200
    auto immediate = boost::asio::get_associated_immediate_executor(call.handler, ex);
    boost::asio::dispatch(immediate, std::move(call));
#else
    boost::asio::post(ex, std::move(call));
#endif
}

// As spawn_initiation, with a shortcut: `ready()` runs first, in the initiating call; when it
// yields a result the operation completes with it (complete_now) and no coroutine is started.
// Ready: callable() -> std::optional<T>; it must be safe to call from any thread (see
// list_state::try_take_buffered).
template <class T, class Ready, class MakeAwaitable>
struct ready_or_spawn_initiation {
    using executor_type = boost::asio::any_io_executor;
    boost::asio::any_io_executor executor;
    Ready ready;
    MakeAwaitable make;

    executor_type get_executor() const noexcept { return executor; }

    template <class Handler>
    void operator()(Handler&& handler, diagnostics* diag) {
        if (diag)
            diag->clear();
        if (auto r = ready())
            return complete_now(std::forward<Handler>(handler), executor, std::move(*r));
        spawn_initiation<T, MakeAwaitable>{executor, std::move(make)}(std::forward<Handler>(handler), diag);
    }
};

template <class T, class CompletionToken, class Ready, class MakeAwaitable>
auto async_run_unless_ready(const boost::asio::any_io_executor& executor, diagnostics* diag, Ready ready,
                            MakeAwaitable make, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, void(error_code, T)>(
        ready_or_spawn_initiation<T, Ready, MakeAwaitable>{executor, std::move(ready), std::move(make)}, token, diag);
}

} // namespace openai::admin::detail

#endif
