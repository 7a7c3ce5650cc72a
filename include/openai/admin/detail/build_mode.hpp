// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_BUILD_MODE_HPP
#define OPENAI_ADMIN_DETAIL_BUILD_MODE_HPP

// Header-only (the default): the out-of-line parts (the request path, request building, the
// models' JSON conversions, the PEM check) are `inline` and included by the public headers.
// With OPENAI_ADMIN_SEPARATE_COMPILATION defined for every file of the program, the headers
// only declare them and one file includes <openai/admin/src.hpp> to compile them once.

#ifdef OPENAI_ADMIN_SEPARATE_COMPILATION
#define OPENAI_ADMIN_DECL
#else
#define OPENAI_ADMIN_HEADER_ONLY
#define OPENAI_ADMIN_DECL inline
#endif

#endif
