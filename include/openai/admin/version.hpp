// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_VERSION_HPP
#define OPENAI_ADMIN_VERSION_HPP

/// \file
/// \brief The library's version, as macros (for the preprocessor) and as the `User-Agent` value.

// The one place the version is written: CMake's project(VERSION), the package version file,
// scripts/docs.sh and the User-Agent all read these three lines. CHANGELOG.md says what changed.

/// \brief Major version (0: the API may still change between minor versions).
#define OPENAI_ADMIN_VERSION_MAJOR 0
/// \brief Minor version.
#define OPENAI_ADMIN_VERSION_MINOR 2
/// \brief Patch version.
#define OPENAI_ADMIN_VERSION_PATCH 0

/// \brief Library version as one number, MAJOR * 100000 + MINOR * 100 + PATCH (e.g. 200 for
/// 0.2.0), for `#if OPENAI_ADMIN_VERSION >= ...`.
#define OPENAI_ADMIN_VERSION \
    (OPENAI_ADMIN_VERSION_MAJOR * 100000 + OPENAI_ADMIN_VERSION_MINOR * 100 + OPENAI_ADMIN_VERSION_PATCH)

/// \cond INTERNAL
// The text of a macro's value.
#define OPENAI_ADMIN_VERSION_STR(x) OPENAI_ADMIN_VERSION_STR_(x)
#define OPENAI_ADMIN_VERSION_STR_(x) #x
/// \endcond

/// \brief Library version as a string, e.g. `"0.2.0"`, as sent in the `User-Agent` header.
#define OPENAI_ADMIN_VERSION_STRING                                                                \
    OPENAI_ADMIN_VERSION_STR(OPENAI_ADMIN_VERSION_MAJOR)                                           \
    "." OPENAI_ADMIN_VERSION_STR(OPENAI_ADMIN_VERSION_MINOR) "." OPENAI_ADMIN_VERSION_STR(OPENAI_ADMIN_VERSION_PATCH)

namespace openai::admin {

/// \brief The `User-Agent` header value this library sends.
inline constexpr const char* user_agent = "openai-admin-cpp/" OPENAI_ADMIN_VERSION_STRING;

} // namespace openai::admin

#endif
