// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Spec-driven decoding: reads the OpenAPI spec file itself (OA_SPEC_PATH), extracts every
// response example of the ten certificate operations and the schema examples, and decodes each
// through the SDK's models, checking that every field of the example arrives in the model (and
// nothing the example lacks appears). Then variants the spec allows, made by mutating those
// same examples. Needs no node.
//
// How the examples are embedded (see the spec): JSON text in YAML block scalars,
//   paths./<path>.<method>.x-oaiMeta.examples.response: |   (or >)
//   components.schemas.<Name>.x-oaiMeta.example: >
// with trailing commas (not strict JSON). The extractor below is a small line-based reader for
// exactly that structure: it tracks the mapping keys by indentation, reads block scalars by
// indentation, and knows each operation's operationId and the $ref of its 200 response schema.

#include <openai/admin/models.hpp>

#include "../support/printing.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace json = boost::json;
namespace oa = openai::admin;

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

struct spec_example {
    std::string operation_id; // empty for a schema example
    std::string schema;       // the 200 response schema (operations) or the schema itself
    std::string text;         // the block scalar's content
    std::size_t line = 0;     // 1-based line of its key in the spec
    std::string where() const {
        return (operation_id.empty() ? "schema " + schema : operation_id) + " (spec line " + std::to_string(line) + ")";
    }
};

struct extracted {
    std::vector<spec_example> examples;
    std::map<std::string, std::string> response_schema; // operationId -> 200 schema name
};

std::size_t indent_of(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ')
        ++i;
    return i;
}

bool blank(std::string_view line) { return indent_of(line) == line.size(); }

std::string unquote(std::string s) {
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
        return s.substr(1, s.size() - 2);
    return s;
}

// Reads the block scalar whose key is on lines[key_line] (indentation key_indent), starting at
// key_line + 1; returns its content and moves `next` past it. `folded` (>): line breaks between
// two non-empty lines of the base indentation become spaces, a break before empty lines is
// dropped (each empty line gives one), more-indented lines keep their breaks (YAML folding). Trailing line breaks are clipped to one (no chomping indicator
// other than the default is used by the spec).
std::string read_block(const std::vector<std::string>& lines, std::size_t first, std::size_t key_indent, bool folded,
                       std::size_t& next) {
    std::size_t i = first, block_indent = 0;
    std::vector<std::string> content;
    for (; i < lines.size(); ++i) {
        const auto& l = lines[i];
        if (blank(l)) {
            content.emplace_back();
            continue;
        }
        const auto ind = indent_of(l);
        if (ind <= key_indent)
            break;
        if (block_indent == 0)
            block_indent = ind;
        content.push_back(l.substr(std::min(block_indent, ind)));
        if (ind < block_indent)
            content.back().insert(0, "<<under-indented>>"); // invalid YAML: make the JSON fail
    }
    next = i;
    while (!content.empty() && content.back().empty())
        content.pop_back();
    std::string out;
    for (std::size_t k = 0; k < content.size(); ++k) {
        const auto& cur = content[k];
        out += cur;
        if (k + 1 == content.size())
            break;
        const auto& nxt = content[k + 1];
        const bool cur_more = !cur.empty() && cur.front() == ' ', nxt_more = !nxt.empty() && nxt.front() == ' ';
        if (!folded || cur.empty() || cur_more || nxt_more)
            out += "\n";
        else if (!nxt.empty())
            out += " "; // folded: a single line break becomes a space...
        // ...and one followed by empty lines is dropped (each empty line gives one "\n")
    }
    return out + "\n";
}

extracted extract_examples(const std::string& path) {
    std::ifstream in(path);
    BOOST_TEST_REQUIRE(in.good(), "cannot read the spec at " << path);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
        lines.push_back(l);

    extracted out;
    std::vector<std::pair<std::size_t, std::string>> stack; // (indent, key) of the open mappings
    std::map<std::string, std::string> op_of;                // "path method" -> operationId
    std::vector<spec_example> pending;                        // operation examples before their id is known

    for (std::size_t i = 0; i < lines.size();) {
        const std::string& raw = lines[i];
        if (blank(raw) || raw[indent_of(raw)] == '#') {
            ++i;
            continue;
        }
        auto ind = indent_of(raw);
        std::string_view rest = std::string_view(raw).substr(ind);
        if (rest.starts_with("- ")) { // a sequence item holding a mapping: its key is further in
            ind += 2;
            rest.remove_prefix(2);
        }
        while (!stack.empty() && stack.back().first >= ind)
            stack.pop_back();

        // key: value  (the key ends at the first ": " or a final ':')
        std::size_t colon = rest.find(": ");
        if (colon == std::string_view::npos && rest.ends_with(':'))
            colon = rest.size() - 1;
        if (colon == std::string_view::npos) { // a continuation line of a plain scalar
            ++i;
            continue;
        }
        const std::string key = unquote(std::string(rest.substr(0, colon)));
        std::string value(colon + 1 < rest.size() ? rest.substr(colon + 1) : std::string_view{});
        value.erase(0, value.find_first_not_of(' '));

        std::vector<std::string> keys;
        for (const auto& [_, k] : stack)
            keys.push_back(k);
        keys.push_back(key);

        const bool block = !value.empty() && (value[0] == '|' || value[0] == '>') &&
                           value.find_first_not_of("|>+-0123456789") == std::string::npos;
        if (block) {
            std::size_t next = i + 1;
            auto text = read_block(lines, i + 1, ind, value[0] == '>', next);
            // paths./p.method.x-oaiMeta.examples.response
            if (keys.size() == 6 && keys[0] == "paths" && keys[3] == "x-oaiMeta" && keys[4] == "examples" &&
                keys[5] == "response") {
                spec_example ex;
                ex.operation_id = keys[1] + " " + keys[2]; // replaced by the operationId below
                ex.text = std::move(text);
                ex.line = i + 1;
                pending.push_back(std::move(ex));
            }
            // components.schemas.Name.x-oaiMeta.example
            if (keys.size() == 5 && keys[0] == "components" && keys[1] == "schemas" && keys[3] == "x-oaiMeta" &&
                keys[4] == "example") {
                spec_example ex;
                ex.schema = keys[2];
                ex.text = std::move(text);
                ex.line = i + 1;
                out.examples.push_back(std::move(ex));
            }
            i = next;
            continue;
        }
        if (keys.size() == 4 && keys[0] == "paths" && keys[3] == "operationId")
            op_of[keys[1] + " " + keys[2]] = value;
        // paths./p.method.responses."200".content.application/json.schema.$ref
        if (keys.size() == 9 && keys[0] == "paths" && keys[3] == "responses" && keys[4] == "200" &&
            keys[6] == "application/json" && keys[7] == "schema" && keys[8] == "$ref") {
            const auto ref = unquote(value);
            out.response_schema[keys[1] + " " + keys[2]] = ref.substr(ref.rfind('/') + 1);
        }
        if (value.empty())
            stack.emplace_back(ind, key);
        ++i;
    }

    // "path method" -> operationId, for the examples and the response schemas
    std::map<std::string, std::string> schema_by_op;
    for (const auto& [pm, schema] : out.response_schema) {
        BOOST_TEST(op_of.count(pm) == 1u, "no operationId for " << pm);
        schema_by_op[op_of[pm]] = schema;
    }
    out.response_schema = std::move(schema_by_op);
    for (auto& ex : pending) {
        BOOST_TEST_REQUIRE(op_of.count(ex.operation_id) == 1u, "no operationId for " << ex.operation_id);
        ex.operation_id = op_of[ex.operation_id];
        ex.schema = out.response_schema[ex.operation_id];
        out.examples.push_back(std::move(ex));
    }
    return out;
}

// Removes the commas that directly precede '}' or ']' (outside strings): the spec's examples
// have them. Counts what it removed.
std::string strip_trailing_commas(std::string_view s, std::size_t& removed) {
    std::string out;
    bool in_string = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (in_string) {
            out.push_back(c);
            if (c == '\\' && i + 1 < s.size())
                out.push_back(s[++i]);
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        if (c == ',') {
            auto j = s.find_first_not_of(" \t\r\n", i + 1);
            if (j != std::string_view::npos && (s[j] == '}' || s[j] == ']')) {
                ++removed;
                continue;
            }
        }
        out.push_back(c);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Field-by-field comparison of an example with the decoded model
// ---------------------------------------------------------------------------------------------

// Keys that the checks accept without a model field: the injected unknown keys of a variant.
const std::string unknown_key = "x_contract_unknown";

struct field_checker {
    std::vector<std::string> errors;
    std::size_t checked = 0;                  // fields of the example found in the model
    std::set<std::string> unmodelled{};       // "<type>.<key>" present in an example, no model field

    void error(const std::string& path, const std::string& what) { errors.push_back(path + ": " + what); }

    void integer(const json::value& v, const std::optional<std::int64_t>& m, const std::string& path) {
        if (!m)
            return error(path, "present in the example, absent in the model");
        if (!v.is_int64() && !v.is_uint64())
            return error(path, "not an integer in the example");
        if (v.to_number<std::int64_t>() != *m)
            return error(path, "example " + json::serialize(v) + ", model " + std::to_string(*m));
        ++checked;
    }
    // `object` of any model: the kind's wire name, or the raw text of an unknown kind.
    template <class Model>
    void object(const json::value& v, const Model& m, const std::string& path) {
        if (m.object != oa::object_kind::unknown && !m.unknown_object.empty())
            return error(path, "unknown_object set for a known kind");
        const auto wire = m.object == oa::object_kind::unknown ? m.unknown_object : std::string(oa::to_string(m.object));
        string(v, wire, path);
    }

    void string(const json::value& v, const std::optional<std::string>& m, const std::string& path) {
        if (v.is_null()) {
            if (m)
                error(path, "null in the example, \"" + *m + "\" in the model");
            else
                ++checked;
            return;
        }
        if (!m)
            return error(path, "present in the example, absent in the model");
        if (!v.is_string() || v.as_string() != *m)
            return error(path, "example " + json::serialize(v) + ", model \"" + *m + "\"");
        ++checked;
    }
    void boolean(const json::value& v, std::optional<bool> m, const std::string& path) {
        if (!m)
            return error(path, "present in the example, absent in the model");
        if (!v.is_bool() || v.as_bool() != *m)
            return error(path, "example " + json::serialize(v) + ", model " + (*m ? "true" : "false"));
        ++checked;
    }

    void details(const json::object& ex, const oa::certificate_details& m, const std::string& path) {
        for (const auto& [k, v] : ex) {
            if (k == "valid_at")
                integer(v, m.valid_at, path + ".valid_at");
            else if (k == "expires_at")
                integer(v, m.expires_at, path + ".expires_at");
            else if (k == "content")
                string(v, m.content, path + ".content");
            else if (k != unknown_key)
                error(path + "." + std::string(k), "not in the model");
        }
        if (!ex.contains("valid_at") && m.valid_at)
            error(path + ".valid_at", "absent in the example, set in the model");
        if (!ex.contains("expires_at") && m.expires_at)
            error(path + ".expires_at", "absent in the example, set in the model");
        if (!ex.contains("content") && m.content)
            error(path + ".content", "absent in the example, set in the model");
    }

    // The fields of certificate_base; returns false for a key it does not know.
    bool base_field(std::string_view k, const json::value& v, const oa::certificate_base& m, const std::string& path) {
        if (k == "object") {
            object(v, m, path + ".object");
        } else if (k == "id") {
            string(v, m.id, path + ".id");
        } else if (k == "name") {
            string(v, m.name, path + ".name");
        } else if (k == "created_at") {
            integer(v, m.created_at, path + ".created_at");
        } else if (k == "certificate_details") {
            if (!v.is_object())
                error(path + ".certificate_details", "not an object in the example");
            else
                details(v.as_object(), m.certificate_details, path + ".certificate_details");
        } else {
            return false;
        }
        return true;
    }

    void certificate(const json::object& ex, const oa::certificate& m, const std::string& path) {
        for (const auto& [k, v] : ex)
            if (!base_field(k, v, m, path)) {
                if (k == "active")
                    boolean(v, m.active, path + ".active");
                else if (k != unknown_key)
                    error(path + "." + std::string(k), "not in the model");
            }
        if (!ex.contains("active") && m.active)
            error(path + ".active", "absent in the example, set in the model");
    }

    void scoped(const json::object& ex, const oa::scoped_certificate& m, const std::string& path) {
        for (const auto& [k, v] : ex)
            if (!base_field(k, v, m, path)) {
                if (k == "active")
                    boolean(v, m.active, path + ".active");
                else if (k != unknown_key)
                    error(path + "." + std::string(k), "not in the model");
            }
    }

    void items(const json::value& ex, const std::vector<oa::scoped_certificate>& m, const std::string& path) {
        if (!ex.is_array())
            return error(path, "not an array in the example");
        const auto& a = ex.as_array();
        if (a.size() != m.size())
            return error(path, "example has " + std::to_string(a.size()) + " items, model " + std::to_string(m.size()));
        for (std::size_t i = 0; i < a.size(); ++i)
            scoped(a[i].as_object(), m[i], path + "[" + std::to_string(i) + "]");
        ++checked;
    }

    void page(const json::object& ex, const oa::certificate_page& m) {
        for (const auto& [k, v] : ex) {
            if (k == "data")
                items(v, m.data, "data");
            else if (k == "first_id")
                string(v, m.first_id, "first_id");
            else if (k == "last_id")
                string(v, m.last_id, "last_id");
            else if (k == "has_more")
                boolean(v, m.has_more, "has_more");
            else if (k == "object")
                unmodelled.insert("certificate_page.object"); // the constant "list"
            else if (k != unknown_key)
                error(std::string(k), "not in the model");
        }
    }

    void activation(const json::object& ex, const oa::activation_result& m) {
        for (const auto& [k, v] : ex) {
            if (k == "object")
                object(v, m, "object");
            else if (k == "data")
                items(v, m.data, "data");
            else if (k != unknown_key)
                error(std::string(k), "not in the model");
        }
    }

    void deleted(const json::object& ex, const oa::deleted_certificate& m) {
        for (const auto& [k, v] : ex) {
            if (k == "object")
                object(v, m, "object");
            else if (k == "id")
                string(v, m.id, "id");
            else if (k != unknown_key)
                error(std::string(k), "not in the model");
        }
    }
};

template <class T>
std::optional<T> decode_as(const json::value& v, const std::string& where) {
    auto r = json::try_value_to<T>(v);
    if (!r) {
        std::string what;
        (void)oa::decode<T>(v, &what);
        BOOST_ERROR(where << ": does not decode: " << r.error().message() << " (" << what << ")");
        return std::nullopt;
    }
    return *r;
}

// Decodes `v` with the model the spec's schema `schema` maps to and compares field by field.
// Returns the number of fields checked.
std::size_t decode_and_check(const std::string& schema, const json::value& v, const std::string& where,
                             std::set<std::string>* unmodelled = nullptr) {
    field_checker fc;
    BOOST_TEST_REQUIRE(v.is_object(), where << ": not a JSON object");
    const auto& o = v.as_object();
    if (schema == "Certificate") {
        if (auto m = decode_as<oa::certificate>(v, where))
            fc.certificate(o, *m, "");
    } else if (schema == "ListCertificatesResponse" || schema == "ListProjectCertificatesResponse") {
        if (auto m = decode_as<oa::certificate_page>(v, where))
            fc.page(o, *m);
    } else if (schema.ends_with("ActivationResponse") || schema.ends_with("DeactivationResponse")) {
        if (auto m = decode_as<oa::activation_result>(v, where))
            fc.activation(o, *m);
    } else if (schema == "DeleteCertificateResponse") {
        if (auto m = decode_as<oa::deleted_certificate>(v, where))
            fc.deleted(o, *m);
    } else {
        BOOST_ERROR(where << ": no SDK model for schema " << schema);
    }
    std::string all;
    for (const auto& e : fc.errors)
        all += "\n  " + e;
    BOOST_TEST(fc.errors.empty(), where << ": fields that do not arrive in the model:" << all);
    if (unmodelled)
        unmodelled->insert(fc.unmodelled.begin(), fc.unmodelled.end());
    return fc.checked;
}

// ---------------------------------------------------------------------------------------------
// The examples, once per run
// ---------------------------------------------------------------------------------------------

struct parsed_example {
    spec_example source;
    json::value value;
};

const std::vector<parsed_example>& parsed_spec_examples() {
    static const std::vector<parsed_example> all = [] {
        std::vector<parsed_example> out;
        auto ex = extract_examples(OA_SPEC_PATH);
        for (auto& e : ex.examples) {
            std::size_t removed = 0;
            const auto strict = strip_trailing_commas(e.text, removed);
            boost::system::error_code ec;
            auto v = json::parse(strict, ec); // strict JSON once the commas are gone
            BOOST_TEST_REQUIRE(!ec, e.where() << ": not JSON after removing trailing commas: " << ec.message() << "\n"
                                              << strict);
            out.push_back({std::move(e), std::move(v)});
        }
        return out;
    }();
    return all;
}

// Applies `f` to every certificate object in an example (the top level or data[] items).
void for_each_certificate(json::value& v, const std::function<void(json::object&)>& f) {
    auto& o = v.as_object();
    if (auto* data = o.if_contains("data")) {
        for (auto& item : data->as_array())
            f(item.as_object());
    } else if (o.contains("certificate_details")) {
        f(o);
    }
}

void add_unknown_everywhere(json::value& v) {
    if (v.is_object()) {
        for (auto& [k, child] : v.as_object())
            add_unknown_everywhere(child);
        v.as_object()[unknown_key] = json::object{{"nested", json::array{1, nullptr, "x"}}, {"object", "ignored"}};
    } else if (v.is_array()) {
        for (auto& child : v.as_array())
            add_unknown_everywhere(child);
    }
}

bool is_list_item_schema(const std::string& schema) { return schema != "Certificate"; }

template <class Map>
std::string show(const Map& m) {
    std::ostringstream os;
    for (const auto& [k, v] : m)
        os << k << "=" << v << " ";
    return os.str();
}

} // namespace

BOOST_AUTO_TEST_SUITE(spec_examples)

BOOST_AUTO_TEST_CASE(extractor_finds_every_example_of_the_ten_operations) {
    const auto ex = extract_examples(OA_SPEC_PATH);
    BOOST_TEST_REQUIRE(!ex.examples.empty(), "no example found in " << OA_SPEC_PATH);

    std::map<std::string, int> per_operation, per_schema;
    for (const auto& e : ex.examples)
        (e.operation_id.empty() ? per_schema[e.schema] : per_operation[e.operation_id])++;
    // One response example per operation, and the Certificate schema's own example.
    const std::map<std::string, int> expected_operations{
        {"activateOrganizationCertificates", 1}, {"activateProjectCertificates", 1},
        {"deactivateOrganizationCertificates", 1}, {"deactivateProjectCertificates", 1},
        {"deleteCertificate", 1}, {"getCertificate", 1}, {"listOrganizationCertificates", 1},
        {"listProjectCertificates", 1}, {"modifyCertificate", 1}, {"uploadCertificate", 1}};
    BOOST_TEST((per_operation == expected_operations), "examples per operation: " << show(per_operation));
    BOOST_TEST((per_schema == std::map<std::string, int>{{"Certificate", 1}}), "schema examples: " << show(per_schema));

    // The 200 schema of each operation, as the spec declares it.
    const std::map<std::string, std::string> expected_schemas{
        {"activateOrganizationCertificates", "OrganizationCertificateActivationResponse"},
        {"activateProjectCertificates", "OrganizationProjectCertificateActivationResponse"},
        {"deactivateOrganizationCertificates", "OrganizationCertificateDeactivationResponse"},
        {"deactivateProjectCertificates", "OrganizationProjectCertificateDeactivationResponse"},
        {"deleteCertificate", "DeleteCertificateResponse"},
        {"getCertificate", "Certificate"},
        {"listOrganizationCertificates", "ListCertificatesResponse"},
        {"listProjectCertificates", "ListProjectCertificatesResponse"},
        {"modifyCertificate", "Certificate"},
        {"uploadCertificate", "Certificate"}};
    BOOST_TEST((ex.response_schema == expected_schemas), "200 schemas: " << show(ex.response_schema));

    // The examples are not strict JSON: the extractor must cope with that.
    std::size_t removed = 0;
    for (const auto& e : ex.examples)
        (void)strip_trailing_commas(e.text, removed);
    BOOST_TEST(removed > 0u);
}

BOOST_AUTO_TEST_CASE(extractor_handles_the_yaml_it_relies_on) {
    // Folded and literal block scalars, more-indented lines, blank lines, the end of a block.
    const std::vector<std::string> lines{"key: >", "  {", "    \"a\": 1,", "", "    \"b\": [1,", "    ],", "  }",
                                         "next: 1"};
    std::size_t next = 0;
    const auto folded = read_block(lines, 1, 0, true, next);
    BOOST_TEST(next == 7u);
    std::size_t removed = 0;
    const auto v = json::parse(strip_trailing_commas(folded, removed));
    BOOST_TEST(removed == 2u); // after [1 and after ]
    BOOST_TEST(v == json::parse(R"({"a":1,"b":[1]})"));
    // Folding joins lines of the base indentation with a space; literal keeps the breaks.
    const std::vector<std::string> prose{"k: >", "  one", "  two", "", "  three", "x: 1"};
    BOOST_TEST(read_block(prose, 1, 0, true, next) == "one two\nthree\n");
    BOOST_TEST(read_block(prose, 1, 0, false, next) == "one\ntwo\n\nthree\n");
    // Commas inside strings stay.
    removed = 0;
    BOOST_TEST(strip_trailing_commas(R"({"s": "a,}", "t": [",]"],})", removed) == R"({"s": "a,}", "t": [",]"]})");
    BOOST_TEST(removed == 1u);
}

BOOST_AUTO_TEST_CASE(every_example_decodes_with_every_field) {
    const auto& all = parsed_spec_examples();
    BOOST_TEST_REQUIRE(all.size() == 11u);
    std::set<std::string> unmodelled;
    for (const auto& e : all) {
        const auto n = decode_and_check(e.source.schema, e.value, e.source.where(), &unmodelled);
        BOOST_TEST(n >= 2u, e.source.where() << ": only " << n << " fields checked");
    }
    // The one key of the examples the models do not keep: the list envelope's constant
    // `object: "list"` (certificate_page has no `object` member).
    BOOST_TEST((unmodelled == std::set<std::string>{"certificate_page.object"}));
}

// The checker itself: a field the model lost, a value it changed, a key it has no member for
// and a value it invented are all reported.
BOOST_AUTO_TEST_CASE(field_checker_reports_what_the_model_misses) {
    const auto& all = parsed_spec_examples();
    const auto get = std::find_if(all.begin(), all.end(),
                                  [](const parsed_example& e) { return e.source.operation_id == "getCertificate"; });
    BOOST_TEST_REQUIRE((get != all.end()));
    const auto& ex = get->value.as_object();
    const auto good = json::value_to<oa::certificate>(get->value);

    auto lost = good;
    lost.certificate_details.content.reset();
    auto changed = good;
    changed.created_at += 1;
    auto invented = good;
    invented.active = true;
    for (const auto* m : {&lost, &changed, &invented}) {
        field_checker fc;
        fc.certificate(ex, *m, "");
        BOOST_TEST(fc.errors.size() == 1u);
    }
    auto with_extra = get->value;
    with_extra.as_object()["fingerprint"] = "sha256:...";
    field_checker fc;
    fc.certificate(with_extra.as_object(), good, "");
    BOOST_TEST_REQUIRE(fc.errors.size() == 1u);
    BOOST_TEST(fc.errors[0] == ".fingerprint: not in the model");
}

BOOST_AUTO_TEST_CASE(examples_with_unknown_fields_everywhere) {
    for (const auto& e : parsed_spec_examples()) {
        auto v = e.value;
        add_unknown_everywhere(v);
        decode_and_check(e.source.schema, v, e.source.where() + " + unknown fields");
    }
}

BOOST_AUTO_TEST_CASE(examples_with_null_names) {
    for (const auto& e : parsed_spec_examples()) {
        auto v = e.value;
        std::size_t n = 0;
        for_each_certificate(v, [&](json::object& c) {
            c["name"] = nullptr;
            ++n;
        });
        if (n > 0)
            decode_and_check(e.source.schema, v, e.source.where() + " + name: null");
    }
}

BOOST_AUTO_TEST_CASE(examples_without_detail_fields) {
    for (const auto& e : parsed_spec_examples()) {
        for (const char* field : {"valid_at", "expires_at", "content"}) {
            auto v = e.value;
            for_each_certificate(v, [&](json::object& c) { c["certificate_details"].as_object().erase(field); });
            decode_and_check(e.source.schema, v, e.source.where() + " without certificate_details." + field);
        }
        auto v = e.value;
        for_each_certificate(v, [](json::object& c) { c["certificate_details"] = json::object(); });
        decode_and_check(e.source.schema, v, e.source.where() + " with empty certificate_details");
    }
}

BOOST_AUTO_TEST_CASE(examples_with_unknown_object_values) {
    for (const auto& e : parsed_spec_examples()) {
        auto v = e.value;
        for_each_certificate(v, [](json::object& c) { c["object"] = std::string(c["object"].as_string()) + ".v2"; });
        if (auto* o = v.as_object().if_contains("object"); o && !v.as_object().contains("certificate_details"))
            *o = std::string(o->as_string()) + ".v2"; // the envelope's object, too
        decode_and_check(e.source.schema, v, e.source.where() + " with unknown object values");
    }
}

// `active` is optional on Certificate ("not returned when getting details") and required on
// OrganizationCertificate / OrganizationProjectCertificate (list and activation items).
BOOST_AUTO_TEST_CASE(examples_without_active) {
    for (const auto& e : parsed_spec_examples()) {
        auto v = e.value;
        std::size_t n = 0;
        for_each_certificate(v, [&](json::object& c) { n += c.erase("active"); });
        if (!is_list_item_schema(e.source.schema)) {
            decode_and_check(e.source.schema, v, e.source.where() + " without active");
        } else if (n > 0) {
            std::string what;
            const bool ok = e.source.schema.starts_with("List") ? oa::decode<oa::certificate_page>(v, &what).has_value()
                                                                : oa::decode<oa::activation_result>(v, &what).has_value();
            BOOST_TEST(!ok, e.source.where() << ": list items without active must not decode");
            BOOST_TEST(what == "data[0].active: missing required field", e.source.where());
        }
    }
}

// An empty page of each list schema: data [], first_id and last_id null (both required).
BOOST_AUTO_TEST_CASE(empty_pages_of_the_list_examples) {
    std::size_t lists = 0;
    for (const auto& e : parsed_spec_examples()) {
        if (!e.source.schema.starts_with("List"))
            continue;
        ++lists;
        auto v = e.value;
        auto& o = v.as_object();
        o["data"] = json::array();
        o["first_id"] = nullptr;
        o["last_id"] = nullptr;
        o["has_more"] = false;
        decode_and_check(e.source.schema, v, e.source.where() + " as an empty page");
        auto page = json::try_value_to<oa::certificate_page>(v);
        BOOST_TEST_REQUIRE(page.has_value());
        BOOST_TEST(page->data.empty());
        BOOST_TEST(!page->first_id);
        BOOST_TEST(!page->last_id);
    }
    BOOST_TEST(lists == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
