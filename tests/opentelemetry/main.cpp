// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Boost.Test entry point of openai_admin_otel_tests (the OpenTelemetry adapter's tests,
// otel_tests.cpp). Built without the precompiled header, like tests/main.cpp.
#define BOOST_TEST_MODULE openai_admin_otel
#include <boost/test/unit_test.hpp>
