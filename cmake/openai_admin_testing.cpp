// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
// The one source file of the openai_admin::testing library (cmake/openai_admin_libraries.cmake).
#include <openai/admin/testing/src.hpp>
