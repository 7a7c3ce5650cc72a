// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_TLS_CONTEXT_HPP
#define OPENAI_ADMIN_DETAIL_TLS_CONTEXT_HPP

// The client's TLS context: verification (always on), trust anchors, the mutual-TLS identity
// (its key possibly encrypted), set up once when the client is made, and the TLS session
// cache that lets a new connection to the client's one origin resume the last session.

#include <openai/admin/config.hpp>
#include <openai/admin/error.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace openai::admin::detail {

// Installed wherever OpenSSL may want a PEM passphrase and none is configured: OpenSSL's own
// default reads one from the terminal, which a library must never do.
inline int no_pem_passphrase(char*, int, int, void*) noexcept { return -1; }

// The newest TLS session with the client's origin. OpenSSL hands over new sessions from
// inside the handshake (TLS 1.2) or, for TLS 1.3 tickets, which arrive after it, from inside
// SSL_read; connections take it before their handshake. All of that happens on the client's
// strand; the mutex makes it safe regardless (and costs nothing uncontended). A session is
// offered to every new connection, concurrent ones included (as curl does): TLS 1.3 only
// recommends single use for unlinkability, which a client talking to one origin does not gain.
// The cache keeps copies, and offers copies: OpenSSL marks the session of a connection freed
// without sending close_notify (as ours are, and as servers close theirs) not resumable, a
// TLS 1.0 rule that TLS 1.1 (RFC 4346) dropped and TLS 1.3 tickets never had.
class tls_session_cache {
public:
    tls_session_cache() = default;
    tls_session_cache(const tls_session_cache&) = delete;
    tls_session_cache& operator=(const tls_session_cache&) = delete;
    ~tls_session_cache() { store(nullptr); }

    // Keeps `s` (owning one reference; null: forget) for the peer of the last offer().
    void store(SSL_SESSION* s) noexcept {
        SSL_SESSION* old = nullptr;
        {
            std::lock_guard<std::mutex> lock(mu_);
            old = std::exchange(session_, s);
        }
        if (old != nullptr)
            SSL_SESSION_free(old);
    }

    // Before `ssl`'s handshake with `peer`: sets the stored session if it is `peer`'s and
    // still resumable. A session is never offered to another peer.
    void offer(SSL* ssl, std::string_view peer) {
        SSL_SESSION* dropped = nullptr;
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (peer != peer_) {
                peer_.assign(peer);
                dropped = std::exchange(session_, nullptr);
            } else if (session_ != nullptr && SSL_SESSION_is_resumable(session_) != 1) {
                dropped = std::exchange(session_, nullptr);
            } else if (session_ != nullptr) {
                SSL_SESSION* copy = SSL_SESSION_dup(session_);
                if (copy == nullptr || SSL_set_session(ssl, copy) != 1)
                    ::ERR_clear_error(); // a full handshake then
                if (copy != nullptr)
                    SSL_SESSION_free(copy); // `ssl` holds its own reference
            }
        }
        if (dropped != nullptr)
            SSL_SESSION_free(dropped);
    }

private:
    std::mutex mu_;
    std::string peer_;
    SSL_SESSION* session_ = nullptr;
};

class tls_context {
public:
    tls_context() : ctx_(boost::asio::ssl::context::tls_client) {
        // Before anything is loaded, and never replaced: the callback that never prompts.
        // (Its user data stays null: asio's context deletes a non-null one as its own.)
        SSL_CTX_set_default_passwd_cb(ctx_.native_handle(), &no_pem_passphrase);
    }
    tls_context(const tls_context&) = delete;
    tls_context& operator=(const tls_context&) = delete;
    ~tls_context() {
        // Connections (which keep the SSL_CTX alive) are gone by now; if one were not, its new
        // sessions would simply not be kept.
        if (ex_index() >= 0)
            SSL_CTX_set_ex_data(ctx_.native_handle(), ex_index(), nullptr);
    }

    boost::asio::ssl::context& context() noexcept { return ctx_; }

    // invalid_config with `why` set when anything in `t` cannot be used. `why` never contains
    // the key's passphrase.
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
            if ((ec = add_ca_pem(t.ca_pem)))
                return failed("cannot load CA PEM");
        }
        if (error_code e = configure_identity(t, why))
            return e;
        if (t.session_resumption && ex_index() >= 0) {
            SSL_CTX* native = ctx_.native_handle();
            SSL_CTX_set_ex_data(native, ex_index(), &sessions_);
            // Client-side caching through the new-session callback only: OpenSSL's internal
            // store is for servers (a client cannot look a session up in it by host).
            SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
            SSL_CTX_sess_set_new_cb(native, &on_new_session);
            resumption_ = true;
        }
        return {};
    }

    // Before each client handshake with `peer` (the origin's host and port): offers the cached
    // session, if any. The handshake resumes it if the server agrees, else it is a full one.
    void offer_session(SSL* ssl, std::string_view peer) {
        if (resumption_)
            sessions_.offer(ssl, peer);
    }

    // After a failed handshake: the next one starts afresh.
    void forget_session() noexcept {
        if (resumption_)
            sessions_.store(nullptr);
    }

private:
    static int ex_index() {
        static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
        return index;
    }

    // OpenSSL's new-session callback. Returns 0: OpenSSL keeps (and frees) `session`, which
    // stays the connection's; the cache stores a copy.
    static int on_new_session(SSL* ssl, SSL_SESSION* session) {
        auto* cache = static_cast<tls_session_cache*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ex_index()));
        if (cache == nullptr || SSL_SESSION_is_resumable(session) != 1)
            return 0;
        if (SSL_SESSION* copy = SSL_SESSION_dup(session))
            cache->store(copy);
        else
            ::ERR_clear_error();
        return 0;
    }

    // ssl::context::add_certificate_authority, but with the no-prompt passphrase callback.
    error_code add_ca_pem(const std::string& pem) {
        ::ERR_clear_error();
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                      &BIO_free);
        X509_STORE* store = SSL_CTX_get_cert_store(ctx_.native_handle());
        if (!bio || store == nullptr)
            return last_ssl_error();
        for (bool added = false;; added = true) {
            std::unique_ptr<X509, decltype(&X509_free)> cert(
                PEM_read_bio_X509(bio.get(), nullptr, &no_pem_passphrase, nullptr), &X509_free);
            if (!cert) {
                const unsigned long err = ::ERR_peek_last_error();
                if (added && ERR_GET_LIB(err) == ERR_LIB_PEM && ERR_GET_REASON(err) == PEM_R_NO_START_LINE) {
                    ::ERR_clear_error();
                    return {};
                }
                return last_ssl_error();
            }
            if (X509_STORE_add_cert(store, cert.get()) != 1)
                return last_ssl_error();
        }
    }

    static error_code last_ssl_error() {
        const unsigned long err = ::ERR_peek_last_error();
        ::ERR_clear_error();
        return err != 0 ? error_code(static_cast<int>(err), boost::asio::error::get_ssl_category())
                        : error_code(boost::asio::error::invalid_argument);
    }

    // Mutual TLS: the certificate chain and its key, each from a file or from memory.
    error_code configure_identity(const tls_config& t, std::string& why) {
        const bool cert = !t.client_cert_file.empty() || !t.client_cert_pem.empty();
        const bool key = !t.client_key_file.empty() || !t.client_key_pem.empty();
        const bool passphrase = !t.client_key_passphrase.empty() || t.client_key_passphrase_callback;
        if (!t.client_key_passphrase.empty() && t.client_key_passphrase_callback) {
            why = "set tls.client_key_passphrase or tls.client_key_passphrase_callback, not both";
            return client_errc::invalid_config;
        }
        if (passphrase && !key) {
            why = "a client key passphrase is set but no client key (tls.client_key_file or tls.client_key_pem)";
            return client_errc::invalid_config;
        }
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
        if (error_code e = use_private_key(t, why))
            return e;
        if (SSL_CTX_check_private_key(ctx_.native_handle()) != 1) {
            ::ERR_clear_error();
            why = "the client key does not match the client certificate";
            return client_errc::invalid_config;
        }
        return {};
    }

    // The passphrase of one key load, fetched (from the callback) at most once however often
    // OpenSSL asks, and wiped afterwards. Never part of a message.
    struct key_passphrase {
        const tls_config& t;
        std::string fetched;     // the callback's answer
        bool asked = false;      // OpenSSL wanted one: the key is encrypted
        bool called = false;     // the callback ran
        std::string failure;     // why none could be given (never the passphrase)

        explicit key_passphrase(const tls_config& c) : t(c) {}
        key_passphrase(const key_passphrase&) = delete;
        key_passphrase& operator=(const key_passphrase&) = delete;
        ~key_passphrase() { OPENSSL_cleanse(fetched.data(), fetched.size()); }

        std::string_view value() const {
            return t.client_key_passphrase_callback ? std::string_view(fetched)
                                                    : std::string_view(t.client_key_passphrase);
        }

        // A pem_password_cb: the passphrase's length, or -1 for none.
        static int callback(char* buf, int size, int, void* user) noexcept {
            auto& self = *static_cast<key_passphrase*>(user);
            self.asked = true;
            if (self.t.client_key_passphrase_callback && !self.called) {
                self.called = true;
                try {
                    self.fetched = self.t.client_key_passphrase_callback();
                } catch (const std::exception& e) {
                    self.failure = std::string("tls.client_key_passphrase_callback threw: ") + e.what();
                } catch (...) {
                    self.failure = "tls.client_key_passphrase_callback threw";
                }
            }
            const std::string_view v = self.value();
            if (!self.failure.empty() || v.empty() || size <= 0)
                return -1;
            if (v.size() > static_cast<std::size_t>(size)) {
                self.failure = "the passphrase is longer than " + std::to_string(size) + " bytes";
                return -1;
            }
            std::memcpy(buf, v.data(), v.size());
            return static_cast<int>(v.size());
        }
    };

    // The key is read here rather than by ssl::context so that the passphrase is used for this
    // load only and no callback can prompt.
    error_code use_private_key(const tls_config& t, std::string& why) {
        const bool from_file = !t.client_key_file.empty();
        const std::string name = from_file ? "\"" + t.client_key_file + "\"" : std::string("tls.client_key_pem");
        ::ERR_clear_error();
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(
            from_file ? BIO_new_file(t.client_key_file.c_str(), "r")
                      : BIO_new_mem_buf(t.client_key_pem.data(), static_cast<int>(t.client_key_pem.size())),
            &BIO_free);
        if (!bio) {
            why = "cannot read the client key " + name + ": " + last_ssl_error().message();
            return client_errc::invalid_config;
        }
        key_passphrase pass(t);
        std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
            PEM_read_bio_PrivateKey(bio.get(), nullptr, &key_passphrase::callback, &pass), &EVP_PKEY_free);
        if (!pkey) {
            const error_code ec = last_ssl_error();
            if (!pass.failure.empty())
                why = "cannot decrypt the client key " + name + ": " + pass.failure;
            else if (pass.asked && pass.value().empty())
                why = "the client key " + name + " is encrypted and no passphrase is set (tls.client_key_passphrase" +
                      (t.client_key_passphrase_callback ? std::string("_callback gave none)") : std::string(")"));
            else if (pass.asked)
                why = "cannot decrypt the client key " + name + ": wrong passphrase (OpenSSL: " + ec.message() + ")";
            else
                why = "cannot load the client key " + name + ": " + ec.message();
            return client_errc::invalid_config;
        }
        if (SSL_CTX_use_PrivateKey(ctx_.native_handle(), pkey.get()) != 1) {
            const bool mismatch = ERR_GET_REASON(::ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH;
            const error_code ec = last_ssl_error();
            why = mismatch ? "the client key " + name + " does not match the client certificate"
                           : "cannot use the client key " + name + ": " + ec.message();
            return client_errc::invalid_config;
        }
        return {};
    }

    boost::asio::ssl::context ctx_;
    tls_session_cache sessions_;
    bool resumption_ = false;
};

} // namespace openai::admin::detail

#endif
