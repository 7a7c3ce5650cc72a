// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The one file of the bare-compiler-line consumer (run_consumer.cmake, KIND header_only) that
// compiles the SDK (separate compilation) and the testing kit; compiled_app.cpp is the other.
#include <openai/admin/src.hpp>
#include <openai/admin/testing/src.hpp>
