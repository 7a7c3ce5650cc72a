// The lazy list walker: sizes 0, 1, 100, 101 and 1000 in both orders, the cursor it sends,
// early break, errors mid-walk, page-level access and overlapping calls.

#include "../support/fixture.hpp"

#include <boost/test/unit_test.hpp>
#include <boost/version.hpp>
#if BOOST_VERSION >= 108200
#include <boost/asio/bind_immediate_executor.hpp>
#endif
#include <boost/test/data/test_case.hpp>

#include <string>
#include <vector>

using namespace oa_test;
namespace data = boost::unit_test::data;

namespace {

const auto tuple = asio::as_tuple(asio::use_awaitable);

std::vector<std::string> walk_all(fixture& f, oa::certificate_list list) {
    return f.run([&]() -> asio::awaitable<std::vector<std::string>> {
        std::vector<std::string> ids;
        while (auto c = co_await list.async_next())
            ids.push_back(c->id);
        co_return ids;
    }());
}

std::vector<recorded_request> list_requests(const fixture& f) {
    std::vector<recorded_request> out;
    for (auto& r : f.server.requests())
        if (r.method == "GET" && r.path == "/organization/certificates")
            out.push_back(r);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(pagination)

BOOST_DATA_TEST_CASE(walks_every_item_once_in_order,
                     data::make({0, 1, 100, 101, 1000}) * data::make({0, 1}), count, ascending) {
    fake_server_options opts;
    opts.max_certificates = 2000;
    fixture f(opts);
    f.server.seed_certificates(static_cast<std::size_t>(count));
    const int limit = 100;
    auto order = ascending ? oa::order::asc : oa::order::desc;

    auto ids = walk_all(f, f.api.certificates().list({.limit = limit, .order = order}));
    BOOST_TEST_REQUIRE(ids.size() == static_cast<std::size_t>(count));
    // seeded ids sort by creation time, so the walk is strictly monotonic in the chosen order
    for (std::size_t i = 1; i < ids.size(); ++i)
        BOOST_TEST((ascending ? ids[i - 1] < ids[i] : ids[i - 1] > ids[i]), i);

    // pages fetched lazily with the caller's limit/order and after = previous last_id
    auto reqs = list_requests(f);
    std::size_t expected_pages = count == 0 ? 1 : (static_cast<std::size_t>(count) + limit - 1) / limit;
    BOOST_TEST(reqs.size() == expected_pages);
    for (std::size_t p = 0; p < reqs.size(); ++p) {
        BOOST_TEST(query_value(reqs[p], "limit") == "100");
        BOOST_TEST(query_value(reqs[p], "order") == (ascending ? "asc" : "desc"));
        BOOST_TEST(query_value(reqs[p], "after") == (p == 0 ? "<absent>" : ids[p * limit - 1]));
    }
}

BOOST_AUTO_TEST_CASE(project_lists_walk_too) {
    fixture f;
    f.server.seed_certificates(45);
    std::vector<std::string> ids;
    auto list = f.api.projects("proj_7").certificates().list({.limit = 10});
    ids = walk_all(f, std::move(list));
    BOOST_TEST(ids.size() == 45u);
    std::size_t pages = 0;
    for (auto& r : f.server.requests())
        if (r.path == "/organization/projects/proj_7/certificates")
            ++pages;
    BOOST_TEST(pages == 5u);
}

BOOST_AUTO_TEST_CASE(server_defaults_when_nothing_is_set) {
    fixture f;
    f.server.seed_certificates(25);
    auto ids = walk_all(f, f.api.certificates().list());
    BOOST_TEST(ids.size() == 25u);
    auto reqs = list_requests(f);
    BOOST_TEST_REQUIRE(reqs.size() == 2u); // server default limit 20
    BOOST_TEST(reqs[0].query.empty());
    BOOST_TEST_REQUIRE(reqs[1].query.size() == 1u);
    BOOST_TEST(reqs[1].query[0].first == "after");
}

BOOST_AUTO_TEST_CASE(starting_after_a_cursor) {
    fixture f;
    f.server.seed_certificates(10);
    auto all = walk_all(f, f.api.certificates().list({.order = oa::order::asc}));
    f.server.clear_requests();
    std::string after = all[3];
    auto rest = walk_all(f, f.api.certificates().list({.order = oa::order::asc, .after = after}));
    BOOST_TEST(rest == std::vector<std::string>(all.begin() + 4, all.end()));
    BOOST_TEST(query_value(list_requests(f).at(0), "after") == all[3]);
}

BOOST_AUTO_TEST_CASE(breaking_early_sends_nothing_more) {
    fixture f({.max_certificates = 250});
    f.server.seed_certificates(250);
    auto list = f.api.certificates().list({.limit = 100});
    f.run([&]() -> asio::awaitable<void> {
        for (int i = 0; i < 101; ++i)
            BOOST_TEST_REQUIRE((co_await list.async_next()).has_value());
    }());
    BOOST_TEST(list_requests(f).size() == 2u); // the 101st item needed page two, no more
}

namespace {

// A scripted list page: `items` (JSON objects, comma-separated), `last` (JSON), has_more.
fault page_reply(const std::string& items, const std::string& last, bool more) {
    return fault{.status = 200,
                          .body = R"({"object":"list","data":[)" + items + R"(],"first_id":null,"last_id":)" + last +
                                  R"(,"has_more":)" + (more ? "true" : "false") + "}"};
}

std::string item_json(const std::string& id) {
    return R"({"object":"organization.certificate","id":")" + id +
           R"(","name":null,"created_at":1,"certificate_details":{},"active":false})";
}

// Walks `list` to its end or its first error: the ids seen, and the error with its message.
struct walk_outcome {
    std::vector<std::string> ids;
    oa::error_code ec;
    std::string message;
};

walk_outcome walk_until_error(fixture& f, oa::certificate_list list) {
    return f.run([&]() -> asio::awaitable<walk_outcome> {
        walk_outcome out;
        for (;;) {
            oa::diagnostics diag;
            auto [ec, c] = co_await list.async_next(diag, tuple);
            if (ec) {
                out.ec = ec;
                out.message = diag.message;
                co_return out;
            }
            if (!c)
                co_return out;
            out.ids.push_back(c->id);
        }
    }());
}

} // namespace

BOOST_AUTO_TEST_CASE(an_empty_page_that_says_more_follow_does_not_end_the_walk) {
    fixture f;
    // openai-python stops here (openai-python#3915); the spec's has_more says more follow.
    f.server.inject(page_reply("", R"("cursor_a")", true));
    f.server.inject(page_reply("", R"("cursor_b")", true));
    f.server.inject(page_reply(item_json("cert_1"), R"("cert_1")", false));
    BOOST_TEST(walk_all(f, f.api.certificates().list()) == std::vector<std::string>{"cert_1"});
    auto reqs = list_requests(f);
    BOOST_TEST_REQUIRE(reqs.size() == 3u);
    BOOST_TEST(query_value(reqs[0], "after") == "<absent>");
    BOOST_TEST(query_value(reqs[1], "after") == "cursor_a");
    BOOST_TEST(query_value(reqs[2], "after") == "cursor_b");

    // Page by page: the empty page is skipped, not handed out as the end.
    f.server.clear_requests();
    f.server.inject(page_reply("", R"("cursor_a")", true));
    f.server.inject(page_reply(item_json("cert_2"), R"("cert_2")", false));
    auto list = f.api.certificates().list();
    auto pages = f.run([&]() -> asio::awaitable<std::vector<std::size_t>> {
        std::vector<std::size_t> sizes;
        while (auto p = co_await list.async_next_page())
            sizes.push_back(p->data.size());
        co_return sizes;
    }());
    BOOST_TEST(pages == std::vector<std::size_t>{1});
    BOOST_TEST(list_requests(f).size() == 2u);
}

BOOST_AUTO_TEST_CASE(has_more_false_ends_the_walk_and_a_missing_last_id_goes_on_from_the_last_item) {
    fixture f;
    f.server.inject(page_reply(item_json("cert_1"), "null", true));
    f.server.inject(page_reply(item_json("cert_2"), R"("")", true));
    f.server.inject(page_reply(item_json("cert_3"), R"("cert_3")", false));
    BOOST_TEST(walk_all(f, f.api.certificates().list()) == (std::vector<std::string>{"cert_1", "cert_2", "cert_3"}));
    auto reqs = list_requests(f);
    BOOST_TEST_REQUIRE(reqs.size() == 3u); // has_more false: no fourth request
    BOOST_TEST(query_value(reqs[1], "after") == "cert_1");
    BOOST_TEST(query_value(reqs[2], "after") == "cert_2");
}

BOOST_AUTO_TEST_CASE(a_server_that_does_not_advance_is_an_error_not_a_loop) {
    fixture f;
    // The same cursor again.
    f.server.inject(page_reply(item_json("cert_1"), R"("cert_1")", true));
    f.server.inject(page_reply(item_json("cert_1"), R"("cert_1")", true));
    auto w = walk_until_error(f, f.api.certificates().list());
    BOOST_TEST(w.ids == std::vector<std::string>{"cert_1"});
    BOOST_TEST(w.ec == oa::client_errc::pagination_stalled);
    BOOST_TEST(w.message.find("cursor it was asked with") != std::string::npos, w.message);
    BOOST_TEST(w.message.find("cert_1") != std::string::npos);

    // More follow, but no cursor at all.
    f.server.inject(page_reply("", "null", true));
    w = walk_until_error(f, f.api.certificates().list());
    BOOST_TEST(w.ids.empty());
    BOOST_TEST(w.ec == oa::client_errc::pagination_stalled);
    BOOST_TEST(w.message.find("no cursor") != std::string::npos, w.message);

    // Empty pages forever, each with a new cursor: stops after max_empty_pages.
    f.server.clear_requests();
    f.server.set_fault_hook([n = 0](const recorded_request&) mutable -> std::optional<fault> {
        return page_reply("", "\"cursor_" + std::to_string(n++) + "\"", true);
    });
    w = walk_until_error(f, f.api.certificates().list());
    f.server.set_fault_hook({});
    BOOST_TEST(w.ec == oa::client_errc::pagination_stalled);
    BOOST_TEST(w.message.find("11 empty pages in a row") != std::string::npos, w.message);
    BOOST_TEST(list_requests(f).size() == 11u);
}

BOOST_AUTO_TEST_CASE(ten_empty_pages_in_a_row_are_still_followed) {
    fixture f;
    for (int i = 0; i < 10; ++i)
        f.server.inject(page_reply("", "\"cursor_" + std::to_string(i) + "\"", true));
    f.server.inject(page_reply(item_json("cert_1"), R"("cert_1")", false));
    BOOST_TEST(walk_all(f, f.api.certificates().list()) == std::vector<std::string>{"cert_1"});
    BOOST_TEST(list_requests(f).size() == 11u);
}

BOOST_AUTO_TEST_CASE(error_mid_walk_is_reported_and_the_walk_can_resume) {
    fixture f;
    f.server.seed_certificates(30);
    auto list = f.api.certificates().list({.limit = 10});
    std::vector<std::string> ids;
    f.run([&]() -> asio::awaitable<void> {
        for (int i = 0; i < 10; ++i)
            ids.push_back((co_await list.async_next())->id);
        f.server.inject({.status = 500, .body = R"({"error":{"message":"boom","type":"server_error","param":null,"code":null}})"});
        oa::diagnostics diag;
        auto [ec, c] = co_await list.async_next(diag, tuple);
        BOOST_TEST(ec == oa::api_errc::server_error);
        BOOST_TEST(diag.message == "boom");
        BOOST_TEST(!c.has_value());
        // the same page is asked for again
        while (auto next = co_await list.async_next())
            ids.push_back(next->id);
    }());
    BOOST_TEST(ids.size() == 30u);
    auto reqs = list_requests(f);
    BOOST_TEST_REQUIRE(reqs.size() == 4u);
    BOOST_TEST(query_value(reqs[1], "after") == query_value(reqs[2], "after"));
}

BOOST_AUTO_TEST_CASE(page_level_access) {
    fixture f;
    f.server.seed_certificates(25);
    auto list = f.api.certificates().list({.limit = 10});
    std::vector<std::size_t> sizes;
    std::vector<bool> more;
    f.run([&]() -> asio::awaitable<void> {
        while (auto p = co_await list.async_next_page()) {
            sizes.push_back(p->data.size());
            more.push_back(p->has_more);
        }
    }());
    BOOST_TEST(sizes == (std::vector<std::size_t>{10, 10, 5}));
    BOOST_TEST(more == (std::vector<bool>{true, true, false}));

    // an empty list is one empty page
    fixture g;
    auto empty = g.api.certificates().list();
    auto first = g.run(empty.async_next_page());
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(first->data.empty());
    BOOST_TEST(!first->last_id);
    BOOST_TEST(!g.run(empty.async_next_page()).has_value());

    // mixing: the rest of a partly consumed page comes first
    fixture h;
    h.server.seed_certificates(15);
    auto mixed = h.api.certificates().list({.limit = 10, .order = oa::order::asc});
    auto one = h.run(mixed.async_next());
    auto rest = h.run(mixed.async_next_page());
    BOOST_TEST_REQUIRE(rest.has_value());
    BOOST_TEST(rest->data.size() == 9u);
    BOOST_TEST(rest->data.front().id > one->id);
    auto last = h.run(mixed.async_next_page());
    BOOST_TEST(last->data.size() == 5u);
}

BOOST_AUTO_TEST_CASE(overlapping_calls_on_one_list_are_refused) {
    fixture f;
    f.server.seed_certificates(5);
    auto list = f.api.certificates().list();
    oa::error_code first_ec, second_ec;
    bool first_done = false, second_done = false;
    list.async_next([&](oa::error_code ec, std::optional<oa::scoped_certificate>) {
        first_ec = ec;
        first_done = true;
    });
    list.async_next([&](oa::error_code ec, std::optional<oa::scoped_certificate>) {
        second_ec = ec;
        second_done = true;
    });
    f.io.run_for(std::chrono::seconds(20));
    BOOST_TEST(first_done);
    BOOST_TEST(second_done);
    BOOST_TEST(!first_ec);
    BOOST_TEST(second_ec == oa::client_errc::operation_in_progress);
}

BOOST_AUTO_TEST_CASE(buffered_items_complete_later_on_the_handlers_executor) {
    fixture f;
    f.server.seed_certificates(3);
    auto list = f.api.certificates().list({.limit = 10});
    std::vector<std::string> ids;
    auto collect = [&](oa::error_code ec, std::optional<oa::scoped_certificate> c) {
        BOOST_TEST(!ec);
        if (c)
            ids.push_back(c->id);
    };
    list.async_next(collect); // fetches the page of 3
    f.io.run();
    BOOST_TEST_REQUIRE(ids.size() == 1u);
    const auto fetched = list_requests(f).size();

    // A buffered item: no request, never inside the call, and on the handler's executor.
    asio::io_context other;
    bool called = false, on_other = false;
    list.async_next(asio::bind_executor(other, [&](oa::error_code ec, std::optional<oa::scoped_certificate> c) {
        called = true;
        on_other = other.get_executor().running_in_this_thread();
        collect(ec, std::move(c));
    }));
    BOOST_TEST(!called);
    f.io.restart();
    f.io.run();
    BOOST_TEST(!called); // handed to `other`, which has not run yet
    other.run();
    BOOST_TEST(called);
    BOOST_TEST(on_other);

    // The last item, then the end (has_more was false): still no request.
    bool ended = false;
    list.async_next(collect);
    list.async_next([&](oa::error_code ec, std::optional<oa::scoped_certificate> c) {
        ended = !ec && !c;
    });
    f.io.restart();
    f.io.run();
    BOOST_TEST(ended);
    BOOST_TEST(ids.size() == 3u);
    BOOST_TEST(list_requests(f).size() == fetched);
}

#if BOOST_VERSION >= 108200
BOOST_AUTO_TEST_CASE(buffered_items_complete_inline_with_a_bound_immediate_executor) {
    fixture f;
    f.server.seed_certificates(3);
    auto list = f.api.certificates().list({.limit = 10});
    BOOST_TEST_REQUIRE(f.run(list.async_next(asio::use_awaitable)).has_value()); // fetches the page of 3

    // From a handler of the loop: a buffered item completes inside the call, the end too.
    int inline_items = 0, later_items = 0;
    bool ended_inline = false;
    asio::post(f.io, [&] {
        int got = 0;
        bool end = false;
        auto take = [&](oa::error_code ec, std::optional<oa::scoped_certificate> c) {
            BOOST_TEST(!ec);
            if (c)
                ++got;
            else
                end = true;
        };
        const auto ex = f.io.get_executor();
        list.async_next(asio::bind_immediate_executor(ex, take));
        list.async_next(asio::bind_immediate_executor(ex, take));
        inline_items = got;
        list.async_next(asio::bind_immediate_executor(ex, take));
        ended_inline = end;
        // without an immediate executor: never inside the call
        auto again = f.api.certificates().list({.limit = 10});
        again.async_next([&](oa::error_code, std::optional<oa::scoped_certificate> c) { later_items += c ? 1 : 0; });
        BOOST_TEST(later_items == 0);
    });
    f.io.restart();
    f.io.run();
    BOOST_TEST(inline_items == 2);
    BOOST_TEST(ended_inline);
    BOOST_TEST(later_items == 1);

    // A coroutine with the default token under bind_immediate_executor walks the same.
    auto walk = [&]() -> asio::awaitable<std::size_t> {
        auto all = f.api.certificates().list({.limit = 2});
        // Not const: Boost 1.83's bind_immediate_executor cannot initiate through a const binder.
        auto token = asio::bind_immediate_executor(co_await asio::this_coro::executor,
                                                   oa::default_completion_token_t{});
        std::size_t n = 0;
        while (co_await all.async_next(token))
            ++n;
        co_return n;
    };
    BOOST_TEST(f.run(walk()) == 3u);
}
#endif

BOOST_AUTO_TEST_SUITE_END()
