// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_MODELS_HPP
#define OPENAI_ADMIN_MODELS_HPP

/// \file
/// \brief The API's objects and request parameters, with Boost.JSON conversions.
///
/// Decoding (`boost::json::try_value_to<T>` / `value_to<T>`) ignores unknown keys, maps absent
/// or `null` optional fields to `std::nullopt`, and fails with \ref openai::admin::client_errc::missing_field or
/// \ref openai::admin::client_errc::wrong_type when a required field is missing or mistyped. \ref openai::admin::decode also
/// names the offending field. Encoding (`boost::json::value_from`) omits unset optional fields.

#include <openai/admin/detail/build_mode.hpp>
#include <openai/admin/error.hpp>

#include <boost/json/conversion.hpp>
#include <boost/json/fwd.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace openai::admin {

/// \brief Sort order of list results by `created_at`.
enum class order { asc, desc };

/// \brief The `object` field of every API object the SDK returns: one type in every model.
///
/// A value the SDK does not know (one the API may add) maps to `unknown`, and the model keeps
/// the string the API sent in its `unknown_object` member. `object` is informational: the
/// SDK never fails a response because of it.
enum class object_kind {
    unknown,                                       ///< A value this version does not know.
    certificate,                                   ///< `certificate` (upload, get, modify)
    organization_certificate,                      ///< `organization.certificate` (organization lists, activation items)
    organization_project_certificate,              ///< `organization.project.certificate` (project lists, activation items)
    organization_certificate_activation,           ///< `organization.certificate.activation`
    organization_certificate_deactivation,         ///< `organization.certificate.deactivation`
    organization_project_certificate_activation,   ///< `organization.project.certificate.activation`
    organization_project_certificate_deactivation, ///< `organization.project.certificate.deactivation`
    certificate_deleted,                           ///< `certificate.deleted` (delete)
};

/// \brief The wire name of `k` (`""` for `unknown`).
inline std::string_view to_string(object_kind k) noexcept {
    switch (k) {
    case object_kind::certificate: return "certificate";
    case object_kind::organization_certificate: return "organization.certificate";
    case object_kind::organization_project_certificate: return "organization.project.certificate";
    case object_kind::organization_certificate_activation: return "organization.certificate.activation";
    case object_kind::organization_certificate_deactivation: return "organization.certificate.deactivation";
    case object_kind::organization_project_certificate_activation: return "organization.project.certificate.activation";
    case object_kind::organization_project_certificate_deactivation:
        return "organization.project.certificate.deactivation";
    case object_kind::certificate_deleted: return "certificate.deleted";
    case object_kind::unknown: break;
    }
    return "";
}
/// \brief The wire name of `o` (`asc` or `desc`).
inline std::string_view to_string(order o) noexcept { return o == order::asc ? "asc" : "desc"; }

/// \brief `certificate_details`: validity window (unix seconds) and, on request, the PEM.
struct certificate_details {
    std::optional<std::int64_t> valid_at{};   ///< Start of validity (notBefore).
    std::optional<std::int64_t> expires_at{}; ///< End of validity (notAfter).
    std::optional<std::string> content{};     ///< PEM, only when asked for with `include_content`.
};

/// \brief Fields every certificate object has.
struct certificate_base {
    object_kind object = object_kind::unknown; ///< Kind of object (see \ref object_kind).
    std::string unknown_object{};              ///< The raw `object` when `object` is `unknown`, else empty.
    std::string id{};                            ///< E.g. `cert_abc`.
    std::optional<std::string> name{};           ///< `null` when the certificate has no name.
    std::int64_t created_at = 0;               ///< Upload time, unix seconds.
    admin::certificate_details certificate_details{}; ///< Validity window and optional PEM.
};

/// \brief A certificate as upload, get and modify return it.
struct certificate : certificate_base {
    /// Absent when getting one certificate ("not returned when getting details").
    std::optional<bool> active{};
};

/// \brief A certificate as seen in one scope (organization or project): list and
/// activation items. `active` tells whether it is active in that scope.
struct scoped_certificate : certificate_base {
    bool active = false; ///< Active at the organization (or that project's) level.
};

/// \brief One page of a list (`object: "list"` envelope).
struct certificate_page {
    std::vector<scoped_certificate> data{};  ///< The certificates of this page.
    std::optional<std::string> first_id{};   ///< Id of the first item; null on an empty page.
    std::optional<std::string> last_id{};    ///< Id of the last item: the cursor for the next page.
    bool has_more = false;                 ///< Whether more items follow.
};

/// \brief Result of activate/deactivate (organization or project). Not a list envelope.
struct activation_result {
    /// `organization[.project].certificate.activation` or `...deactivation`; informational.
    object_kind object = object_kind::unknown;
    /// The raw `object` when `object` is `unknown`, else empty.
    std::string unknown_object{};
    /// The certificates named in the request, with their new state.
    std::vector<scoped_certificate> data{};
};

/// \brief Result of deleting a certificate.
struct deleted_certificate {
    object_kind object = object_kind::unknown; ///< \ref object_kind::certificate_deleted
    std::string unknown_object{};              ///< The raw `object` when `object` is `unknown`, else empty.
    std::string id{};                          ///< Id of the deleted certificate.
};

// Request parameters are aggregates of views, consumed before the initiating function returns
// (the request is serialized there), so the viewed strings need only live that long. Views
// also matter for correctness: g++ 12 destroys a braced aggregate temporary with non-trivial
// members twice when it appears inside a `co_await` expression; these have none.

/// \brief Body of upload (`UploadCertificateRequest`).
struct upload_params {
    std::string_view certificate{};          ///< PEM of the CA certificate. Required, non-empty.
    std::optional<std::string_view> name{};  ///< Optional display name; omitted when unset.
};

/// \brief Body of modify (`ModifyCertificateRequest`): only the name can change.
struct modify_params {
    std::optional<std::string_view> name{}; ///< New name; omitted when unset (the body is then `{}`).
};

/// \brief The 1-10 certificate ids of an activate or deactivate request.
///
/// Converts implicitly from one or more strings (`{cert.id}`, `{"cert_a", "cert_b"}`), a
/// `std::vector<std::string>` or a span of strings. It has no `initializer_list` constructor on
/// purpose: g++ 12 cannot compile an `initializer_list` temporary inside a `co_await`
/// expression ("array used as initializer"), and `co_await x.async_activate({id})` must work.
class certificate_ids {
public:
    /// \brief From one or more ids.
    template <class... Ids>
        requires(sizeof...(Ids) >= 1 && (std::is_convertible_v<const Ids&, std::string_view> && ...))
    certificate_ids(const Ids&... ids) { // NOLINT(google-explicit-constructor): implicit by design
        ids_.reserve(sizeof...(Ids));
        (ids_.emplace_back(std::string_view(ids)), ...);
    }
    /// \brief From a vector of ids.
    certificate_ids(std::vector<std::string> ids) : ids_(std::move(ids)) {} // NOLINT(google-explicit-constructor)
    /// \brief From a span of ids.
    certificate_ids(std::span<const std::string> ids) : ids_(ids.begin(), ids.end()) {} // NOLINT(google-explicit-constructor)

    /// \brief The ids, in the order given.
    const std::vector<std::string>& ids() const noexcept { return ids_; }

private:
    std::vector<std::string> ids_;
};

/// \brief Query of get.
struct get_options {
    bool include_content = false; ///< Sends `include[]=content` to get the PEM.
};

/// \brief Query of the list operations. Unset members are not sent (server defaults apply).
struct list_params {
    std::optional<int> limit{};              ///< 1-100 (server default 20).
    std::optional<admin::order> order{};     ///< Server default `desc`.
    std::optional<std::string_view> after{}; ///< Start after this certificate id (copied by `list()`).
};

/// \brief Decodes `v` into `T`. For the request parameter types the views point into `v`. On failure `what`, when given, receives a message naming the
/// field, e.g. `data[3].certificate_details.expires_at: expected an integer`.
/// With `OPENAI_ADMIN_SEPARATE_COMPILATION` it is compiled (by `src.hpp`) for the model and
/// parameter types of this header only.
template <class T>
boost::system::result<T> decode(const boost::json::value& v, std::string* what = nullptr);

/// \cond INTERNAL
// Declares the Boost.JSON conversions of `T` (found by argument-dependent lookup); undefined
// again at the end of this header.
#define OPENAI_ADMIN_DECLARE_CONVERSIONS(T)                                                      \
    OPENAI_ADMIN_DECL boost::system::result<T> tag_invoke(boost::json::try_value_to_tag<T>, const boost::json::value& v); \
    OPENAI_ADMIN_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const T& x);

OPENAI_ADMIN_DECLARE_CONVERSIONS(certificate_details)
OPENAI_ADMIN_DECLARE_CONVERSIONS(certificate)
OPENAI_ADMIN_DECLARE_CONVERSIONS(scoped_certificate)
OPENAI_ADMIN_DECLARE_CONVERSIONS(certificate_page)
OPENAI_ADMIN_DECLARE_CONVERSIONS(activation_result)
OPENAI_ADMIN_DECLARE_CONVERSIONS(deleted_certificate)
OPENAI_ADMIN_DECLARE_CONVERSIONS(upload_params)
OPENAI_ADMIN_DECLARE_CONVERSIONS(modify_params)
#undef OPENAI_ADMIN_DECLARE_CONVERSIONS
/// \endcond

} // namespace openai::admin

#ifdef OPENAI_ADMIN_HEADER_ONLY
#include <openai/admin/impl/models.ipp>
#endif

#endif
