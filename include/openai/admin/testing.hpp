// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_TESTING_HPP
#define OPENAI_ADMIN_TESTING_HPP

/// \file
/// \brief The testing kit, `openai::admin::testing`: a fake Admin API on loopback
/// (\ref openai::admin::testing::fake_server), scripted faults, recorded requests and test
/// certificates. Link `openai_admin::testing` (or compile <openai/admin/testing/src.hpp> once).
/// Not included by <openai/admin.hpp>.

/// \namespace openai::admin::testing
/// \brief The testing kit: \ref openai::admin::testing::fake_server, faults, recorded
/// requests, state and test certificates.

#include <openai/admin/testing/fake_server.hpp>
#include <openai/admin/testing/fault.hpp>
#include <openai/admin/testing/pem.hpp>
#include <openai/admin/testing/recorded_request.hpp>
#include <openai/admin/testing/state.hpp>

#endif
