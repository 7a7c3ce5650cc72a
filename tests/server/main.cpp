// oa_admin_server: the testing kit's fake OpenAI Admin API (openai::admin::testing::fake_server)
// as a standalone program, for demos, scripts and benchmarks.
#include <openai/admin/testing/fake_server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

namespace {

constexpr const char* usage =
    "usage: oa_admin_server [--http] [--host 127.0.0.1] [--port 0] [--admin-key KEY]\n"
    "                       [--ca-out PATH] [--port-file PATH] [--max-certificates N]\n"
    "                       [--prefix /v1] [--no-keep-alive] [--strict-certificates] [--verbose]\n"
    "                       [--seed N]\n"
    "Prints 'listening on <scheme>://<host>:<port>', writes the CA PEM to --ca-out (TLS only) and\n"
    "the port to --port-file, then serves until SIGINT/SIGTERM. Routes live under --prefix.\n"
    "--seed N starts with N inactive certificates cert_seed_000000... (raising --max-certificates).\n";

// Write to PATH.tmp then rename, so a script polling PATH never sees a partial file.
bool write_file_atomically(const std::string& path, const std::string& content) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f || !f.write(content.data(), static_cast<std::streamsize>(content.size())) || !f.flush()) return false;
    }
    return std::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    openai::admin::testing::fake_server_options opts;
    std::string ca_out, port_file;
    std::size_t seed = 0;
    try {
        for (int i = 1; i < argc; ++i) {
            std::string_view a = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc) throw std::invalid_argument(std::string("missing value for ") + std::string(a));
                return argv[++i];
            };
            if (a == "--http") opts.tls = false;
            else if (a == "--host") opts.host = value();
            else if (a == "--port") {
                unsigned long p = std::stoul(value());
                if (p > 65535) throw std::invalid_argument("--port out of range");
                opts.port = static_cast<unsigned short>(p);
            } else if (a == "--admin-key") opts.admin_key = value();
            else if (a == "--ca-out") ca_out = value();
            else if (a == "--port-file") port_file = value();
            else if (a == "--max-certificates") opts.max_certificates = std::stoul(value());
            else if (a == "--prefix") opts.path_prefix = value();
            else if (a == "--no-keep-alive") opts.keep_alive = false;
            else if (a == "--strict-certificates") opts.strict_certificate_checks = true;
            else if (a == "--verbose") opts.log_requests = true;
            else if (a == "--seed") seed = std::stoul(value());
            else if (a == "-h" || a == "--help") {
                std::cout << usage;
                return 0;
            } else {
                throw std::invalid_argument("unknown argument: " + std::string(a));
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "oa_admin_server: " << e.what() << "\n" << usage;
        return 2;
    }

    try {
        // Register the signals before the server thread exists.
        boost::asio::io_context ioc;
        boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
        signals.async_wait([](const boost::system::error_code&, int) {});

        if (seed > opts.max_certificates)
            opts.max_certificates = seed;
        openai::admin::testing::fake_server server(opts);
        server.seed_certificates(seed);
        if (!ca_out.empty()) {
            if (!opts.tls)
                std::cerr << "oa_admin_server: --ca-out ignored in --http mode\n";
            else if (!write_file_atomically(ca_out, server.ca_pem()))
                throw std::runtime_error("cannot write " + ca_out);
        }
        if (!port_file.empty() && !write_file_atomically(port_file, std::to_string(server.port()) + "\n"))
            throw std::runtime_error("cannot write " + port_file);
        std::cout << "listening on " << server.root_url() << std::endl;

        ioc.run();  // returns once a signal arrived
        std::cerr << "oa_admin_server: shutting down\n";
    } catch (const std::exception& e) {
        std::cerr << "oa_admin_server: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
