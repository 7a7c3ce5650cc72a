// The README's quick start: upload a CA, activate it for the organization and a project,
// read it back with its PEM, and walk every certificate. Exits 0 when all of it worked, 1 with
// the error on stderr otherwise, 2 on a usage error.
//
//   OPENAI_ADMIN_KEY=... quick_start ca.pem proj_abc
//   (a server with a private CA: SSL_CERT_FILE=server-ca.pem quick_start ca.pem proj_abc)

#include <openai/admin.hpp>

#include <boost/asio.hpp>

#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>

namespace asio = boost::asio;
namespace oa = openai::admin;

asio::awaitable<void> rotate_in(oa::client& api, std::string pem, std::string project) {
    auto certs = api.certificates();
    auto cert = co_await certs.async_upload({.certificate = pem, .name = "edge CA 2027"});
    co_await certs.async_activate({cert.id});
    co_await api.projects(project).certificates().async_activate({cert.id});

    auto full = co_await certs.async_get(cert.id, {.include_content = true});
    std::cout << full.id << " holds " << full.certificate_details.content.value_or("").size() << " bytes of PEM\n";

    auto all = certs.list({.limit = 100, .order = oa::order::asc});
    while (auto c = co_await all.async_next()) // one at a time, pages fetched lazily
        std::cout << c->id << " " << c->name.value_or("-") << (c->active ? " (active)\n" : "\n");
}

// Prints any exception: an api_error with its status and request id, anything else by what().
int report(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const oa::api_error& err) { // status, error.message/type/code/param, request id
        std::cerr << "failed: " << err.what() << "\n";
    } catch (const std::exception& err) {
        std::cerr << "failed: " << err.what() << "\n";
    }
    return 1;
}

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: quick_start CA.pem PROJECT_ID\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    if (!in) {
        std::cerr << "failed: cannot read " << argv[1] << "\n";
        return 1;
    }
    std::stringstream pem;
    pem << in.rdbuf();

    int status = 0;
    try {
        asio::io_context io;
        oa::client api(io, oa::client_config::from_env()); // OPENAI_ADMIN_KEY, OPENAI_BASE_URL, ...
        asio::co_spawn(io, rotate_in(api, pem.str(), argv[2]), [&](std::exception_ptr e) {
            if (e)
                status = report(e);
        });
        io.run();
    } catch (...) { // the constructor: no key, a bad base URL or CA file, ...
        status = report(std::current_exception());
    }
    return status;
}
