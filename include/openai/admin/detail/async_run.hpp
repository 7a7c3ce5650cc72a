// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_ASYNC_RUN_HPP
#define OPENAI_ADMIN_DETAIL_ASYNC_RUN_HPP

// Runs an internal coroutine returning (error_code, T) for a handler of void(error_code, T)
// (the token's own, or type-erased when compiled apart: operations.hpp hands it over):
// co_spawn starts the coroutine on the client's strand (never inline), forwards the handler's
// cancellation slot into it, and completes on the handler's associated executor. Used by
// impl/operations.ipp only.

#include <openai/admin/detail/adapted_handler.hpp>
#include <openai/admin/error.hpp>
#include <openai/admin/with_diagnostics.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>

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

// Runs `body(diag)` and maps every exception it throws to an error code.
template <class T, class Body>
boost::asio::awaitable<op_result<T>> guarded(Body body, diagnostics* diag) {
    std::exception_ptr ex;
    try {
        co_return co_await body(diag);
    } catch (...) {
        ex = std::current_exception(); // no co_await inside a handler
    }
    co_return op_result<T>{exception_to_error(ex, diag), T{}};
}

// Starts `body(diag)` (an awaitable<op_result<T>>, called once) on `executor`, never inline,
// with the handler's cancellation slot; the handler gets void(error_code, T) on its
// associated executor. `diag`, if any, is cleared first. Body is a named type, not a lambda
// (in a non-inline function of a header a lambda has no linkage, and g++ warns of the frame
// that holds it).
template <class T, class Body, class Handler>
void spawn_op(const boost::asio::any_io_executor& executor, diagnostics* diag, Body body, Handler&& handler) {
    if (diag)
        diag->clear();
    boost::asio::co_spawn(executor, guarded<T>(std::move(body), diag),
                          adapted_handler<std::decay_t<Handler>, unpack_result>{std::forward<Handler>(handler), {diag}});
}

} // namespace openai::admin::detail

#endif
