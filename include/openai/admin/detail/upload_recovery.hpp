// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_UPLOAD_RECOVERY_HPP
#define OPENAI_ADMIN_DETAIL_UPLOAD_RECOVERY_HPP

// An upload whose answer was lost may have been stored; sending it again would make a second
// copy (the API has no idempotency key). Before that, upload_check looks for it: the newest
// certificates created since the call started, with the upload's name, that no other upload
// of this client returned, fetched with their PEM and compared. A match completes the call.

#include <openai/admin/detail/client_impl.hpp>
#include <openai/admin/detail/protocol.hpp>
#include <openai/admin/models.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openai::admin::detail {

// The earliest `created_at` the upload's certificate can have: when the call started, in the
// server's clock (its Date header, whole seconds, minus the time elapsed since), or in ours,
// allowing for skew, when the server sent no Date.
inline std::int64_t upload_window_start(std::optional<std::chrono::system_clock::time_point> server_now,
                                        std::chrono::system_clock::time_point local_now,
                                        std::chrono::steady_clock::duration elapsed) {
    using namespace std::chrono;
    constexpr auto slack = seconds(1);         // rounding of Date and created_at
    constexpr auto unknown_skew = seconds(60); // no Date: how far our clock may be ahead
    const auto start = (server_now ? *server_now - slack : local_now - unknown_skew) -
                       duration_cast<system_clock::duration>(elapsed);
    return duration_cast<seconds>(start.time_since_epoch()).count();
}

// Could `c` be what an upload named `name` stored, if that call started at `since`?
inline bool may_be_upload(const scoped_certificate& c, const std::optional<std::string>& name, std::int64_t since) {
    return c.created_at >= since && (!name || c.name == name);
}

class upload_check final : public outcome_check {
public:
    // The call starts now (its first attempt follows).
    // `context`: the observer's, for the requests the check sends (operations of their own).
    upload_check(upload_facts facts, const request_options& opts, std::shared_ptr<void> context)
        : fingerprint_(std::move(facts.fingerprint)), name_(std::move(facts.name)), opts_(opts),
          started_(steady_clock::now()), context_(std::move(context)) {}

    asio::awaitable<recovery_result> find(client_impl& client, steady_clock::time_point deadline) override {
        recovery_result out;
        request_options o = opts_;
        if (deadline != steady_clock::time_point::max()) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - steady_clock::now());
            if (left.count() <= 0) {
                out.detail = "no time was left within total_timeout to look for the certificate";
                co_return out;
            }
            o.total_timeout = left;
        }
        std::vector<std::string> candidates; // newest first
        std::optional<std::string> after;
        for (int pages = 0; pages < max_pages; ++pages) {
            diagnostics d;
            // Named, not a temporary in the co_await expression (g++ 12 destroys those twice).
            request_spec spec = list_request(std::nullopt,
                                             list_params{.limit = max_list_limit, .order = order::desc, .after = after});
            spec.wants_date = true; // the server's clock dates the call's start
            call_scope scope = client.begin(spec, context_);
            auto r = co_await client.send(spec, o, &d, scope);
            certificate_page page;
            error_code ec = r.ec ? r.ec : decode_body(r.body, page, &d);
            scope.finish(ec);
            if (ec) {
                out.detail = "listing the certificates to look for it failed: " + describe(ec, d);
                co_return out;
            }
            const auto since = upload_window_start(r.date, std::chrono::system_clock::now(),
                                                   steady_clock::now() - started_);
            bool older_seen = false;
            for (const auto& c : page.data) {
                older_seen = older_seen || c.created_at < since;
                if (may_be_upload(c, name_, since) && !client.is_known_upload(c.id))
                    candidates.push_back(c.id);
            }
            if (older_seen || !page.has_more || !page.last_id || page.data.empty())
                break;
            after = page.last_id;
        }
        for (const auto& id : candidates) {
            diagnostics d;
            const request_spec spec = get_request(id, get_options{.include_content = true});
            call_scope scope = client.begin(spec, context_);
            auto r = co_await client.send(spec, o, &d, scope);
            certificate c;
            error_code ec = r.ec ? r.ec : decode_body(r.body, c, &d);
            scope.finish(ec);
            if (ec == api_errc::not_found)
                continue; // deleted since
            if (ec) {
                out.detail = "getting certificate " + id + " to compare it failed: " + describe(ec, d);
                co_return out;
            }
            if (c.certificate_details.content && pem_fingerprint(*c.certificate_details.content) == fingerprint_) {
                client.remember_upload(id);
                out.outcome = recovery_result::stored;
                out.body = std::move(r.body);
                out.detail = "the certificate it stored, " + id + ", was found (same PEM" +
                             std::string(name_ ? " and name" : "") +
                             ", created since the call started) and is returned instead of uploading again";
                co_return out;
            }
        }
        out.outcome = recovery_result::not_stored;
        co_return out;
    }

private:
    static constexpr int max_pages = 5; // the organization holds at most 50 certificates

    std::string fingerprint_;
    std::optional<std::string> name_;
    request_options opts_;
    steady_clock::time_point started_;
    std::shared_ptr<void> context_;
};

} // namespace openai::admin::detail

#endif
