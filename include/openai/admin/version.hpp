// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_VERSION_HPP
#define OPENAI_ADMIN_VERSION_HPP

/// \brief Library version, MAJOR * 100000 + MINOR * 100 + PATCH.
#define OPENAI_ADMIN_VERSION 100
/// \brief Library version as a string, as sent in the `User-Agent` header.
#define OPENAI_ADMIN_VERSION_STRING "0.1.0"

namespace openai::admin {

/// \brief The `User-Agent` header value this library sends.
inline constexpr const char* user_agent = "openai-admin-cpp/" OPENAI_ADMIN_VERSION_STRING;

} // namespace openai::admin

#endif
