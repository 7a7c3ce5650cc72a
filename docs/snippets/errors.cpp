// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// docs/errors.md: the code blocks.
#include <openai/admin.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace oa = openai::admin;

namespace snippets::errors {

asio::awaitable<void> with_exceptions(oa::client& api, std::string id) {
    try {
        auto cert = co_await api.certificates().async_get(id);
        std::cout << cert.id << "\n";
    } catch (const oa::api_error& e) {
        if (e.code() == oa::api_errc::not_found) // any status the API sends is classified
            std::cerr << "no such certificate: " << id << "\n";
        else if (e.code() == oa::api_errc::rate_limited) // 429, still after max_retries retries
            std::cerr << "rate limited; retry later\n";
        std::cerr << e.what() << "\n"; // one line: error, status, request id, the API's message
        std::cerr << "status " << e.status() << ", type " << e.type() << ", code "
                  << e.error_code_name().value_or("-") << ", param " << e.param().value_or("-")
                  << ", request id " << e.request_id() << "\n";
    }
}

asio::awaitable<void> without_exceptions(oa::client& api, std::string id) {
    oa::diagnostics diag;
    auto [ec, cert] = co_await api.certificates().async_get(id, {}, diag, asio::as_tuple(asio::use_awaitable));
    if (ec == oa::client_errc::invalid_argument) // refused before sending: diag.message says why
        std::cerr << "bad id: " << diag.message << "\n";
    else if (ec)
        std::cerr << ec.message() << " (HTTP " << diag.status << ", request " << diag.request_id << ", "
                  << diag.attempts << " attempts): " << diag.message << "\n";
    else
        std::cout << cert.id << "\n";
}

asio::awaitable<void> retire(oa::client& api, std::string id) {
    // The API deletes only a certificate that is inactive for the organization and every
    // project: deactivate it first (idempotent), then delete it.
    auto certs = api.certificates();
    co_await certs.async_deactivate({id});
    co_await certs.async_delete(id);
}

bool check_before_upload(const std::string& pem) {
    auto check = oa::check_ca_pem(pem); // the API's upload rules, locally, no I/O
    if (!check)
        std::cerr << "not uploadable (" << check.error.message() << "): " << check.reason << "\n";
    return check.ok();
}

} // namespace snippets::errors
