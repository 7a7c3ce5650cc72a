// Lets Boost.Test print the SDK's enums in failure messages.
#ifndef OA_TESTS_SUPPORT_PRINTING_HPP
#define OA_TESTS_SUPPORT_PRINTING_HPP

#include <openai/admin/error.hpp>
#include <openai/admin/models.hpp>

#include <ostream>

namespace openai::admin {
inline std::ostream& operator<<(std::ostream& os, client_errc e) { return os << make_error_code(e).message(); }
inline std::ostream& operator<<(std::ostream& os, api_errc e) { return os << make_error_code(e).message(); }
inline std::ostream& operator<<(std::ostream& os, object_kind k) { return os << "object_kind(" << to_string(k) << ")"; }
inline std::ostream& operator<<(std::ostream& os, order o) { return os << to_string(o); }
} // namespace openai::admin

#endif
