// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_LIST_STATE_HPP
#define OPENAI_ADMIN_DETAIL_LIST_STATE_HPP

// A list walk's state and its end rule; the coroutines that fetch pages are in
// impl/operations.ipp. Needs no client_impl definition.

#include <openai/admin/config.hpp>
#include <openai/admin/error.hpp>
#include <openai/admin/models.hpp>

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace openai::admin::detail {

class client_impl;

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
// coroutines on the client's strand (operations.ipp), and the buffered-item shortcut in the
// initiating thread.
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

};

} // namespace openai::admin::detail

#endif
