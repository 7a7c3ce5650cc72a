// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_JSON_DECODER_HPP
#define OPENAI_ADMIN_DETAIL_JSON_DECODER_HPP

// Decoding JSON into models, driven by events: the same reader takes them from Boost.JSON's
// basic_parser (a response body, with no DOM in between) or from a walk over a
// boost::json::value (value_to). Each model describes its fields once (impl/models.ipp).
//
// Rules: unknown keys are skipped at any depth; a required field that is absent, or any field
// of the wrong type, fails with a path (`data[3].certificate_details: expected an object`);
// integers may arrive as int64, uint64 or an integral double; a repeated key replaces the
// earlier value (as in Boost.JSON's DOM), but every occurrence must have the right type.

#include <openai/admin/error.hpp>

#include <boost/assert.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace openai::admin::detail {

enum class value_kind : unsigned char { string, integer, boolean, object, array, null };

struct model_desc;

// One field of a model. `target(model, null)` is where the value goes inside `model` (an
// optional member is emplaced first); with `null` it resets the optional and returns nullptr.
// A null `target` checks the value's type and drops it. Strings are stored by `assign`.
struct field_desc {
    std::string_view name;
    value_kind kind;
    bool required; // absent -> missing_field
    bool nullable; // null allowed (the member is a std::optional)
    bool view;     // a std::string_view member: the strings must outlive the model
    void* (*target)(void* model, bool null);
    void (*assign)(void* target, std::string_view s);
    const model_desc* nested; // object: its model; array: the element's
};

// A model: its fields (at most 64), how to make one fresh, how to empty a vector of them, and
// the pseudo-field of an item of such a vector (`target(vector, false)` appends one).
struct model_desc {
    std::span<const field_desc> fields;
    void (*reset)(void* model);
    void (*clear)(void* vector);
    field_desc element;
};

template <class T>
struct model_traits; // specialized per model: static constexpr std::array<field_desc, N> fields

template <class T>
struct optional_traits {
    using type = T;
    static constexpr bool optional = false;
};
template <class T>
struct optional_traits<std::optional<T>> {
    using type = T;
    static constexpr bool optional = true;
};

template <class T>
struct vector_traits {
    static constexpr bool vector = false;
};
template <class T>
struct vector_traits<std::vector<T>> {
    using element = T;
    static constexpr bool vector = true;
};

inline void* identity_target(void* p, bool) { return p; }

template <class T>
constexpr std::span<const field_desc> fields_span() {
    static_assert(model_traits<T>::fields.size() <= 64, "model_reader tracks at most 64 fields per model");
    return model_traits<T>::fields;
}

template <class T>
inline constexpr model_desc model_desc_of{
    fields_span<T>(),
    [](void* m) { *static_cast<T*>(m) = T{}; },
    [](void* v) { static_cast<std::vector<T>*>(v)->clear(); },
    {"", value_kind::object, true, false, false,
     [](void* v, bool) -> void* { return &static_cast<std::vector<T>*>(v)->emplace_back(); }, nullptr,
     &model_desc_of<T>},
};

// The field builders of one model type (members of its base classes included).
template <class Model>
struct fields_of {
    template <auto Member>
    using member_t = std::remove_reference_t<decltype(std::declval<Model&>().*Member)>;

    template <auto Member>
    static void* target(void* model, bool null) {
        auto& m = static_cast<Model*>(model)->*Member;
        if constexpr (optional_traits<member_t<Member>>::optional) {
            if (null) {
                m.reset();
                return nullptr;
            }
            return &m.emplace();
        } else {
            return &m;
        }
    }

    template <auto Member>
    static constexpr field_desc make(std::string_view name, bool required) {
        using M = member_t<Member>;
        using V = typename optional_traits<M>::type;
        field_desc f{name, value_kind::object, required, optional_traits<M>::optional, false, &target<Member>, nullptr, nullptr};
        if constexpr (std::is_same_v<V, std::string>) {
            f.kind = value_kind::string;
            f.assign = [](void* p, std::string_view s) { static_cast<std::string*>(p)->assign(s); };
        } else if constexpr (std::is_same_v<V, std::string_view>) {
            f.kind = value_kind::string;
            f.view = true;
            f.assign = [](void* p, std::string_view s) { *static_cast<std::string_view*>(p) = s; };
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
            f.kind = value_kind::integer;
        } else if constexpr (std::is_same_v<V, bool>) {
            f.kind = value_kind::boolean;
        } else if constexpr (vector_traits<V>::vector) {
            f.kind = value_kind::array;
            f.nested = &model_desc_of<typename vector_traits<V>::element>;
        } else {
            f.nested = &model_desc_of<V>;
        }
        return f;
    }

    // A std::optional member may be absent or null; any other member is required and non-null.
    template <auto Member>
    static constexpr field_desc field(std::string_view name) {
        return make<Member>(name, !optional_traits<member_t<Member>>::optional);
    }

    // Required, but may be null (a std::optional member).
    template <auto Member>
    static constexpr field_desc nullable(std::string_view name) {
        return make<Member>(name, true);
    }

    // A required string whose value is not kept.
    static constexpr field_desc ignored_string(std::string_view name) {
        return {name, value_kind::string, true, false, false, nullptr, nullptr, nullptr};
    }

    // A required string given to `assign(Model*, string)`.
    static constexpr field_desc string_with(std::string_view name, void (*assign)(void* model, std::string_view)) {
        return {name, value_kind::string, true, false, false, &identity_target, assign, nullptr};
    }
};

// Takes parse events and fills a model. After the first failure it ignores every event, so a
// parser can go on to the end to tell a syntax error (which takes precedence) from a schema
// one. Never allocates except for the model's own members and keys or strings split in parts.
class model_reader {
public:
    // `strings_stay`: the strings of the events outlive the model (a DOM walk), so
    // std::string_view members may be filled.
    model_reader(const model_desc& root, void* out, std::string* what, bool strings_stay)
        : root_{"", value_kind::object, true, false, false, &identity_target, nullptr, &root},
          root_obj_(out), what_(what), strings_stay_(strings_stay) {}

    error_code error() const noexcept { return ec_; }

    // Whether the members of the object or array just begun are read (a DOM walk skips them
    // otherwise).
    bool descending() const noexcept { return !ec_ && skip_ == 0; }

    void object_begin() { begin(value_kind::object); }

    void object_end() {
        if (ec_)
            return;
        if (skip_ > 0) {
            --skip_;
            return;
        }
        const frame& fr = frames_[depth_ - 1];
        const auto fields = fr.model->fields;
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i].required && !(fr.seen & (std::uint64_t(1) << i))) {
                fail(client_errc::missing_field, "missing required field", &fields[i]);
                return;
            }
        --depth_;
    }

    void array_begin() { begin(value_kind::array); }

    void array_end() {
        if (ec_)
            return;
        if (skip_ > 0)
            --skip_;
        else
            --depth_;
    }

    // A key arrives whole, or in parts followed by the last one.
    void key_part(std::string_view part) {
        if (descending())
            key_buf_.append(part);
    }

    void key(std::string_view k) {
        if (!descending())
            return;
        if (!key_buf_.empty()) {
            key_buf_.append(k);
            k = key_buf_;
        }
        frame& fr = frames_[depth_ - 1];
        const auto fields = fr.model->fields;
        // Servers send keys in the order the models list them: start after the last hit.
        pending_ = nullptr;
        for (std::size_t i = 0, at = fr.next; i < fields.size(); ++i, ++at) {
            if (at >= fields.size())
                at = 0;
            if (fields[at].name == k) {
                pending_ = &fields[at];
                fr.next = at + 1;
                break;
            }
        }
        key_buf_.clear();
    }

    // A string arrives whole, or in parts (`last` false) followed by the last one.
    void string(std::string_view s, bool last) {
        if (string_slot_.field != nullptr) { // a part after the first
            str_buf_.append(s);
            if (last) {
                assign(*string_slot_.field, string_slot_.obj, str_buf_);
                string_slot_ = {};
            }
            return;
        }
        if (skipping_value())
            return;
        const auto where = slot(value_kind::string);
        if (where.field == nullptr)
            return; // failed or not kept; the remaining parts are skipped (no pending field)
        if (last) {
            assign(*where.field, where.obj, s);
        } else {
            string_slot_ = where;
            str_buf_.assign(s);
        }
    }

    void int64(std::int64_t i) { integer(i, {}); }

    void uint64(std::uint64_t u) {
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            integer(static_cast<std::int64_t>(u), {});
        else
            integer(std::nullopt, "integer out of range");
    }

    void number(double d) {
        // 2^63 is exactly representable; anything at or beyond it does not fit.
        if (std::isfinite(d) && std::trunc(d) == d && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
            integer(static_cast<std::int64_t>(d), {});
        else
            integer(std::nullopt, "expected an integer");
    }

    void boolean(bool b) {
        if (skipping_value())
            return;
        const auto s = slot(value_kind::boolean);
        if (s.field != nullptr)
            *static_cast<bool*>(s.field->target(s.obj, false)) = b;
    }

    void null() {
        if (skipping_value())
            return;
        const auto s = slot(value_kind::null);
        if (s.field != nullptr)
            s.field->target(s.obj, true);
    }

private:
    struct frame {
        const model_desc* model;
        void* obj;             // the model object, or the vector of an array
        const field_desc* via; // the field it was entered by (&root_: the top level)
        std::uint64_t seen;    // object: fields present, by index
        std::size_t next;      // object: where the next key probably is; array: items so far
        bool array;
    };
    struct slot_t {
        const field_desc* field = nullptr; // nullptr: drop the value
        void* obj = nullptr;
        bool repeated = false; // the field was seen before in this object
    };
    static constexpr std::size_t max_depth = 8; // the models nest 4 deep

    // Failed, inside a skipped value, or the value of an unknown key.
    bool skipping_value() const noexcept {
        return ec_ || skip_ > 0 || (depth_ > 0 && !frames_[depth_ - 1].array && pending_ == nullptr);
    }

    void push(const frame& f) {
        if (depth_ == max_depth) {
            BOOST_ASSERT_MSG(false, "a model nests deeper than model_reader::max_depth");
            fail(client_errc::wrong_type, "nested too deeply", nullptr);
            return;
        }
        frames_[depth_++] = f;
    }

    // Where a value of kind `got` goes, once skipping_value() said it is wanted; a failure if
    // the field takes no such value.
    slot_t slot(value_kind got) {
        const field_desc* f = &root_;
        void* obj = root_obj_;
        bool repeated = false;
        if (depth_ > 0) {
            frame& fr = frames_[depth_ - 1];
            obj = fr.obj;
            if (fr.array) {
                f = &fr.model->element;
                ++fr.next;
            } else {
                f = pending_;
                pending_ = nullptr;
                const auto bit = std::uint64_t(1) << static_cast<std::size_t>(f - fr.model->fields.data());
                repeated = (fr.seen & bit) != 0;
                fr.seen |= bit;
            }
        }
        if (got == value_kind::null ? !f->nullable : f->kind != got) {
            fail(client_errc::wrong_type, expected(f->kind), f);
            return {};
        }
        if (f->target == nullptr)
            return {};
        return {f, obj, repeated};
    }

    // An object or an array begins.
    void begin(value_kind kind) {
        if (skipping_value()) {
            ++skip_;
            return;
        }
        const auto s = slot(kind);
        if (s.field == nullptr) { // failed (everything is ignored now) or not kept
            ++skip_;
            return;
        }
        void* target = s.field->target(s.obj, false);
        const bool array = kind == value_kind::array;
        if (array)
            s.field->nested->clear(target);
        else if (s.repeated) // the later of two equal keys wins, whole
            s.field->nested->reset(target);
        push({s.field->nested, target, s.field, 0, 0, array});
    }

    // An integer value, or (nullopt) why the number is not one.
    void integer(std::optional<std::int64_t> v, std::string_view why) {
        if (skipping_value())
            return;
        const auto s = slot(value_kind::integer);
        if (s.field == nullptr)
            return;
        if (v)
            *static_cast<std::int64_t*>(s.field->target(s.obj, false)) = *v;
        else
            fail(client_errc::wrong_type, why, s.field);
    }

    void assign(const field_desc& f, void* obj, std::string_view s) {
        if (f.view && !strings_stay_) { // only request parameter types hold views; they come from a DOM
            BOOST_ASSERT_MSG(false, "a model with std::string_view members decoded from text");
            fail(client_errc::wrong_type, "cannot keep a view of this string", &f);
            return;
        }
        f.assign(f.target(obj, false), s);
    }

    static std::string_view expected(value_kind k) noexcept {
        switch (k) {
        case value_kind::integer: return "expected an integer";
        case value_kind::boolean: return "expected a boolean";
        case value_kind::object: return "expected an object";
        case value_kind::array: return "expected an array";
        default: return "expected a string";
        }
    }

    // Records the first failure. The path is spelled only now: the frames, then `leaf` (a
    // field of the innermost object, or an item of the innermost array), e.g.
    // `data[3].certificate_details.expires_at`.
    void fail(client_errc e, std::string_view detail, const field_desc* leaf) {
        if (ec_)
            return;
        ec_ = e;
        if (what_ == nullptr)
            return;
        std::string& out = *what_;
        out.clear();
        auto label = [&out, this](const field_desc* via, const frame* parent) {
            if (via == &root_)
                return;
            if (parent != nullptr && parent->array) {
                out += '[';
                out += std::to_string(parent->next - 1);
                out += ']';
            } else {
                if (!out.empty())
                    out += '.';
                out += via->name;
            }
        };
        for (std::size_t i = 0; i < depth_; ++i)
            label(frames_[i].via, i > 0 ? &frames_[i - 1] : nullptr);
        if (leaf != nullptr)
            label(leaf, depth_ > 0 ? &frames_[depth_ - 1] : nullptr);
        if (out.empty())
            out = "(top level)";
        out += ": ";
        out += detail;
    }

    field_desc root_; // the pseudo-field of the top-level value
    void* root_obj_;
    std::string* what_;
    bool strings_stay_;
    error_code ec_;
    std::array<frame, max_depth> frames_{};
    std::size_t depth_ = 0;
    std::size_t skip_ = 0;                // depth inside a value that is not read
    const field_desc* pending_ = nullptr; // the field whose value comes next
    slot_t string_slot_{};                // where a string arriving in parts goes, between its parts
    std::string key_buf_;
    std::string str_buf_;
};

// Feeds a DOM to a reader. Skipped values are not entered, so the recursion is as deep as
// the models, whatever the depth of `v`.
inline void walk(model_reader& r, const boost::json::value& v) {
    switch (v.kind()) {
    case boost::json::kind::object:
        r.object_begin();
        if (r.descending())
            for (const auto& kv : v.get_object()) {
                r.key(kv.key());
                walk(r, kv.value());
                if (r.error())
                    return;
            }
        r.object_end();
        break;
    case boost::json::kind::array:
        r.array_begin();
        if (r.descending())
            for (const auto& item : v.get_array()) {
                walk(r, item);
                if (r.error())
                    return;
            }
        r.array_end();
        break;
    case boost::json::kind::string: r.string(v.get_string(), true); break;
    case boost::json::kind::int64: r.int64(v.get_int64()); break;
    case boost::json::kind::uint64: r.uint64(v.get_uint64()); break;
    case boost::json::kind::double_: r.number(v.get_double()); break;
    case boost::json::kind::bool_: r.boolean(v.get_bool()); break;
    case boost::json::kind::null: r.null(); break;
    }
}

// What a basic_parser handler declares: no limits beyond the parser's own (depth 32).
struct parser_handler_base {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    using sv = boost::json::string_view;
    using ec_t = boost::system::error_code;
};

// basic_parser's handler: every event to the reader. It never stops the parser, so syntax
// errors anywhere are still found after a schema failure.
struct reader_handler : parser_handler_base {

    template <class... Args>
    explicit reader_handler(Args&&... args) : reader(std::forward<Args>(args)...) {}

    model_reader reader;

    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t&) { return reader.object_begin(), true; }
    bool on_object_end(std::size_t, ec_t&) { return reader.object_end(), true; }
    bool on_array_begin(ec_t&) { return reader.array_begin(), true; }
    bool on_array_end(std::size_t, ec_t&) { return reader.array_end(), true; }
    bool on_key_part(sv s, std::size_t, ec_t&) { return reader.key_part(s), true; }
    bool on_key(sv s, std::size_t, ec_t&) { return reader.key(s), true; }
    bool on_string_part(sv s, std::size_t, ec_t&) { return reader.string(s, false), true; }
    bool on_string(sv s, std::size_t, ec_t&) { return reader.string(s, true), true; }
    bool on_number_part(sv, ec_t&) { return true; }
    bool on_int64(std::int64_t i, sv, ec_t&) { return reader.int64(i), true; }
    bool on_uint64(std::uint64_t u, sv, ec_t&) { return reader.uint64(u), true; }
    bool on_double(double d, sv, ec_t&) { return reader.number(d), true; }
    bool on_bool(bool b, ec_t&) { return reader.boolean(b), true; }
    bool on_null(ec_t&) { return reader.null(), true; }
    bool on_comment_part(sv, ec_t&) { return true; }
    bool on_comment(sv, ec_t&) { return true; }
};

// The outcome of decoding text: `syntax` is set when the text is not one JSON document
// (then `schema` means nothing); otherwise `schema` tells whether the model was filled.
struct text_decode_result {
    boost::system::error_code syntax;
    error_code schema;
};

// Parses `text` straight into `out`, with no DOM (the limits of boost::json::parse apply).
template <class T>
text_decode_result decode_text(std::string_view text, T& out, std::string* what) {
    boost::json::basic_parser<reader_handler> p(boost::json::parse_options{}, model_desc_of<T>, &out, what, false);
    text_decode_result r;
    const std::size_t n = p.write_some(false, text.data(), text.size(), r.syntax);
    if (!r.syntax && n < text.size())
        r.syntax = boost::json::error::extra_data;
    if (!r.syntax)
        r.schema = p.handler().reader.error();
    return r;
}

// Reads a DOM into `out`.
template <class T>
error_code decode_value(const boost::json::value& v, T& out, std::string* what) {
    model_reader r(model_desc_of<T>, &out, what, true);
    walk(r, v);
    return r.error();
}

} // namespace openai::admin::detail

#endif
