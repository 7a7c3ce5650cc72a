// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_HPP
#define OPENAI_ADMIN_HPP

/// \file
/// \brief Umbrella header: everything public in openai-admin-cpp.
///
/// Header-only unless `OPENAI_ADMIN_SEPARATE_COMPILATION` is defined (see src.hpp). Link
/// Boost.JSON, Boost.URL and OpenSSL (`-lboost_json -lboost_url -lssl -lcrypto -pthread`), or use
/// the CMake target `openai_admin::openai_admin` (or `openai_admin::compiled`).

/// \namespace openai
/// \brief openai-admin-cpp's top-level namespace; everything is in \ref openai::admin.

/// \namespace openai::admin
/// \brief The SDK: \ref openai::admin::client, the certificate operations, models, errors,
/// pagination, configuration and telemetry.

#include <openai/admin/certificates.hpp>
#include <openai/admin/client.hpp>
#include <openai/admin/config.hpp>
#include <openai/admin/error.hpp>
#include <openai/admin/models.hpp>
#include <openai/admin/pagination.hpp>
#include <openai/admin/pem_check.hpp>
#include <openai/admin/stats.hpp>
#include <openai/admin/telemetry.hpp>
#include <openai/admin/version.hpp>
#include <openai/admin/with_diagnostics.hpp>

#endif
