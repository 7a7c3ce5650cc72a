// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_JSON_DECODER_HPP
#define OPENAI_ADMIN_DETAIL_JSON_DECODER_HPP

#include <openai/admin/error.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openai::admin::detail {

// Reads JSON into models, stopping at the first problem and remembering where it was
// (`data[3].certificate_details: expected an object`). Unknown keys are never looked at.
class json_decoder {
public:
    explicit json_decoder(std::string* what = nullptr) : what_(what) {}

    error_code error() const { return ec_; }

    // Records the first failure; always returns false so callers can `return fail(...)`.
    bool fail(client_errc e, std::string_view detail) {
        if (!ec_) {
            ec_ = e;
            if (what_) {
                *what_ = path_.empty() ? std::string("(top level)") : path_;
                *what_ += ": ";
                *what_ += detail;
            }
        }
        return false;
    }

    // Restores the path on scope exit.
    class scope {
    public:
        scope(std::string& path, std::size_t len) : path_(path), len_(len) {}
        scope(const scope&) = delete;
        scope& operator=(const scope&) = delete;
        ~scope() { path_.resize(len_); }

    private:
        std::string& path_;
        std::size_t len_;
    };

    scope enter(std::string_view key) {
        std::size_t len = path_.size();
        if (!path_.empty())
            path_ += '.';
        path_ += key;
        return {path_, len};
    }

    scope enter(std::size_t index) {
        std::size_t len = path_.size();
        path_ += '[';
        path_ += std::to_string(index);
        path_ += ']';
        return {path_, len};
    }

    const boost::json::object* as_object(const boost::json::value& v) {
        if (const auto* o = v.if_object())
            return o;
        fail(client_errc::wrong_type, "expected an object");
        return nullptr;
    }

    // Field readers. A plain T is required and non-null; std::optional<T> may be absent or
    // null; `nullable` is required but may be null.
    template <class T>
    bool field(const boost::json::object& o, std::string_view key, T& out) {
        auto s = enter(key);
        const auto* v = o.if_contains(key);
        if (v == nullptr)
            return fail(client_errc::missing_field, "missing required field");
        return read(*v, out);
    }

    template <class T>
    bool field(const boost::json::object& o, std::string_view key, std::optional<T>& out) {
        auto s = enter(key);
        const auto* v = o.if_contains(key);
        if (v == nullptr || v->is_null()) {
            out.reset();
            return true;
        }
        return read(*v, out.emplace());
    }

    bool nullable(const boost::json::object& o, std::string_view key, std::optional<std::string>& out) {
        if (!o.contains(key)) {
            auto s = enter(key);
            return fail(client_errc::missing_field, "missing required field");
        }
        return field(o, key, out);
    }

    bool read(const boost::json::value& v, std::string& out) {
        const auto* s = v.if_string();
        if (s == nullptr)
            return fail(client_errc::wrong_type, "expected a string");
        out.assign(s->data(), s->size());
        return true;
    }

    // A view into `v`, for request parameter types.
    bool read(const boost::json::value& v, std::string_view& out) {
        const auto* s = v.if_string();
        if (s == nullptr)
            return fail(client_errc::wrong_type, "expected a string");
        out = *s;
        return true;
    }

    bool read(const boost::json::value& v, bool& out) {
        const auto* b = v.if_bool();
        if (b == nullptr)
            return fail(client_errc::wrong_type, "expected a boolean");
        out = *b;
        return true;
    }

    // Integers may arrive as int64, uint64 or an integral double.
    bool read(const boost::json::value& v, std::int64_t& out) {
        if (const auto* i = v.if_int64()) {
            out = *i;
            return true;
        }
        if (const auto* u = v.if_uint64()) {
            if (*u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                out = static_cast<std::int64_t>(*u);
                return true;
            }
            return fail(client_errc::wrong_type, "integer out of range");
        }
        if (const auto* d = v.if_double()) {
            // 2^63 is exactly representable; anything at or beyond it does not fit.
            if (std::isfinite(*d) && std::trunc(*d) == *d && *d >= -9223372036854775808.0 &&
                *d < 9223372036854775808.0) {
                out = static_cast<std::int64_t>(*d);
                return true;
            }
        }
        return fail(client_errc::wrong_type, "expected an integer");
    }

    template <class T>
    bool read(const boost::json::value& v, std::vector<T>& out) {
        const auto* a = v.if_array();
        if (a == nullptr)
            return fail(client_errc::wrong_type, "expected an array");
        out.clear();
        out.reserve(a->size());
        for (std::size_t i = 0; i < a->size(); ++i) {
            auto s = enter(i);
            if (!read((*a)[i], out.emplace_back()))
                return false;
        }
        return true;
    }

    // Models: found by ADL in openai::admin (see impl/models.hpp).
    template <class T>
    bool read(const boost::json::value& v, T& out) {
        return decode_model(*this, v, out);
    }

private:
    std::string* what_;
    std::string path_;
    error_code ec_;
};

} // namespace openai::admin::detail

#endif
