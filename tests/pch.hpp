// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Precompiled header of openai_admin_tests (target_precompile_headers): the heavy headers that
// nearly every test TU includes. Not used by tests/main.cpp, which must define BOOST_TEST_MODULE
// before <boost/test/unit_test.hpp>.
#ifndef OPENAI_ADMIN_TESTS_PCH_HPP
#define OPENAI_ADMIN_TESTS_PCH_HPP

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>
#include <boost/url.hpp>
#include <boost/test/unit_test.hpp>

#include <openai/admin.hpp>
#include <openai/admin/testing.hpp>

#endif
