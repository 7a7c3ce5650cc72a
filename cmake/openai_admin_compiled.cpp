// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
// The source of openai_admin::compiled (cmake/openai_admin_libraries.cmake), which defines
// OPENAI_ADMIN_SEPARATE_COMPILATION for itself and every target linking it.
#include <openai/admin/src.hpp>
