// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Compile-cost probe (benchmarks/compile_cost.sh): the floor. Beast + SSL + JSON and one
// raw HTTPS request in a coroutine, parsed with Boost.JSON; no SDK.
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>

#include <iostream>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

asio::awaitable<void> one(asio::ssl::context& ctx) {
    auto ex = co_await asio::this_coro::executor;
    asio::ip::tcp::resolver resolver(ex);
    beast::ssl_stream<beast::tcp_stream> s(ex, ctx);
    auto eps = co_await resolver.async_resolve("127.0.0.1", "443", asio::use_awaitable);
    co_await beast::get_lowest_layer(s).async_connect(eps, asio::use_awaitable);
    s.set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
    co_await s.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    http::request<http::string_body> req{http::verb::get, "/v1/organization/certificates/cert_1", 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::authorization, "Bearer sk-admin");
    co_await http::async_write(s, req, asio::use_awaitable);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    co_await http::async_read(s, buffer, res, asio::use_awaitable);
    auto v = boost::json::parse(res.body());
    std::cout << v.at("id").as_string() << "\n";
}

int main() {
    asio::io_context io;
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_verify_mode(asio::ssl::verify_peer);
    ctx.set_default_verify_paths();
    asio::co_spawn(io, one(ctx), asio::detached);
    io.run();
}
