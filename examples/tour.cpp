// A tour of all ten certificate operations, printing what each returns.
//
//   tour --pem CA.pem [--project proj_...] [--ca-file server-ca.pem]
//
// Configuration comes from the environment (OPENAI_ADMIN_KEY, OPENAI_BASE_URL, ...). The tour
// uploads CA.pem, renames it, activates it for the organization and a project, lists both
// scopes, then undoes everything and deletes it, so the organization ends as it started.

#include <openai/admin.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace asio = boost::asio;
namespace oa = openai::admin;

namespace {

std::string iso_date(std::optional<std::int64_t> t) {
    if (!t)
        return "-";
    std::time_t tt = static_cast<std::time_t>(*t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void show(const std::string& step, const boost::json::value& v) {
    std::cout << "\n== " << step << "\n" << boost::json::serialize(v) << "\n";
}

asio::awaitable<void> walk(oa::certificate_list list, std::string step) {
    std::cout << "\n== " << step << " (one certificate at a time, pages fetched lazily)\n";
    int n = 0;
    while (auto c = co_await list.async_next()) {
        std::cout << "  " << c->id << "  " << c->name.value_or("(no name)") << "  active=" << (c->active ? "yes" : "no")
                  << "  expires " << iso_date(c->certificate_details.expires_at) << "\n";
        ++n;
    }
    std::cout << "  (" << n << " certificates)\n";
}

asio::awaitable<void> tour(oa::client api, std::string pem, std::string project_id) {
    auto certs = api.certificates();
    auto project = api.projects(project_id).certificates();

    auto cert = co_await certs.async_upload({.certificate = pem, .name = "tour CA"});
    show("1. upload", boost::json::value_from(cert));

    auto got = co_await certs.async_get(cert.id);
    show("2. get", boost::json::value_from(got));
    auto with_pem = co_await certs.async_get(cert.id, {.include_content = true});
    std::cout << "   with include[]=content: " << with_pem.certificate_details.content.value_or("").size()
              << " bytes of PEM\n";

    auto renamed = co_await certs.async_modify(cert.id, {.name = "tour CA (renamed)"});
    show("3. modify (rename)", boost::json::value_from(renamed));

    show("4. activate for the organization", boost::json::value_from(co_await certs.async_activate({cert.id})));
    co_await walk(certs.list({.limit = 10, .order = oa::order::asc}), "5. list the organization's certificates");

    show("6. activate for project " + project_id, boost::json::value_from(co_await project.async_activate({cert.id})));
    co_await walk(project.list({.limit = 10}), "7. list project " + project_id + "'s certificates");

    show("8. deactivate for the project", boost::json::value_from(co_await project.async_deactivate({cert.id})));
    show("9. deactivate for the organization", boost::json::value_from(co_await certs.async_deactivate({cert.id})));

    show("10. delete", boost::json::value_from(co_await certs.async_delete(cert.id)));

    // Errors carry the status, the API's error object and the request id.
    try {
        co_await certs.async_get(cert.id);
    } catch (const oa::api_error& e) {
        std::cout << "\n== afterwards: get fails as expected\n   " << e.what() << "\n";
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

int main(int argc, char** argv) {
    std::string pem_path, project_id = "proj_tour", ca_file;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--pem")
            pem_path = argv[i + 1];
        else if (a == "--project")
            project_id = argv[i + 1];
        else if (a == "--ca-file")
            ca_file = argv[i + 1];
    }
    if (pem_path.empty()) {
        std::cerr << "usage: tour --pem CA.pem [--project ID] [--ca-file server-ca.pem]\n";
        return 2;
    }
    try {
        auto cfg = oa::client_config::from_env();
        cfg.tls.ca_file = ca_file;
        asio::io_context io;
        oa::client api(io, cfg);
        std::cout << "openai-admin-cpp " << OPENAI_ADMIN_VERSION_STRING << " -> " << cfg.base_url << "\n";
        std::exception_ptr failure;
        asio::co_spawn(io, tour(api, read_file(pem_path), project_id), [&](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure)
            std::rethrow_exception(failure);
        std::cout << "\ntour complete: all ten operations ran\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "tour failed: " << e.what() << "\n";
        return 1;
    }
}
