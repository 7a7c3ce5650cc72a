// One project's certificates, page by page: each async_next_page() is one request with
// `limit` = the page size and `after` = the previous page's last_id. `active` is the
// certificate's state in that project.
//
//   project_pages PROJECT_ID [PAGE_SIZE]      (OPENAI_ADMIN_KEY, OPENAI_BASE_URL, ... from the environment)

#include <openai/admin.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace oa = openai::admin;

namespace {

asio::awaitable<void> walk(oa::client api, std::string project, int page_size) {
    auto pages = api.projects(project).certificates().list({.limit = page_size, .order = oa::order::asc});
    int page_no = 0, total = 0, active = 0;
    while (auto page = co_await pages.async_next_page()) {
        std::cout << "page " << ++page_no << ": " << page->data.size() << " certificates, has_more="
                  << (page->has_more ? "true" : "false") << ", last_id=" << page->last_id.value_or("null") << "\n";
        for (const auto& cert : page->data) {
            ++total;
            active += cert.active ? 1 : 0;
            std::cout << "  " << cert.id << "  " << cert.name.value_or("-") << (cert.active ? "  (active)" : "")
                      << "\n";
        }
    }
    std::cout << total << " certificates in " << page_no << " pages, " << active << " active in " << project << "\n";
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: project_pages PROJECT_ID [PAGE_SIZE]\n";
        return 2;
    }
    try {
        asio::io_context io;
        oa::client api(io, oa::client_config::from_env());
        std::exception_ptr failure;
        asio::co_spawn(io, walk(api, argv[1], argc == 3 ? std::stoi(argv[2]) : 20),
                       [&](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure)
            std::rethrow_exception(failure);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "project_pages: " << e.what() << "\n";
        return 1;
    }
}
