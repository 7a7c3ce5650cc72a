// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// A made-up piece of *user* code, the kind the testing kit exists for: it rotates the CA that a
// project's edge proxies trust. Its tests (rotate_edge_ca_boost_test.cpp and
// rotate_edge_ca_gtest.cpp) run it against openai::admin::testing::fake_server.
#ifndef OA_EXAMPLES_ROTATE_EDGE_CA_HPP
#define OA_EXAMPLES_ROTATE_EDGE_CA_HPP

#include <openai/admin.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace edge {

namespace oa = openai::admin;

struct rotation {
    std::string new_id;                // the uploaded CA, active in the project
    std::vector<std::string> retired;  // earlier "edge-ca" certificates deactivated there
};

// Uploads `new_pem` as "edge-ca", activates it in `project`, then deactivates every other
// certificate named "edge-ca" active there (in batches of at most 10). New trust is active
// before old trust goes, so the edge never trusts nothing.
inline boost::asio::awaitable<rotation> rotate_edge_ca(const oa::client& api, std::string project,
                                                       std::string new_pem) {
    rotation out;
    const oa::certificate created = co_await api.certificates().async_upload({.certificate = new_pem, .name = "edge-ca"});
    out.new_id = created.id;
    const auto scope = api.projects(project).certificates();
    co_await scope.async_activate(out.new_id);

    auto list = scope.list({.limit = 100});
    while (auto c = co_await list.async_next())
        if (c->active && c->name == "edge-ca" && c->id != out.new_id)
            out.retired.push_back(c->id);
    for (std::size_t i = 0; i < out.retired.size(); i += 10) {
        const auto last = out.retired.begin() + static_cast<std::ptrdiff_t>(std::min(i + 10, out.retired.size()));
        co_await scope.async_deactivate(std::vector<std::string>(out.retired.begin() + static_cast<std::ptrdiff_t>(i), last));
    }
    co_return out;
}

}  // namespace edge

#endif
