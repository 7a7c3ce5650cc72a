// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_WITH_DIAGNOSTICS_HPP
#define OPENAI_ADMIN_WITH_DIAGNOSTICS_HPP

/// \file
/// \brief The completion token adapter behind the default token of every operation.

#include <openai/admin/detail/adapted_handler.hpp>
#include <openai/admin/error.hpp>

#include <boost/asio/async_result.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <memory>
#include <type_traits>
#include <utility>

namespace openai::admin {

/// \brief Wraps a completion token so that a failure arrives as an \ref api_error.
///
/// An operation with completion signature `void(error_code, T)` used with
/// `with_diagnostics(token)` completes as `void(std::exception_ptr, T)` on `token`, the
/// exception carrying the error code and the \ref diagnostics (status, API error object,
/// request id). With `co_await` the exception is thrown. If the caller passed its own
/// `diagnostics&`, that object is filled as well.
template <class CompletionToken>
struct with_diagnostics_t {
    /// \brief Default-constructs the wrapped token (e.g. `asio::deferred`).
    constexpr with_diagnostics_t() = default;
    /// \brief Wraps `token`.
    template <class T>
        requires(!std::is_same_v<std::remove_cvref_t<T>, with_diagnostics_t>)
    constexpr explicit with_diagnostics_t(T&& token) : token(std::forward<T>(token)) {}

    CompletionToken token{}; ///< The wrapped token.
};

/// \brief Wraps `token`; see \ref with_diagnostics_t.
template <class CompletionToken>
constexpr with_diagnostics_t<std::decay_t<CompletionToken>> with_diagnostics(CompletionToken&& token) {
    return with_diagnostics_t<std::decay_t<CompletionToken>>(std::forward<CompletionToken>(token));
}

/// \brief The default completion token of every operation: `co_await op(...)` in an
/// `asio::awaitable` coroutine returns the result or throws \ref api_error.
///
/// It wraps `use_awaitable`, not `deferred`: Boost 1.81 cannot `co_await` a deferred operation
/// whose signature is `void(std::exception_ptr, T)` (`awaitable_async_op_handler::resume`
/// dereferences its result struct), while `use_awaitable` takes a path that works. For the
/// same reason `co_await op(with_diagnostics(asio::deferred))` does not compile on 1.81.
using default_completion_token_t = with_diagnostics_t<boost::asio::use_awaitable_t<>>;

/// \brief Anything but a \ref openai::admin::diagnostics object can be a completion token
/// (keeps the overloads taking `diagnostics&` unambiguous).
template <class T>
concept completion_token = !std::is_same_v<std::remove_cvref_t<T>, diagnostics>;

namespace detail {

// Turns (error_code, Args...) into (exception_ptr, Args...) for the wrapped token's handler.
struct throw_diagnostics {
    std::unique_ptr<diagnostics> owned; // when the caller gave none; stable address
    diagnostics* diag;

    template <class Handler, class... Args>
    void operator()(Handler&& handler, const error_code& ec, Args&&... args) && {
        std::exception_ptr ex;
        if (ec)
            ex = std::make_exception_ptr(api_error(ec, *diag));
        owned.reset();
        std::move(handler)(std::move(ex), std::forward<Args>(args)...);
    }
};

// Calls the operation's initiation with the adapted handler and a diagnostics object it can
// fill: the caller's, or one owned by the adapter. The `diagnostics*` is found among the
// arguments by its type, since other tokens' adapters may add arguments before it (e.g.
// asio::cancel_after(d, with_diagnostics(token)) adds the timeout and the cancellation type).
// Exposes the executor type of an initiation that has one (some Asio adapters' initiations do not,
// e.g. bind_immediate_executor's in Boost 1.83).
template <class Initiation, class = void>
struct initiation_executor_type {};
template <class Initiation>
struct initiation_executor_type<Initiation, std::void_t<typename Initiation::executor_type>> {
    using executor_type = typename Initiation::executor_type;
};

template <class Initiation>
struct diagnostics_initiation : initiation_executor_type<Initiation> {
    Initiation initiation;

    // Tokens such as asio::cancel_after need the operation's executor, when it has one.
    auto get_executor() const noexcept
        requires requires(const Initiation& i) { i.get_executor(); }
    {
        return initiation.get_executor();
    }

    template <class Handler, class... Args>
    void operator()(Handler&& handler, Args&&... args) {
        static_assert((std::is_same_v<std::decay_t<Args>, diagnostics*> + ... + 0) == 1,
                      "an operation initiates with exactly one diagnostics* argument");
        diagnostics* diag = nullptr;
        ((diag = given(diag, args)), ...);
        std::unique_ptr<diagnostics> owned;
        if (diag == nullptr) {
            owned = std::make_unique<diagnostics>();
            diag = owned.get();
        }
        using adapted = adapted_handler<std::decay_t<Handler>, throw_diagnostics>;
        std::move(initiation)(adapted{std::forward<Handler>(handler), throw_diagnostics{std::move(owned), diag}},
                              substitute(std::forward<Args>(args), diag)...);
    }

private:
    template <class A>
    static diagnostics* given(diagnostics* found, const A& a) noexcept {
        if constexpr (std::is_same_v<std::decay_t<A>, diagnostics*>)
            return a;
        else
            return found;
    }
    template <class A>
    static decltype(auto) substitute(A&& a, diagnostics* diag) noexcept {
        if constexpr (std::is_same_v<std::decay_t<A>, diagnostics*>)
            return diag;
        else
            return std::forward<A>(a);
    }
};

} // namespace detail
} // namespace openai::admin

namespace boost::asio {

/// \brief Makes \ref openai::admin::with_diagnostics_t a completion token for operations whose
/// signature is `void(error_code, Args...)`: the wrapped token sees
/// `void(std::exception_ptr, Args...)`.
///
/// Operations initiate with (handler, args...), one of the args a `diagnostics*`; see
/// `detail::diagnostics_initiation`. A const token (a const lvalue, or one inside another
/// adapter such as `asio::bind_immediate_executor`) passes its wrapped token on as const.
template <class CompletionToken, class... Args>
struct async_result<openai::admin::with_diagnostics_t<CompletionToken>, void(openai::admin::error_code, Args...)> {
    /// \brief Initiates the operation on the wrapped token, with a handler that makes an
    /// \ref openai::admin::api_error of a failure (from the caller's `diagnostics`, or from
    /// one it owns when the caller gave none).
    template <class Initiation, class RawToken, class... InitArgs>
    static auto initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
        using inner = std::conditional_t<std::is_const_v<std::remove_reference_t<RawToken>>, const CompletionToken,
                                         CompletionToken>;
        return async_initiate<inner, void(std::exception_ptr, Args...)>(
            openai::admin::detail::diagnostics_initiation<std::decay_t<Initiation>>{
                {}, std::forward<Initiation>(initiation)},
            token.token, std::forward<InitArgs>(args)...);
    }
};

} // namespace boost::asio

#endif
