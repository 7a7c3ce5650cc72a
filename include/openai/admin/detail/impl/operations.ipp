// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_IMPL_OPERATIONS_IPP
#define OPENAI_ADMIN_DETAIL_IMPL_OPERATIONS_IPP

// The entry points of operations.hpp: each runs one coroutine (build -> send -> decode) over
// client_impl::send, the one request path.

#include <openai/admin/detail/async_run.hpp>
#include <openai/admin/detail/client_impl.hpp>
#include <openai/admin/detail/list_state.hpp>
#include <openai/admin/detail/operations.hpp>
#include <openai/admin/detail/protocol.hpp>
#include <openai/admin/detail/upload_recovery.hpp>

#include <boost/asio/bind_executor.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace openai::admin::detail {

OPENAI_ADMIN_DECL std::shared_ptr<client_impl> make_client_impl(const asio::any_io_executor& ex, client_config cfg) {
    return std::make_shared<client_impl>(ex, std::move(cfg));
}

OPENAI_ADMIN_DECL const asio::any_io_executor& client_executor(const client_impl& impl) noexcept {
    return impl.get_executor();
}

OPENAI_ADMIN_DECL const client_config& client_config_of(const client_impl& impl) noexcept { return impl.config(); }

OPENAI_ADMIN_DECL client_stats client_stats_of(const client_impl& impl) noexcept { return impl.stats(); }

// build -> send -> decode, for every operation that returns one object. `context`: what the
// observer captured when the operation was started (client_impl::capture_context).
template <class T>
asio::awaitable<op_result<T>> request_op(std::shared_ptr<client_impl> impl, request_spec spec, request_options opts,
                                         diagnostics* diag, std::shared_ptr<void> context,
                                         outcome_check* check = nullptr) {
    op_result<T> out;
    call_scope scope = impl->begin(spec, std::move(context));
    auto r = co_await impl->send(spec, opts, diag, scope, check);
    out.first = r.ec ? r.ec : decode_body(r.body, out.second, diag);
    scope.finish(out.first);
    co_return out;
}

// request_op for an upload: an ambiguous failure is checked before any retry (upload_check),
// and the certificate returned is remembered, so that no later check mistakes it for its own.
inline asio::awaitable<op_result<certificate>> upload_op(std::shared_ptr<client_impl> impl, request_spec spec,
                                                         upload_check check, request_options opts,
                                                         diagnostics* diag, std::shared_ptr<void> context) {
    auto out = co_await request_op<certificate>(impl, std::move(spec), opts, diag, std::move(context), &check);
    if (!out.first)
        impl->remember_upload(out.second.id);
    co_return out;
}

// The coroutines' bodies, by operation.
template <class T>
struct request_body {
    std::shared_ptr<client_impl> impl;
    request_spec spec;
    request_options opts;
    std::shared_ptr<void> context;
    asio::awaitable<op_result<T>> operator()(diagnostics* d) {
        return request_op<T>(std::move(impl), std::move(spec), opts, d, std::move(context));
    }
};

struct upload_body {
    std::shared_ptr<client_impl> impl;
    request_spec spec;
    upload_check check;
    request_options opts;
    std::shared_ptr<void> context;
    asio::awaitable<op_result<certificate>> operator()(diagnostics* d) {
        return upload_op(std::move(impl), std::move(spec), std::move(check), opts, d, std::move(context));
    }
};

template <class T, class Handler>
void spawn_request(std::shared_ptr<client_impl> impl, request_spec&& spec, const request_options& opts,
                   diagnostics* diag, Handler&& handler) {
    const asio::any_io_executor& ex = impl->get_executor(); // impl stays alive in the body
    auto context = impl->capture_context();                 // here, in the caller's thread
    spawn_op<T>(ex, diag, request_body<T>{std::move(impl), std::move(spec), opts, std::move(context)},
                std::forward<Handler>(handler));
}

template <class Handler>
void spawn_upload(std::shared_ptr<client_impl> impl, request_spec&& spec, upload_facts&& facts,
                  const request_options& opts, diagnostics* diag, Handler&& handler) {
    const asio::any_io_executor& ex = impl->get_executor();
    auto context = impl->capture_context();
    upload_check check(std::move(facts), opts, context);
    spawn_op<certificate>(ex, diag, upload_body{std::move(impl), std::move(spec), std::move(check), opts, std::move(context)},
                          std::forward<Handler>(handler));
}

// Calls spawn(handler) with the erased handler bound to `handler_ex` (completion_executor_of)
// when there is one.
template <class T, class Spawn>
void with_completion_executor(asio::any_io_executor handler_ex, erased_handler<T>&& handler, Spawn&& spawn) {
    if (handler_ex)
        spawn(asio::bind_executor(std::move(handler_ex), std::move(handler)));
    else
        spawn(std::move(handler));
}

#define OPENAI_ADMIN_DEFINE_START_REQUEST(T)                                                                   \
    OPENAI_ADMIN_DECL void start_request(std::shared_ptr<client_impl> impl, request_spec&& spec,                \
                                         const request_options& opts, diagnostics* diag,                        \
                                         asio::any_io_executor handler_ex, erased_handler<T> handler) {         \
        with_completion_executor(std::move(handler_ex), std::move(handler), [&](auto&& h) {                    \
            spawn_request<T>(std::move(impl), std::move(spec), opts, diag, std::forward<decltype(h)>(h));       \
        });                                                                                                     \
    }
OPENAI_ADMIN_DEFINE_START_REQUEST(certificate)
OPENAI_ADMIN_DEFINE_START_REQUEST(deleted_certificate)
OPENAI_ADMIN_DEFINE_START_REQUEST(activation_result)
#undef OPENAI_ADMIN_DEFINE_START_REQUEST

OPENAI_ADMIN_DECL void start_upload(std::shared_ptr<client_impl> impl, request_spec&& spec, upload_facts&& facts,
                                    const request_options& opts, diagnostics* diag, asio::any_io_executor handler_ex,
                                    erased_handler<certificate> handler) {
    with_completion_executor(std::move(handler_ex), std::move(handler), [&](auto&& h) {
        spawn_upload(std::move(impl), std::move(spec), std::move(facts), opts, diag, std::forward<decltype(h)>(h));
    });
}

// ---------------------------------------------------------------- list walks

// Fetches the page after the cursor into `st.page`; on error nothing changes. Each page is an
// operation of its own for the observer.
inline asio::awaitable<error_code> list_fetch(list_state& st, diagnostics* diag, const std::shared_ptr<void>& context) {
    auto spec = list_request(st.project ? std::optional<std::string_view>(*st.project) : std::nullopt,
                             list_params{.limit = st.limit, .order = st.order, .after = st.after});
    call_scope scope = st.impl->begin(spec, context);
    auto r = co_await st.impl->send(spec, st.opts, diag, scope);
    certificate_page next;
    if (auto ec = r.ec ? r.ec : decode_body(r.body, next, diag)) {
        scope.finish(ec);
        co_return ec;
    }
    scope.finish(error_code());
    const unsigned empties = next.data.empty() ? st.empty_pages + 1 : 0;
    page_advance step = advance(next, st.after, empties);
    if (!step.stalled.empty()) {
        if (diag)
            diag->message = std::move(step.stalled);
        co_return client_errc::pagination_stalled;
    }
    st.finished = step.finished;
    if (!st.finished)
        st.after = std::move(step.cursor);
    st.empty_pages = empties;
    st.page = std::move(next);
    st.pos = 0;
    co_return error_code();
}

// Fetches until an item is buffered or the list ends (skipping empty pages that say more
// follow).
inline asio::awaitable<error_code> list_fill(list_state& st, diagnostics* diag, const std::shared_ptr<void>& context) {
    while (!st.has_buffered() && !st.finished)
        if (auto ec = co_await list_fetch(st, diag, context))
            co_return ec;
    co_return error_code();
}

inline asio::awaitable<op_result<std::optional<scoped_certificate>>> list_next(std::shared_ptr<list_state> st,
                                                                               diagnostics* diag,
                                                                               std::shared_ptr<void> context) {
    using result = op_result<std::optional<scoped_certificate>>;
    if (!st->claim())
        co_return result{list_state::in_progress(diag), std::nullopt};
    list_state::busy_guard guard(*st);
    if (auto ec = co_await list_fill(*st, diag, context))
        co_return result{ec, std::nullopt};
    co_return result{error_code(), std::move(*st->take_buffered())}; // filled: an item or the end
}

inline asio::awaitable<op_result<std::optional<certificate_page>>> list_next_page(std::shared_ptr<list_state> st,
                                                                                  diagnostics* diag,
                                                                                  std::shared_ptr<void> context) {
    using result = op_result<std::optional<certificate_page>>;
    if (!st->claim())
        co_return result{list_state::in_progress(diag), std::nullopt};
    list_state::busy_guard guard(*st);
    if (!st->has_buffered()) {
        if (st->finished)
            co_return result{};
        if (auto ec = co_await list_fill(*st, diag, context))
            co_return result{ec, std::nullopt};
    }
    // Hand out the unconsumed rest of the page and keep nothing.
    certificate_page out = std::move(st->page);
    out.data.erase(out.data.begin(), out.data.begin() + static_cast<std::ptrdiff_t>(st->pos));
    st->page = certificate_page{};
    st->pos = 0;
    co_return result{error_code(), std::move(out)};
}

struct next_body {
    std::shared_ptr<list_state> st;
    std::shared_ptr<void> context;
    asio::awaitable<op_result<std::optional<scoped_certificate>>> operator()(diagnostics* d) {
        return list_next(std::move(st), d, std::move(context));
    }
};

struct next_page_body {
    std::shared_ptr<list_state> st;
    std::shared_ptr<void> context;
    asio::awaitable<op_result<std::optional<certificate_page>>> operator()(diagnostics* d) {
        return list_next_page(std::move(st), d, std::move(context));
    }
};

template <class Handler>
void spawn_next(std::shared_ptr<list_state> st, diagnostics* diag, Handler&& handler) {
    const asio::any_io_executor& ex = st->impl->get_executor();
    auto context = st->impl->capture_context();
    spawn_op<std::optional<scoped_certificate>>(ex, diag, next_body{std::move(st), std::move(context)},
                                                std::forward<Handler>(handler));
}

template <class Handler>
void spawn_next_page(std::shared_ptr<list_state> st, diagnostics* diag, Handler&& handler) {
    const asio::any_io_executor& ex = st->impl->get_executor();
    auto context = st->impl->capture_context();
    spawn_op<std::optional<certificate_page>>(ex, diag, next_page_body{std::move(st), std::move(context)},
                                              std::forward<Handler>(handler));
}

OPENAI_ADMIN_DECL void start_next(std::shared_ptr<list_state> st, diagnostics* diag, asio::any_io_executor handler_ex,
                                  erased_handler<std::optional<scoped_certificate>> handler) {
    with_completion_executor(std::move(handler_ex), std::move(handler), [&](auto&& h) {
        spawn_next(std::move(st), diag, std::forward<decltype(h)>(h));
    });
}

OPENAI_ADMIN_DECL void start_next_page(std::shared_ptr<list_state> st, diagnostics* diag,
                                       asio::any_io_executor handler_ex,
                                       erased_handler<std::optional<certificate_page>> handler) {
    with_completion_executor(std::move(handler_ex), std::move(handler), [&](auto&& h) {
        spawn_next_page(std::move(st), diag, std::forward<decltype(h)>(h));
    });
}

} // namespace openai::admin::detail

#endif
