// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// docs/cookbook-rotate-ca.md: rotate an organization's CA safely. run_cookbook_rotate_ca() runs
// the recipe against the testing kit's fake server (ctest docs.snippets_run): a rotation that
// passes its canary check, and one that fails it and is rolled back.
#include "snippets.hpp"

#include <openai/admin.hpp>
#include <openai/admin/testing.hpp>

#include <boost/asio.hpp>

#include <algorithm>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace oa = openai::admin;

namespace snippets::cookbook {

// Where a certificate is active: the organization and which of `projects`.
struct placement {
    bool organization = false;
    std::vector<std::string> projects;
};

asio::awaitable<bool> is_active_in(oa::scope_certificates scope, std::string id) {
    auto list = scope.list({.limit = 100});
    while (auto c = co_await list.async_next())
        if (c->id == id)
            co_return c->active;
    co_return false;
}

// The API has no "where is this certificate active" query: ask each scope you manage.
asio::awaitable<placement> find_placement(oa::client& api, std::string id, std::vector<std::string> projects) {
    placement where;
    where.organization = co_await is_active_in(api.certificates(), id);
    for (const auto& p : projects)
        if (co_await is_active_in(api.projects(p).certificates(), id))
            where.projects.push_back(p);
    co_return where;
}

// Steps 1-4: upload the new CA, try it in one project, then trust it wherever the old one is.
// `verify` is your check that the canary project accepts clients whose certificates the new
// CA signed (e.g. one mutual-TLS request through https://mtls.api.openai.com/v1).
asio::awaitable<std::string> introduce_new_ca(oa::client& api, std::string old_id, std::string new_pem,
                                              std::string canary, std::vector<std::string> projects,
                                              std::function<asio::awaitable<bool>(std::string)> verify) {
    if (auto check = oa::check_ca_pem(new_pem); !check)           // 1. the API's rules, locally
        throw std::invalid_argument("new CA: " + check.reason);
    const placement old = co_await find_placement(api, old_id, projects);

    auto certs = api.certificates();
    oa::certificate fresh = co_await certs.async_upload({.certificate = new_pem, .name = "CA 2027"});
    auto trial = api.projects(canary).certificates();              // 2. one non-critical project
    co_await trial.async_activate({fresh.id});

    if (!co_await verify(canary)) {                                // 3. verify there
        co_await trial.async_deactivate({fresh.id});               //    or undo: old CA untouched
        co_await certs.async_delete(fresh.id);
        throw std::runtime_error("the new CA failed its check in " + canary + "; rolled back");
    }

    if (old.organization)                                          // 4. widen: the old CA's scopes
        co_await certs.async_activate({fresh.id});
    for (const auto& p : old.projects)
        co_await api.projects(p).certificates().async_activate({fresh.id});
    if (std::find(old.projects.begin(), old.projects.end(), canary) == old.projects.end())
        co_await trial.async_deactivate({fresh.id});               //    the canary was a trial only
    co_return fresh.id;
}

// Step 5, once every client presents a certificate of the new CA: retire the old one. The API
// deletes only a certificate inactive for the organization and every project.
asio::awaitable<void> retire_old_ca(oa::client& api, std::string old_id, std::vector<std::string> projects) {
    const placement old = co_await find_placement(api, old_id, projects);
    for (const auto& p : old.projects)
        co_await api.projects(p).certificates().async_deactivate({old_id});
    if (old.organization)
        co_await api.certificates().async_deactivate({old_id});
    co_await api.certificates().async_delete(old_id);
}

} // namespace snippets::cookbook

namespace snippets {

namespace {

namespace oat = openai::admin::testing;

// Runs `body` on a fresh client of `fake`; rethrows what it threw.
void run_on(oat::fake_server& fake, std::function<asio::awaitable<void>(oa::client&)> body) {
    asio::io_context io;
    oa::client api(io, fake.client_config());
    std::exception_ptr failure;
    asio::co_spawn(io, body(api), [&](std::exception_ptr e) { failure = e; });
    io.run();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace

std::string run_cookbook_rotate_ca() {
    const std::vector<std::string> projects{"proj_edge", "proj_batch", "proj_canary"};
    auto verified = [](bool outcome) {
        return [outcome](std::string) -> asio::awaitable<bool> { co_return outcome; };
    };

    // A CA active for the organization and proj_edge is replaced, proj_canary trying it first.
    oat::fake_server fake;
    const auto old_id = fake.seed({{.name = "CA 2026", .active_in_organization = true,
                                    .active_in_projects = {"proj_edge"}}})
                            .at(0);
    std::string new_id;
    run_on(fake, [&](oa::client& api) -> asio::awaitable<void> {
        new_id = co_await cookbook::introduce_new_ca(api, old_id, oat::make_ca_pem(), "proj_canary", projects,
                                                     verified(true));
    });
    if (!fake.is_active_in_organization(new_id) || !fake.is_active_in_project("proj_edge", new_id) ||
        fake.is_active_in_project("proj_canary", new_id) || fake.is_active_in_project("proj_batch", new_id))
        return "after widening, the new CA is not exactly where the old one is";
    if (!fake.is_active_in_organization(old_id) || !fake.is_active_in_project("proj_edge", old_id))
        return "the old CA lost trust before it was retired";
    run_on(fake, [&](oa::client& api) { return cookbook::retire_old_ca(api, old_id, projects); });
    if (fake.has_certificate(old_id) || fake.certificate_count() != 1 || !fake.is_active_in_organization(new_id))
        return "retiring the old CA did not leave the new one alone";
    if (fake.request_count("deleteCertificate") != 1)
        return "expected exactly one delete";

    // A new CA that fails its check in the canary project is removed; the old one is untouched.
    fake.reset();
    const auto kept = fake.seed({{.name = "CA 2026", .active_in_projects = {"proj_edge"}}}).at(0);
    bool refused = false;
    try {
        run_on(fake, [&](oa::client& api) -> asio::awaitable<void> {
            co_await cookbook::introduce_new_ca(api, kept, oat::make_ca_pem(), "proj_canary", projects,
                                                verified(false));
        });
    } catch (const std::runtime_error& e) {
        refused = std::string(e.what()).find("rolled back") != std::string::npos;
    }
    if (!refused)
        return "a failed canary check did not stop the rotation";
    if (fake.certificate_count() != 1 || !fake.is_active_in_project("proj_edge", kept) ||
        !fake.active_in_project("proj_canary").empty())
        return "the rollback left something behind";

    // A certificate the API would refuse is refused before anything is sent.
    fake.clear_requests();
    try {
        run_on(fake, [&](oa::client& api) -> asio::awaitable<void> {
            co_await cookbook::introduce_new_ca(api, kept, oat::make_non_ca_pem(), "proj_canary", projects,
                                                verified(true));
        });
        return "a leaf certificate was accepted as a CA";
    } catch (const std::invalid_argument&) {
    }
    if (fake.request_count() != 0)
        return "requests were sent for a certificate that fails the local check";
    return {};
}

} // namespace snippets
