// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_OPERATIONS_HPP
#define OPENAI_ADMIN_DETAIL_OPERATIONS_HPP

// The boundary between the operations' templates and the request path. Compiled apart
// (OPENAI_ADMIN_SEPARATE_COMPILATION), an operation's initiation type-erases whatever handler
// the completion token made (asio::any_completion_handler) and hands it to one of the
// non-template entry points below, compiled once (src.hpp): so the templates in a user's file
// need no Beast, TLS or JSON parser. Header-only, the initiation gives the token's own handler
// to the same code (the spawn_* templates the entry points call, impl/operations.ipp): no
// erasure, no cost.

#include <openai/admin/config.hpp>
#include <openai/admin/detail/build_mode.hpp>
#include <openai/admin/detail/requests.hpp>
#include <openai/admin/error.hpp>
#include <openai/admin/models.hpp>
#include <openai/admin/stats.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/version.hpp>
#if BOOST_VERSION >= 108200
#include <boost/asio/associated_immediate_executor.hpp>
#endif
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace openai::admin::detail {

class client_impl;
struct list_state;

// The handler every entry point takes.
template <class T>
using erased_handler = boost::asio::any_completion_handler<void(error_code, T)>;

// The client's state, made and read through these (client.hpp needs no client_impl).
OPENAI_ADMIN_DECL std::shared_ptr<client_impl> make_client_impl(const boost::asio::any_io_executor& ex,
                                                                client_config cfg);
OPENAI_ADMIN_DECL const boost::asio::any_io_executor& client_executor(const client_impl& impl) noexcept;
OPENAI_ADMIN_DECL const client_config& client_config_of(const client_impl& impl) noexcept;
OPENAI_ADMIN_DECL client_stats client_stats_of(const client_impl& impl) noexcept;

// Entry points (compiled apart). Each clears `diag` (if any; it must outlive the operation),
// starts the operation on the client's strand and completes `handler` through `handler_ex`
// (completion_executor_of) or, when that is null, through the handler's own executor.
// build -> send -> decode: get, modify, delete, activate, deactivate.
OPENAI_ADMIN_DECL void start_request(std::shared_ptr<client_impl> impl, request_spec&& spec, const request_options& opts,
                                     diagnostics* diag, boost::asio::any_io_executor handler_ex,
                                     erased_handler<certificate> handler);
OPENAI_ADMIN_DECL void start_request(std::shared_ptr<client_impl> impl, request_spec&& spec, const request_options& opts,
                                     diagnostics* diag, boost::asio::any_io_executor handler_ex,
                                     erased_handler<deleted_certificate> handler);
OPENAI_ADMIN_DECL void start_request(std::shared_ptr<client_impl> impl, request_spec&& spec, const request_options& opts,
                                     diagnostics* diag, boost::asio::any_io_executor handler_ex,
                                     erased_handler<activation_result> handler);
// An upload: an ambiguous failure is checked (upload_recovery.hpp) before any retry.
OPENAI_ADMIN_DECL void start_upload(std::shared_ptr<client_impl> impl, request_spec&& spec, upload_facts&& facts,
                                    const request_options& opts, diagnostics* diag,
                                    boost::asio::any_io_executor handler_ex, erased_handler<certificate> handler);
// A list walk's next item / next page.
OPENAI_ADMIN_DECL void start_next(std::shared_ptr<list_state> st, diagnostics* diag,
                                  boost::asio::any_io_executor handler_ex,
                                  erased_handler<std::optional<scoped_certificate>> handler);
OPENAI_ADMIN_DECL void start_next_page(std::shared_ptr<list_state> st, diagnostics* diag,
                                       boost::asio::any_io_executor handler_ex,
                                       erased_handler<std::optional<certificate_page>> handler);

// The executor a handler completes on, as co_spawn picks it (its associated executor, the
// client's strand by default), when that converts to an any_io_executor (nearly always); null
// otherwise. Through it the compiled side completes as header-only code does, rather than
// through the erased handler's any_completion_executor (a second layer of type erasure around
// the first, and an allocation per call).
template <class Handler>
boost::asio::any_io_executor completion_executor_of(const Handler& handler, const boost::asio::any_io_executor& strand) {
    auto ex = boost::asio::get_associated_executor(handler, strand);
    if constexpr (std::is_convertible_v<decltype(ex), boost::asio::any_io_executor>)
        return ex;
    else
        return {};
}

// What the entry points run, for any handler (impl/operations.ipp).
template <class T, class Handler>
void spawn_request(std::shared_ptr<client_impl> impl, request_spec&& spec, const request_options& opts,
                   diagnostics* diag, Handler&& handler);
template <class Handler>
void spawn_upload(std::shared_ptr<client_impl> impl, request_spec&& spec, upload_facts&& facts,
                  const request_options& opts, diagnostics* diag, Handler&& handler);
template <class Handler>
void spawn_next(std::shared_ptr<list_state> st, diagnostics* diag, Handler&& handler);
template <class Handler>
void spawn_next_page(std::shared_ptr<list_state> st, diagnostics* diag, Handler&& handler);

// Hands an initiation's handler to the request path, the one place that differs by mode:
// header-only, `spawn(handler)` (a spawn_* template, the token's own handler); compiled apart,
// `start(executor, erased handler)` (an entry point; completion_executor_of).
template <class T, class Handler, class Spawn, class Start>
void hand_over(Handler&& handler, [[maybe_unused]] const boost::asio::any_io_executor& strand,
               [[maybe_unused]] Spawn&& spawn, [[maybe_unused]] Start&& start) {
#ifdef OPENAI_ADMIN_HEADER_ONLY
    std::forward<Spawn>(spawn)(std::forward<Handler>(handler));
#else
    auto ex = completion_executor_of(handler, strand);
    std::forward<Start>(start)(std::move(ex), erased_handler<T>(std::forward<Handler>(handler)));
#endif
}

// The initiations. `get_executor()` is the client's strand, which tokens such as
// asio::cancel_after use for their timers. Everything an operation needs was copied when it
// was called (a deferred operation may be initiated later, its arguments gone).
struct initiation_base {
    using executor_type = boost::asio::any_io_executor;
    std::shared_ptr<client_impl> impl;
    executor_type get_executor() const noexcept { return client_executor(*impl); }
};

template <class T>
struct request_initiation : initiation_base {
    request_spec spec;
    request_options opts;

    template <class Handler>
    void operator()(Handler&& handler, diagnostics* diag) {
        hand_over<T>(
            std::forward<Handler>(handler), get_executor(),
            [&](auto&& h) { spawn_request<T>(std::move(impl), std::move(spec), opts, diag, std::forward<decltype(h)>(h)); },
            [&](auto&& ex, auto&& h) { start_request(std::move(impl), std::move(spec), opts, diag, std::move(ex), std::move(h)); });
    }
};

struct upload_initiation : initiation_base {
    request_spec spec;
    upload_facts facts;
    request_options opts;

    template <class Handler>
    void operator()(Handler&& handler, diagnostics* diag) {
        hand_over<certificate>(
            std::forward<Handler>(handler), get_executor(),
            [&](auto&& h) {
                spawn_upload(std::move(impl), std::move(spec), std::move(facts), opts, diag, std::forward<decltype(h)>(h));
            },
            [&](auto&& ex, auto&& h) {
                start_upload(std::move(impl), std::move(spec), std::move(facts), opts, diag, std::move(ex), std::move(h));
            });
    }
};

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
// the handler's executor; on older Boost it is always posted. Never inline by default. The
// handler is not type-erased on this path (any_completion_handler has no immediate executor
// before Boost 1.83).
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

} // namespace openai::admin::detail

#ifdef OPENAI_ADMIN_HEADER_ONLY
#include <openai/admin/detail/impl/operations.ipp>
#endif

#endif
