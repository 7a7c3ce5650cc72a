// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The code blocks of docs/pagination.md (compiled, not run).
#include <openai/admin.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/version.hpp>
#if BOOST_VERSION >= 108200
#include <boost/asio/bind_immediate_executor.hpp>
#endif

#include <chrono>
#include <cstddef>
#include <iostream>
#include <optional>
#include <string>

namespace asio = boost::asio;
namespace oa = openai::admin;

namespace snippets::pagination {

// One certificate at a time; a page is fetched when the previous one is used up.
asio::awaitable<void> each_certificate(oa::client api) {
    auto list = api.certificates().list({.limit = 100, .order = oa::order::asc});
    while (auto cert = co_await list.async_next())
        std::cout << cert->id << " " << cert->name.value_or("-") << (cert->active ? " (active)" : "") << "\n";
}

// Whole pages, in a project: `active` is the certificate's state in that project.
asio::awaitable<void> project_pages(oa::client api, std::string project) {
    std::size_t active = 0;
    auto pages = api.projects(project).certificates().list({.limit = 100});
    while (auto page = co_await pages.async_next_page()) {
        for (const auto& cert : page->data)
            active += cert.active ? 1 : 0;
        std::cout << page->data.size() << " on this page, last_id " << page->last_id.value_or("null") << "\n";
    }
    std::cout << active << " active in " << project << "\n";
}

// Stops early: nothing more is sent once the loop is left.
asio::awaitable<std::optional<oa::scoped_certificate>> find_by_name(oa::client api, std::string name) {
    auto list = api.certificates().list({.limit = 100});
    while (auto cert = co_await list.async_next())
        if (cert->name == name)
            co_return cert;   // the rest of the list is never fetched
    co_return std::nullopt;
}

// Starts after a certificate id (a cursor kept from an earlier walk).
asio::awaitable<std::size_t> count_after(oa::client api, std::string last_seen) {
    auto rest = api.certificates().list({.limit = 100, .order = oa::order::asc, .after = last_seen});
    std::size_t n = 0;
    while (co_await rest.async_next())
        ++n;
    co_return n;
}

// Without exceptions: a failed call leaves the walk where it was, the next call asks again.
asio::awaitable<std::size_t> count_without_exceptions(oa::client api) {
    auto list = api.certificates().list({.limit = 100});
    oa::diagnostics diag;
    std::size_t count = 0;
    unsigned failures = 0;
    for (;;) {
        auto [ec, cert] = co_await list.async_next(diag, asio::as_tuple(asio::use_awaitable));
        if (ec == oa::client_errc::pagination_stalled) {
            std::cerr << "the server's pages do not advance: " << diag.message << "\n";
            break;
        }
        if (ec) {
            std::cerr << oa::describe(ec, diag) << "\n";   // e.g. "... (after 3 attempts)"
            if (++failures == 3)
                break;
            continue;   // the next call asks for the same page again
        }
        if (!cert)
            break;      // a page said has_more == false
        ++count;
    }
    co_return count;
}

// A walk with other retry and timeout settings: each page request uses them.
asio::awaitable<std::size_t> patient_walk(oa::client api) {
    auto patient = api.with_options({.max_retries = 5, .total_timeout = std::chrono::seconds(30)});
    auto list = patient.certificates().list({.limit = 100});
    std::size_t n = 0;
    while (co_await list.async_next())
        ++n;
    co_return n;
}

#if BOOST_VERSION >= 108200
// Items already fetched complete inline, without a trip through the executor.
asio::awaitable<std::size_t> count_inline(oa::client api) {
    auto list = api.certificates().list({.limit = 100});
    std::size_t n = 0;
    auto inline_token = asio::bind_immediate_executor(co_await asio::this_coro::executor,
                                                      oa::default_completion_token_t{});
    while (auto c = co_await list.async_next(inline_token))
        ++n;
    co_return n;
}
#endif

} // namespace snippets::pagination
