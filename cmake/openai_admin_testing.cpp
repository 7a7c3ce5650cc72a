// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
// The one source file of the openai_admin::testing library (cmake/openai_admin_testing.cmake).
#include <openai/admin/testing/src.hpp>
