// certctl: the operations tool for an organization's mutual-TLS CA certificates, built only on
// the public API of openai-admin-cpp. The whole CLI is `certctl::run`, so that tests can drive
// it in-process; main.cpp only forwards argv, the standard streams and the environment.
//
//   certctl [global options] <command> [args]      (see `usage` below; exit codes in `exit_code`)
#ifndef OPENAI_ADMIN_EXAMPLES_CERTCTL_HPP
#define OPENAI_ADMIN_EXAMPLES_CERTCTL_HPP

#include "converge.hpp"
#include "state_file.hpp"

#include <openai/admin.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sys/wait.h>

namespace certctl {

namespace asio = boost::asio;
namespace oa = openai::admin;

/// Looks up an environment variable; empty optional when unset.
using env_lookup = std::function<std::optional<std::string>(std::string_view)>;

/// The process environment (`std::getenv`).
inline env_lookup process_env() {
    return [](std::string_view name) -> std::optional<std::string> {
        const char* v = std::getenv(std::string(name).c_str()); // NOLINT(concurrency-mt-unsafe)
        return v ? std::optional<std::string>(v) : std::nullopt;
    };
}

/// Exit codes; scripts depend on them.
enum exit_code : int {
    exit_ok = 0,
    exit_api_error = 1,     ///< the API answered with an error (or an unusable response)
    exit_usage = 2,         ///< bad command line or configuration
    exit_expiring = 3,      ///< `expiring` found at least one certificate
    exit_changes = 3,       ///< `plan`: changes are planned; `apply`: stopped at the canary gate
    exit_network = 4,       ///< network, TLS or timeout error
    exit_local_check = 5,   ///< the local check of a PEM failed
    exit_verify_failed = 6, ///< `apply --verify-command`: the command failed; nothing was widened
};

inline constexpr const char* usage =
    R"(usage: certctl [global options] <command> [args]
global options:
  --base-url URL      default $OPENAI_BASE_URL, else https://api.openai.com/v1
  --admin-key KEY     default $OPENAI_ADMIN_KEY (prefer the env var; never echo the key)
  --ca-file PATH      extra trusted CA bundle for the server's certificate
  --client-cert PATH --client-key PATH   mTLS client identity
  --timeout SECONDS   per attempt;  --max-retries N
  --json              machine output: one JSON object per line (NDJSON)
commands:
  list [--project ID] [--limit N] [--order asc|desc] [--after ID] [--all]
  get ID [--content]
  upload FILE [--name NAME] [--no-local-check]     FILE may be - for stdin
  rename ID NAME
  delete ID
  activate ID... [--project ID]...
  deactivate ID... [--project ID]...
  expiring [--within DAYS] [--project ID]           default 30 days
  rotate --old ID --new FILE [--name NAME] [--project ID]...
  plan FILE [--canary PROJECT]                      what apply would do, in order
  apply FILE [--canary PROJECT [--confirm | --verify-command CMD]]
                                                    converge on FILE, one step at a time
exit codes: 0 ok (plan: nothing to do); 1 API error; 2 usage error or invalid FILE;
3 `expiring` found at least one, `plan` has changes, `apply` stopped at the canary gate;
4 network, TLS or timeout error; 5 local check of a PEM failed; 6 the verify command failed
)";

/// For tests: called by `apply` after each step it ran (its number from 1, and the step). An
/// exception thrown from it ends certctl there, as a crash would: nothing else is sent, and
/// `run` returns 1.
struct run_hooks {
    std::function<void(std::size_t, const plan_step&)> after_step{};
};

/// Runs certctl with `args` (argv without argv[0]); returns the exit code. Never throws.
inline int run(std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err,
               const env_lookup& env, const run_hooks& hooks = {});

namespace detail {

struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

struct options {
    // global
    std::optional<std::string> base_url, admin_key, ca_file, client_cert, client_key;
    std::optional<std::chrono::milliseconds> timeout;
    std::optional<unsigned> max_retries;
    bool json = false;
    bool help = false;
    // command
    std::string command;
    std::vector<std::string> positional;
    std::vector<std::string> projects;
    std::optional<int> limit;
    std::optional<oa::order> order;
    std::optional<std::string> after, name, old_id, new_file;
    std::optional<std::string> canary, verify_command; // plan/apply
    bool all = false, content = false, no_local_check = false, confirm = false;
    long within_days = 30;
};

inline bool is_command(std::string_view c) {
    for (std::string_view k : {"list", "get", "upload", "rename", "delete", "activate", "deactivate", "expiring",
                               "rotate", "plan", "apply"})
        if (c == k)
            return true;
    return false;
}

// Options each command takes besides the global ones. Value options first, then flags.
inline bool command_takes(std::string_view cmd, std::string_view opt, bool& takes_value) {
    struct entry {
        std::string_view cmd, opt;
        bool value;
    };
    static constexpr entry table[] = {
        {"list", "--project", true},     {"list", "--limit", true},      {"list", "--order", true},
        {"list", "--after", true},       {"list", "--all", false},       {"get", "--content", false},
        {"upload", "--name", true},      {"upload", "--no-local-check", false},
        {"activate", "--project", true}, {"deactivate", "--project", true},
        {"expiring", "--within", true},  {"expiring", "--project", true},
        {"rotate", "--old", true},       {"rotate", "--new", true},      {"rotate", "--name", true},
        {"rotate", "--project", true},
        {"plan", "--canary", true},      {"apply", "--canary", true},    {"apply", "--verify-command", true},
        {"apply", "--confirm", false},
    };
    for (const auto& e : table)
        if (e.cmd == cmd && e.opt == opt) {
            takes_value = e.value;
            return true;
        }
    return false;
}

inline long parse_integer(const std::string& opt, const std::string& v, long lo, long hi) {
    std::size_t used = 0;
    long n = 0;
    try {
        n = std::stol(v, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != v.size() || n < lo || n > hi)
        throw usage_error(opt + " expects an integer from " + std::to_string(lo) + " to " + std::to_string(hi) +
                          ", got '" + v + "'");
    return n;
}

inline std::chrono::milliseconds parse_seconds(const std::string& opt, const std::string& v) {
    std::size_t used = 0;
    double s = 0;
    try {
        s = std::stod(v, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != v.size() || !(s > 0) || s > 86400.0 * 365)
        throw usage_error(opt + " expects a positive number of seconds, got '" + v + "'");
    return std::max(std::chrono::milliseconds(1), std::chrono::milliseconds(static_cast<std::int64_t>(s * 1000)));
}

inline void set_command_option(options& o, const std::string& opt, const std::string& v) {
    if (opt == "--project")
        o.projects.push_back(v);
    else if (opt == "--limit")
        o.limit = static_cast<int>(parse_integer(opt, v, 1, 100));
    else if (opt == "--order") {
        if (v != "asc" && v != "desc")
            throw usage_error("--order expects asc or desc, got '" + v + "'");
        o.order = v == "asc" ? oa::order::asc : oa::order::desc;
    } else if (opt == "--after")
        o.after = v;
    else if (opt == "--name")
        o.name = v;
    else if (opt == "--within")
        o.within_days = parse_integer(opt, v, 0, 36500);
    else if (opt == "--old")
        o.old_id = v;
    else if (opt == "--new")
        o.new_file = v;
    else if (opt == "--canary")
        o.canary = v;
    else if (opt == "--verify-command")
        o.verify_command = v;
    else if (opt == "--confirm")
        o.confirm = true;
    else if (opt == "--all")
        o.all = true;
    else if (opt == "--content")
        o.content = true;
    else if (opt == "--no-local-check")
        o.no_local_check = true;
}

// Global options may appear before or after the command; command options after it.
inline options parse(const std::vector<std::string>& args) {
    options o;
    bool only_positional = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string tok = args[i];
        const bool looks_like_option = !only_positional && tok.size() > 1 && tok[0] == '-';
        if (!looks_like_option) {
            if (o.command.empty()) {
                if (!is_command(tok))
                    throw usage_error("unknown command '" + tok + "'");
                o.command = tok;
            } else {
                o.positional.push_back(tok);
            }
            continue;
        }
        if (tok == "--") {
            only_positional = true;
            continue;
        }
        std::optional<std::string> inline_value;
        if (auto eq = tok.find('='); tok.rfind("--", 0) == 0 && eq != std::string::npos) {
            inline_value = tok.substr(eq + 1);
            tok.resize(eq);
        }
        auto value = [&]() -> std::string {
            if (inline_value)
                return *inline_value;
            if (i + 1 >= args.size())
                throw usage_error(tok + " needs a value");
            return args[++i];
        };
        auto no_value = [&] {
            if (inline_value)
                throw usage_error(tok + " takes no value");
        };
        bool takes_value = false;
        if (tok == "-h" || tok == "--help") {
            no_value();
            o.help = true;
        } else if (tok == "--json") {
            no_value();
            o.json = true;
        } else if (tok == "--base-url")
            o.base_url = value();
        else if (tok == "--admin-key")
            o.admin_key = value();
        else if (tok == "--ca-file")
            o.ca_file = value();
        else if (tok == "--client-cert")
            o.client_cert = value();
        else if (tok == "--client-key")
            o.client_key = value();
        else if (tok == "--timeout")
            o.timeout = parse_seconds(tok, value());
        else if (tok == "--max-retries")
            o.max_retries = static_cast<unsigned>(parse_integer(tok, value(), 0, 100));
        else if (!o.command.empty() && command_takes(o.command, tok, takes_value)) {
            if (takes_value) {
                set_command_option(o, tok, value());
            } else {
                no_value();
                set_command_option(o, tok, "");
            }
        } else {
            throw usage_error("unknown option '" + tok + "'" +
                              (o.command.empty() ? std::string() : " for '" + o.command + "'"));
        }
    }
    if (o.help)
        return o;
    if (o.command.empty())
        throw usage_error("no command given");

    auto positional = [&](std::size_t lo, std::size_t hi, const char* what) {
        if (o.positional.size() < lo || o.positional.size() > hi)
            throw usage_error(o.command + " expects " + what);
    };
    const std::string& c = o.command;
    if (c == "list" || c == "expiring") {
        positional(0, 0, "no arguments besides options");
        if (o.projects.size() > 1)
            throw usage_error(c + " takes at most one --project");
    } else if (c == "get" || c == "delete") {
        positional(1, 1, "one certificate ID");
    } else if (c == "upload") {
        positional(1, 1, "one FILE (- for stdin)");
    } else if (c == "rename") {
        positional(2, 2, "ID and NAME");
    } else if (c == "activate" || c == "deactivate") {
        positional(1, 10, "1 to 10 certificate IDs (the API's limit per call)");
    } else if (c == "rotate") {
        positional(0, 0, "--old ID --new FILE");
        if (!o.old_id || !o.new_file)
            throw usage_error("rotate needs --old ID and --new FILE");
    } else if (c == "plan" || c == "apply") {
        positional(1, 1, "one FILE (the desired state)");
        if ((o.confirm || o.verify_command) && !o.canary)
            throw usage_error("--confirm and --verify-command go with --canary PROJECT");
        if (o.confirm && o.verify_command)
            throw usage_error("give --confirm or --verify-command, not both");
    }
    if (o.client_cert.has_value() != o.client_key.has_value())
        throw usage_error("--client-cert and --client-key go together");
    return o;
}

// The admin key as given, even when the command line did not parse.
inline std::string key_for_redaction(const std::vector<std::string>& args, const env_lookup& env) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--admin-key" && i + 1 < args.size())
            return args[i + 1];
        if (args[i].rfind("--admin-key=", 0) == 0)
            return args[i].substr(12);
    }
    auto v = env ? env("OPENAI_ADMIN_KEY") : std::nullopt;
    return v.value_or("");
}

// Replaces every occurrence of the admin key, so that no message ever shows it.
inline std::string redact(std::string s, const std::string& key) {
    if (key.empty())
        return s;
    for (auto pos = s.find(key); pos != std::string::npos; pos = s.find(key, pos + 3))
        s.replace(pos, key.size(), "***");
    return s;
}

inline std::optional<std::string> non_empty(const env_lookup& env, std::string_view name) {
    auto v = env ? env(name) : std::nullopt;
    if (v && v->empty())
        v.reset();
    return v;
}

// The client configuration: command line first, then the environment, then the defaults.
inline oa::client_config make_config(const options& o, const env_lookup& env) {
    oa::client_config cfg;
    cfg.admin_key = o.admin_key ? *o.admin_key : non_empty(env, "OPENAI_ADMIN_KEY").value_or("");
    cfg.base_url = o.base_url ? *o.base_url : non_empty(env, "OPENAI_BASE_URL").value_or(oa::default_base_url);
    cfg.organization = non_empty(env, "OPENAI_ORG_ID");
    if (non_empty(env, "OPENAI_LOG") == std::optional<std::string>("debug"))
        cfg.log = oa::log_level::debug;
    const bool plain = cfg.base_url.rfind("http://", 0) == 0;
    auto first = [&](const char* a, const char* b) {
        auto v = non_empty(env, a);
        return v ? v : non_empty(env, b);
    };
    cfg.proxy.url = (plain ? first("http_proxy", "HTTP_PROXY") : first("https_proxy", "HTTPS_PROXY")).value_or("");
    cfg.proxy.no_proxy = first("no_proxy", "NO_PROXY").value_or("");
    if (o.ca_file)
        cfg.tls.ca_file = *o.ca_file;
    if (o.client_cert)
        cfg.tls.client_cert_file = *o.client_cert;
    if (o.client_key)
        cfg.tls.client_key_file = *o.client_key;
    if (o.timeout)
        cfg.request_timeout = *o.timeout;
    if (o.max_retries)
        cfg.max_retries = *o.max_retries;
    return cfg;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

// API error responses (and responses the SDK cannot use) -> 1; configuration -> 2; anything
// else is Asio, SSL or Beast (connect, TLS, timeout) -> 4.
inline int exit_code_for(const oa::error_code& ec) {
    if (ec.category() == oa::api_category())
        return exit_api_error;
    if (ec.category() == oa::client_category()) {
        if (ec == oa::client_errc::missing_admin_key || ec == oa::client_errc::invalid_config ||
            ec == oa::client_errc::invalid_argument)
            return exit_usage;
        return exit_api_error;
    }
    return exit_network;
}

inline void print_error(std::ostream& err, std::string_view what, const oa::error_code& ec,
                        const oa::diagnostics& d) {
    err << "certctl: " << what << " failed: " << ec.message() << "\n";
    if (ec.category() == oa::api_category()) {
        err << "  status:     " << d.status << "\n"
            << "  type:       " << (d.type.empty() ? "-" : d.type) << "\n"
            << "  code:       " << d.code.value_or("-") << "\n"
            << "  message:    " << (d.message.empty() ? d.body : d.message) << "\n";
        if (d.param)
            err << "  param:      " << *d.param << "\n";
        err << "  request id: " << (d.request_id.empty() ? "-" : d.request_id) << "\n";
    } else {
        if (!d.message.empty())
            err << "  " << d.message << "\n";
        if (exit_code_for(ec) == exit_network)
            err << "  (network, TLS or timeout error: " << ec.category().name() << ":" << ec.value() << ")\n";
    }
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

inline std::string iso_date(std::optional<std::int64_t> t) {
    if (!t)
        return "-";
    const auto tt = static_cast<std::time_t>(*t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

inline std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Whole days until `expires` (negative once expired), rounded down.
inline std::string days_left(std::optional<std::int64_t> expires, std::int64_t now) {
    if (!expires)
        return "-";
    const std::int64_t d = *expires - now;
    return std::to_string(d >= 0 ? d / 86400 : -((-d + 86399) / 86400));
}

template <class T>
void print_json(std::ostream& out, const T& x) {
    out << boost::json::serialize(boost::json::value_from(x)) << "\n";
}

inline void print_table(std::ostream& out, const std::vector<oa::scoped_certificate>& certs, std::int64_t now) {
    using row = std::array<std::string, 6>;
    std::vector<row> rows{{"ID", "NAME", "ACTIVE", "VALID FROM", "EXPIRES", "DAYS LEFT"}};
    for (const auto& c : certs)
        rows.push_back({c.id, c.name.value_or("-"), c.active ? "yes" : "no", iso_date(c.certificate_details.valid_at),
                        iso_date(c.certificate_details.expires_at), days_left(c.certificate_details.expires_at, now)});
    std::array<std::size_t, 6> width{};
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i)
            width[i] = std::max(width[i], r[i].size());
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t i = 0; i < r.size(); ++i) {
            line += r[i];
            if (i + 1 < r.size())
                line.append(width[i] - r[i].size() + 2, ' ');
        }
        out << line << "\n";
    }
}

inline void print_summary(std::ostream& out, const oa::certificate& c, std::int64_t now, bool content) {
    const auto& d = c.certificate_details;
    out << "id:         " << c.id << "\n"
        << "name:       " << c.name.value_or("-") << "\n"
        << "created:    " << iso_date(c.created_at) << "\n"
        << "valid from: " << iso_date(d.valid_at) << "\n"
        << "expires:    " << iso_date(d.expires_at) << " (" << days_left(d.expires_at, now) << " days left)\n";
    if (c.active)
        out << "active:     " << (*c.active ? "yes" : "no") << "\n";
    if (content && d.content)
        out << *d.content << (d.content->empty() || d.content->back() != '\n' ? "\n" : "");
}

inline std::string scope_label(const std::optional<std::string>& project) {
    return project ? "project " + *project : std::string("organization");
}

// ---------------------------------------------------------------------------------------------
// Commands (coroutines; errors other than in `rotate` propagate as oa::api_error)
// ---------------------------------------------------------------------------------------------

struct context {
    const options& opt;
    oa::client api;
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    std::string pem;          // upload / rotate: the file's content
    std::int64_t now = 0;     // unix seconds when certctl started
    const desired_state* state = nullptr; // plan / apply
    const run_hooks* hooks = nullptr;
    std::size_t applied = 0;  // apply: steps run so far
};

inline std::optional<std::string> single_project(const options& o) {
    return o.projects.empty() ? std::nullopt : std::optional<std::string>(o.projects.front());
}

inline std::vector<std::optional<std::string>> scopes_of(const options& o) {
    std::vector<std::optional<std::string>> scopes;
    for (const auto& p : o.projects)
        scopes.emplace_back(p);
    if (scopes.empty())
        scopes.emplace_back(std::nullopt); // the organization
    return scopes;
}

inline asio::awaitable<std::vector<oa::scoped_certificate>> collect_all(oa::certificate_list list) {
    std::vector<oa::scoped_certificate> all;
    while (auto page = co_await list.async_next_page())
        std::move(page->data.begin(), page->data.end(), std::back_inserter(all));
    co_return all;
}

inline asio::awaitable<int> cmd_list(context& c) {
    const auto& o = c.opt;
    const oa::list_params params{.limit = o.limit, .order = o.order,
                                 .after = o.after ? std::optional<std::string_view>(*o.after) : std::nullopt};
    auto list = scope_api(c.api, single_project(o)).list(params);
    std::vector<oa::scoped_certificate> shown;
    std::optional<std::string> next_after;
    while (auto page = co_await list.async_next_page()) {
        if (o.json)
            for (const auto& cert : page->data)
                print_json(c.out, cert);
        else
            std::move(page->data.begin(), page->data.end(), std::back_inserter(shown));
        if (!o.all) {
            if (page->has_more && page->last_id && !page->last_id->empty())
                next_after = page->last_id;
            break;
        }
    }
    if (!o.json) {
        if (shown.empty())
            c.out << "(no certificates)\n";
        else
            print_table(c.out, shown, c.now);
    }
    if (next_after)
        (o.json ? c.err : c.out) << "more certificates follow: add --after " << *next_after
                                 << " for the next page, or --all\n";
    co_return exit_ok;
}

inline asio::awaitable<int> cmd_get(context& c) {
    const oa::get_options get{.include_content = c.opt.content};
    auto certs = c.api.certificates();
    auto cert = co_await certs.async_get(c.opt.positional.at(0), get);
    if (c.opt.json)
        print_json(c.out, cert);
    else
        print_summary(c.out, cert, c.now, c.opt.content);
    co_return exit_ok;
}

inline asio::awaitable<int> cmd_upload(context& c) {
    const oa::upload_params params{
        .certificate = c.pem, .name = c.opt.name ? std::optional<std::string_view>(*c.opt.name) : std::nullopt};
    auto certs = c.api.certificates();
    auto cert = co_await certs.async_upload(params);
    if (c.opt.json)
        print_json(c.out, cert);
    else
        print_summary(c.out, cert, c.now, false);
    co_return exit_ok;
}

inline asio::awaitable<int> cmd_rename(context& c) {
    const oa::modify_params params{.name = std::string_view(c.opt.positional.at(1))};
    auto certs = c.api.certificates();
    auto cert = co_await certs.async_modify(c.opt.positional.at(0), params);
    if (c.opt.json)
        print_json(c.out, cert);
    else
        print_summary(c.out, cert, c.now, false);
    co_return exit_ok;
}

inline asio::awaitable<int> cmd_delete(context& c) {
    auto certs = c.api.certificates();
    auto deleted = co_await certs.async_delete(c.opt.positional.at(0));
    if (c.opt.json)
        print_json(c.out, deleted);
    else
        c.out << "deleted " << deleted.id << "\n";
    co_return exit_ok;
}

inline asio::awaitable<int> cmd_toggle(context& c, bool activate) {
    const oa::certificate_ids ids(c.opt.positional);
    const auto scopes = scopes_of(c.opt);
    for (const auto& project : scopes) {
        auto scope = scope_api(c.api, project);
        oa::activation_result result;
        if (activate) // (not `?:` around two co_awaits: g++ 12 miscompiles that)
            result = co_await scope.async_activate(ids);
        else
            result = co_await scope.async_deactivate(ids);
        if (c.opt.json) {
            print_json(c.out, result);
        } else {
            c.out << (activate ? "activated for " : "deactivated for ") << scope_label(project) << ":\n";
            print_table(c.out, result.data, c.now);
        }
    }
    co_return exit_ok;
}

inline asio::awaitable<int> cmd_expiring(context& c) {
    const std::int64_t limit = c.now + std::int64_t(c.opt.within_days) * 86400;
    const oa::list_params params{.limit = 100};
    auto list = scope_api(c.api, single_project(c.opt)).list(params);
    auto all = co_await collect_all(std::move(list));
    std::vector<oa::scoped_certificate> soon;
    for (auto& cert : all)
        if (cert.certificate_details.expires_at && *cert.certificate_details.expires_at <= limit)
            soon.push_back(std::move(cert));
    std::stable_sort(soon.begin(), soon.end(), [](const auto& a, const auto& b) {
        return *a.certificate_details.expires_at < *b.certificate_details.expires_at;
    });
    if (c.opt.json) {
        for (const auto& cert : soon)
            print_json(c.out, cert);
    } else if (soon.empty()) {
        c.out << "no certificate expires within " << c.opt.within_days << " days (" << all.size() << " checked)\n";
    } else {
        print_table(c.out, soon, c.now);
        c.out << soon.size() << " of " << all.size() << " certificates expire within " << c.opt.within_days
              << " days or have expired\n";
    }
    co_return soon.empty() ? exit_ok : exit_expiring;
}

// ---- rotate ------------------------------------------------------------------------------------

struct failure {
    oa::error_code ec;
    oa::diagnostics diag;
};

// One API step of a rotation, or of its rollback: upload, activate, deactivate or remove
// (certctl::step_kind, shared with plan/apply).

struct rotation {
    context& c;
    std::string old_id;
    std::string new_id;
    std::vector<std::optional<std::string>> scopes;
    std::optional<std::string> new_name; // --name, else the old certificate's name
    std::vector<bool> old_was_active;    // per scope, before the rotation
    std::size_t new_activated = 0;       // scopes [0, n) have the new certificate active
    std::size_t old_deactivated = 0;     // scopes [0, n) had the old one deactivated
    bool uploaded = false;

    void note(const std::string& line) {
        if (!c.opt.json)
            c.out << "  " << line << "\n";
    }
};

// Whether `id` is active in a scope, from that scope's list (get does not return `active`).
inline asio::awaitable<bool> active_in(oa::scope_certificates scope, std::string id) {
    const oa::list_params params{.limit = 100};
    auto list = scope.list(params);
    while (auto cert = co_await list.async_next())
        if (cert->id == id)
            co_return cert->active;
    co_return false;
}

// Runs one step; on failure returns what went wrong instead of throwing.
inline asio::awaitable<std::optional<failure>> run_step(rotation& r, step_kind kind,
                                                        std::optional<std::string> project, std::string id) {
    std::optional<failure> f;
    try {
        if (kind == step_kind::upload) {
            const oa::upload_params params{
                .certificate = r.c.pem,
                .name = r.new_name ? std::optional<std::string_view>(*r.new_name) : std::nullopt};
            auto certs = r.c.api.certificates();
            auto cert = co_await certs.async_upload(params);
            r.new_id = cert.id;
            if (r.c.opt.json)
                print_json(r.c.out, cert);
        } else if (kind == step_kind::remove) {
            auto certs = r.c.api.certificates();
            auto deleted = co_await certs.async_delete(id);
            if (r.c.opt.json)
                print_json(r.c.out, deleted);
        } else {
            auto scope = scope_api(r.c.api, project);
            const oa::certificate_ids ids(id);
            oa::activation_result result;
            if (kind == step_kind::activate)
                result = co_await scope.async_activate(ids);
            else
                result = co_await scope.async_deactivate(ids);
            if (r.c.opt.json)
                print_json(r.c.out, result);
        }
    } catch (const oa::api_error& e) {
        f = failure{e.code(), e.diag()};
    }
    co_return f;
}

// Undoes what was done, newest first: reactivate the old certificate where it was active,
// deactivate and delete the new one. Returns false if some undo step failed.
inline asio::awaitable<bool> roll_back(rotation& r) {
    bool complete = true;
    auto& err = r.c.err;
    err << "certctl: rolling back\n";
    for (std::size_t i = r.old_deactivated; i-- > 0;) {
        if (!r.old_was_active[i])
            continue;
        if (auto f = co_await run_step(r, step_kind::activate, r.scopes[i], r.old_id)) {
            complete = false;
            print_error(err, "ROLLBACK: reactivate " + r.old_id + " for " + scope_label(r.scopes[i]), f->ec, f->diag);
        } else {
            err << "  reactivated " << r.old_id << " for " << scope_label(r.scopes[i]) << "\n";
        }
    }
    for (std::size_t i = r.new_activated; i-- > 0;) {
        if (auto f = co_await run_step(r, step_kind::deactivate, r.scopes[i], r.new_id)) {
            complete = false;
            print_error(err, "ROLLBACK: deactivate " + r.new_id + " for " + scope_label(r.scopes[i]), f->ec, f->diag);
        } else {
            err << "  deactivated " << r.new_id << " for " << scope_label(r.scopes[i]) << "\n";
        }
    }
    if (r.uploaded) {
        if (auto f = co_await run_step(r, step_kind::remove, std::nullopt, r.new_id)) {
            complete = false;
            print_error(err, "ROLLBACK: delete " + r.new_id, f->ec, f->diag);
        } else {
            err << "  deleted " << r.new_id << "\n";
        }
    }
    if (complete)
        err << "certctl: rolled back; the certificates and their activation are as before the rotation\n";
    else
        err << "certctl: ROLLBACK INCOMPLETE: fix the steps above by hand (certctl activate/deactivate/delete)\n";
    co_return complete;
}

inline asio::awaitable<int> cmd_rotate(context& c) {
    rotation r{.c = c, .old_id = *c.opt.old_id, .new_id = {}, .scopes = scopes_of(c.opt), .new_name = c.opt.name,
                .old_was_active = {}};

    // Preflight (reads only): the old certificate exists; where is it active?
    auto certs = c.api.certificates();
    auto old = co_await certs.async_get(r.old_id);
    if (!r.new_name)
        r.new_name = old.name;
    for (const auto& project : r.scopes) {
        // Named locals: g++ 12 may destroy temporaries inside a co_await expression twice.
        auto scope = scope_api(c.api, project);
        std::string id = r.old_id;
        const bool active = co_await active_in(std::move(scope), std::move(id));
        r.old_was_active.push_back(active);
    }
    if (!c.opt.json)
        c.out << "rotate " << r.old_id << " -> " << *c.opt.new_file << "\n";

    std::string failed_step;
    std::optional<failure> f;
    if ((f = co_await run_step(r, step_kind::upload, std::nullopt, {}))) {
        failed_step = "upload " + *c.opt.new_file;
    } else {
        r.uploaded = true;
        r.note("uploaded    " + r.new_id);
    }
    for (std::size_t i = 0; !f && i < r.scopes.size(); ++i) {
        if ((f = co_await run_step(r, step_kind::activate, r.scopes[i], r.new_id))) {
            failed_step = "activate " + r.new_id + " for " + scope_label(r.scopes[i]);
        } else {
            r.new_activated = i + 1;
            r.note("activated   " + r.new_id + " for " + scope_label(r.scopes[i]));
        }
    }
    for (std::size_t i = 0; !f && i < r.scopes.size(); ++i) {
        if ((f = co_await run_step(r, step_kind::deactivate, r.scopes[i], r.old_id))) {
            failed_step = "deactivate " + r.old_id + " for " + scope_label(r.scopes[i]);
        } else {
            r.old_deactivated = i + 1;
            r.note("deactivated " + r.old_id + " for " + scope_label(r.scopes[i]));
        }
    }
    if (!f) {
        if ((f = co_await run_step(r, step_kind::remove, std::nullopt, r.old_id)))
            failed_step = "delete " + r.old_id;
        else
            r.note("deleted     " + r.old_id);
    }
    if (f) {
        print_error(c.err, "rotate step '" + failed_step + "'", f->ec, f->diag);
        co_await roll_back(r);
        co_return exit_code_for(f->ec);
    }
    if (!c.opt.json)
        c.out << "rotated: " << r.old_id << " replaced by " << r.new_id << "\n";
    co_return exit_ok;
}

// ---- plan / apply ------------------------------------------------------------------------------

inline std::string managed_text(const desired_state& d) {
    std::string s = "organization";
    for (const auto& p : d.projects)
        s += ", " + p;
    return s;
}

inline asio::awaitable<int> cmd_plan(context& c) {
    const auto& d = *c.state;
    fingerprint_cache cache;
    const auto live = co_await read_live(c.api, d, cache);
    const auto p = make_plan(d, live, plan_options{.canary = c.opt.canary});
    for (const auto& w : p.warnings)
        c.err << "certctl: warning: " << w << "\n";
    std::size_t n = 0;
    if (c.opt.json) {
        for (const auto& s : p.steps) {
            auto o = step_json(s, d);
            if (s.kind != step_kind::gate)
                o["step"] = ++n;
            c.out << boost::json::serialize(o) << "\n";
        }
        boost::json::object sum;
        sum["summary"] = summary_json(p);
        c.out << boost::json::serialize(sum) << "\n";
    } else {
        c.out << "plan for " << c.opt.positional.at(0) << ": " << d.certificates.size()
              << " certificates in the file; " << p.live_count << " on the server, " << p.matched
              << " of them in the file; managing " << managed_text(d) << (d.prune ? " (prune)" : "") << "\n";
        for (const auto& s : p.steps)
            c.out << (s.kind == step_kind::gate ? std::string("  --  ") : "  " + std::to_string(++n) + ". ")
                  << step_text(s, d) << "\n";
        c.out << summary_text(p) << "\n";
    }
    co_return p.calls() ? exit_changes : exit_ok;
}

// What cmd_apply returns when it stopped at the canary gate (run() decides what follows).
inline constexpr int apply_at_gate = -1;

// One step at a time, each planned from the live state read just before it.
inline asio::awaitable<int> cmd_apply(context& c, bool gate_passed) {
    const auto& d = *c.state;
    fingerprint_cache cache;
    std::vector<std::string> done; // steps run by this process: none is run twice
    bool warned = false;
    for (;;) {
        const auto live = co_await read_live(c.api, d, cache);
        const auto p = make_plan(d, live, plan_options{.canary = c.opt.canary, .gate_passed = gate_passed});
        if (!warned)
            for (const auto& w : p.warnings)
                c.err << "certctl: warning: " << w << "\n";
        warned = true;
        if (p.steps.empty()) {
            if (c.opt.json) {
                boost::json::object sum;
                sum["summary"] = {{"applied", c.applied}, {"converged", true}};
                c.out << boost::json::serialize(sum) << "\n";
            } else {
                c.out << "apply: " << c.applied << (c.applied == 1 ? " step" : " steps") << " run; the organization matches "
                      << c.opt.positional.at(0) << "\n";
            }
            co_return exit_ok;
        }
        const auto& s = p.steps.front();
        if (s.kind == step_kind::gate) {
            if (c.opt.confirm) {
                gate_passed = true;
                if (!c.opt.json)
                    c.out << "canary confirmed (--confirm): widening\n";
                continue;
            }
            if (!c.opt.json)
                c.out << "apply: stopped at the canary gate: " << scope_text(s.project)
                      << " has the new certificates; " << (p.calls()) << " more steps after it\n";
            co_return apply_at_gate;
        }
        const std::string key = s.key();
        if (std::find(done.begin(), done.end(), key) != done.end())
            throw std::runtime_error("the step '" + step_text(s, d) +
                                     "' was run, but the live state does not show it; stopping so that it is not run "
                                     "twice (rerun apply in a moment)");
        done.push_back(key);
        const auto id = co_await run_step(c.api, s, d);
        ++c.applied;
        if (c.opt.json) {
            auto o = step_json(s, d);
            o["done"] = c.applied;
            if (id)
                o["id"] = *id;
            c.out << boost::json::serialize(o) << std::endl;
        } else {
            c.out << "done " << c.applied << ": " << step_text(s, d) << (id ? " -> " + *id : std::string()) << std::endl;
        }
        if (c.hooks && c.hooks->after_step)
            c.hooks->after_step(c.applied, s);
    }
}

inline asio::awaitable<int> dispatch(context& c) {
    const std::string& cmd = c.opt.command;
    if (cmd == "list")
        co_return co_await cmd_list(c);
    if (cmd == "get")
        co_return co_await cmd_get(c);
    if (cmd == "upload")
        co_return co_await cmd_upload(c);
    if (cmd == "rename")
        co_return co_await cmd_rename(c);
    if (cmd == "delete")
        co_return co_await cmd_delete(c);
    if (cmd == "activate" || cmd == "deactivate")
        co_return co_await cmd_toggle(c, cmd == "activate");
    if (cmd == "expiring")
        co_return co_await cmd_expiring(c);
    if (cmd == "plan")
        co_return co_await cmd_plan(c);
    if (cmd == "apply")
        co_return co_await cmd_apply(c, false);
    co_return co_await cmd_rotate(c);
}

inline std::string read_input(const std::string& file, std::istream& in) {
    std::ostringstream ss;
    if (file == "-") {
        ss << in.rdbuf();
        return ss.str();
    }
    std::ifstream f(file, std::ios::binary);
    if (!f)
        throw usage_error("cannot read '" + file + "'");
    ss << f.rdbuf();
    return ss.str();
}

// Keeps the outcome of the command coroutine for `run`.
struct outcome_handler {
    std::exception_ptr* ex;
    int* code;
    void operator()(std::exception_ptr e, int rc) const {
        *ex = std::move(e);
        *code = rc;
    }
};

// Runs `cmd` through /bin/sh (apply --verify-command); whether it exited 0. Runs while no
// operation is in flight (between two io_context::run), so it blocks nothing.
inline bool run_verify_command(const std::string& cmd, std::ostream& out, std::ostream& err) {
    out << "running the verify command: " << cmd << std::endl;
    const int status = std::system(cmd.c_str()); // NOLINT(cert-env33-c): the operator's own command
    if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        out << "verify command succeeded: widening\n";
        return true;
    }
    err << "certctl: the verify command failed ("
        << (status == -1 ? std::string("could not run it")
                         : WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status)) : std::string("killed"))
        << "); nothing was widened: the new certificates stay active in the canary project only, next to the old "
           "ones\n";
    return false;
}

inline int run_command(asio::io_context& io, context& ctx, asio::awaitable<int> (*cmd)(context&)) {
    std::exception_ptr ex;
    int code = exit_ok;
    io.restart();
    asio::co_spawn(io, cmd(ctx), outcome_handler{&ex, &code});
    io.run();
    if (ex)
        std::rethrow_exception(ex);
    return code;
}

} // namespace detail

inline int run(std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err,
               const env_lookup& env, const run_hooks& hooks) {
    using namespace detail;
    std::string key; // for redaction only
    std::string command = "request";
    try {
        options o = parse(args);
        command = o.command;
        if (o.help) {
            out << usage;
            return exit_ok;
        }
        oa::client_config cfg = make_config(o, env);
        key = cfg.admin_key;

        std::string pem;
        if (o.command == "upload" || o.command == "rotate") {
            const std::string& file = o.command == "upload" ? o.positional.at(0) : *o.new_file;
            pem = read_input(file, in);
            if (!o.no_local_check) {
                const auto check = oa::check_ca_pem(pem);
                if (!check) {
                    err << "certctl: local check of " << (file == "-" ? "stdin" : file)
                        << " failed: " << check.reason << "\n";
                    return exit_local_check;
                }
            }
        }
        // plan / apply: the whole file is checked (every PEM locally) before any request.
        std::optional<desired_state> state;
        if (o.command == "plan" || o.command == "apply") {
            state = load_state(o.positional.at(0));
            if (o.canary && std::find(state->projects.begin(), state->projects.end(), *o.canary) == state->projects.end())
                throw usage_error("--canary " + *o.canary + ": not one of the projects " + o.positional.at(0) +
                                  " manages (its top-level \"projects\")");
        }
        if (cfg.admin_key.empty())
            throw usage_error("no admin key: set OPENAI_ADMIN_KEY (or pass --admin-key)");

        asio::io_context io;
        context ctx{.opt = o, .api = oa::client(io, cfg), .in = in, .out = out, .err = err, .pem = std::move(pem),
                    .now = unix_now(), .state = state ? &*state : nullptr, .hooks = &hooks};
        int code = run_command(io, ctx, dispatch);
        if (code == apply_at_gate) {
            if (!o.verify_command) {
                out << "rerun with --confirm to widen, or with --verify-command CMD\n";
                return exit_changes;
            }
            if (!run_verify_command(*o.verify_command, out, err))
                return exit_verify_failed;
            code = run_command(io, ctx, [](context& c) { return cmd_apply(c, true); });
        }
        return code;
    } catch (const state_file_error& e) {
        err << "certctl: " << e.what() << "\n";
        return e.local_check ? exit_local_check : exit_usage;
    } catch (const plan_error& e) {
        err << "certctl: cannot plan: " << e.what() << "\n";
        return e.local_check ? exit_local_check : exit_usage;
    } catch (const usage_error& e) {
        if (key.empty())
            key = key_for_redaction(args, env);
        err << "certctl: " << redact(e.what(), key) << "\n" << usage;
        return exit_usage;
    } catch (const oa::api_error& e) {
        print_error(err, command, e.code(), e.diag());
        return exit_code_for(e.code());
    } catch (const std::exception& e) {
        err << "certctl: " << redact(e.what(), key) << "\n";
        return exit_api_error;
    }
}

} // namespace certctl

#endif
