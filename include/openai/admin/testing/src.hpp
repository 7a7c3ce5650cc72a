// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_TESTING_SRC_HPP
#define OPENAI_ADMIN_TESTING_SRC_HPP

/// \file
/// \brief The testing kit's compiled part. Include it in exactly one source file of your test
/// program (the CMake target `openai_admin::testing` does it for you).
///
/// It holds the fake server (Beast, Asio SSL, Boost.JSON) and the OpenSSL certificate makers,
/// compiled once, so the test files that use the kit only see light headers.

#include <openai/admin/testing/impl/fake_server.ipp>
#include <openai/admin/testing/impl/pem.ipp>

#endif
