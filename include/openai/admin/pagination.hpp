// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_PAGINATION_HPP
#define OPENAI_ADMIN_PAGINATION_HPP

/// \file
/// \brief The lazy walker over a certificate list and its `after`/`last_id` cursor.

#include <openai/admin/detail/list_state.hpp>
#include <openai/admin/detail/operations.hpp>
#include <openai/admin/models.hpp>
#include <openai/admin/with_diagnostics.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace openai::admin {


/// \brief A lazy walk over the certificates of an organization or a project.
///
/// Made by `list()`; sends nothing until asked. Pages are fetched one at a time, with the
/// caller's `limit` and `order`, and `after` set to the previous page's `last_id` (the last
/// item's id if `last_id` is missing). The walk ends when a page has `has_more == false`, and
/// only then: empty pages that say more follow are skipped, not taken for the end. A server
/// that does not advance (more follow but no cursor, the same cursor again, or more than 10
/// empty pages in a row) ends the walk with \ref client_errc::pagination_stalled. Only the
/// current page is held in memory. After an error the same page is fetched again by the next
/// call.
///
/// \par Thread safety
/// Operations on one list must not overlap (one at a time, from any thread); an overlapping
/// call completes with \ref client_errc::operation_in_progress. Copies share one walk, and so
/// this rule.
///
/// \par Object lifetimes
/// The list keeps the client's state alive. A running operation keeps the walk's state alive,
/// so the list may be moved or destroyed while it runs; it still completes.
///
/// \par Per-operation cancellation
/// Terminal cancellation is honoured; partial and total are ignored. A cancelled operation
/// completes with `boost::asio::error::operation_aborted`, the connection in use is closed and
/// the list stays usable: the next call fetches the same page again.
class certificate_list {
public:
    /// \cond INTERNAL
    // Made by list(). Walks from `params.after` (or the start). Copies `params`.
    certificate_list(std::shared_ptr<detail::client_impl> impl, const request_options& opts,
                     std::optional<std::string> project, const list_params& params)
        : state_(std::make_shared<detail::list_state>()) {
        state_->impl = std::move(impl);
        state_->opts = opts;
        state_->project = std::move(project);
        state_->limit = params.limit;
        state_->order = params.order;
        if (params.after)
            state_->after.emplace(*params.after);
    }
    /// \endcond

    /// \brief The next certificate, or an empty optional once the list is exhausted.
    /// \par Handler signature
    /// `void(error_code, std::optional<scoped_certificate>)`. With the default token,
    /// `co_await` returns the optional or throws \ref api_error.
    /// \par Errors
    /// Those of any operation (\ref scope_certificates; invalid `list()` parameters on the
    /// first fetch), \ref client_errc::pagination_stalled, and
    /// \ref client_errc::operation_in_progress for an overlapping call.
    /// \par Object lifetimes
    /// `diag`, in the overload taking one, must outlive the operation.
    /// \par Per-operation cancellation
    /// Terminal cancellation is honoured (`asio::bind_cancellation_slot`, `awaitable_operators`
    /// `||`, `asio::cancel_after` on Boost >= 1.86); partial and total are ignored. A cancelled
    /// operation completes with `boost::asio::error::operation_aborted`, the connection in use
    /// is closed, the client and the list stay usable (the next call fetches the same page).
    /// \par Immediate completion
    /// A certificate already fetched (or the end) completes through the handler's associated
    /// immediate executor (Boost >= 1.82): inline when the caller bound one with
    /// `asio::bind_immediate_executor`, otherwise posted to the handler's executor.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_next(CompletionToken&& token = {}) {
        return start_next(nullptr, std::forward<CompletionToken>(token));
    }

    /// \brief Same as the overload without `diag`, and fills `diag` (which must outlive the
    /// operation) with what is known of the outcome.
    /// \copydetails async_next(CompletionToken&&)
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_next(diagnostics& diag, CompletionToken&& token = {}) {
        return start_next(&diag, std::forward<CompletionToken>(token));
    }

    /// \brief The next page (the rest of the current one if `async_next` was used before),
    /// or an empty optional once the list is exhausted. A list with no certificates yields
    /// one empty page.
    /// \par Handler signature
    /// `void(error_code, std::optional<certificate_page>)`. With the default token,
    /// `co_await` returns the optional or throws \ref api_error.
    /// \par Errors
    /// Those of any operation (\ref scope_certificates; invalid `list()` parameters on the
    /// first fetch), \ref client_errc::pagination_stalled, and
    /// \ref client_errc::operation_in_progress for an overlapping call.
    /// \par Object lifetimes
    /// `diag`, in the overload taking one, must outlive the operation.
    /// \par Per-operation cancellation
    /// Terminal cancellation is honoured (`asio::bind_cancellation_slot`, `awaitable_operators`
    /// `||`, `asio::cancel_after` on Boost >= 1.86); partial and total are ignored. A cancelled
    /// operation completes with `boost::asio::error::operation_aborted`, the connection in use
    /// is closed, the client and the list stay usable (the next call fetches the same page).
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_next_page(CompletionToken&& token = {}) {
        return start_next_page(nullptr, std::forward<CompletionToken>(token));
    }

    /// \brief Same as the overload without `diag`, and fills `diag` (which must outlive the
    /// operation) with what is known of the outcome.
    /// \copydetails async_next_page(CompletionToken&&)
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_next_page(diagnostics& diag, CompletionToken&& token = {}) {
        return start_next_page(&diag, std::forward<CompletionToken>(token));
    }

private:
    // An item already fetched (or the end) is handed out in the initiating call, without the
    // strand or a coroutine (detail::complete_now), unless another operation runs (the
    // coroutine then reports it).
    struct list_initiation {
        using executor_type = boost::asio::any_io_executor;
        std::shared_ptr<detail::list_state> st;
        executor_type get_executor() const noexcept { return detail::client_executor(*st->impl); }
    };

    struct next_initiation : list_initiation {
        template <class Handler>
        void operator()(Handler&& handler, diagnostics* diag) {
            if (auto r = st->try_take_buffered()) {
                if (diag)
                    diag->clear();
                return detail::complete_now(std::forward<Handler>(handler), get_executor(), std::move(*r));
            }
            detail::hand_over<std::optional<scoped_certificate>>(
                std::forward<Handler>(handler), get_executor(),
                [&](auto&& h) { detail::spawn_next(std::move(st), diag, std::forward<decltype(h)>(h)); },
                [&](auto&& ex, auto&& h) { detail::start_next(std::move(st), diag, std::move(ex), std::move(h)); });
        }
    };

    struct next_page_initiation : list_initiation {
        template <class Handler>
        void operator()(Handler&& handler, diagnostics* diag) {
            detail::hand_over<std::optional<certificate_page>>(
                std::forward<Handler>(handler), get_executor(),
                [&](auto&& h) { detail::spawn_next_page(std::move(st), diag, std::forward<decltype(h)>(h)); },
                [&](auto&& ex, auto&& h) { detail::start_next_page(std::move(st), diag, std::move(ex), std::move(h)); });
        }
    };

    template <class CompletionToken>
    auto start_next(diagnostics* diag, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(error_code, std::optional<scoped_certificate>)>(
            next_initiation{{state_}}, token, diag);
    }

    template <class CompletionToken>
    auto start_next_page(diagnostics* diag, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(error_code, std::optional<certificate_page>)>(
            next_page_initiation{{state_}}, token, diag);
    }

    std::shared_ptr<detail::list_state> state_;
};

} // namespace openai::admin

#endif
