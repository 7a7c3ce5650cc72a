// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_JSON_DECODER_HPP
#define OPENAI_ADMIN_DETAIL_JSON_DECODER_HPP

#include <openai/admin/error.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
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
                *what_ = path();
                *what_ += ": ";
                *what_ += detail;
            }
        }
        return false;
    }

    // Where the decoder is, as frames: the path text is only made when something fails
    // (decoding a 100-item page enters ~1,000 fields).
    class scope {
    public:
        explicit scope(json_decoder& d) : d_(d) {}
        scope(const scope&) = delete;
        scope& operator=(const scope&) = delete;
        ~scope() { --d_.depth_; }

    private:
        json_decoder& d_;
    };

    // `key` must outlive the scope (the models pass literals).
    scope enter(std::string_view key) { return push({key, no_index}); }
    scope enter(std::size_t index) { return push({{}, index}); }

    // `data[3].certificate_details`, or "(top level)".
    std::string path() const {
        std::string out;
        for (std::size_t i = 0; i < std::min(depth_, max_depth); ++i) {
            if (frames_[i].index != no_index) {
                out += '[';
                out += std::to_string(frames_[i].index);
                out += ']';
            } else {
                if (!out.empty())
                    out += '.';
                out += frames_[i].key;
            }
        }
        if (depth_ > max_depth)
            out += "...";
        return out.empty() ? std::string("(top level)") : out;
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
        const auto* v = find(o, key);
        if (v == nullptr)
            return fail(client_errc::missing_field, "missing required field");
        return read(*v, out);
    }

    template <class T>
    bool field(const boost::json::object& o, std::string_view key, std::optional<T>& out) {
        auto s = enter(key);
        const auto* v = find(o, key);
        if (v == nullptr || v->is_null()) {
            out.reset();
            return true;
        }
        return read(*v, out.emplace());
    }

    bool nullable(const boost::json::object& o, std::string_view key, std::optional<std::string>& out) {
        auto s = enter(key);
        const auto* v = find(o, key);
        if (v == nullptr)
            return fail(client_errc::missing_field, "missing required field");
        if (v->is_null()) {
            out.reset();
            return true;
        }
        return read(*v, out.emplace());
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

    // o.if_contains(key), scanning from just after the last key found in `o`: servers send the
    // keys of an object in the order the models read them, so this is one comparison per
    // field instead of a hash or a scan from the start (a 100-item page reads ~900 fields).
    // Hints are kept for the two objects read last (an object and the one nested in it).
    const boost::json::value* find(const boost::json::object& o, std::string_view key) {
        if (hints_[0].object != &o) {
            std::swap(hints_[0], hints_[1]);
            if (hints_[0].object != &o)
                hints_[0] = {&o, 0};
        }
        const std::size_t n = o.size();
        const std::size_t start = hints_[0].next < n ? hints_[0].next : 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t at = start + i < n ? start + i : start + i - n;
            const auto& kv = o.begin()[at];
            if (kv.key() == key) {
                hints_[0].next = at + 1;
                return &kv.value();
            }
        }
        return nullptr;
    }

private:
    struct hint {
        const boost::json::object* object = nullptr;
        std::size_t next = 0; // where the next key probably is
    };
    std::array<hint, 2> hints_{};
    static constexpr std::size_t no_index = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_depth = 16; // deeper frames are counted, not named
    struct frame {
        std::string_view key;
        std::size_t index;
    };

    scope push(frame f) {
        if (depth_ < max_depth)
            frames_[depth_] = f;
        ++depth_;
        return scope(*this);
    }

    std::string* what_;
    std::array<frame, max_depth> frames_{};
    std::size_t depth_ = 0;
    error_code ec_;
};

} // namespace openai::admin::detail

#endif
