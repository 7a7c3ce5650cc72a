// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_TESTING_STATE_HPP
#define OPENAI_ADMIN_TESTING_STATE_HPP

/// \file
/// \brief The fake server's certificates: what a test seeds, and what it reads back.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openai::admin::testing {

/// \brief One certificate to put on the fake server before the code under test runs
/// (\ref fake_server::seed). Unset members get the documented defaults.
struct seed_certificate {
    /// \brief Its id; default `cert_seed_NNNNNN` (numbered across calls until a reset).
    std::optional<std::string> id{};
    /// \brief Its name; nothing: the API's `null` name.
    std::optional<std::string> name{};
    /// \brief Its PEM; default: one CA certificate the server makes once. Must hold exactly one
    /// X.509 certificate; its validity gives `valid_at`/`expires_at` unless those are set.
    std::optional<std::string> pem{};
    /// \brief Unix seconds; default: now.
    std::optional<std::int64_t> created_at{};
    /// \brief Unix seconds; default: the PEM's notBefore.
    std::optional<std::int64_t> valid_at{};
    /// \brief Unix seconds; default: the PEM's notAfter (e.g. set it to next week to test an
    /// expiry alarm without making a certificate that expires then).
    std::optional<std::int64_t> expires_at{};
    /// \brief Active for the organization.
    bool active_in_organization = false;
    /// \brief Projects it is active in.
    std::vector<std::string> active_in_projects{};
};

/// \brief A certificate as the fake server holds it (\ref fake_server::certificates).
struct certificate_state {
    std::string id{};                        ///< \brief Its id.
    std::optional<std::string> name{};       ///< \brief Its name (nothing: `null`).
    std::int64_t created_at = 0;             ///< \brief Unix seconds.
    std::int64_t valid_at = 0;               ///< \brief Unix seconds.
    std::int64_t expires_at = 0;             ///< \brief Unix seconds.
    std::string pem{};                       ///< \brief The PEM as uploaded or seeded.
    bool active_in_organization = false;     ///< \brief Active for the organization.
    std::vector<std::string> active_in_projects{};  ///< \brief Projects it is active in, sorted.
};

}  // namespace openai::admin::testing

#endif
