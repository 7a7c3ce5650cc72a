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

template <template <class, class> class Associator, class Handler, class Adapter, class DefaultCandidate>
struct associator<Associator, openai::admin::detail::adapted_handler<Handler, Adapter>, DefaultCandidate>
    : Associator<Handler, DefaultCandidate> {
    static typename Associator<Handler, DefaultCandidate>::type
    get(const openai::admin::detail::adapted_handler<Handler, Adapter>& h) noexcept {
        return Associator<Handler, DefaultCandidate>::get(h.handler);
    }
    static auto get(const openai::admin::detail::adapted_handler<Handler, Adapter>& h,
                    const DefaultCandidate& c) noexcept -> decltype(Associator<Handler, DefaultCandidate>::get(h.handler, c)) {
        return Associator<Handler, DefaultCandidate>::get(h.handler, c);
    }
};

} // namespace boost::asio

#endif
