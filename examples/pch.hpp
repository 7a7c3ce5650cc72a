// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Precompiled header shared by every example (built once with `tour`, reused by the others
// through target_precompile_headers(... REUSE_FROM tour)). Examples still include what they
// use, so each one builds without it too.
#ifndef OPENAI_ADMIN_EXAMPLES_PCH_HPP
#define OPENAI_ADMIN_EXAMPLES_PCH_HPP

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/json.hpp>

#include <openai/admin.hpp>

#endif
