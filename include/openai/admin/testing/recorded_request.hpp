// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_TESTING_RECORDED_REQUEST_HPP
#define OPENAI_ADMIN_TESTING_RECORDED_REQUEST_HPP

/// \file
/// \brief What the fake server saw: one recorded request, and the names of the ten operations.

#include <boost/json/value.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openai::admin::testing {

/// \brief The ten operations, by their `operationId` in the Admin API's OpenAPI definition.
/// These are the names \ref fake_server::inject and \ref fake_server::requests take.
inline constexpr std::array<std::string_view, 10> operation_names = {
    "listOrganizationCertificates",       // GET    /organization/certificates
    "uploadCertificate",                  // POST   /organization/certificates
    "getCertificate",                     // GET    /organization/certificates/{id}
    "modifyCertificate",                  // POST   /organization/certificates/{id}
    "deleteCertificate",                  // DELETE /organization/certificates/{id}
    "activateOrganizationCertificates",   // POST   /organization/certificates/activate
    "deactivateOrganizationCertificates", // POST   /organization/certificates/deactivate
    "listProjectCertificates",            // GET    /organization/projects/{id}/certificates
    "activateProjectCertificates",        // POST   /organization/projects/{id}/certificates/activate
    "deactivateProjectCertificates",      // POST   /organization/projects/{id}/certificates/deactivate
};

/// \brief Whether `name` is one of \ref operation_names.
constexpr bool is_operation_name(std::string_view name) noexcept {
    for (auto n : operation_names)
        if (n == name)
            return true;
    return false;
}

/// \brief One request as the fake server received it. A plain value: copies are independent of
/// the server.
struct recorded_request {
    /// \brief The \ref operation_names entry the request was routed to; empty when it matched
    /// no route (a wrong path or method).
    std::string operation{};
    /// \brief The method, e.g. `GET`.
    std::string method{};
    /// \brief The request target as sent (path and query, still percent-encoded).
    std::string target{};
    /// \brief The path without the server's prefix (e.g. `/organization/certificates/cert_1`),
    /// percent-decoded.
    std::string path{};
    /// \brief The query parameters in order, percent-decoded (`+` is a space).
    std::vector<std::pair<std::string, std::string>> query{};
    /// \brief The headers, names lower-cased; repeated headers joined with `", "`.
    std::map<std::string, std::string> headers{};
    /// \brief The body as received (empty when it was over the server's 1 MiB limit).
    std::string body{};
    /// \brief Which accepted connection carried it (0, 1, 2, ... in accept order).
    std::size_t connection_index = 0;

    /// \brief The header `name` (any case), or nothing.
    std::optional<std::string> header(std::string_view name) const;
    /// \brief The first query parameter `name`, or nothing.
    std::optional<std::string> query_value(std::string_view name) const;
    /// \brief The body parsed as JSON. Throws `std::invalid_argument` naming the request and the
    /// parse error when the body is not JSON.
    boost::json::value json() const;
};

}  // namespace openai::admin::testing

#endif
