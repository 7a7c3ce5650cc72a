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

// At most this many empty pages in a row that say more follow; the next one is a stall.
inline constexpr unsigned max_empty_pages = 10;

// What a walk does after a page fetched with cursor `sent_after`.
struct page_advance {
    bool finished = false;
    std::optional<std::string> cursor{}; // where the next page starts, unless finished
    std::string stalled{};               // non-empty: why the walk cannot go on (an error)
};

// The end rule. The walk ends when `has_more` is false, and only then: an empty page that says
// more follow goes on. It goes on from `last_id`, or the last item's id when `last_id` is
// missing. It stalls when more follow but there is no cursor, the cursor is the one it was
// asked with, or `empty_in_a_row` (this page included) exceeds max_empty_pages.
inline page_advance advance(const certificate_page& page, const std::optional<std::string>& sent_after,
                            unsigned empty_in_a_row) {
    page_advance out;
    if (!page.has_more) {
        out.finished = true;
        return out;
    }
    if (page.last_id && !page.last_id->empty())
        out.cursor = page.last_id;
    else if (!page.data.empty())
        out.cursor = page.data.back().id;
    if (!out.cursor)
        out.stalled = "the server said more certificates follow (has_more) but gave no cursor (last_id)";
    else if (out.cursor == sent_after)
        out.stalled = "the server returned the cursor it was asked with (last_id \"" + *out.cursor +
                      "\"): the list does not advance";
    else if (empty_in_a_row > max_empty_pages)
        out.stalled = std::to_string(empty_in_a_row) + " empty pages in a row said more certificates follow";
    return out;
}

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
    unsigned empty_pages = 0;           // empty pages in a row, up to the current one
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
        const unsigned empties = next.data.empty() ? empty_pages + 1 : 0;
        page_advance step = advance(next, after, empties);
        if (!step.stalled.empty()) {
            if (diag)
                diag->message = std::move(step.stalled);
            co_return client_errc::pagination_stalled;
        }
        finished = step.finished;
        if (!finished)
            after = std::move(step.cursor);
        empty_pages = empties;
        page = std::move(next);
        pos = 0;
        co_return error_code();
    }

    // Fetches until an item is buffered or the list ends (skipping empty pages that say
    // more follow).
    asio::awaitable<error_code> fill(diagnostics* diag) {
        while (!has_buffered() && !finished)
            if (auto ec = co_await fetch(diag))
                co_return ec;
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
        if (auto ec = co_await st->fill(diag))
            co_return result{ec, std::nullopt};
        co_return result{error_code(), std::move(*st->take_buffered())}; // filled: an item or the end
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
            if (auto ec = co_await st->fill(diag))
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
/// caller's `limit` and `order`, and `after` set to the previous page's `last_id` (the last
/// item's id if `last_id` is missing). The walk ends when a page has `has_more == false`, and
/// only then: empty pages that say more follow are skipped, not taken for the end. A server
/// that does not advance (more follow but no cursor, the same cursor again, or more than 10
/// empty pages in a row) ends the walk with \ref client_errc::pagination_stalled. Only the
/// current page is held in memory. After an error the same page is fetched again by the next
/// call.
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
