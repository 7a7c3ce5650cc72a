// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_PROXY_HPP
#define OPENAI_ADMIN_DETAIL_PROXY_HPP

// Proxy settings as pure functions: parsing the proxy URL, `no_proxy` matching, Basic auth.

#include <openai/admin/config.hpp>
#include <openai/admin/error.hpp>

#include <boost/beast/core/string.hpp>
#include <boost/url/parse.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace openai::admin::detail {

struct proxy_route {
    std::string host;          // to connect to (no brackets)
    std::string port;
    std::string authorization; // "Basic ..." or empty
};

inline std::string base64_encode(std::string_view in) {
    static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += table[v & 63];
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size())
            v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += i + 1 < in.size() ? table[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// "http://[user:password@]host[:port][/]" -> route. Anything else is invalid_config (`why`
// never quotes the password).
inline error_code parse_proxy_url(std::string_view text, proxy_route& out, std::string& why) {
    auto r = boost::urls::parse_absolute_uri(text);
    if (!r) {
        why = "proxy URL is not an absolute URL (expected http://[user:password@]host[:port])";
        return client_errc::invalid_config;
    }
    const auto& u = *r;
    if (u.scheme_id() != boost::urls::scheme::http) {
        why = "proxy URL must start with http:// (TLS to the proxy is not supported)";
        return client_errc::invalid_config;
    }
    if (u.encoded_host().empty() || (!u.encoded_path().empty() && u.encoded_path() != "/") || u.has_query() ||
        u.has_fragment()) {
        why = "proxy URL must be http://[user:password@]host[:port], without a path or query";
        return client_errc::invalid_config;
    }
    if (u.has_port() && u.port_number() == 0) {
        why = "proxy URL has an invalid port";
        return client_errc::invalid_config;
    }
    out.host = u.host_address(); // decoded, IPv6 without brackets
    out.port = u.has_port() ? std::string(u.port()) : std::string("80");
    out.authorization.clear();
    if (u.has_userinfo())
        out.authorization = "Basic " + base64_encode(std::string(u.user()) + ":" + std::string(u.password()));
    return {};
}

// `no_proxy`: comma (or space) separated entries; "*" matches all, "name" and ".name" match
// name and its subdomains, "host:port" only that port. Case-insensitive.
inline bool no_proxy_matches(std::string_view no_proxy, std::string_view host, std::string_view port) {
    std::size_t pos = 0;
    while (pos <= no_proxy.size()) {
        std::size_t end = no_proxy.find_first_of(", ", pos);
        if (end == std::string_view::npos)
            end = no_proxy.size();
        std::string_view e = no_proxy.substr(pos, end - pos);
        pos = end + 1;
        if (e.empty())
            continue;
        if (e == "*")
            return true;
        // An optional ":port" (not inside an IPv6 literal).
        if (auto c = e.rfind(':'); c != std::string_view::npos && e.find(':') == c) {
            if (e.substr(c + 1) != port)
                continue;
            e = e.substr(0, c);
        }
        if (e.size() > 2 && e.front() == '[' && e.back() == ']')
            e = e.substr(1, e.size() - 2);
        if (!e.empty() && e.front() == '.')
            e.remove_prefix(1);
        if (boost::beast::iequals(host, e))
            return true;
        if (host.size() > e.size() && host[host.size() - e.size() - 1] == '.' &&
            boost::beast::iequals(host.substr(host.size() - e.size()), e))
            return true;
    }
    return false;
}

} // namespace openai::admin::detail

#endif
