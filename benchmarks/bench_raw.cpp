// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// bench_raw: "the raw Beast floor". A minimal, hand-written Boost.Beast C++20 coroutine HTTP(S)
// client for the certificate endpoints that does NOT use the SDK (include/openai). It is the
// baseline that benchmarks/run.sh measures the SDK's overhead against, so it does only what a
// careful engineer's minimal client must: one io_context on one thread, one ssl::context (TLS
// verification always on), C coroutines each owning one persistent keep-alive connection
// (TCP_NODELAY, a pre-sized read buffer), a request built and a JSON body parsed per operation.
//
// Command line and report: bench_common.hpp (shared with bench_client). Connections are opened
// lazily, at each coroutine's first operation, so connect + TLS handshake are inside the timed
// run (as for the SDK and openai-node, which also connect on first use). Any non-2xx status or
// transport error: message on stderr, exit 1.

#include "bench_common.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>
#include <boost/url.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using clock_type = std::chrono::steady_clock;
using asio::awaitable;
using asio::use_awaitable;

namespace {

// What every coroutine shares (one thread: no synchronization needed).
struct Shared {
    bench::args cfg;
    bool tls = true;
    std::string host, port, host_header, prefix; // from cfg.base_url
    tcp::resolver::results_type endpoints;
    std::optional<ssl::context> ctx;
    std::string upload_body;
    std::size_t walk_items = 0; // items counted by the last walk
};

[[noreturn]] void fail(const std::string& msg) {
    std::cerr << "bench_raw: " << msg << '\n';
    std::exit(1);
}

bool is_ip(const std::string& host) {
    boost::system::error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

// One persistent keep-alive connection; Stream is ssl_stream<tcp_stream> or tcp_stream.
template <class Stream>
class Connection {
public:
    explicit Connection(Shared& sh) : sh_(sh) { buf_.reserve(64 * 1024); }

    // One request/response exchange; returns the body of a 2xx response.
    awaitable<std::string> exchange(http::request<http::string_body>& req) {
        for (int attempt = 0;; ++attempt) {
            if (!stream_) co_await connect();
            const bool reused = !fresh_;
            fresh_ = false;
            auto [ec, n] = co_await http::async_write(*stream_, req, asio::as_tuple(use_awaitable));
            http::response_parser<http::string_body> parser;
            parser.body_limit(64 * 1024 * 1024);
            if (!ec) std::tie(ec, n) = co_await http::async_read(*stream_, buf_, parser,
                                                                  asio::as_tuple(use_awaitable));
            if (ec) {
                stream_.reset();
                // A kept-alive connection the server closed meanwhile: reconnect once.
                const bool closed = ec == http::error::end_of_stream || ec == asio::error::eof ||
                                    ec == asio::error::connection_reset ||
                                    ec == asio::error::broken_pipe || ec == ssl::error::stream_truncated;
                if (reused && attempt == 0 && closed) continue;
                fail(std::string(req.target()) + ": " + ec.message());
            }
            auto res = parser.release();
            if (!res.keep_alive()) stream_.reset();  // e.g. nginx after keepalive_requests
            if (res.result_int() / 100 != 2)
                fail(std::string(req.method_string()) + " " + std::string(req.target()) +
                     ": HTTP " + std::to_string(res.result_int()) + ": " + res.body().substr(0, 500));
            co_return std::move(res.body());
        }
    }

private:
    awaitable<void> connect() {
        buf_.clear();
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>)
            stream_.emplace(co_await asio::this_coro::executor);
        else
            stream_.emplace(co_await asio::this_coro::executor, *sh_.ctx);
        auto& lowest = beast::get_lowest_layer(*stream_);
        auto [ec, ep] = co_await lowest.async_connect(sh_.endpoints, asio::as_tuple(use_awaitable));
        if (ec) fail("connect " + sh_.host + ":" + sh_.port + ": " + ec.message());
        lowest.socket().set_option(tcp::no_delay(true));
        if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
            const std::string& host = sh_.host;
            if (!is_ip(host) && !SSL_set_tlsext_host_name(stream_->native_handle(), host.c_str()))
                fail("SNI: cannot set host name");
            stream_->set_verify_callback(ssl::host_name_verification(host));
            auto [hec] = co_await stream_->async_handshake(ssl::stream_base::client,
                                                           asio::as_tuple(use_awaitable));
            if (hec) fail("TLS handshake: " + hec.message());
        }
        fresh_ = true;
    }

    Shared& sh_;
    std::optional<Stream> stream_;
    beast::flat_buffer buf_;
    bool fresh_ = false;
};

http::request<http::string_body> make_request(const Shared& sh, http::verb verb, std::string target) {
    http::request<http::string_body> req{verb, sh.prefix + target, 11};
    req.set(http::field::host, sh.host_header);
    req.set(http::field::authorization, "Bearer " + sh.cfg.admin_key);
    req.set(http::field::user_agent, "bench-raw");
    req.set(http::field::accept, "application/json");
    return req;
}

// One coroutine's connection and JSON workspace (a reused parser, an arena reset per response).
template <class Stream>
struct Worker {
    explicit Worker(Shared& sh) : conn(sh), arena(256 * 1024), mr(arena.data(), arena.size()) {}
    Connection<Stream> conn;
    std::vector<unsigned char> arena;
    json::monotonic_resource mr;
    json::parser jp;

    json::object parse(const std::string& body) {
        mr.release();
        jp.reset(json::storage_ptr(&mr));
        boost::system::error_code ec;
        jp.write(body, ec);
        if (ec) fail("bad JSON response: " + ec.message());
        json::value v = jp.release();
        if (!v.is_object()) fail("response is not a JSON object");
        return std::move(v.as_object());
    }
};

template <class Stream>
awaitable<void> run_op(Shared& sh, Worker<Stream>& w) {
    const auto& cfg = sh.cfg;
    const std::string list_target = "/organization/certificates?limit=" + std::to_string(cfg.page_size);
    if (cfg.op == "get" || cfg.op == "upload") {
        auto req = cfg.op == "get"
            ? make_request(sh, http::verb::get, "/organization/certificates/" +
                               boost::urls::encode(cfg.id, boost::urls::unreserved_chars))
            : make_request(sh, http::verb::post, "/organization/certificates");
        if (cfg.op == "upload") {
            req.set(http::field::content_type, "application/json");
            req.body() = sh.upload_body;
        }
        req.prepare_payload();
        const json::object o = w.parse(co_await w.conn.exchange(req));
        const json::value* id = o.if_contains("id");
        if (!id || !id->is_string()) fail("response has no string id");
    } else if (cfg.op == "list") {
        auto req = make_request(sh, http::verb::get, list_target);
        req.prepare_payload();
        const json::object o = w.parse(co_await w.conn.exchange(req));
        const json::value* data = o.if_contains("data");
        if (!data || !data->is_array()) fail("list response has no data array");
    } else { // walk
        std::size_t items = 0;
        std::string after;
        for (;;) {
            auto req = make_request(sh, http::verb::get, after.empty()
                ? list_target
                : list_target + "&after=" + boost::urls::encode(after, boost::urls::unreserved_chars));
            req.prepare_payload();
            const json::object o = w.parse(co_await w.conn.exchange(req));
            const json::value* data = o.if_contains("data");
            if (!data || !data->is_array()) fail("list response has no data array");
            items += data->get_array().size();
            const json::value* more = o.if_contains("has_more");
            if (!more || !more->is_bool() || !more->get_bool()) break;
            const json::value* last = o.if_contains("last_id");
            if (!last || !last->is_string() || last->get_string().empty())
                fail("has_more is true but last_id is missing");
            after = std::string(last->get_string());
        }
        sh.walk_items = items;
    }
}

template <class Stream>
int run(asio::io_context& ioc, Shared& sh) {
    std::vector<std::unique_ptr<Worker<Stream>>> workers;
    for (std::size_t i = 0; i < sh.cfg.concurrency; ++i)
        workers.push_back(std::make_unique<Worker<Stream>>(sh));
    return bench::drive(ioc, sh.cfg, [&](std::size_t i) { return run_op(sh, *workers[i]); }, [&] {
        return sh.cfg.op == "walk" ? "walked " + std::to_string(sh.walk_items) + " items per walk" : std::string();
    });
}

} // namespace

int main(int argc, char** argv) {
    Shared sh;
    sh.cfg = bench::parse_args(argc, argv);
    const bench::args& cfg = sh.cfg;
    if (cfg.op == "walk-immediate") { // an SDK option; the floor's walk is `walk`
        std::fprintf(stderr, "bench_raw: --op walk-immediate is bench_client's; use walk\n");
        return 2;
    }
    auto u = boost::urls::parse_uri(cfg.base_url);
    if (!u || (u->scheme() != "https" && u->scheme() != "http") || u->host().empty())
        fail("bad --base-url: " + cfg.base_url);
    sh.tls = u->scheme() == "https";
    sh.host = u->host_address();
    sh.port = u->has_port() ? std::string(u->port()) : (sh.tls ? "443" : "80");
    sh.host_header = u->encoded_host_and_port();
    sh.prefix = u->encoded_path();
    while (!sh.prefix.empty() && sh.prefix.back() == '/')
        sh.prefix.pop_back();

    asio::io_context ioc(1);
    try {
        sh.endpoints = tcp::resolver(ioc).resolve(sh.host, sh.port);
        if (sh.tls) {
            sh.ctx.emplace(ssl::context::tls_client);
            sh.ctx->set_verify_mode(ssl::verify_peer);
            if (cfg.ca_file.empty()) sh.ctx->set_default_verify_paths();
            else sh.ctx->load_verify_file(cfg.ca_file);
        }
    } catch (const std::exception& e) {
        fail(std::string("setup: ") + e.what());
    }
    sh.upload_body = json::serialize(json::object{{"certificate", bench::upload_pem()}, {"name", "bench"}});
    return sh.tls ? run<beast::ssl_stream<beast::tcp_stream>>(ioc, sh) : run<beast::tcp_stream>(ioc, sh);
}
