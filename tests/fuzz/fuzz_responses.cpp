// libFuzzer target: every response decoder, and the HTTP response path (Beast's parser ->
// error mapping -> decoding), fed hostile bytes. The first byte picks the target.
//
// Invariants checked (a violation aborts, so the fuzzer reports it):
//   - a decoded model encodes (value_from) to JSON that decodes again to the same JSON;
//   - decoding a body from its text and from its DOM agree (see same_as_dom);
//   - the admin key never appears in any diagnostics text.
//
// Build: cmake -DOPENAI_ADMIN_BUILD_FUZZERS=ON with clang (see tests/fuzz/CMakeLists.txt).

#include <openai/admin.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
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

// Counts the keys of a document as written (a DOM keeps one per name).
struct key_counter : d::parser_handler_base {
    std::size_t keys = 0;
    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t&) { return true; }
    bool on_object_end(std::size_t, ec_t&) { return true; }
    bool on_array_begin(ec_t&) { return true; }
    bool on_array_end(std::size_t, ec_t&) { return true; }
    bool on_key_part(sv, std::size_t, ec_t&) { return true; }
    bool on_key(sv, std::size_t, ec_t&) { return ++keys, true; }
    bool on_string_part(sv, std::size_t, ec_t&) { return true; }
    bool on_string(sv, std::size_t, ec_t&) { return true; }
    bool on_number_part(sv, ec_t&) { return true; }
    bool on_int64(std::int64_t, sv, ec_t&) { return true; }
    bool on_uint64(std::uint64_t, sv, ec_t&) { return true; }
    bool on_double(double, sv, ec_t&) { return true; }
    bool on_bool(bool, ec_t&) { return true; }
    bool on_null(ec_t&) { return true; }
    bool on_comment_part(sv, ec_t&) { return true; }
    bool on_comment(sv, ec_t&) { return true; }
};

std::size_t dom_keys(const boost::json::value& v) {
    std::size_t n = 0;
    if (const auto* o = v.if_object())
        for (const auto& kv : *o)
            n += 1 + dom_keys(kv.value());
    else if (const auto* a = v.if_array())
        for (const auto& item : *a)
            n += dom_keys(item);
    return n;
}

bool has_repeated_keys(std::string_view text, const boost::json::value& dom) {
    boost::json::basic_parser<key_counter> p(boost::json::parse_options{});
    boost::system::error_code ec;
    p.write_some(false, text.data(), text.size(), ec);
    return p.handler().keys != dom_keys(dom);
}

// Decoding the text (responses) and decoding its DOM (value_to) agree: same error and
// message, or the same model. The one allowed difference: with a repeated key, a DOM keeps
// only the last value, while the text decoder also checks the type of the earlier ones.
template <class T>
void same_as_dom(std::string_view body, oa::error_code text_ec, const oa::diagnostics& diag, const T& from_text) {
    boost::system::error_code jec;
    const auto dom = boost::json::parse(body, jec);
    if (jec) {
        require(text_ec == oa::client_errc::invalid_json, "text decoder accepted what the DOM parser rejects");
        return;
    }
    std::string what;
    const auto r = oa::decode<T>(dom, &what);
    if (!text_ec && r) {
        require(boost::json::value_from(from_text) == boost::json::value_from(*r), "text and DOM decoders differ");
        return;
    }
    if (text_ec == (r ? oa::error_code() : r.error()) && diag.message == "unexpected response: " + what)
        return;
    require(has_repeated_keys(body, dom), "text and DOM decoders fail differently");
}

template <class T>
void decode_round_trip(std::string_view body) {
    T first;
    oa::diagnostics diag;
    const auto ec = d::decode_body(body, first, &diag);
    same_as_dom(body, ec, diag, first);
    if (ec)
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
