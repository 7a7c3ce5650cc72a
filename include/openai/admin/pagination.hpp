// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_PAGINATION_HPP
#define OPENAI_ADMIN_PAGINATION_HPP

/// \file
/// \brief The lazy walker over a certificate list and its `after`/`last_id` cursor.

#include <openai/admin/detail/async_run.hpp>
#include <openai/admin/detail/client_impl.hpp>
#include <openai/admin/detail/protocol.hpp>
#include <openai/admin/models.hpp>
#include <openai/admin/with_diagnostics.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace openai::admin {

namespace detail {

// The walker's state. Only touched by an operation that holds the claim (`busy`): the
// coroutines on the client's strand, and the buffered-item shortcut in the initiating thread.
// Claiming acquires and releasing releases, so whoever holds the claim sees everything the
// previous holder wrote, with no lock. It holds one page at most.
struct list_state {
    std::shared_ptr<client_impl> impl;
    request_options opts;
    std::optional<std::string> project; // empty: organization scope
    std::optional<int> limit;
    std::optional<admin::order> order;
    std::optional<std::string> after;   // the cursor of the next fetch
    certificate_page page;              // the current page; items before `pos` were handed out
    std::size_t pos = 0;
    bool finished = false;
    std::atomic<bool> busy{false};

    bool has_buffered() const noexcept { return pos < page.data.size(); }

    // Fetches the page after the cursor into `page`; on error nothing changes.
    asio::awaitable<error_code> fetch(diagnostics* diag) {
        auto spec = list_request(project ? std::optional<std::string_view>(*project) : std::nullopt,
                                 list_params{.limit = limit, .order = order, .after = after});
        auto r = co_await impl->send(spec, opts, diag);
        if (r.ec)
            co_return r.ec;
        certificate_page next;
        if (auto ec = decode_body(r.body, next, diag))
            co_return ec;
        // Stop on has_more == false, an empty page, or no cursor (the official SDKs' rule).
        finished = next.data.empty() || !next.has_more || !next.last_id || next.last_id->empty();
        after = next.last_id;
        page = std::move(next);
        pos = 0;
        co_return error_code();
    }

    // Claims the walker for one operation; false when another operation holds it.
    bool claim() noexcept {
        bool expected = false;
        return busy.compare_exchange_strong(expected, true, std::memory_order_acquire, std::memory_order_relaxed);
    }
    void release() noexcept { busy.store(false, std::memory_order_release); }

    // Releases a claim made just before it.
    struct busy_guard {
        list_state& st;
        explicit busy_guard(list_state& s) : st(s) {}
        busy_guard(const busy_guard&) = delete;
        busy_guard& operator=(const busy_guard&) = delete;
        ~busy_guard() { st.release(); }
    };

    static error_code in_progress(diagnostics* diag) {
        if (diag)
            diag->message = "an operation is already in progress on this certificate list";
        return client_errc::operation_in_progress;
    }

    // What next() yields without fetching: the next buffered item, or the end; nothing when a
    // page must be fetched first.
    std::optional<std::optional<scoped_certificate>> take_buffered() {
        if (has_buffered())
            return std::optional<scoped_certificate>(std::move(page.data[pos++]));
        if (finished)
            return std::optional<scoped_certificate>();
        return std::nullopt;
    }

    // take_buffered() from any thread: nothing when another operation holds the walker (the
    // coroutine path then reports it) or when a page must be fetched first.
    std::optional<std::optional<scoped_certificate>> try_take_buffered() {
        if (!claim())
            return std::nullopt;
        busy_guard guard(*this);
        return take_buffered();
    }

    static asio::awaitable<op_result<std::optional<scoped_certificate>>> next(std::shared_ptr<list_state> st,
                                                                             diagnostics* diag) {
        using result = op_result<std::optional<scoped_certificate>>;
        if (!st->claim())
            co_return result{in_progress(diag), std::nullopt};
        busy_guard guard(*st);
        if (!st->has_buffered() && !st->finished)
            if (auto ec = co_await st->fetch(diag))
                co_return result{ec, std::nullopt};
        co_return result{error_code(), std::move(*st->take_buffered())}; // fetched: an item or the end
    }

    static asio::awaitable<op_result<std::optional<certificate_page>>> next_page(std::shared_ptr<list_state> st,
                                                                                diagnostics* diag) {
        using result = op_result<std::optional<certificate_page>>;
        if (!st->claim())
            co_return result{in_progress(diag), std::nullopt};
        busy_guard guard(*st);
        if (!st->has_buffered()) {
            if (st->finished)
                co_return result{};
            if (auto ec = co_await st->fetch(diag))
                co_return result{ec, std::nullopt};
        }
        // Hand out the unconsumed rest of the page and keep nothing.
        certificate_page out = std::move(st->page);
        out.data.erase(out.data.begin(), out.data.begin() + static_cast<std::ptrdiff_t>(st->pos));
        st->page = certificate_page{};
        st->pos = 0;
        co_return result{error_code(), std::move(out)};
    }
};

} // namespace detail

/// \brief A lazy walk over the certificates of an organization or a project.
///
/// Made by `list()`; sends nothing until asked. Pages are fetched one at a time, with the
/// caller's `limit` and `order`, and `after` set to the previous page's `last_id`. The walk
/// ends when a page has `has_more == false`, no items, or no `last_id`. Only the current page
/// is held in memory. After an error the same page is fetched again by the next call.
///
/// \par Thread safety
/// Operations on one list must not overlap; an overlapping call completes with
/// \ref client_errc::operation_in_progress. The list may be moved while an operation runs.
///
/// \par Per-operation cancellation
/// Terminal cancellation is honoured; the connection in use is closed and the list stays usable.
class certificate_list {
public:
    /// \brief Used by `list()`; walks from `params.after` (or the start). Copies `params`.
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

    /// \brief The next certificate, or an empty optional once the list is exhausted.
    /// \par Handler signature
    /// `void(error_code, std::optional<scoped_certificate>)`
    /// \par Immediate completion
    /// A certificate already fetched (or the end) completes through the handler's associated
    /// immediate executor (Boost >= 1.82): inline when the caller bound one with
    /// `asio::bind_immediate_executor`, otherwise posted to the handler's executor.
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_next(CompletionToken&& token = {}) {
        return start_next(nullptr, std::forward<CompletionToken>(token));
    }

    /// \brief As above, filling `diag` (which must outlive the operation).
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_next(diagnostics& diag, CompletionToken&& token = {}) {
        return start_next(&diag, std::forward<CompletionToken>(token));
    }

    /// \brief The next page (the rest of the current one if `async_next` was used before),
    /// or an empty optional once the list is exhausted. A list with no certificates yields
    /// one empty page.
    /// \par Handler signature
    /// `void(error_code, std::optional<certificate_page>)`
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_next_page(CompletionToken&& token = {}) {
        return start_next_page(nullptr, std::forward<CompletionToken>(token));
    }

    /// \brief As above, filling `diag` (which must outlive the operation).
    template <completion_token CompletionToken = default_completion_token_t>
    auto async_next_page(diagnostics& diag, CompletionToken&& token = {}) {
        return start_next_page(&diag, std::forward<CompletionToken>(token));
    }

private:
    template <class CompletionToken>
    auto start_next(diagnostics* diag, CompletionToken&& token) {
        // An item already fetched (or the end) is handed out in the initiating call, without the
        // strand or a coroutine (detail::complete_now), unless another operation runs (next()
        // then reports it).
        return detail::async_run_unless_ready<std::optional<scoped_certificate>>(
            state_->impl->get_executor(), diag, [st = state_] { return st->try_take_buffered(); },
            [st = state_](diagnostics* d) { return detail::list_state::next(st, d); },
            std::forward<CompletionToken>(token));
    }

    template <class CompletionToken>
    auto start_next_page(diagnostics* diag, CompletionToken&& token) {
        return detail::async_run<std::optional<certificate_page>>(
            state_->impl->get_executor(), diag,
            [st = state_](diagnostics* d) { return detail::list_state::next_page(st, d); },
            std::forward<CompletionToken>(token));
    }

    std::shared_ptr<detail::list_state> state_;
};

} // namespace openai::admin

#endif
