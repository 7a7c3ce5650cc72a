// Mutual TLS against the local server in client-certificate mode, and HTTP(S) proxies through
// Debian's tinyproxy, started by the tests (scripts/install-deps.sh installs it).

#include "../support/fixture.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

using namespace oa_test;

namespace {

unsigned short free_port() {
    asio::io_context io;
    asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

bool port_open(unsigned short port) {
    asio::io_context io;
    asio::ip::tcp::socket s(io);
    oa::error_code ec;
    s.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
    return !ec;
}

// tinyproxy in the foreground on a loopback port, with the given extra config lines.
class tinyproxy {
public:
    explicit tinyproxy(const std::string& extra_config) : port_(free_port()) {
        conf_ = std::make_unique<temp_file>("Port " + std::to_string(port_) +
                                            "\nListen 127.0.0.1\nTimeout 30\nMaxClients 200\nLogLevel Critical\n" +
                                            extra_config);
        std::string conf = conf_->path;
        const char* argv[] = {"tinyproxy", "-d", "-c", conf.c_str(), nullptr};
        if (int rc = ::posix_spawnp(&pid_, "tinyproxy", nullptr, nullptr, const_cast<char**>(argv), environ); rc != 0)
            throw std::runtime_error("cannot start tinyproxy (scripts/install-deps.sh installs tinyproxy-bin): " +
                                     std::string(std::strerror(rc)));
        for (int i = 0; i < 100 && !port_open(port_); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (!port_open(port_))
            throw std::runtime_error("tinyproxy did not start listening");
    }
    tinyproxy(const tinyproxy&) = delete;
    tinyproxy& operator=(const tinyproxy&) = delete;
    ~tinyproxy() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    std::string url(const std::string& userinfo = "") const {
        return "http://" + (userinfo.empty() ? "" : userinfo + "@") + "127.0.0.1:" + std::to_string(port_);
    }

private:
    unsigned short port_;
    pid_t pid_ = -1;
    std::unique_ptr<temp_file> conf_;
};

} // namespace

BOOST_AUTO_TEST_SUITE(network)

BOOST_AUTO_TEST_CASE(mutual_tls_required_by_the_server) {
    const auto client_id = make_client_identity();
    fake_server_options opts;
    opts.client_ca_pem = client_id.ca_pem;
    fake_server server(opts);
    asio::io_context io;
    oa::diagnostics diag;

    // no client certificate: the TLS layer refuses, nothing is answered
    oa::client anonymous(io, config_for(server, opts));
    auto ec = get_once(io, anonymous, diag);
    BOOST_TEST((ec.category() == asio::error::get_ssl_category()), ec.message());
    BOOST_TEST(server.requests().empty());

    // a certificate from another CA: refused too
    const auto stranger = make_client_identity("stranger");
    auto cfg = config_for(server, opts);
    cfg.tls.client_cert_pem = stranger.cert_pem;
    cfg.tls.client_key_pem = stranger.key_pem;
    oa::client wrong(io, cfg);
    ec = get_once(io, wrong, diag);
    BOOST_TEST((ec.category() == asio::error::get_ssl_category()), ec.message());
    BOOST_TEST(server.requests().empty());

    // the right one, in memory: the API answers (404: no such certificate)
    cfg.tls.client_cert_pem = client_id.cert_pem;
    cfg.tls.client_key_pem = client_id.key_pem;
    oa::client in_memory(io, cfg);
    ec = get_once(io, in_memory, diag);
    BOOST_TEST(ec == oa::api_errc::not_found);
    BOOST_TEST(server.requests().size() == 1u);

    // the same from files
    temp_file cert_file(client_id.cert_pem), key_file(client_id.key_pem);
    auto fcfg = config_for(server, opts);
    fcfg.tls.client_cert_file = cert_file.path;
    fcfg.tls.client_key_file = key_file.path;
    oa::client from_files(io, fcfg);
    ec = get_once(io, from_files, diag);
    BOOST_TEST(ec == oa::api_errc::not_found);
    BOOST_TEST(server.requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(mutual_tls_configuration_errors) {
    const auto id = make_client_identity();
    const auto other = make_client_identity("other");
    asio::io_context io;
    auto refused = [&](const std::function<void(oa::tls_config&)>& set, const std::string& expect) {
        oa::client_config cfg{.admin_key = "k", .base_url = "https://127.0.0.1:1/v1"};
        set(cfg.tls);
        try {
            oa::client c(io, cfg);
            BOOST_ERROR("accepted: " << expect);
        } catch (const oa::api_error& e) {
            BOOST_TEST(e.code() == oa::client_errc::invalid_config);
            BOOST_TEST(e.message().find(expect) != std::string::npos, e.message());
        }
    };
    refused([&](oa::tls_config& t) { t.client_cert_pem = id.cert_pem; }, "both a client certificate and its key");
    refused([&](oa::tls_config& t) { t.client_key_pem = id.key_pem; }, "both a client certificate and its key");
    refused(
        [&](oa::tls_config& t) {
            t.client_cert_pem = id.cert_pem;
            t.client_key_pem = other.key_pem;
        },
        "client key"); // OpenSSL: "key values mismatch"
    refused(
        [&](oa::tls_config& t) {
            t.client_cert_file = "/nonexistent/cert.pem";
            t.client_key_pem = id.key_pem;
        },
        "/nonexistent/cert.pem");
    refused(
        [&](oa::tls_config& t) {
            t.client_cert_pem = "not a certificate";
            t.client_key_pem = id.key_pem;
        },
        "client certificate");
    refused(
        [&](oa::tls_config& t) {
            t.client_cert_pem = id.cert_pem;
            t.client_cert_file = "/tmp/x.pem";
            t.client_key_pem = id.key_pem;
        },
        "not both");
}

BOOST_AUTO_TEST_CASE(https_through_a_proxy_with_basic_auth) {
    tinyproxy proxy("BasicAuth oauser s3cret\n");
    fake_server_options opts;
    fake_server server(opts);
    asio::io_context io;
    oa::diagnostics diag;

    auto cfg = config_for(server, opts);
    cfg.proxy.url = proxy.url("oauser:s3cret");
    oa::client api(io, cfg);
    BOOST_TEST(get_once(io, api, diag) == oa::api_errc::not_found); // through the tunnel, TLS verified end to end
    BOOST_TEST(diag.status == 404u);
    BOOST_TEST(get_once(io, api, diag) == oa::api_errc::not_found); // the tunnel is kept alive and reused
    BOOST_TEST(server.connections_accepted() == 1u);
    BOOST_TEST(server.requests().at(0).headers.count("proxy-authorization") == 0u); // not forwarded

    // without credentials the proxy says 407
    cfg.proxy.url = proxy.url();
    oa::client anonymous(io, cfg);
    auto ec = get_once(io, anonymous, diag);
    BOOST_TEST(ec == oa::client_errc::proxy_refused);
    BOOST_TEST(diag.message.find("407") != std::string::npos, diag.message);
    BOOST_TEST(diag.attempts == 1u);
    BOOST_TEST(server.requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(proxy_refusing_connect) {
    tinyproxy proxy("ConnectPort 443\n"); // CONNECT to other ports is forbidden
    fake_server_options opts;
    fake_server server(opts);
    asio::io_context io;
    auto cfg = config_for(server, opts);
    cfg.max_retries = 2;
    cfg.proxy.url = proxy.url();
    oa::client api(io, cfg);
    oa::diagnostics diag;
    auto ec = get_once(io, api, diag);
    BOOST_TEST(ec == oa::client_errc::proxy_refused);
    BOOST_TEST(diag.message.find("refused CONNECT 127.0.0.1:" + std::to_string(server.port()) + ": 403") !=
                   std::string::npos,
               diag.message);
    BOOST_TEST(diag.attempts == 1u); // a refusal is not transient
    BOOST_TEST(server.connections_accepted() == 0u);
}

BOOST_AUTO_TEST_CASE(plain_http_through_a_proxy_and_no_proxy) {
    tinyproxy proxy("BasicAuth oauser s3cret\n");
    fake_server_options opts;
    opts.tls = false;
    fake_server server(opts);
    asio::io_context io;
    oa::diagnostics diag;

    auto cfg = config_for(server, opts);
    cfg.proxy.url = proxy.url("oauser:s3cret");
    oa::client api(io, cfg);
    BOOST_TEST(get_once(io, api, diag, "cert_y") == oa::api_errc::not_found);
    BOOST_TEST_REQUIRE(server.requests().size() == 1u);
    BOOST_TEST(server.requests()[0].path == "/organization/certificates/cert_y");
    BOOST_TEST(server.requests()[0].headers.at("authorization") == "Bearer " + opts.admin_key);

    // no_proxy names the host: straight there (the proxy URL points at nothing)
    cfg.proxy.url = "http://127.0.0.1:" + std::to_string(free_port());
    cfg.proxy.no_proxy = "localhost, 127.0.0.1";
    oa::client direct(io, cfg);
    BOOST_TEST(get_once(io, direct, diag) == oa::api_errc::not_found);
    // and without no_proxy the dead proxy is a connection error, retried then reported
    cfg.proxy.no_proxy.clear();
    cfg.max_retries = 1;
    oa::client dead(io, cfg);
    auto ec = get_once(io, dead, diag);
    BOOST_TEST((ec == asio::error::connection_refused), ec.message());
    BOOST_TEST(diag.attempts == 2u);
    BOOST_TEST(diag.message.find("via proxy 127.0.0.1:") != std::string::npos, diag.message);
}

BOOST_AUTO_TEST_SUITE_END()
