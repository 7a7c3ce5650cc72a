// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The code blocks of docs/testing.md: the testing kit (openai::admin::testing) without a test
// framework. Each function returns an empty string when its checks hold, else what failed;
// examples/testing/ shows the same kit under Boost.Test and GoogleTest.
#include <openai/admin.hpp>
#include <openai/admin/testing.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace snippets::testing {

namespace asio = boost::asio;
namespace oa = openai::admin;
namespace oat = openai::admin::testing;

// ---------------------------------------------------------------------------------------------
// The server and the client
// ---------------------------------------------------------------------------------------------

void server_kinds(asio::io_context& io) {
    oat::fake_server own_thread;                    // its own thread and io_context
    oat::fake_server on_your_io(io);                // on your io_context: serves while io runs
    oat::fake_server plain_http({.tls = false});    // plain HTTP
    oat::fake_server mtls({.mutual_tls = true});    // clients must present the identity it made
    oat::fake_server strict({.strict_certificate_checks = true}); // the real API's upload checks
}

oa::client client_for_a_test(asio::io_context& io, const oat::fake_server& fake) {
    auto cfg = fake.client_config();                      // base URL, key, trust in its CA only
    cfg.max_retries = 0;                                  // this test wants the first error
    cfg.request_timeout = std::chrono::milliseconds(300); // and fault::no_reply() to end soon
    return oa::client(io, cfg);
}

// Mutual TLS with a client CA of your own, e.g. to test how your code loads its identity.
std::string mutual_tls_with_your_ca(asio::io_context& io) {
    const oat::tls_identity id = oat::make_client_identity("billing-service"); // a CA, a cert it signed
    oat::fake_server fake({.client_ca_pem = id.ca_pem}); // requires a certificate that CA signed
    auto cfg = fake.client_config();
    cfg.tls.client_cert_pem = id.cert_pem;
    cfg.tls.client_key_pem = id.key_pem;
    oa::client api(io, cfg);

    auto list = api.certificates().list({});
    auto page = list.async_next_page(asio::use_future);
    io.run();
    if (!page.get() || fake.tls_handshakes() != 1)
        return "one page over one mutual-TLS connection";
    return {};
}

// With the server on your io_context, io.run() does not return by itself (the server listens):
// stop it when the code under test is done.
void run_until_done(asio::io_context& io, asio::awaitable<void> work) {
    std::exception_ptr failure;
    asio::co_spawn(io, std::move(work), [&](std::exception_ptr e) {
        failure = e;
        io.stop();
    });
    io.restart();
    io.run();
    if (failure)
        std::rethrow_exception(failure);
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

std::string seed_and_read_back(oat::fake_server& fake) {
    const std::int64_t now = std::time(nullptr);
    const auto ids = fake.seed({
        {.name = "edge-ca", .active_in_projects = {"proj_edge", "proj_api"}},
        {.id = "cert_partner",
         .name = "partner CA",
         .pem = oat::make_ca_pem({.common_name = "Partner CA"}),
         .expires_at = now + 7 * 24 * 3600, // an expiry alarm's case, without such a PEM
         .active_in_organization = true},
    });
    fake.seed_certificates(3); // "seed 0", "seed 1", "seed 2": inactive, created in 2023

    const oat::certificate_state partner = fake.certificate("cert_partner");
    if (partner.expires_at != now + 7 * 24 * 3600 || !partner.active_in_organization)
        return "the seeded partner CA";
    if (!fake.is_active_in_project("proj_api", ids[0]) ||
        fake.active_in_project("proj_edge") != std::vector<std::string>{ids[0]})
        return "the project activations";
    if (fake.certificate_count() != 5 || fake.active_in_organization() != std::vector<std::string>{"cert_partner"})
        return "the organization";
    return {};
}

// ---------------------------------------------------------------------------------------------
// Recorded requests
// ---------------------------------------------------------------------------------------------

std::string what_the_server_saw(const oat::fake_server& fake) {
    const std::vector<oat::recorded_request> uploads = fake.requests("uploadCertificate");
    if (uploads.size() != 1 || uploads[0].json().at("name").as_string() != "edge-ca")
        return "one upload named edge-ca";
    if (uploads[0].header("Content-Type") != "application/json")
        return "the upload's content type";
    const auto pages = fake.requests("listProjectCertificates");
    if (pages.empty() || pages[0].path != "/organization/projects/proj_edge/certificates" ||
        pages[0].query_value("limit") != "100")
        return "the list request";
    for (const oat::recorded_request& r : fake.requests())
        if (r.operation.empty()) // a request that matched no route
            return "a request to " + r.method + " " + r.target;
    return {};
}

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

void script_faults(oat::fake_server& fake) {
    fake.inject(oat::fault::rate_limited(std::chrono::milliseconds(50))); // the next request
    fake.inject("uploadCertificate", oat::fault::reset_before_reply(), 2); // the next two uploads
    fake.inject("getCertificate", oat::fault::should_retry(500, false));  // a 500 not to retry

    oat::fault lost_answer; // stored, then the answer lost
    lost_answer.process_first = true;
    lost_answer.close_without_reply = true;
    lost_answer.reset = true;
    fake.inject("uploadCertificate", lost_answer);

    // Anything else: decided per request (on the server's thread, under its lock).
    fake.set_fault_hook([](const oat::recorded_request& r) -> std::optional<oat::fault> {
        if (r.operation == "deleteCertificate" && r.path.ends_with("/cert_pinned"))
            return oat::fault::with_status(409);
        return std::nullopt;
    });
}

// ---------------------------------------------------------------------------------------------
// Test certificates
// ---------------------------------------------------------------------------------------------

std::string test_certificates() {
    const std::string good = oat::make_ca_pem({.common_name = "Edge CA 2027", .rsa_bits = 2048});
    const std::string expired = oat::make_expired_ca_pem(std::chrono::hours(48));
    const std::string soon = oat::make_ca_pem_expiring_in(std::chrono::hours(12));
    const std::string leaf = oat::make_non_ca_pem();
    const std::string bundle = oat::make_pkcs7_pem({good});

    if (!oa::check_ca_pem(good).ok())
        return "the good CA";
    if (oa::check_ca_pem(expired).error != oa::pem_errc::expired ||
        oa::check_ca_pem(soon).error != oa::pem_errc::expiring_soon ||
        oa::check_ca_pem(leaf).error != oa::pem_errc::not_a_ca ||
        oa::check_ca_pem(bundle).error != oa::pem_errc::invalid_certificate)
        return "the refused ones";
    return {};
}

} // namespace snippets::testing
