// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Runs the documentation's runnable snippets against the testing kit's fake server; the other
// files of this folder are only compiled (they hold the guides' code blocks).
#include "snippets.hpp"

#include <cstdio>
#include <exception>
#include <string>

int main() {
    struct entry {
        const char* name;
        std::string (*run)();
    };
    const entry all[] = {
        {"cookbook: rotate an organization's CA safely", &snippets::run_cookbook_rotate_ca},
        {"testing: mutual TLS with your own CA",
         [] {
             boost::asio::io_context io;
             return snippets::testing::mutual_tls_with_your_ca(io);
         }},
        {"testing: seed and read back",
         [] {
             openai::admin::testing::fake_server fake;
             return snippets::testing::seed_and_read_back(fake);
         }},
        {"testing: the test certificates", &snippets::testing::test_certificates},
    };
    int failed = 0;
    for (const auto& e : all) {
        std::string problem;
        try {
            problem = e.run();
        } catch (const std::exception& ex) {
            problem = std::string("exception: ") + ex.what();
        }
        std::printf("%s: %s%s\n", problem.empty() ? "ok" : "FAILED", e.name,
                    problem.empty() ? "" : (" - " + problem).c_str());
        failed += problem.empty() ? 0 : 1;
    }
    std::printf("%d passed, %d failed\n", static_cast<int>(std::size(all)) - failed, failed);
    return failed == 0 ? 0 : 1;
}
