// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_SRC_HPP
#define OPENAI_ADMIN_SRC_HPP

/// \file
/// \brief Separate compilation: include this in exactly one file of a program that defines
/// `OPENAI_ADMIN_SEPARATE_COMPILATION` for every file (the CMake target
/// `openai_admin::compiled` does both).
///
/// That file compiles the request path (Beast, TLS, the JSON parser), request building, the
/// models' JSON conversions, the PEM check and error_type_of once; every other file includes
/// `<openai/admin.hpp>` as usual and gets only declarations.

#ifndef OPENAI_ADMIN_SEPARATE_COMPILATION
#error "openai/admin/src.hpp is for separate compilation: define OPENAI_ADMIN_SEPARATE_COMPILATION for every file of the program (header-only use needs no src.hpp)"
#endif

#include <openai/admin.hpp>

#include <openai/admin/detail/impl/operations.ipp>
#include <openai/admin/detail/impl/requests.ipp>
#include <openai/admin/impl/models.ipp>
#include <openai/admin/impl/pem_check.ipp>
#include <openai/admin/impl/telemetry.ipp>

namespace openai::admin {

// decode<T> for every type models.hpp declares conversions for.
#define OPENAI_ADMIN_INSTANTIATE_DECODE(T) \
    template boost::system::result<T> decode<T>(const boost::json::value&, std::string*);
OPENAI_ADMIN_INSTANTIATE_DECODE(certificate_details)
OPENAI_ADMIN_INSTANTIATE_DECODE(certificate)
OPENAI_ADMIN_INSTANTIATE_DECODE(scoped_certificate)
OPENAI_ADMIN_INSTANTIATE_DECODE(certificate_page)
OPENAI_ADMIN_INSTANTIATE_DECODE(activation_result)
OPENAI_ADMIN_INSTANTIATE_DECODE(deleted_certificate)
OPENAI_ADMIN_INSTANTIATE_DECODE(upload_params)
OPENAI_ADMIN_INSTANTIATE_DECODE(modify_params)
#undef OPENAI_ADMIN_INSTANTIATE_DECODE

} // namespace openai::admin

#endif
