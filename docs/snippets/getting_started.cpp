// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// docs/getting-started.md: the code blocks (the quick start itself is examples/quick_start.cpp).
#include <openai/admin.hpp>

#include <boost/asio.hpp>

#include <future>
#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace oa = openai::admin;

namespace snippets::getting_started {

asio::awaitable<void> tokens(oa::client& api, std::string id) {
    auto certs = api.certificates();
    oa::certificate a = co_await certs.async_get(id);                        // default: throws oa::api_error
    oa::certificate b = co_await certs.async_get(id, {}, asio::use_awaitable); // throws boost::system::system_error
    std::future<oa::certificate> f = certs.async_get(id, {}, asio::use_future);
    certs.async_get(id, {}, [](oa::error_code ec, oa::certificate c) { std::cout << ec.message() << c.id << "\n"; });
    auto op = certs.async_get(id, {}, asio::deferred); // nothing sent until it is awaited or called
    oa::certificate d = co_await std::move(op)(asio::use_awaitable);

    oa::diagnostics diag; // no exceptions at all
    auto [ec, e] = co_await certs.async_get(id, {}, diag, asio::as_tuple(asio::use_awaitable));
    (void)a, (void)b, (void)f, (void)d, (void)ec, (void)e;
}

asio::awaitable<void> all_ten(oa::client& api, std::string pem, std::string project) {
    auto org = api.certificates();                   // the organization's certificates
    auto proj = api.projects(project).certificates(); // one project's

    oa::certificate c = co_await org.async_upload({.certificate = pem, .name = "edge CA"});
    c = co_await org.async_get(c.id, {.include_content = true});
    c = co_await org.async_modify(c.id, {.name = "edge CA 2027"});
    co_await org.async_activate({c.id});
    co_await proj.async_activate({c.id});

    auto org_list = org.list({.limit = 100});
    while (auto item = co_await org_list.async_next())
        std::cout << item->id << (item->active ? " active for the organization\n" : "\n");
    auto project_list = proj.list();
    while (auto item = co_await project_list.async_next())
        std::cout << item->id << (item->active ? " active in the project\n" : "\n");

    co_await proj.async_deactivate({c.id});
    co_await org.async_deactivate({c.id});
    oa::deleted_certificate gone = co_await org.async_delete(c.id);
    std::cout << "deleted " << gone.id << "\n";
}

void spawn(asio::io_context& io, oa::client& api, std::string pem, std::string project) {
    asio::co_spawn(io, all_ten(api, std::move(pem), std::move(project)), [](std::exception_ptr e) {
        if (e)
            std::cerr << "failed\n";
    });
}

} // namespace snippets::getting_started
