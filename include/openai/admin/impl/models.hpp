// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_IMPL_MODELS_HPP
#define OPENAI_ADMIN_IMPL_MODELS_HPP

#include <openai/admin/detail/json_decoder.hpp>
#include <openai/admin/models.hpp>

#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

namespace openai::admin {

inline std::string_view to_string(object_kind k) noexcept {
    switch (k) {
    case object_kind::certificate: return "certificate";
    case object_kind::organization_certificate: return "organization.certificate";
    case object_kind::organization_project_certificate: return "organization.project.certificate";
    case object_kind::unknown: break;
    }
    return "";
}

inline std::string_view to_string(order o) noexcept { return o == order::asc ? "asc" : "desc"; }

namespace detail {

inline object_kind parse_object_kind(std::string_view s) noexcept {
    for (auto k : {object_kind::certificate, object_kind::organization_certificate,
                   object_kind::organization_project_certificate})
        if (s == to_string(k))
            return k;
    return object_kind::unknown;
}

// The spec requires `object` on every response object; its value is informational.
inline bool require_object_string(json_decoder& d, const boost::json::object& o, std::string& out) {
    return d.field(o, "object", out);
}

template <class String>
void put_optional(boost::json::object& o, std::string_view key, const std::optional<String>& v) {
    if (v)
        o[key] = std::string_view(*v);
}

inline void put_optional(boost::json::object& o, std::string_view key, const std::optional<std::int64_t>& v) {
    if (v)
        o[key] = *v;
}

inline void put_nullable(boost::json::object& o, std::string_view key, const std::optional<std::string>& v) {
    if (v)
        o[key] = *v;
    else
        o[key] = nullptr;
}

} // namespace detail

// ---- decoding (called by detail::json_decoder through ADL) ----

inline bool decode_model(detail::json_decoder& d, const boost::json::value& v, certificate_details& out) {
    const auto* o = d.as_object(v);
    return o && d.field(*o, "valid_at", out.valid_at) && d.field(*o, "expires_at", out.expires_at) &&
           d.field(*o, "content", out.content);
}

inline bool decode_model(detail::json_decoder& d, const boost::json::object& o, certificate_base& out) {
    std::string_view object; // a view into `o`: copied only when the kind is unknown
    if (!d.field(o, "object", object))
        return false;
    out.object = detail::parse_object_kind(object);
    out.unknown_object = out.object == object_kind::unknown ? std::string(object) : std::string();
    return d.field(o, "id", out.id) && d.nullable(o, "name", out.name) &&
           d.field(o, "created_at", out.created_at) &&
           d.field(o, "certificate_details", out.certificate_details);
}

inline bool decode_model(detail::json_decoder& d, const boost::json::value& v, certificate& out) {
    const auto* o = d.as_object(v);
    return o && decode_model(d, *o, static_cast<certificate_base&>(out)) && d.field(*o, "active", out.active);
}

inline bool decode_model(detail::json_decoder& d, const boost::json::value& v, scoped_certificate& out) {
    const auto* o = d.as_object(v);
    return o && decode_model(d, *o, static_cast<certificate_base&>(out)) && d.field(*o, "active", out.active);
}

inline bool decode_model(detail::json_decoder& d, const boost::json::value& v, certificate_page& out) {
    const auto* o = d.as_object(v);
    std::string object;
    return o && detail::require_object_string(d, *o, object) && d.field(*o, "data", out.data) &&
           d.nullable(*o, "first_id", out.first_id) && d.nullable(*o, "last_id", out.last_id) &&
           d.field(*o, "has_more", out.has_more);
}

inline bool decode_model(detail::json_decoder& d, const boost::json::value& v, activation_result& out) {
    const auto* o = d.as_object(v);
    return o && detail::require_object_string(d, *o, out.object) && d.field(*o, "data", out.data);
}

inline bool decode_model(detail::json_decoder& d, const boost::json::value& v, deleted_certificate& out) {
    const auto* o = d.as_object(v);
    return o && detail::require_object_string(d, *o, out.object) && d.field(*o, "id", out.id);
}

inline bool decode_model(detail::json_decoder& d, const boost::json::value& v, upload_params& out) {
    const auto* o = d.as_object(v);
    return o && d.field(*o, "certificate", out.certificate) && d.field(*o, "name", out.name);
}

inline bool decode_model(detail::json_decoder& d, const boost::json::value& v, modify_params& out) {
    const auto* o = d.as_object(v);
    return o && d.field(*o, "name", out.name);
}

template <class T>
boost::system::result<T> decode(const boost::json::value& v, std::string* what) {
    detail::json_decoder d(what);
    T out{};
    if (!d.read(v, out))
        return d.error();
    return out;
}

// ---- encoding ----

inline void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const certificate_details& x) {
    auto& o = v.emplace_object();
    detail::put_optional(o, "valid_at", x.valid_at);
    detail::put_optional(o, "expires_at", x.expires_at);
    detail::put_optional(o, "content", x.content);
}

namespace detail {
inline boost::json::object& encode_base(boost::json::value& v, const certificate_base& x) {
    auto& o = v.emplace_object();
    o["object"] = x.object == object_kind::unknown ? std::string_view(x.unknown_object) : to_string(x.object);
    o["id"] = x.id;
    put_nullable(o, "name", x.name);
    o["created_at"] = x.created_at;
    boost::json::value_from(x.certificate_details, o["certificate_details"]);
    return o;
}
} // namespace detail

inline void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const certificate& x) {
    auto& o = detail::encode_base(v, x);
    if (x.active)
        o["active"] = *x.active;
}

inline void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const scoped_certificate& x) {
    detail::encode_base(v, x)["active"] = x.active;
}

inline void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const certificate_page& x) {
    auto& o = v.emplace_object();
    o["object"] = "list";
    boost::json::value_from(x.data, o["data"]);
    detail::put_nullable(o, "first_id", x.first_id);
    detail::put_nullable(o, "last_id", x.last_id);
    o["has_more"] = x.has_more;
}

inline void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const activation_result& x) {
    auto& o = v.emplace_object();
    o["object"] = x.object;
    boost::json::value_from(x.data, o["data"]);
}

inline void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const deleted_certificate& x) {
    auto& o = v.emplace_object();
    o["object"] = x.object;
    o["id"] = x.id;
}

inline void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const upload_params& x) {
    auto& o = v.emplace_object();
    o["certificate"] = x.certificate;
    detail::put_optional(o, "name", x.name);
}

inline void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const modify_params& x) {
    detail::put_optional(v.emplace_object(), "name", x.name);
}

// ---- Boost.JSON's non-throwing hook: every model decodes through the same reader ----

#define OPENAI_ADMIN_DEFINE_TRY_VALUE_TO(T)                                                      \
    inline boost::system::result<T> tag_invoke(boost::json::try_value_to_tag<T>, const boost::json::value& v) { \
        return decode<T>(v);                                                                     \
    }
OPENAI_ADMIN_DEFINE_TRY_VALUE_TO(certificate_details)
OPENAI_ADMIN_DEFINE_TRY_VALUE_TO(certificate)
OPENAI_ADMIN_DEFINE_TRY_VALUE_TO(scoped_certificate)
OPENAI_ADMIN_DEFINE_TRY_VALUE_TO(certificate_page)
OPENAI_ADMIN_DEFINE_TRY_VALUE_TO(activation_result)
OPENAI_ADMIN_DEFINE_TRY_VALUE_TO(deleted_certificate)
OPENAI_ADMIN_DEFINE_TRY_VALUE_TO(upload_params)
OPENAI_ADMIN_DEFINE_TRY_VALUE_TO(modify_params)
#undef OPENAI_ADMIN_DEFINE_TRY_VALUE_TO

} // namespace openai::admin

#endif
