// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_IMPL_MODELS_IPP
#define OPENAI_ADMIN_IMPL_MODELS_IPP

#include <openai/admin/detail/json_decoder.hpp>
#include <openai/admin/models.hpp>

#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

namespace openai::admin {

namespace detail {

// Every kind after `unknown` has a wire name (to_string's switch covers them all: -Wswitch);
// the first value without one ends the list.
inline object_kind parse_object_kind(std::string_view s) noexcept {
    for (int k = static_cast<int>(object_kind::unknown) + 1;; ++k) {
        const std::string_view wire = to_string(static_cast<object_kind>(k));
        if (wire.empty())
            return object_kind::unknown;
        if (s == wire)
            return static_cast<object_kind>(k);
    }
}

// The wire text of a model's `object`: its kind's name, or the raw text of an unknown kind.
template <class Model>
std::string_view object_text(const Model& x) noexcept {
    return x.object == object_kind::unknown ? std::string_view(x.unknown_object) : to_string(x.object);
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

// ---- decoding: each model's fields, read by detail::model_reader ----

namespace detail {

// `object` of a model: the kind, and the raw text when the kind is unknown.
template <class Model>
void assign_object_kind(void* model, std::string_view s) {
    Model& c = *static_cast<Model*>(model);
    c.object = parse_object_kind(s);
    if (c.object == object_kind::unknown)
        c.unknown_object.assign(s);
    else
        c.unknown_object.clear();
}

template <class Model> // certificate or scoped_certificate: they differ in `active`
inline constexpr std::array<field_desc, 6> certificate_fields{
    fields_of<Model>::string_with("object", &assign_object_kind<Model>),
    fields_of<Model>::template field<&certificate_base::id>("id"),
    fields_of<Model>::template nullable<&certificate_base::name>("name"),
    fields_of<Model>::template field<&certificate_base::created_at>("created_at"),
    fields_of<Model>::template field<&certificate_base::certificate_details>("certificate_details"),
    fields_of<Model>::template field<&Model::active>("active"),
};

template <>
struct model_traits<certificate_details> {
    using f = fields_of<certificate_details>;
    static constexpr std::array fields{
        f::field<&certificate_details::valid_at>("valid_at"),
        f::field<&certificate_details::expires_at>("expires_at"),
        f::field<&certificate_details::content>("content"),
    };
};

template <>
struct model_traits<certificate> {
    static constexpr auto fields = certificate_fields<certificate>;
};

template <>
struct model_traits<scoped_certificate> {
    static constexpr auto fields = certificate_fields<scoped_certificate>;
};

template <>
struct model_traits<certificate_page> {
    using f = fields_of<certificate_page>;
    static constexpr std::array fields{
        f::ignored_string("object"), // required by the spec; always "list"
        f::field<&certificate_page::data>("data"),
        f::nullable<&certificate_page::first_id>("first_id"),
        f::nullable<&certificate_page::last_id>("last_id"),
        f::field<&certificate_page::has_more>("has_more"),
    };
};

template <>
struct model_traits<activation_result> {
    using f = fields_of<activation_result>;
    static constexpr std::array fields{
        f::string_with("object", &assign_object_kind<activation_result>),
        f::field<&activation_result::data>("data"),
    };
};

template <>
struct model_traits<deleted_certificate> {
    using f = fields_of<deleted_certificate>;
    static constexpr std::array fields{
        f::string_with("object", &assign_object_kind<deleted_certificate>),
        f::field<&deleted_certificate::id>("id"),
    };
};

template <>
struct model_traits<upload_params> {
    using f = fields_of<upload_params>;
    static constexpr std::array fields{
        f::field<&upload_params::certificate>("certificate"),
        f::field<&upload_params::name>("name"),
    };
};

template <>
struct model_traits<modify_params> {
    using f = fields_of<modify_params>;
    static constexpr std::array fields{f::field<&modify_params::name>("name")};
};

} // namespace detail

template <class T>
boost::system::result<T> decode(const boost::json::value& v, std::string* what) {
    T out{};
    if (auto ec = detail::decode_value(v, out, what))
        return ec;
    return out;
}

// ---- encoding ----

OPENAI_ADMIN_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const certificate_details& x) {
    auto& o = v.emplace_object();
    detail::put_optional(o, "valid_at", x.valid_at);
    detail::put_optional(o, "expires_at", x.expires_at);
    detail::put_optional(o, "content", x.content);
}

namespace detail {
inline boost::json::object& encode_base(boost::json::value& v, const certificate_base& x) {
    auto& o = v.emplace_object();
    o["object"] = object_text(x);
    o["id"] = x.id;
    put_nullable(o, "name", x.name);
    o["created_at"] = x.created_at;
    boost::json::value_from(x.certificate_details, o["certificate_details"]);
    return o;
}
} // namespace detail

OPENAI_ADMIN_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const certificate& x) {
    auto& o = detail::encode_base(v, x);
    if (x.active)
        o["active"] = *x.active;
}

OPENAI_ADMIN_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const scoped_certificate& x) {
    detail::encode_base(v, x)["active"] = x.active;
}

OPENAI_ADMIN_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const certificate_page& x) {
    auto& o = v.emplace_object();
    o["object"] = "list";
    boost::json::value_from(x.data, o["data"]);
    detail::put_nullable(o, "first_id", x.first_id);
    detail::put_nullable(o, "last_id", x.last_id);
    o["has_more"] = x.has_more;
}

OPENAI_ADMIN_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const activation_result& x) {
    auto& o = v.emplace_object();
    o["object"] = detail::object_text(x);
    boost::json::value_from(x.data, o["data"]);
}

OPENAI_ADMIN_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const deleted_certificate& x) {
    auto& o = v.emplace_object();
    o["object"] = detail::object_text(x);
    o["id"] = x.id;
}

OPENAI_ADMIN_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const upload_params& x) {
    auto& o = v.emplace_object();
    o["certificate"] = x.certificate;
    detail::put_optional(o, "name", x.name);
}

OPENAI_ADMIN_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const modify_params& x) {
    detail::put_optional(v.emplace_object(), "name", x.name);
}

// ---- Boost.JSON's non-throwing hook: every model decodes through the same reader ----

#define OPENAI_ADMIN_DEFINE_TRY_VALUE_TO(T)                                                      \
    OPENAI_ADMIN_DECL boost::system::result<T> tag_invoke(boost::json::try_value_to_tag<T>, const boost::json::value& v) { \
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
