// libFuzzer target: every response decoder, and the HTTP response path (Beast's parser ->
// error mapping -> decoding), fed hostile bytes. The first byte picks the target.
//
// Invariants checked (a violation aborts, so the fuzzer reports it):
//   - a decoded model encodes (value_from) to JSON that decodes again to the same JSON;
//   - the admin key never appears in any diagnostics text.
//
// Build: cmake -DOPENAI_ADMIN_BUILD_FUZZERS=ON with clang (see tests/fuzz/CMakeLists.txt).

#include <openai/admin.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace oa = openai::admin;
namespace d = openai::admin::detail;
namespace http = boost::beast::http;

namespace {

constexpr std::string_view key = "sk-admin-fuzz-SECRET";

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant violated: %s\n", what);
        std::abort();
    }
}

void check_no_key(const oa::error_code& ec, const oa::diagnostics& diag) {
    require(oa::describe(ec, diag).find(key) == std::string::npos, "admin key in diagnostics");
}

template <class T>
void decode_round_trip(std::string_view body) {
    T first;
    oa::diagnostics diag;
    if (d::decode_body(body, first, &diag))
        return;
    const std::string encoded = boost::json::serialize(boost::json::value_from(first));
    T second;
    require(!d::decode_body(encoded, second, &diag), "re-decoding an encoded model failed");
    require(boost::json::serialize(boost::json::value_from(second)) == encoded, "round trip changed the model");
}

// Raw bytes as an HTTP response from the server, through the SDK's response handling.
void http_response(std::string_view bytes) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    auto buf = boost::asio::buffer(bytes.data(), bytes.size());
    while (buf.size() > 0 && !parser.is_done()) {
        const auto n = parser.put(buf, ec);
        if (ec || n == 0)
            break;
        buf += n;
    }
    if (!ec && !parser.is_done() && parser.got_some()) // (put_eof requires got_some)
        parser.put_eof(ec);
    if (ec || !parser.is_done())
        return;
    auto& res = parser.get();
    oa::diagnostics diag;
    auto status = d::interpret_response(res.result_int(), res, res.body(), key, &diag);
    check_no_key(status, diag);
    if (!status) {
        oa::certificate c;
        auto dec = d::decode_body(res.body(), c, &diag);
        check_no_key(dec, diag);
    }
}

// A body as an error response with the given status.
void error_body(unsigned status, std::string_view body) {
    http::fields headers;
    headers.set("x-request-id", "req_fuzz");
    oa::diagnostics diag;
    auto ec = d::interpret_response(status, headers, body, key, &diag);
    check_no_key(ec, diag);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 8) {
    case 0: decode_round_trip<oa::certificate>(in); break;
    case 1: decode_round_trip<oa::certificate_page>(in); break;
    case 2: decode_round_trip<oa::activation_result>(in); break;
    case 3: decode_round_trip<oa::deleted_certificate>(in); break;
    case 4: decode_round_trip<oa::scoped_certificate>(in); break;
    case 5: error_body(400u + data[0] % 200u, in); break;
    default: http_response(in); break;
    }
    return 0;
}
