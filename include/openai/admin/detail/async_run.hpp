// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_ASYNC_RUN_HPP
#define OPENAI_ADMIN_DETAIL_ASYNC_RUN_HPP

// Turns an internal coroutine returning (error_code, T) into an Asio async operation with
// signature void(error_code, T) for any completion token. co_spawn starts the coroutine on the
// client's strand (never inline), forwards the handler's cancellation slot into it, and
// completes on the handler's associated executor.

#include <openai/admin/detail/adapted_handler.hpp>
#include <openai/admin/error.hpp>
#include <openai/admin/with_diagnostics.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>

#include <exception>
#include <new>
#include <utility>

namespace openai::admin::detail {

// Build one as `op_result<T>{error_code(), std::move(x)}`: with a braced `{}` for the code,
// std::pair's forwarding constructor cannot deduce and its copying one is chosen.
template <class T>
using op_result = std::pair<error_code, T>;

// co_spawn's void(exception_ptr, op_result<T>) back to void(error_code, T).
struct unpack_result {
    template <class Handler, class T>
    void operator()(Handler&& handler, std::exception_ptr ex, std::pair<error_code, T> r) && {
        if (ex)
            std::rethrow_exception(ex); // guarded() maps everything it can
        std::move(handler)(r.first, std::move(r.second));
    }
};

// Runs `body()` and maps the exceptions a coroutine can meet to error codes: a cancelled
// awaitable throws operation_aborted when it next awaits; allocation may fail.
template <class T, class Body>
boost::asio::awaitable<op_result<T>> guarded(Body body) {
    try {
        co_return co_await body();
    } catch (const boost::system::system_error& e) {
        co_return op_result<T>{e.code(), T{}};
    } catch (const std::bad_alloc&) {
        co_return op_result<T>{boost::asio::error::no_memory, T{}};
    }
}

// MakeAwaitable: callable(diagnostics*) -> awaitable<op_result<T>>, run once.
template <class T, class MakeAwaitable>
struct spawn_initiation {
    boost::asio::any_io_executor executor;
    MakeAwaitable make;

    template <class Handler>
    void operator()(Handler&& handler, diagnostics* diag) {
        if (diag)
            diag->clear();
        boost::asio::co_spawn(executor, guarded<T>([m = std::move(make), diag]() mutable { return m(diag); }),
                              adapted_handler<std::decay_t<Handler>, unpack_result>{std::forward<Handler>(handler), {}});
    }
};

template <class T, class CompletionToken, class MakeAwaitable>
auto async_run(const boost::asio::any_io_executor& executor, diagnostics* diag, MakeAwaitable make,
               CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, void(error_code, T)>(
        spawn_initiation<T, MakeAwaitable>{executor, std::move(make)}, token, diag);
}

// As spawn_initiation, with a shortcut: `ready()` runs first, on `executor` (the strand); when
// it yields a result the operation completes with it, posted to the handler's executor (which
// is kept busy meanwhile, as co_spawn does), and no coroutine is started.
// Ready: callable() -> std::optional<T>.
template <class T, class Ready, class MakeAwaitable>
struct ready_or_spawn_initiation {
    boost::asio::any_io_executor executor;
    Ready ready;
    MakeAwaitable make;

    template <class Handler>
    void operator()(Handler&& handler, diagnostics* diag) {
        if (diag)
            diag->clear();
        auto work = boost::asio::prefer(boost::asio::get_associated_executor(handler, executor),
                                        boost::asio::execution::outstanding_work.tracked);
        const auto strand = executor; // *this is moved into the function below
        boost::asio::dispatch(strand, [self = std::move(*this), h = std::forward<Handler>(handler),
                                         work = std::move(work), diag]() mutable {
            if (auto r = self.ready()) {
                boost::asio::post(work, [h = std::move(h), r = std::move(*r)]() mutable {
                    std::move(h)(error_code(), std::move(r));
                });
                return;
            }
            spawn_initiation<T, MakeAwaitable>{self.executor, std::move(self.make)}(std::move(h), diag);
        });
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
