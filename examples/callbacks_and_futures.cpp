// The SDK from code without coroutines: completion handlers (callbacks) and std::future.
// An I/O thread runs the io_context; the main thread starts operations and, with
// asio::use_future, blocks on their results (never block the I/O thread itself).
//
//   callbacks_and_futures CA.pem      (OPENAI_ADMIN_KEY, OPENAI_BASE_URL, ... from the environment)

#include <openai/admin.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

namespace asio = boost::asio;
namespace oa = openai::admin;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: callbacks_and_futures CA.pem\n";
        return 2;
    }
    std::ifstream file(argv[1]);
    std::stringstream pem;
    pem << file.rdbuf();

    asio::io_context io;
    auto work = asio::make_work_guard(io); // keep run() going while main() starts operations
    std::thread io_thread([&] { io.run(); });
    int rc = 0;
    try {
        oa::client api(io, oa::client_config::from_env());
        auto certs = api.certificates();

        // 1. std::future: the handler's (error_code, T) becomes a future<T>; get() throws
        //    boost::system::system_error on failure.
        const std::string text = pem.str();
        std::future<oa::certificate> uploaded =
            certs.async_upload({.certificate = text, .name = "callbacks example"}, asio::use_future);
        const oa::certificate cert = uploaded.get();
        std::cout << "future: uploaded " << cert.id << "\n";

        // 2. Callbacks: handlers run on the I/O thread; a diagnostics object (kept alive by the
        //    handler) receives the API's error details, no exceptions involved.
        std::promise<bool> chain_done;
        auto diag = std::make_shared<oa::diagnostics>();
        certs.async_activate(cert.id, *diag, [&, diag](oa::error_code ec, oa::activation_result r) {
            if (ec) {
                std::cerr << "activate failed: " << oa::describe(ec, *diag) << "\n";
                chain_done.set_value(false);
                return;
            }
            std::cout << "callback: " << r.data.at(0).id << " active=" << r.data.at(0).active << "\n";
            // The next step starts from inside the handler.
            certs.async_deactivate(cert.id, *diag, [&, diag](oa::error_code ec2, oa::activation_result r2) {
                if (ec2)
                    std::cerr << "deactivate failed: " << oa::describe(ec2, *diag) << "\n";
                else
                    std::cout << "callback: " << r2.data.at(0).id << " active=" << r2.data.at(0).active << "\n";
                chain_done.set_value(!ec2);
            });
        });
        if (!chain_done.get_future().get())
            rc = 1;

        // 3. Errors through a future: a system_error whose code() is an oa::api_errc.
        try {
            certs.async_get("cert_does_not_exist", {}, asio::use_future).get();
        } catch (const boost::system::system_error& e) {
            std::cout << "future: get failed as expected: " << (e.code() == oa::api_errc::not_found ? "not_found" : "?")
                      << "\n";
        }

        // 4. Clean up, blocking on a future again.
        std::cout << "future: deleted " << certs.async_delete(cert.id, asio::use_future).get().id << "\n";
    } catch (const std::exception& e) {
        std::cerr << "callbacks_and_futures: " << e.what() << "\n";
        rc = 1;
    }
    work.reset();
    io_thread.join();
    return rc;
}
