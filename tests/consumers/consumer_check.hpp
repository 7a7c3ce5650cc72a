// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The consumer programs' one assertion: print what failed and count it.
#ifndef OA_TESTS_CONSUMERS_CONSUMER_CHECK_HPP
#define OA_TESTS_CONSUMERS_CONSUMER_CHECK_HPP

#include <cstdio>

inline int failures = 0;

inline void check(bool ok, const char* what) {
    if (!ok) {
        std::printf("FAILED: %s\n", what);
        ++failures;
    }
}

#endif
