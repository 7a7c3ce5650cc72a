// Bounding one call by a timer: race it against an asio::steady_timer with the
// awaitable_operators `||`. The loser is cancelled; a cancelled SDK call closes its connection
// and the client stays usable. (For a limit on every call, set client_config::request_timeout
// or total_timeout instead.) Either outcome is fine here: the point is the race.
//
//   cancel_with_timer [--timeout-ms N]      (default 2000; the test uses 1 ms)

#include <openai/admin.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <variant>

namespace asio = boost::asio;
namespace oa = openai::admin;
using namespace asio::experimental::awaitable_operators;

namespace {

asio::awaitable<void> first_page_or_timeout(oa::client api, std::chrono::milliseconds limit) {
    auto list = api.certificates().list({.limit = 100});
    asio::steady_timer timer(co_await asio::this_coro::executor, limit);

    // Named locals, not temporaries inside co_await (g++ 12). Nothing starts until awaited.
    auto call = list.async_next_page();
    auto deadline = timer.async_wait(asio::use_awaitable);
    auto race = std::move(call) || std::move(deadline);
    auto winner = co_await std::move(race);

    if (winner.index() == 0)
        std::cout << "winner: the call (" << std::get<0>(winner)->data.size() << " certificates on the first page)\n";
    else
        std::cout << "winner: the timer (" << limit.count() << " ms); the call was cancelled\n";

    // Cancelling closed the call's connection only; the client goes on working.
    auto again = api.certificates().list({.limit = 1});
    auto page = co_await again.async_next_page();
    std::cout << "client still usable: " << (page ? page->data.size() : 0) << " certificate(s) on a page of 1\n";
}

} // namespace

int main(int argc, char** argv) {
    std::chrono::milliseconds limit(2000);
    if (argc == 3 && std::string(argv[1]) == "--timeout-ms")
        limit = std::chrono::milliseconds(std::stol(argv[2]));
    try {
        asio::io_context io;
        oa::client api(io, oa::client_config::from_env());
        std::exception_ptr failure;
        asio::co_spawn(io, first_page_or_timeout(api, limit), [&](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure)
            std::rethrow_exception(failure);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "cancel_with_timer: " << e.what() << "\n";
        return 1;
    }
}
