// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_IMPL_TELEMETRY_IPP
#define OPENAI_ADMIN_IMPL_TELEMETRY_IPP

#include <openai/admin/error.hpp>
#include <openai/admin/telemetry.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <string>

namespace openai::admin {

OPENAI_ADMIN_DECL std::string error_type_of(unsigned status, const boost::system::error_code& error) {
    namespace asio = boost::asio;
    if (status >= 400)
        return std::to_string(status);
    if (!error)
        return {};
    if (error == boost::beast::error::timeout || error == asio::error::timed_out)
        return "timeout";
    if (error == asio::error::operation_aborted)
        return "cancelled";
    if (error == asio::error::connection_refused)
        return "connection_refused";
    if (error == asio::error::connection_reset || error == asio::error::broken_pipe ||
        error == asio::error::connection_aborted)
        return "connection_reset";
    if (error == asio::error::eof || error == boost::beast::http::error::end_of_stream ||
        error == asio::ssl::error::stream_truncated || error == boost::beast::http::error::partial_message)
        return "connection_closed";
    if (error == asio::error::host_not_found || error == asio::error::host_not_found_try_again ||
        error.category() == asio::error::get_addrinfo_category())
        return "name_resolution_failed";
    if (error == client_errc::proxy_refused)
        return "proxy_refused";
    if (error == boost::beast::http::error::body_limit || error == boost::beast::http::error::header_limit ||
        error == boost::beast::http::error::buffer_overflow)
        return "body_too_large";
    if (error.category() == asio::error::get_ssl_category()) {
        const auto reason = ERR_GET_REASON(static_cast<unsigned long>(error.value()));
        return reason == SSL_R_CERTIFICATE_VERIFY_FAILED ? "tls_verify_failed" : "tls_handshake_failed";
    }
    if (error.category() == make_error_code(boost::beast::http::error::end_of_stream).category())
        return "response_invalid";
    return "_OTHER";
}

} // namespace openai::admin

#endif
