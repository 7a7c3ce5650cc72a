// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_TLS_CONTEXT_HPP
#define OPENAI_ADMIN_DETAIL_TLS_CONTEXT_HPP

// The client's TLS context: verification (always on), trust anchors and the mutual-TLS
// identity, set up once when the client is made. Only read afterwards (by every connection).

#include <openai/admin/config.hpp>
#include <openai/admin/error.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <string>

namespace openai::admin::detail {

class tls_context {
public:
    tls_context() : ctx_(boost::asio::ssl::context::tls_client) {}
    tls_context(const tls_context&) = delete;
    tls_context& operator=(const tls_context&) = delete;

    boost::asio::ssl::context& context() noexcept { return ctx_; }

    // invalid_config with `why` set when anything in `t` cannot be used.
    error_code configure(const tls_config& t, std::string& why) {
        namespace ssl = boost::asio::ssl;
        error_code ec;
        ctx_.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        ctx_.set_verify_mode(ssl::verify_peer);
        auto failed = [&](std::string what) {
            why = std::move(what) + ": " + ec.message();
            return error_code(client_errc::invalid_config);
        };
        // The ssl::context calls return the error code, or void with BOOST_ASIO_NO_DEPRECATED:
        // only `ec` is read.
        if (t.use_system_trust_store) {
            ctx_.set_default_verify_paths(ec);
            if (ec)
                return failed("cannot load the system trust store");
        }
        if (!t.ca_file.empty()) {
            ctx_.load_verify_file(t.ca_file, ec);
            if (ec)
                return failed("cannot load CA file \"" + t.ca_file + "\"");
        }
        if (!t.ca_pem.empty()) {
            ctx_.add_certificate_authority(boost::asio::buffer(t.ca_pem), ec);
            if (ec)
                return failed("cannot load CA PEM");
        }
        return configure_identity(t, why);
    }

private:
    // Mutual TLS: the certificate chain and its key, each from a file or from memory.
    error_code configure_identity(const tls_config& t, std::string& why) {
        namespace ssl = boost::asio::ssl;
        const bool cert = !t.client_cert_file.empty() || !t.client_cert_pem.empty();
        const bool key = !t.client_key_file.empty() || !t.client_key_pem.empty();
        if (!cert && !key)
            return {};
        if (cert != key) {
            why = "mutual TLS needs both a client certificate and its key (tls.client_cert_* and tls.client_key_*)";
            return client_errc::invalid_config;
        }
        if ((!t.client_cert_file.empty() && !t.client_cert_pem.empty()) ||
            (!t.client_key_file.empty() && !t.client_key_pem.empty())) {
            why = "set tls.client_cert_file or tls.client_cert_pem (and the key likewise), not both";
            return client_errc::invalid_config;
        }
        error_code ec; // as in configure(), only `ec` is read
        if (!t.client_cert_file.empty())
            ctx_.use_certificate_chain_file(t.client_cert_file, ec);
        else
            ctx_.use_certificate_chain(boost::asio::buffer(t.client_cert_pem), ec);
        if (ec) {
            why = "cannot load the client certificate" +
                  (t.client_cert_file.empty() ? std::string() : " \"" + t.client_cert_file + "\"") + ": " + ec.message();
            return client_errc::invalid_config;
        }
        if (!t.client_key_file.empty())
            ctx_.use_private_key_file(t.client_key_file, ssl::context::pem, ec);
        else
            ctx_.use_private_key(boost::asio::buffer(t.client_key_pem), ssl::context::pem, ec);
        if (ec) {
            why = "cannot load the client key" +
                  (t.client_key_file.empty() ? std::string() : " \"" + t.client_key_file + "\"") + ": " + ec.message();
            return client_errc::invalid_config;
        }
        if (SSL_CTX_check_private_key(ctx_.native_handle()) != 1) {
            ::ERR_clear_error();
            why = "the client key does not match the client certificate";
            return client_errc::invalid_config;
        }
        return {};
    }

    boost::asio::ssl::context ctx_;
};

} // namespace openai::admin::detail

#endif
