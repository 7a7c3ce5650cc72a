// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OA_DOCS_SNIPPETS_HPP
#define OA_DOCS_SNIPPETS_HPP

// The snippets main.cpp runs against the testing kit's fake server. Each returns an empty
// string on success, else what went wrong.
#include <openai/admin/testing/fake_server.hpp>

#include <boost/asio/io_context.hpp>

#include <string>

namespace snippets {
std::string run_cookbook_rotate_ca();
} // namespace snippets

namespace snippets::testing { // docs/testing.md
std::string mutual_tls_with_your_ca(boost::asio::io_context& io);
std::string seed_and_read_back(openai::admin::testing::fake_server& fake);
std::string test_certificates();
} // namespace snippets::testing

#endif
