// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// docs/models.md: the code blocks.
#include <openai/admin.hpp>

#include <boost/json.hpp>

#include <iostream>
#include <string>

namespace json = boost::json;
namespace oa = openai::admin;

namespace snippets::models {

void print(const oa::certificate& cert) {
    std::cout << cert.id << " " << cert.name.value_or("(no name)") // name may be null
              << " uploaded " << cert.created_at;                   // unix seconds
    if (cert.certificate_details.expires_at)                         // optional in the spec
        std::cout << ", expires " << *cert.certificate_details.expires_at;
    if (cert.active) // absent from get's answer
        std::cout << (*cert.active ? ", active" : ", inactive");
    std::cout << "\n";
}

void kinds(const oa::activation_result& result) {
    if (result.object == oa::object_kind::organization_certificate_activation)
        std::cout << "activated for the organization\n";
    else if (result.object == oa::object_kind::unknown) // a kind this version does not know
        std::cout << "object: " << result.unknown_object << "\n";
    else
        std::cout << "object: " << oa::to_string(result.object) << "\n";
    for (const oa::scoped_certificate& c : result.data)
        std::cout << c.id << (c.active ? " active" : " inactive") << " in that scope\n";
}

void conversions(const oa::certificate& cert, const std::string& text) {
    json::value v = json::value_from(cert); // the API's JSON: unset optional fields left out
    std::cout << json::serialize(v) << "\n";

    std::string what; // names the field that failed, e.g. "certificate_details.expires_at: expected an integer"
    auto parsed = oa::decode<oa::certificate>(json::parse(text), &what);
    if (!parsed)
        std::cerr << parsed.error().message() << ": " << what << "\n";

    auto same = json::try_value_to<oa::certificate>(v); // Boost.JSON's own entry points work too
    (void)same;
}

} // namespace snippets::models
