// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_ADAPTED_HANDLER_HPP
#define OPENAI_ADMIN_DETAIL_ADAPTED_HANDLER_HPP

#include <boost/asio/associator.hpp>

#include <utility>

namespace openai::admin::detail {

// A completion handler that rewrites its arguments with `adapter` before calling `handler`,
// and keeps the handler's associated executor, allocator and cancellation slot.
template <class Handler, class Adapter>
struct adapted_handler {
    Handler handler;
    Adapter adapter;

    template <class... Args>
    void operator()(Args&&... args) {
        std::move(adapter)(std::move(handler), std::forward<Args>(args)...);
    }
};

} // namespace openai::admin::detail

namespace boost::asio {

// Forwards every associator (executor, allocator, cancellation slot, immediate executor) to the
// inner handler. It declares `type` and `get` only and does not derive from the inner handler's
// associator: that would also pass on Asio's "unspecialised" marker types, which change what
// Asio does. Since Boost 1.83 the binders' associators derive from the inner one, so
// bind_cancellation_slot(slot, lambda) carries the lambda's "no executor" marker; co_spawn then
// emits a cancellation at once, in the caller's thread, rather than on the coroutine's strand,
// and a cancellation before the coroutine's first turn escaped as an exception (issue 12).
// Declaring the types here keeps co_spawn's one behaviour on every Boost.
template <template <class, class> class Associator, class Handler, class Adapter, class DefaultCandidate>
struct associator<Associator, openai::admin::detail::adapted_handler<Handler, Adapter>, DefaultCandidate> {
    using type = typename Associator<Handler, DefaultCandidate>::type;

    static type get(const openai::admin::detail::adapted_handler<Handler, Adapter>& h) noexcept {
        return Associator<Handler, DefaultCandidate>::get(h.handler);
    }
    static auto get(const openai::admin::detail::adapted_handler<Handler, Adapter>& h,
                    const DefaultCandidate& c) noexcept -> decltype(Associator<Handler, DefaultCandidate>::get(h.handler, c)) {
        return Associator<Handler, DefaultCandidate>::get(h.handler, c);
    }
};

} // namespace boost::asio

#endif
