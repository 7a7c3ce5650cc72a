// Decoding and encoding of the models: every response example of the spec, the variants the
// spec allows, and the errors that name the field.

#include <openai/admin/models.hpp>

#include "../support/printing.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <type_traits>

namespace oa = openai::admin;
namespace json = boost::json;
namespace d = openai::admin::detail;

namespace {

// The spec's x-oaiMeta response examples, verbatim (trailing commas and all).
constexpr const char* list_org_example = R"({
  "object": "list",
  "data": [
    {
      "object": "organization.certificate",
      "id": "cert_abc",
      "name": "My Example Certificate",
      "active": true,
      "created_at": 1234567,
      "certificate_details": {
        "valid_at": 12345667,
        "expires_at": 12345678
      }
    },
  ],
  "first_id": "cert_abc",
  "last_id": "cert_abc",
  "has_more": false
})";

constexpr const char* upload_example = R"({
  "object": "certificate",
  "id": "cert_abc",
  "name": "My Example Certificate",
  "created_at": 1234567,
  "certificate_details": {
    "valid_at": 12345667,
    "expires_at": 12345678
  }
})";

constexpr const char* get_example = R"({
  "object": "certificate",
  "id": "cert_abc",
  "name": "My Example Certificate",
  "created_at": 1234567,
  "certificate_details": {
    "valid_at": 1234567,
    "expires_at": 12345678,
    "content": "-----BEGIN CERTIFICATE-----MIIDeT...-----END CERTIFICATE-----"
  }
})";

constexpr const char* delete_example = R"({
  "object": "certificate.deleted",
  "id": "cert_abc"
})";

constexpr const char* activate_example = R"({
  "object": "organization.certificate.activation",
  "data": [
    {
      "object": "organization.certificate",
      "id": "cert_abc",
      "name": "My Example Certificate",
      "active": true,
      "created_at": 1234567,
      "certificate_details": {
        "valid_at": 12345667,
        "expires_at": 12345678
      }
    },
    {
      "object": "organization.certificate",
      "id": "cert_def",
      "name": "My Example Certificate 2",
      "active": true,
      "created_at": 1234567,
      "certificate_details": {
        "valid_at": 12345667,
        "expires_at": 12345678
      }
    },
  ],
})";

constexpr const char* project_deactivate_example = R"({
  "object": "organization.project.certificate.deactivation",
  "data": [
    {
      "object": "organization.project.certificate",
      "id": "cert_abc",
      "name": "My Example Certificate",
      "active": false,
      "created_at": 1234567,
      "certificate_details": {
        "valid_at": 12345667,
        "expires_at": 12345678
      }
    },
  ],
})";

json::value parse_lenient(const char* text) {
    json::parse_options opt;
    opt.allow_trailing_commas = true;
    return json::parse(text, {}, opt);
}

// Response models are decoded two ways: from a DOM (value_to, decode) and straight from the
// text (response bodies). Every case below checks that both agree.
template <class T>
constexpr bool from_text = !std::is_same_v<T, oa::upload_params> && !std::is_same_v<T, oa::modify_params>;

template <class T>
T decode_ok(const json::value& v) {
    std::string what;
    auto r = oa::decode<T>(v, &what);
    BOOST_TEST_REQUIRE(r.has_value(), "decode failed: " << what);
    if constexpr (from_text<T>) {
        T t{};
        auto tr = d::decode_text(json::serialize(v), t, &what);
        BOOST_TEST_REQUIRE(!tr.syntax);
        BOOST_TEST_REQUIRE(!tr.schema, "text decode failed: " << what);
        BOOST_TEST(json::value_from(t) == json::value_from(*r));
    }
    return *r;
}

template <class T>
std::string decode_error(const char* text, oa::client_errc expected) {
    std::string what;
    auto r = oa::decode<T>(json::parse(text), &what);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == expected);
    T t{};
    std::string text_what;
    auto tr = d::decode_text(text, t, &text_what);
    BOOST_TEST(!tr.syntax);
    BOOST_TEST(tr.schema == expected);
    BOOST_TEST(text_what == what);
    return what;
}

} // namespace

BOOST_AUTO_TEST_SUITE(models)

BOOST_AUTO_TEST_CASE(spec_list_example_decodes) {
    auto page = decode_ok<oa::certificate_page>(parse_lenient(list_org_example));
    BOOST_TEST_REQUIRE(page.data.size() == 1u);
    const auto& c = page.data[0];
    BOOST_TEST((c.object == oa::object_kind::organization_certificate));
    BOOST_TEST(c.id == "cert_abc");
    BOOST_TEST(c.name.value() == "My Example Certificate");
    BOOST_TEST(c.active);
    BOOST_TEST(c.created_at == 1234567);
    BOOST_TEST(c.certificate_details.valid_at.value() == 12345667);
    BOOST_TEST(c.certificate_details.expires_at.value() == 12345678);
    BOOST_TEST(!c.certificate_details.content);
    BOOST_TEST(page.first_id.value() == "cert_abc");
    BOOST_TEST(page.last_id.value() == "cert_abc");
    BOOST_TEST(!page.has_more);
}

BOOST_AUTO_TEST_CASE(spec_upload_and_get_examples_decode) {
    auto up = decode_ok<oa::certificate>(parse_lenient(upload_example));
    BOOST_TEST((up.object == oa::object_kind::certificate));
    BOOST_TEST(up.id == "cert_abc");
    BOOST_TEST(!up.active); // not returned for a single certificate
    BOOST_TEST(up.certificate_details.valid_at.value() == 12345667);

    auto got = decode_ok<oa::certificate>(parse_lenient(get_example));
    BOOST_TEST(got.certificate_details.content.value() ==
               "-----BEGIN CERTIFICATE-----MIIDeT...-----END CERTIFICATE-----");
    BOOST_TEST(got.certificate_details.valid_at.value() == 1234567);
}

BOOST_AUTO_TEST_CASE(spec_delete_and_activation_examples_decode) {
    auto del = decode_ok<oa::deleted_certificate>(parse_lenient(delete_example));
    BOOST_TEST((del.object == oa::object_kind::certificate_deleted));
    BOOST_TEST(del.unknown_object.empty());
    BOOST_TEST(del.id == "cert_abc");

    auto act = decode_ok<oa::activation_result>(parse_lenient(activate_example));
    BOOST_TEST((act.object == oa::object_kind::organization_certificate_activation));
    BOOST_TEST_REQUIRE(act.data.size() == 2u);
    BOOST_TEST(act.data[1].id == "cert_def");
    BOOST_TEST(act.data[1].name.value() == "My Example Certificate 2");
    BOOST_TEST(act.data[0].active);

    auto deact = decode_ok<oa::activation_result>(parse_lenient(project_deactivate_example));
    BOOST_TEST((deact.object == oa::object_kind::organization_project_certificate_deactivation));
    BOOST_TEST_REQUIRE(deact.data.size() == 1u);
    BOOST_TEST((deact.data[0].object == oa::object_kind::organization_project_certificate));
    BOOST_TEST(!deact.data[0].active);
}

BOOST_AUTO_TEST_CASE(allowed_variants_decode) {
    // null name, no active, empty details, unknown keys, unknown object kind
    auto c = decode_ok<oa::certificate>(json::parse(
        R"({"object":"certificate.v2","id":"cert_x","name":null,"created_at":5,
            "certificate_details":{},"future_field":{"a":[1,2]},"x":null})"));
    BOOST_TEST(!c.name);
    BOOST_TEST(!c.active);
    BOOST_TEST(!c.certificate_details.valid_at);
    BOOST_TEST(!c.certificate_details.expires_at);
    BOOST_TEST((c.object == oa::object_kind::unknown));
    BOOST_TEST(c.unknown_object == "certificate.v2");

    // empty page: first_id/last_id null
    auto page = decode_ok<oa::certificate_page>(
        json::parse(R"({"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false})"));
    BOOST_TEST(page.data.empty());
    BOOST_TEST(!page.first_id);
    BOOST_TEST(!page.last_id);

    // integral doubles and uint64 are accepted for integer fields
    auto d = decode_ok<oa::certificate>(json::parse(
        R"({"object":"certificate","id":"c","name":"n","created_at":1.7e9,"certificate_details":{"valid_at":18446744073709551}})"));
    BOOST_TEST(d.created_at == 1700000000);
    BOOST_TEST(d.certificate_details.valid_at.value() == 18446744073709551);
}

BOOST_AUTO_TEST_CASE(missing_required_field_is_named) {
    auto what = decode_error<oa::certificate>(R"({"object":"certificate","name":"n","created_at":1,"certificate_details":{}})",
                                              oa::client_errc::missing_field);
    BOOST_TEST(what == "id: missing required field");

    // name is required even though it may be null
    what = decode_error<oa::certificate>(R"({"object":"certificate","id":"c","created_at":1,"certificate_details":{}})",
                                         oa::client_errc::missing_field);
    BOOST_TEST(what == "name: missing required field");

    // list items require active; the path points into the array
    what = decode_error<oa::certificate_page>(
        R"({"object":"list","data":[{"object":"organization.certificate","id":"a","name":null,"created_at":1,"certificate_details":{},"active":true},
                                     {"object":"organization.certificate","id":"b","name":null,"created_at":1,"certificate_details":{}}],
            "first_id":"a","last_id":"b","has_more":false})",
        oa::client_errc::missing_field);
    BOOST_TEST(what == "data[1].active: missing required field");

    what = decode_error<oa::certificate_page>(R"({"object":"list","data":[],"first_id":null,"has_more":false})",
                                              oa::client_errc::missing_field);
    BOOST_TEST(what == "last_id: missing required field");

    what = decode_error<oa::activation_result>(R"({"object":"organization.certificate.activation"})",
                                               oa::client_errc::missing_field);
    BOOST_TEST(what == "data: missing required field");
}

BOOST_AUTO_TEST_CASE(wrong_type_is_named) {
    auto what = decode_error<oa::certificate>(
        R"({"object":"certificate","id":"c","name":"n","created_at":1,"certificate_details":{"expires_at":"soon"}})",
        oa::client_errc::wrong_type);
    BOOST_TEST(what == "certificate_details.expires_at: expected an integer");

    what = decode_error<oa::certificate>(R"({"object":"certificate","id":7,"name":"n","created_at":1,"certificate_details":{}})",
                                         oa::client_errc::wrong_type);
    BOOST_TEST(what == "id: expected a string");

    what = decode_error<oa::certificate>(R"([1,2])", oa::client_errc::wrong_type);
    BOOST_TEST(what == "(top level): expected an object");

    what = decode_error<oa::certificate_page>(R"({"object":"list","data":{},"first_id":null,"last_id":null,"has_more":false})",
                                              oa::client_errc::wrong_type);
    BOOST_TEST(what == "data: expected an array");

    what = decode_error<oa::certificate>(
        R"({"object":"certificate","id":"c","name":"n","created_at":1.5,"certificate_details":{}})",
        oa::client_errc::wrong_type);
    BOOST_TEST(what == "created_at: expected an integer");

    what = decode_error<oa::certificate>(
        R"({"object":"certificate","id":"c","name":"n","created_at":18446744073709551615,"certificate_details":{}})",
        oa::client_errc::wrong_type);
    BOOST_TEST(what == "created_at: integer out of range");
}

BOOST_AUTO_TEST_CASE(boost_json_conversions_use_the_same_rules) {
    auto v = parse_lenient(upload_example);
    auto r = json::try_value_to<oa::certificate>(v);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->id == "cert_abc");

    auto bad = json::try_value_to<oa::certificate>(json::parse(R"({"object":"certificate"})"));
    BOOST_TEST_REQUIRE(bad.has_error());
    BOOST_TEST(bad.error() == oa::client_errc::missing_field);

    BOOST_CHECK_THROW(json::value_to<oa::deleted_certificate>(json::parse("{}")), boost::system::system_error);

    auto items = json::try_value_to<std::vector<oa::scoped_certificate>>(parse_lenient(activate_example).at("data"));
    BOOST_TEST_REQUIRE(items.has_value());
    BOOST_TEST(items->size() == 2u);
}

BOOST_AUTO_TEST_CASE(round_trip_keeps_what_the_api_sent) {
    for (const char* text : {upload_example, get_example}) {
        auto original = parse_lenient(text);
        auto c = decode_ok<oa::certificate>(original);
        BOOST_TEST(json::value_from(c) == original);
    }
    auto page = parse_lenient(list_org_example);
    BOOST_TEST(json::value_from(decode_ok<oa::certificate_page>(page)) == page);
    auto act = parse_lenient(activate_example);
    BOOST_TEST(json::value_from(decode_ok<oa::activation_result>(act)) == act);
    auto del = parse_lenient(delete_example);
    BOOST_TEST(json::value_from(decode_ok<oa::deleted_certificate>(del)) == del);

    // unknown object kinds and null names survive too
    auto odd = json::parse(R"({"object":"certificate.v2","id":"c","name":null,"created_at":1,"certificate_details":{},"active":false})");
    BOOST_TEST(json::value_from(decode_ok<oa::certificate>(odd)) == odd);
}

// `object` is an object_kind in every model: each known wire name decodes to its kind (and back)
// wherever it appears, and an unknown one keeps its text, in the activation and delete results too.
BOOST_AUTO_TEST_CASE(object_is_one_type_in_every_model) {
    const std::string item = R"({"object":"organization.certificate","id":"c","name":null,"created_at":1,"certificate_details":{},"active":true})";
    // The spec's values of `object` in the ten operations' answers.
    const char* spec_objects[] = {"certificate",
                                  "organization.certificate",
                                  "organization.project.certificate",
                                  "organization.certificate.activation",
                                  "organization.certificate.deactivation",
                                  "organization.project.certificate.activation",
                                  "organization.project.certificate.deactivation",
                                  "certificate.deleted"};
    std::set<oa::object_kind> kinds;
    for (const std::string wire : spec_objects) {
        auto del = decode_ok<oa::deleted_certificate>(json::parse(R"({"object":")" + wire + R"(","id":"c"})"));
        BOOST_TEST((del.object != oa::object_kind::unknown), wire);
        BOOST_TEST(oa::to_string(del.object) == wire);
        BOOST_TEST(del.unknown_object.empty());
        kinds.insert(del.object);
        auto act = decode_ok<oa::activation_result>(json::parse(R"({"object":")" + wire + R"(","data":[)" + item + "]}"));
        BOOST_TEST((act.object == del.object), wire);
        BOOST_TEST(json::value_from(act).at("object").as_string() == wire);
    }
    BOOST_TEST(kinds.size() == std::size(spec_objects)); // one kind each
    auto del = decode_ok<oa::deleted_certificate>(json::parse(R"({"object":"certificate.archived","id":"c"})"));
    BOOST_TEST((del.object == oa::object_kind::unknown));
    BOOST_TEST(del.unknown_object == "certificate.archived");
    BOOST_TEST(json::value_from(del).at("object").as_string() == "certificate.archived");
    auto act = decode_ok<oa::activation_result>(json::parse(R"({"object":"organization.certificate.activation.v2","data":[]})"));
    BOOST_TEST((act.object == oa::object_kind::unknown));
    BOOST_TEST(act.unknown_object == "organization.certificate.activation.v2");
    BOOST_TEST(oa::to_string(oa::object_kind::unknown).empty());
}

BOOST_AUTO_TEST_CASE(request_bodies_omit_unset_fields) {
    BOOST_TEST(json::value_from(oa::upload_params{.certificate = "PEM"}) == json::parse(R"({"certificate":"PEM"})"));
    BOOST_TEST(json::value_from(oa::upload_params{.certificate = "PEM", .name = "n"}) ==
               json::parse(R"({"certificate":"PEM","name":"n"})"));
    BOOST_TEST(json::value_from(oa::modify_params{}) == json::parse("{}"));
    BOOST_TEST(json::value_from(oa::modify_params{.name = "x"}) == json::parse(R"({"name":"x"})"));

    auto body = json::parse(R"({"certificate":"PEM","name":"n"})");
    auto up = decode_ok<oa::upload_params>(body);
    BOOST_TEST(up.certificate == "PEM");
    BOOST_TEST(up.name.value() == "n");
}

BOOST_AUTO_TEST_CASE(text_decoder_reads_what_the_tree_decoder_reads) {
    // Escapes split strings and keys into parts; a PEM is full of "\n".
    std::string pem = "-----BEGIN CERTIFICATE-----\\n";
    for (int i = 0; i < 400; ++i)
        pem += "MIIBszCCAVmgAwIBAgIU\\u0041\\n"; // ~10 kB after unescaping, more than the parser's buffer
    pem += "-----END CERTIFICATE-----\\n";
    const std::string cert = R"({"obj\u0065ct":"certificate","i\u0064":"cert_\"q\"","name":"caf\u00e9 \ud83d\ude00",)"
                             R"("created_at":1,"certificate_details":{"content":")" + pem + R"("},"active":true})";
    auto c = decode_ok<oa::certificate>(json::parse(cert));
    BOOST_TEST(c.id == "cert_\"q\"");
    BOOST_TEST(c.name.value() == "caf\u00e9 \U0001F600");
    BOOST_TEST(c.certificate_details.content.value().size() > 8000u);
    BOOST_TEST(c.certificate_details.content.value().find("IU\nMII") == std::string::npos);
    BOOST_TEST(c.certificate_details.content.value().find("IUA\nMII") != std::string::npos);

    // Unknown values of any shape and depth (up to the parser's limit) are skipped.
    std::string deep = "1";
    for (int i = 0; i < 15; ++i) // 30 levels inside the top-level object: within the limit of 32
        deep = R"({"k":[)" + deep + "]}";
    auto page = decode_ok<oa::certificate_page>(json::parse(
        R"({"x":)" + deep + R"(,"object":"list","data":[],"first_id":null,"last_id":null,"has_more":true,"y":[{"data":5}]})"));
    BOOST_TEST(page.has_more);

    // A repeated key: the later value wins, whole (the earlier content is gone), as in a DOM.
    auto twice = decode_ok<oa::certificate>(json::parse(
        R"({"object":"certificate","id":"a","name":null,"created_at":1,"certificate_details":{"content":"x"},)"
        R"("id":"b","certificate_details":{"valid_at":2}})"));
    BOOST_TEST(twice.id == "b");
    BOOST_TEST(!twice.certificate_details.content);

    // ...but from text every occurrence must have the right type (a DOM only keeps the last).
    oa::certificate t;
    std::string what;
    auto r = d::decode_text(R"({"object":"certificate","id":1,"name":null,"created_at":1,"certificate_details":{},"id":"b"})",
                            t, &what);
    BOOST_TEST(r.schema == oa::client_errc::wrong_type);
    BOOST_TEST(what == "id: expected a string");
}

BOOST_AUTO_TEST_CASE(text_decoder_syntax_errors_win) {
    auto syntax = [](std::string_view text) {
        oa::certificate_page p;
        return d::decode_text(text, p, nullptr).syntax;
    };
    BOOST_TEST(syntax(R"({"object":"list","data":5,)") == json::error::incomplete);
    // a schema failure first, a syntax error later: the body is not JSON
    BOOST_TEST(syntax(R"({"object":"list","data":5,"has_more":tru})") == json::error::syntax);
    BOOST_TEST(syntax(R"({"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false} x)") ==
               json::error::extra_data);
    BOOST_TEST(syntax(R"({"object":"list","data":[],/*c*/"first_id":null,"last_id":null,"has_more":false})") ==
               json::error::syntax);
    std::string too_deep(40, '[');
    BOOST_TEST(syntax(R"({"x":)" + too_deep) == json::error::too_deep);
    BOOST_TEST(syntax("") == json::error::incomplete);
    BOOST_TEST(!syntax(" {\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}\n"));
}

BOOST_AUTO_TEST_CASE(certificate_ids_accepts_every_spelling) {
    std::string id = "cert_a";
    BOOST_TEST(oa::certificate_ids(id).ids() == std::vector<std::string>{"cert_a"});
    oa::certificate_ids two{id, "cert_b"};
    BOOST_TEST(two.ids() == (std::vector<std::string>{"cert_a", "cert_b"}));
    std::vector<std::string> v{"x", "y", "z"};
    BOOST_TEST(oa::certificate_ids(v).ids() == v);
    BOOST_TEST(oa::certificate_ids(std::span<const std::string>(v)).ids() == v);
}

BOOST_AUTO_TEST_SUITE_END()
