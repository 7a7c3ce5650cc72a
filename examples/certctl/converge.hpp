// certctl plan/apply: the live state of the organization's certificates, the plan that turns it
// into the desired state (a pure function, tested on its own), and the steps that carry it out.
//
// The safe order, and why a rerun converges:
//   1. upload what is missing (identified by content), 2. rename, 3. activate per scope (a
//   `--canary` project first, then a gate, then the organization and the other projects),
//   4. deactivate, 5. delete (only with "prune", only certificates inactive everywhere the file
//   manages; they were deactivated in step 4). New trust is in place before old trust goes.
//   `apply` runs one step, reads the live state again and plans again, until nothing is left:
//   whatever a crash left half-done is seen in the live state and never repeated.
#ifndef OPENAI_ADMIN_EXAMPLES_CERTCTL_CONVERGE_HPP
#define OPENAI_ADMIN_EXAMPLES_CERTCTL_CONVERGE_HPP

#include "state_file.hpp"

#include <openai/admin.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace certctl {

namespace oa = openai::admin;

/// The API's limit of ids per activate/deactivate call.
inline constexpr std::size_t max_ids_per_call = 10;

/// A certificate on the server, with where it is active among the scopes the file manages.
struct live_certificate {
    std::string id{};
    std::optional<std::string> name{};
    std::int64_t created_at = 0;
    std::optional<std::int64_t> valid_at{}, expires_at{};
    bool organization = false;
    std::vector<std::string> projects{}; ///< managed projects it is active in
    /// SHA-256 of its DER, when certctl fetched its content ("" if that did not parse).
    std::optional<std::string> fingerprint{};

    bool active_in(const std::optional<std::string>& project) const {
        return project ? std::find(projects.begin(), projects.end(), *project) != projects.end() : organization;
    }
};

/// The organization's certificates, oldest first as the organization list gives them.
struct live_state {
    std::vector<live_certificate> certificates;
};

/// Whether `c` may be one of the file's certificates, so that its content must be fetched to
/// tell: the validity window in the list equals a file certificate's, or is missing. Others
/// cannot be (a certificate's validity is part of its content), so they are never fetched.
inline bool may_be_in_file(const live_certificate& c, const desired_state& d) {
    if (!c.valid_at || !c.expires_at)
        return true;
    return std::any_of(d.certificates.begin(), d.certificates.end(), [&](const desired_certificate& e) {
        return e.identity.not_before == *c.valid_at && e.identity.not_after == *c.expires_at;
    });
}

enum class step_kind { upload, rename, activate, gate, deactivate, remove };

inline const char* name_of(step_kind k) {
    switch (k) {
    case step_kind::upload: return "upload";
    case step_kind::rename: return "rename";
    case step_kind::activate: return "activate";
    case step_kind::gate: return "wait";
    case step_kind::deactivate: return "deactivate";
    case step_kind::remove: return "delete";
    }
    return "?";
}

/// A certificate a step acts on: a live one (`id`), or a file entry not uploaded yet.
struct step_target {
    std::optional<std::string> id{};
    std::optional<std::string> name{};   ///< its name (the file's, for file certificates)
    std::optional<std::size_t> entry{};  ///< index in the file, for file certificates
};

/// One API call of a plan (or the canary gate, which makes no call).
struct plan_step {
    step_kind kind = step_kind::upload;
    std::optional<std::string> project;  ///< activate/deactivate/gate: the scope (nothing: organization)
    std::vector<step_target> targets;    ///< upload, rename, delete: one; activate/deactivate: 1 to 10
    std::optional<std::string> old_name; ///< rename: the name on the server (nothing: null)
    std::string why;                     ///< for deactivate/delete/activate: the reason, for humans

    /// What makes two steps the same step (apply never runs one twice).
    std::string key() const {
        std::string k = name_of(kind);
        k += '|';
        k += project.value_or("");
        for (const auto& t : targets) {
            k += '|';
            k += t.id.value_or("entry" + std::to_string(t.entry.value_or(0)));
        }
        if (kind == step_kind::rename)
            k += "|" + targets.at(0).name.value_or("");
        return k;
    }
};

/// The steps in the order they run, and counts for the summary line.
struct plan {
    std::vector<plan_step> steps;
    std::size_t live_count = 0;    ///< certificates on the server
    std::size_t matched = 0;       ///< of them, copies of file certificates
    std::vector<std::string> warnings;

    /// Steps that make API calls.
    std::size_t calls() const {
        return static_cast<std::size_t>(
            std::count_if(steps.begin(), steps.end(), [](const plan_step& s) { return s.kind != step_kind::gate; }));
    }
    std::size_t count(step_kind k) const {
        return static_cast<std::size_t>(
            std::count_if(steps.begin(), steps.end(), [k](const plan_step& s) { return s.kind == k; }));
    }
};

struct plan_options {
    /// Activate new trust in this managed project first, then wait at a gate.
    std::optional<std::string> canary{};
    /// The gate was passed (`--confirm`, or the verify command succeeded): plan no gate.
    bool gate_passed = false;
    std::size_t max_certificates = certctl::max_certificates;
};

/// The live state cannot be brought to the file's (certctl exits 5 when `local_check`, else 2).
struct plan_error : std::runtime_error {
    bool local_check = false;
    explicit plan_error(const std::string& what, bool local = false) : std::runtime_error(what), local_check(local) {}
};

namespace detail {

inline void add_batched(plan& p, step_kind kind, const std::optional<std::string>& project,
                        std::vector<step_target> targets, const std::string& why) {
    for (std::size_t i = 0; i < targets.size(); i += max_ids_per_call) {
        plan_step s;
        s.kind = kind;
        s.project = project;
        s.why = why;
        const auto end = std::min(targets.size(), i + max_ids_per_call);
        s.targets.assign(targets.begin() + static_cast<std::ptrdiff_t>(i), targets.begin() + static_cast<std::ptrdiff_t>(end));
        p.steps.push_back(std::move(s));
    }
}

} // namespace detail

/// The steps from `live` to `d`, in the order they must run. Throws plan_error.
inline plan make_plan(const desired_state& d, const live_state& live, const plan_options& opt = {}) {
    const auto& entries = d.certificates;
    const auto& certs = live.certificates;
    plan p;
    p.live_count = certs.size();

    // Copies of each file certificate on the server; the primary one is the one kept.
    std::vector<std::optional<std::size_t>> owner(certs.size()); // entry of each live certificate
    std::vector<std::optional<std::size_t>> primary(entries.size());
    std::vector<std::optional<std::string>> scopes{std::nullopt};
    scopes.insert(scopes.end(), d.projects.begin(), d.projects.end());
    auto fit = [&](const desired_certificate& e, const live_certificate& c) { // scopes already right
        return std::count_if(scopes.begin(), scopes.end(), [&](const auto& s) { return e.wants(s) && c.active_in(s); });
    };
    for (std::size_t li = 0; li < certs.size(); ++li) {
        if (!certs[li].fingerprint)
            continue;
        for (std::size_t e = 0; e < entries.size(); ++e) {
            if (*certs[li].fingerprint != entries[e].identity.fingerprint)
                continue;
            owner[li] = e;
            ++p.matched;
            auto& best = primary[e];
            if (!best) {
                best = li;
            } else {
                const auto& b = certs[*best];
                const auto& c = certs[li];
                const auto fb = fit(entries[e], b), fc = fit(entries[e], c);
                if (fc > fb || (fc == fb && (c.created_at < b.created_at || (c.created_at == b.created_at && c.id < b.id))))
                    best = li;
            }
        }
    }
    auto is_duplicate = [&](std::size_t li) { return owner[li] && primary[*owner[li]] != li; };
    auto target_of_entry = [&](std::size_t e) {
        return step_target{primary[e] ? std::optional<std::string>(certs[*primary[e]].id) : std::nullopt,
                           entries[e].name, e};
    };
    auto target_of_live = [&](std::size_t li) {
        return step_target{certs[li].id, certs[li].name, owner[li]};
    };

    // 1. uploads
    std::size_t uploads = 0;
    for (std::size_t e = 0; e < entries.size(); ++e) {
        if (primary[e])
            continue;
        if (entries[e].expiry_problem)
            throw plan_error(entries[e].label() + ": " + *entries[e].expiry_problem +
                                 "; it is not on the server, and certctl uploads only certificates that pass the "
                                 "local check",
                             true);
        plan_step s;
        s.kind = step_kind::upload;
        s.targets.push_back(target_of_entry(e));
        p.steps.push_back(std::move(s));
        ++uploads;
    }
    if (certs.size() + uploads > opt.max_certificates)
        throw plan_error("the organization holds " + std::to_string(certs.size()) + " certificates and the file adds " +
                         std::to_string(uploads) + ": more than the limit of " + std::to_string(opt.max_certificates) +
                         " before anything could be deleted (new certificates are uploaded first); delete unneeded "
                         "ones first");
    for (std::size_t e = 0; e < entries.size(); ++e)
        if (primary[e] && entries[e].expiry_problem)
            p.warnings.push_back(entries[e].label() + ": " + *entries[e].expiry_problem);

    // 2. renames
    for (std::size_t e = 0; e < entries.size(); ++e) {
        if (!primary[e] || certs[*primary[e]].name == entries[e].name)
            continue;
        plan_step s;
        s.kind = step_kind::rename;
        s.targets.push_back(target_of_entry(e));
        s.old_name = certs[*primary[e]].name;
        p.steps.push_back(std::move(s));
    }

    // 3. activations: where a file certificate must be active and is not
    auto needs = [&](std::size_t e, const std::optional<std::string>& scope) {
        return entries[e].wants(scope) && !(primary[e] && certs[*primary[e]].active_in(scope));
    };
    std::vector<bool> new_trust(entries.size()); // some activation is missing
    for (std::size_t e = 0; e < entries.size(); ++e)
        new_trust[e] = std::any_of(scopes.begin(), scopes.end(), [&](const auto& s) { return needs(e, s); });
    std::vector<bool> in_canary_step(entries.size());
    if (opt.canary) {
        bool widening = false; // a new certificate must become active outside the canary project
        // New certificates (active nowhere the file manages but in the canary project) that
        // must become active go to the canary project first, and nothing is widened past the
        // gate while one of them waits: a rerun after the canary step stops at the gate again.
        // A certificate already trusted elsewhere is not new (the widening had been confirmed).
        auto trusted_elsewhere = [&](std::size_t e) {
            return primary[e] && std::any_of(scopes.begin(), scopes.end(), [&](const auto& s) {
                       return s != opt.canary && certs[*primary[e]].active_in(s);
                   });
        };
        std::vector<step_target> first;
        for (std::size_t e = 0; e < entries.size(); ++e) {
            if (!new_trust[e] || trusted_elsewhere(e))
                continue;
            if (!(primary[e] && certs[*primary[e]].active_in(opt.canary))) {
                first.push_back(target_of_entry(e));
                in_canary_step[e] = true;
            }
            for (const auto& s : scopes)
                widening = widening || (s != opt.canary && needs(e, s));
        }
        detail::add_batched(p, step_kind::activate, opt.canary, std::move(first), "canary");
        if (widening && !opt.gate_passed) {
            plan_step g;
            g.kind = step_kind::gate;
            g.project = opt.canary;
            p.steps.push_back(std::move(g));
        }
    }
    for (const auto& scope : scopes) {
        std::vector<step_target> ts;
        for (std::size_t e = 0; e < entries.size(); ++e)
            if (needs(e, scope) && !(scope == opt.canary && in_canary_step[e]))
                ts.push_back(target_of_entry(e));
        detail::add_batched(p, step_kind::activate, scope, std::move(ts), {});
    }

    // 4. deactivations: active where the file does not want it; duplicates everywhere; with
    // prune, certificates not in the file everywhere (the file manages).
    for (const auto& scope : scopes) {
        std::vector<step_target> ts;
        std::string why;
        for (std::size_t li = 0; li < certs.size(); ++li) {
            if (!certs[li].active_in(scope))
                continue;
            if (!owner[li] && !d.prune)
                continue; // not the file's: left alone
            if (owner[li] && !is_duplicate(li) && entries[*owner[li]].wants(scope))
                continue;
            ts.push_back(target_of_live(li));
        }
        detail::add_batched(p, step_kind::deactivate, scope, std::move(ts), {});
    }

    // 5. deletes (inactive everywhere managed by now)
    if (d.prune)
        for (std::size_t li = 0; li < certs.size(); ++li)
            if (!owner[li] || is_duplicate(li)) {
                plan_step s;
                s.kind = step_kind::remove;
                s.targets.push_back(target_of_live(li));
                s.why = owner[li] ? "a second copy of " + entries[*owner[li]].label() : "not in the file (prune)";
                p.steps.push_back(std::move(s));
            }
    return p;
}

// ---------------------------------------------------------------------------------------------
// Output: one line per step for humans, or one JSON object per step (NDJSON)
// ---------------------------------------------------------------------------------------------

inline std::string scope_text(const std::optional<std::string>& project) {
    return project ? "project " + *project : std::string("organization");
}

inline std::string target_text(const step_target& t) {
    std::string s = t.name ? "\"" + *t.name + "\"" : std::string("(no name)");
    return s + " (" + t.id.value_or("new") + ")";
}

inline std::string step_text(const plan_step& s, const desired_state& d) {
    std::string line;
    switch (s.kind) {
    case step_kind::upload: {
        const auto& e = d.certificates.at(s.targets.at(0).entry.value());
        line = "upload      \"" + e.name + "\" from " + (e.source == "inline" ? "the inline PEM" : e.source) +
               " (sha256 " + e.identity.fingerprint.substr(0, 16) + "...)";
        break;
    }
    case step_kind::rename:
        line = "rename      " + s.targets.at(0).id.value_or("?") + " " +
               (s.old_name ? "\"" + *s.old_name + "\"" : "(no name)") + " -> \"" + s.targets.at(0).name.value_or("") +
               "\"";
        break;
    case step_kind::gate:
        return "wait        canary: check " + scope_text(s.project) +
               " with the new certificates, then continue with --confirm (or --verify-command)";
    case step_kind::activate:
    case step_kind::deactivate: {
        line = std::string(s.kind == step_kind::activate ? "activate    " : "deactivate  ") + scope_text(s.project) +
               ":";
        for (std::size_t i = 0; i < s.targets.size(); ++i)
            line += (i ? ", " : " ") + target_text(s.targets[i]);
        break;
    }
    case step_kind::remove:
        line = "delete      " + target_text(s.targets.at(0));
        break;
    }
    if (!s.why.empty())
        line += "  [" + s.why + "]";
    return line;
}

inline boost::json::object step_json(const plan_step& s, const desired_state& d) {
    boost::json::object o;
    o["action"] = name_of(s.kind);
    if (s.kind == step_kind::activate || s.kind == step_kind::deactivate || s.kind == step_kind::gate) {
        o["scope"] = s.project ? "project" : "organization";
        if (s.project)
            o["project"] = *s.project;
    }
    boost::json::array targets;
    for (const auto& t : s.targets) {
        boost::json::object j;
        j["id"] = t.id ? boost::json::value(*t.id) : nullptr;
        j["name"] = t.name ? boost::json::value(*t.name) : nullptr;
        if (t.entry)
            j["sha256"] = d.certificates.at(*t.entry).identity.fingerprint;
        targets.push_back(std::move(j));
    }
    if (s.kind != step_kind::gate)
        o["certificates"] = std::move(targets);
    if (s.kind == step_kind::rename)
        o["old_name"] = s.old_name ? boost::json::value(*s.old_name) : nullptr;
    if (!s.why.empty())
        o["reason"] = s.why;
    return o;
}

inline std::string summary_text(const plan& p) {
    if (p.calls() == 0)
        return "no changes";
    std::string s = std::to_string(p.calls()) + (p.calls() == 1 ? " step:" : " steps:");
    bool first = true;
    for (auto k : {step_kind::upload, step_kind::rename, step_kind::activate, step_kind::deactivate, step_kind::remove})
        if (auto n = p.count(k)) {
            s += (first ? " " : ", ") + std::to_string(n) + " " + name_of(k);
            first = false;
        }
    if (p.count(step_kind::gate))
        s += "; a canary gate after the canary activation";
    return s;
}

inline boost::json::object summary_json(const plan& p) {
    boost::json::object o;
    o["steps"] = p.calls();
    for (auto k : {step_kind::upload, step_kind::rename, step_kind::activate, step_kind::deactivate, step_kind::remove})
        o[name_of(k)] = p.count(k);
    o["gate"] = p.count(step_kind::gate) != 0;
    o["live_certificates"] = p.live_count;
    return o;
}

// ---------------------------------------------------------------------------------------------
// Reading the live state, and running one step
// ---------------------------------------------------------------------------------------------

/// Fingerprints of certificates already fetched (content never changes for an id).
using fingerprint_cache = std::map<std::string, std::string>;

inline oa::scope_certificates scope_api(const oa::client& api, const std::optional<std::string>& project) {
    if (project)
        return api.projects(*project).certificates();
    return api.certificates();
}

/// Every certificate (all pages), where it is active in the scopes `d` manages, and the
/// fingerprints of those that may be file certificates (`get` with content, once per id).
inline boost::asio::awaitable<live_state> read_live(const oa::client& api, const desired_state& d,
                                                    fingerprint_cache& cache) {
    live_state live;
    std::map<std::string, std::size_t> index;
    auto scopes = std::vector<std::optional<std::string>>{std::nullopt};
    scopes.insert(scopes.end(), d.projects.begin(), d.projects.end());
    for (const auto& scope : scopes) {
        const oa::list_params params{.limit = 100};
        auto list = scope_api(api, scope).list(params);
        while (auto c = co_await list.async_next()) {
            auto [it, fresh] = index.try_emplace(c->id, live.certificates.size());
            if (fresh) {
                live_certificate l;
                l.id = c->id;
                l.name = c->name;
                l.created_at = c->created_at;
                l.valid_at = c->certificate_details.valid_at;
                l.expires_at = c->certificate_details.expires_at;
                live.certificates.push_back(std::move(l));
            }
            auto& l = live.certificates[it->second];
            if (c->active) {
                if (scope)
                    l.projects.push_back(*scope);
                else
                    l.organization = true;
            }
        }
    }
    std::vector<live_certificate> kept;
    for (auto& l : live.certificates) {
        if (auto hit = cache.find(l.id); hit != cache.end()) {
            l.fingerprint = hit->second;
        } else if (may_be_in_file(l, d)) {
            const oa::get_options get{.include_content = true};
            auto certs = api.certificates();
            std::optional<oa::certificate> cert;
            try {
                cert = co_await certs.async_get(l.id, get);
            } catch (const oa::api_error& e) {
                if (e.code() != oa::api_errc::not_found)
                    throw;
            }
            if (!cert)
                continue; // deleted since it was listed
            auto id = cert->certificate_details.content ? identify_pem(*cert->certificate_details.content) : std::nullopt;
            l.fingerprint = cache[l.id] = id ? id->fingerprint : std::string();
        }
        kept.push_back(std::move(l));
    }
    live.certificates = std::move(kept);
    co_return live;
}

/// Runs step `s` (not a gate); returns the new certificate's id for an upload.
inline boost::asio::awaitable<std::optional<std::string>> run_step(const oa::client& api, const plan_step& s,
                                                                   const desired_state& d) {
    auto certs = api.certificates();
    std::vector<std::string> ids;
    for (const auto& t : s.targets)
        if (s.kind != step_kind::upload)
            ids.push_back(t.id.value()); // uploads come first: every later step knows its ids
    switch (s.kind) {
    case step_kind::upload: {
        const auto& e = d.certificates.at(s.targets.at(0).entry.value());
        const oa::upload_params params{.certificate = e.pem, .name = std::string_view(e.name)};
        auto cert = co_await certs.async_upload(params);
        co_return cert.id;
    }
    case step_kind::rename: {
        const std::string name = s.targets.at(0).name.value();
        const oa::modify_params params{.name = std::string_view(name)};
        co_await certs.async_modify(ids.at(0), params);
        break;
    }
    case step_kind::activate:
    case step_kind::deactivate: {
        auto scope = scope_api(api, s.project);
        const oa::certificate_ids list(ids);
        if (s.kind == step_kind::activate) // (not `?:` around two co_awaits: g++ 12 miscompiles that)
            co_await scope.async_activate(list);
        else
            co_await scope.async_deactivate(list);
        break;
    }
    case step_kind::remove:
        co_await certs.async_delete(ids.at(0));
        break;
    case step_kind::gate:
        break;
    }
    co_return std::nullopt;
}

} // namespace certctl

#endif
