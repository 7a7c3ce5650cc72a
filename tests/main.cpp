// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Boost.Test entry point of openai_admin_tests. Test cases live in unit/*.cpp and
// integration/*.cpp. Boost::unit_test_framework (Debian's CMake target) defines
// BOOST_UNIT_TEST_FRAMEWORK_DYN_LINK, which makes this header generate main() for the
// shared library. This file is built without the precompiled header (see CMakeLists.txt).
#define BOOST_TEST_MODULE openai_admin
#include <boost/test/unit_test.hpp>
