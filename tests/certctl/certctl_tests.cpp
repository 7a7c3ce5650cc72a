// certctl (examples/certctl) driven in-process through certctl::run against the local Admin API
// server over HTTPS (its CA passed with --ca-file): every command, every exit code, human and
// --json output, the local PEM check, and rotation with a failure injected at every step.

#include "../../examples/certctl/certctl.hpp"
#include "../support/fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace oa_test;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

struct cli_result {
    int code = -1;
    std::string out, err;
};

// Lines of NDJSON output, parsed.
std::vector<json::object> ndjson(const std::string& text) {
    std::vector<json::object> objs;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        objs.push_back(json::parse(line).as_object());
    return objs;
}

// A local server plus certctl pointed at it; files in a private temp directory.
struct cli {
    fake_server_options options;
    fake_server server;
    fs::path dir;
    std::map<std::string, std::string> env;
    std::vector<std::string> global{"--max-retries", "0"}; // retries would re-send injected faults

    explicit cli(fake_server_options opts = {}) : options(opts), server(opts) {
        static std::atomic<int> counter{0};
        dir = fs::temp_directory_path() /
              ("certctl_tests_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(dir);
        global.push_back("--ca-file");
        global.push_back(write("server-ca.pem", server.ca_pem()));
        env = {{"OPENAI_ADMIN_KEY", opts.admin_key}, {"OPENAI_BASE_URL", server.base_url()}};
    }
    ~cli() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    cli(const cli&) = delete;
    cli& operator=(const cli&) = delete;

    std::string write(const std::string& name, const std::string& content) {
        const auto p = dir / name;
        std::ofstream(p, std::ios::binary) << content;
        return p.string();
    }

    // certctl <global> args..., with `input` as stdin.
    cli_result operator()(std::vector<std::string> args, const std::string& input = {}) {
        args.insert(args.begin(), global.begin(), global.end());
        return raw(std::move(args), input);
    }
    // certctl args... without the default global options.
    cli_result raw(std::vector<std::string> args, const std::string& input = {}, const certctl::run_hooks& hooks = {}) {
        std::istringstream in(input);
        std::ostringstream out, err;
        const certctl::env_lookup lookup = [this](std::string_view name) -> std::optional<std::string> {
            auto it = env.find(std::string(name));
            return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
        };
        cli_result r;
        r.code = certctl::run(std::move(args), in, out, err, lookup, hooks);
        r.out = out.str();
        r.err = err.str();
        BOOST_TEST_MESSAGE("exit " << r.code << "\n--- stdout\n" << r.out << "--- stderr\n" << r.err);
        return r;
    }

    // Uploads a fresh CA; returns its id.
    std::string upload(const std::string& name, const ca_options& spec = {}) {
        auto r = (*this)({"--json", "upload", write(name + ".pem", make_ca_pem(spec)), "--name", name});
        BOOST_TEST_REQUIRE(r.code == 0);
        return std::string(ndjson(r.out).at(0).at("id").as_string());
    }

    // id -> active, for the organization or a project, as `list --all --json` shows it.
    std::map<std::string, bool> listing(const std::string& project = {}) {
        std::vector<std::string> args{"--json", "list", "--all", "--limit", "3"};
        if (!project.empty()) {
            args.push_back("--project");
            args.push_back(project);
        }
        auto r = (*this)(args);
        BOOST_TEST_REQUIRE(r.code == 0);
        std::map<std::string, bool> m;
        for (const auto& o : ndjson(r.out))
            m[std::string(o.at("id").as_string())] = o.at("active").as_bool();
        return m;
    }
};

// Everything a rotation may change: the certificate set and where each one is active.
struct state {
    std::size_t count = 0;
    std::map<std::string, bool> org, p1, p2;
    std::map<std::string, bool> server_org; // the server's own view of the ids listed
    bool operator==(const state&) const = default;
};

std::ostream& operator<<(std::ostream& os, const std::map<std::string, bool>& m) {
    for (const auto& [k, v] : m)
        os << k << "=" << v << " ";
    return os;
}
std::ostream& operator<<(std::ostream& os, const state& s) {
    return os << "{count=" << s.count << " org: " << s.org << " p1: " << s.p1 << " p2: " << s.p2 << "}";
}

state snapshot(cli& c) {
    state s;
    s.count = c.server.certificate_count();
    s.org = c.listing();
    s.p1 = c.listing("proj_1");
    s.p2 = c.listing("proj_2");
    for (const auto& [id, active] : s.org)
        s.server_org[id] = c.server.is_active_in_organization(id) && active;
    return s;
}

const std::string injected_body =
    R"({"error":{"message":"injected failure","type":"invalid_request_error","param":null,"code":"injected"}})";

} // namespace

BOOST_AUTO_TEST_SUITE(certctl_cli)

BOOST_AUTO_TEST_CASE(help_and_usage_errors) {
    cli c;
    auto help = c({"--help"});
    BOOST_TEST(help.code == 0);
    BOOST_TEST(help.out.find("usage: certctl") != std::string::npos);

    const std::vector<std::vector<std::string>> bad = {
        {},
        {"frobnicate"},
        {"list", "--bogus"},
        {"list", "--limit"},
        {"list", "--limit", "0"},
        {"list", "--limit", "101"},
        {"list", "--limit", "ten"},
        {"list", "--order", "sideways"},
        {"list", "extra"},
        {"list", "--project", "a", "--project", "b"},
        {"get"},
        {"get", "a", "b"},
        {"get", "--content=yes", "a"},
        {"upload"},
        {"rename", "cert_a"},
        {"delete"},
        {"activate"},
        {"activate", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"},
        {"expiring", "--within", "-1"},
        {"rotate", "--old", "cert_a"},
        {"rotate", "--new", "x.pem"},
        {"--timeout", "0", "list"},
        {"--timeout", "soon", "list"},
        {"--max-retries", "-1", "list"},
        {"--client-cert", "c.pem", "list"},
        {"upload", "/nonexistent/ca.pem", "--no-local-check"},
        {"--content", "get", "cert_a"}, // a command option before the command
    };
    for (const auto& args : bad) {
        auto r = c(args);
        BOOST_TEST(r.code == 2);
        BOOST_TEST(r.err.find("usage: certctl") != std::string::npos);
        BOOST_TEST(r.out.empty());
    }
    BOOST_TEST(c.server.requests().empty()); // nothing was sent

    // Without an admin key (neither env nor --admin-key).
    c.env.erase("OPENAI_ADMIN_KEY");
    auto nokey = c({"list"});
    BOOST_TEST(nokey.code == 2);
    BOOST_TEST(nokey.err.find("OPENAI_ADMIN_KEY") != std::string::npos);
    // An unreadable --ca-file is a configuration error too.
    c.env["OPENAI_ADMIN_KEY"] = c.options.admin_key;
    BOOST_TEST(c.raw({"--ca-file", "/nonexistent/ca.pem", "list"}).code == 2);
}

BOOST_AUTO_TEST_CASE(global_options_anywhere_and_equals_syntax) {
    cli c;
    c.server.seed_certificates(1);
    BOOST_TEST(c({"list", "--json"}).code == 0);
    auto r = c.raw({"list", "--ca-file=" + c.global.back(), "--limit=1", "--json", "--timeout=20", "--max-retries=0"});
    BOOST_TEST(r.code == 0);
    BOOST_TEST(ndjson(r.out).size() == 1u);
}

BOOST_AUTO_TEST_CASE(base_url_and_key_from_options_override_the_environment) {
    cli c;
    c.server.seed_certificates(1);
    c.env["OPENAI_BASE_URL"] = "https://127.0.0.1:1/v1"; // nothing listens there
    c.env["OPENAI_ADMIN_KEY"] = "sk-admin-wrong";
    BOOST_TEST(c({"list"}).code == 4);
    auto r = c({"--base-url", c.server.base_url(), "--admin-key", c.options.admin_key, "list"});
    BOOST_TEST(r.code == 0);
    BOOST_TEST(r.out.find("cert_seed_000000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_admin_key_is_never_printed) {
    cli c;
    const std::string key = "sk-admin-do-not-print-me";
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--admin-key", key, "list"},         // 401
             {"--admin-key", key, key},            // the key typed as a command
             {"--admin-key", key, "list", key},    // ...or as an argument
             {"--admin-key", key, "--" + key}}) {  // ...or as an option
        auto r = c(args);
        BOOST_TEST((r.code == 1 || r.code == 2));
        BOOST_TEST(r.out.find(key) == std::string::npos);
        BOOST_TEST(r.err.find(key) == std::string::npos);
    }
    BOOST_TEST(c({"--admin-key", key, "list"}).code == 1);
}

BOOST_AUTO_TEST_CASE(upload_get_rename_delete_human) {
    cli c;
    const std::string pem = make_ca_pem({.common_name = "edge"});
    auto up = c({"upload", c.write("edge.pem", pem), "--name", "edge CA"});
    BOOST_TEST_REQUIRE(up.code == 0);
    std::smatch m;
    BOOST_TEST_REQUIRE(std::regex_search(up.out, m, std::regex("^id: +(cert_\\w+)$", std::regex::multiline)));
    const std::string id = m[1];
    BOOST_TEST(up.out.find("name:       edge CA\n") != std::string::npos);
    // ISO 8601 UTC dates, and the days left of a one-year certificate.
    BOOST_TEST(std::regex_search(up.out, std::regex("expires:    \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\((364|365) days left\\)")));
    BOOST_TEST(c.server.certificate_count() == 1u);

    auto got = c({"get", id});
    BOOST_TEST(got.code == 0);
    BOOST_TEST(got.out.find("id:         " + id) != std::string::npos);
    BOOST_TEST(got.out.find("BEGIN CERTIFICATE") == std::string::npos);
    auto full = c({"get", id, "--content"});
    BOOST_TEST(full.code == 0);
    BOOST_TEST(full.out.find(pem) != std::string::npos);

    auto renamed = c({"rename", id, "edge CA (2027)"});
    BOOST_TEST(renamed.code == 0);
    BOOST_TEST(renamed.out.find("name:       edge CA (2027)\n") != std::string::npos);
    BOOST_TEST(c.server.requests().back().body == R"x({"name":"edge CA (2027)"})x");

    auto del = c({"delete", id});
    BOOST_TEST(del.code == 0);
    BOOST_TEST(del.out == "deleted " + id + "\n");
    BOOST_TEST(c.server.certificate_count() == 0u);
}

BOOST_AUTO_TEST_CASE(upload_get_rename_delete_json) {
    cli c;
    const std::string pem = make_ca_pem();
    auto up = c({"--json", "upload", "-", "--name", "from stdin"}, pem); // FILE "-" is stdin
    BOOST_TEST_REQUIRE(up.code == 0);
    auto objs = ndjson(up.out);
    BOOST_TEST_REQUIRE(objs.size() == 1u);
    BOOST_TEST(objs[0].at("object").as_string() == "certificate");
    BOOST_TEST(objs[0].at("name").as_string() == "from stdin");
    BOOST_TEST(objs[0].at("certificate_details").as_object().at("expires_at").is_int64());
    BOOST_TEST(json::parse(c.server.requests().back().body).at("certificate").as_string() == pem);
    const std::string id(objs[0].at("id").as_string());

    auto full = c({"get", "--json", id, "--content"});
    BOOST_TEST(full.code == 0);
    auto got = ndjson(full.out);
    BOOST_TEST_REQUIRE(got.size() == 1u);
    BOOST_TEST(got[0].at("certificate_details").as_object().at("content").as_string() == pem);
    BOOST_TEST(!got[0].contains("active")); // get does not return it, so neither do we

    auto renamed = ndjson(c({"--json", "rename", id, "x"}).out);
    BOOST_TEST(renamed.at(0).at("name").as_string() == "x");

    auto del = c({"--json", "delete", id});
    BOOST_TEST(del.code == 0);
    BOOST_TEST(json::parse(del.out) == json::parse(R"({"object":"certificate.deleted","id":")" + id + "\"}"));
}

BOOST_AUTO_TEST_CASE(upload_checks_the_pem_locally_first) {
    cli c;
    struct bad_case {
        std::string name, content, reason;
    };
    const std::string good = make_ca_pem();
    const std::vector<bad_case> cases = {
        {"leaf", make_ca_pem({.is_ca = false}), "CA:TRUE"},
        {"expired", make_ca_pem({.not_before = std::chrono::seconds(-86400 * 10), .not_after = std::chrono::seconds(-60)}),
         "expired"},
        {"soon", make_ca_pem({.not_after = std::chrono::seconds(3600)}), "expires in"},
        {"noski", make_ca_pem({.subject_key_id = false}), "subjectKeyIdentifier"},
        {"noaki", make_ca_pem({.authority_key_id = false}), "authorityKeyIdentifier"},
        {"garbage", "not a certificate\n", "no PEM block"},
        {"two", good + make_ca_pem(), "found 2"},
        {"big", good + std::string(16 * 1024, '#'), "smaller than 16384"},
    };
    for (const auto& bc : cases) {
        auto r = c({"upload", c.write(bc.name + ".pem", bc.content)});
        BOOST_TEST(r.code == 5, bc.name);
        BOOST_TEST(r.err.find("local check of") != std::string::npos, bc.name);
        BOOST_TEST(r.err.find(bc.reason) != std::string::npos, bc.name << ": " << r.err);
        BOOST_TEST(r.out.empty());
        // Stdin goes through the same check.
        BOOST_TEST(c({"upload", "-"}, bc.content).code == 5, bc.name);
    }
    BOOST_TEST(c.server.requests().empty()); // nothing reached the server

    // --no-local-check leaves it to the server, which (in its default mode) accepts a leaf.
    auto skipped = c({"upload", c.write("leaf2.pem", make_ca_pem({.is_ca = false})), "--no-local-check"});
    BOOST_TEST(skipped.code == 0);
    BOOST_TEST(c.server.certificate_count() == 1u);
}

BOOST_AUTO_TEST_CASE(server_side_rejection_is_an_api_error) {
    cli c({.strict_certificate_checks = true});
    auto r = c({"upload", c.write("leaf.pem", make_ca_pem({.is_ca = false})), "--no-local-check"});
    BOOST_TEST(r.code == 1);
    BOOST_TEST(r.err.find("status:     400") != std::string::npos);
    BOOST_TEST(r.err.find("code:       invalid_certificate") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(list_one_page_with_a_hint_then_all_pages) {
    cli c;
    c.server.seed_certificates(5);
    auto page = c({"list", "--limit", "2", "--order", "asc"});
    BOOST_TEST_REQUIRE(page.code == 0);
    BOOST_TEST(std::regex_search(page.out, std::regex("^ID +NAME +ACTIVE +VALID FROM +EXPIRES +DAYS LEFT\n")));
    BOOST_TEST(std::regex_search(page.out, std::regex("\ncert_seed_000000  seed 0  no      \\d{4}-\\d\\d-\\d\\dT[0-9:]{8}Z  ")));
    BOOST_TEST(page.out.find("cert_seed_000001") != std::string::npos);
    BOOST_TEST(page.out.find("cert_seed_000002") == std::string::npos);
    BOOST_TEST(page.out.find("add --after cert_seed_000001") != std::string::npos);
    // Columns are aligned: every row starts its NAME at the same offset.
    BOOST_TEST(page.out.find("NAME") == std::string("cert_seed_000000  ").size());

    // The hint's cursor gives the next page; the last page has no hint.
    auto next = c({"list", "--limit", "2", "--order", "asc", "--after", "cert_seed_000003"});
    BOOST_TEST(next.out.find("cert_seed_000004") != std::string::npos);
    BOOST_TEST(next.out.find("--after") == std::string::npos);

    // --json: one object per line on stdout, the hint on stderr.
    auto json_page = c({"--json", "list", "--limit", "2", "--order", "asc"});
    auto objs = ndjson(json_page.out);
    BOOST_TEST_REQUIRE(objs.size() == 2u);
    BOOST_TEST(objs[0].at("object").as_string() == "organization.certificate");
    BOOST_TEST(objs[0].at("id").as_string() == "cert_seed_000000");
    BOOST_TEST(objs[0].at("active").as_bool() == false);
    BOOST_TEST(json_page.err.find("--after cert_seed_000001") != std::string::npos);

    c.server.clear_requests();
    auto all = c({"--json", "list", "--limit", "2", "--all"});
    BOOST_TEST(all.code == 0);
    BOOST_TEST(ndjson(all.out).size() == 5u);
    BOOST_TEST(ndjson(all.out).front().at("id").as_string() == "cert_seed_000004"); // server default: desc
    BOOST_TEST(all.err.empty());
    BOOST_TEST(c.server.requests().size() == 3u); // 2 + 2 + 1

    auto empty_server = cli();
    auto none = empty_server({"list"});
    BOOST_TEST(none.code == 0);
    BOOST_TEST(none.out == "(no certificates)\n");
    BOOST_TEST(empty_server({"--json", "list"}).out.empty());
}

BOOST_AUTO_TEST_CASE(activate_and_deactivate_per_scope) {
    cli c;
    c.server.seed_certificates(3);
    const std::string a = "cert_seed_000000", b = "cert_seed_000001";

    auto org = c({"activate", a, b});
    BOOST_TEST(org.code == 0);
    BOOST_TEST(org.out.find("activated for organization:") == 0u);
    BOOST_TEST(std::regex_search(org.out, std::regex(a + "  seed 0  yes")));
    BOOST_TEST(c.server.is_active_in_organization(a));
    BOOST_TEST(c.server.is_active_in_organization(b));

    auto proj = c({"--json", "activate", a, "--project", "proj_1", "--project", "proj_2"});
    BOOST_TEST(proj.code == 0);
    auto objs = ndjson(proj.out);
    BOOST_TEST_REQUIRE(objs.size() == 2u);
    BOOST_TEST(objs[0].at("object").as_string() == "organization.project.certificate.activation");
    BOOST_TEST(objs[0].at("data").as_array().at(0).at("active").as_bool());
    BOOST_TEST(c.server.is_active_in_project("proj_1", a));
    BOOST_TEST(c.server.is_active_in_project("proj_2", a));
    BOOST_TEST(!c.server.is_active_in_project("proj_1", b));

    // A project's list shows the state in that project.
    auto plist = c.listing("proj_1");
    BOOST_TEST(plist.at(a));
    BOOST_TEST(!plist.at(b));
    auto human = c({"list", "--project", "proj_2"});
    BOOST_TEST(std::regex_search(human.out, std::regex(a + "  seed 0  yes")));
    BOOST_TEST(std::regex_search(human.out, std::regex(b + "  seed 1  no ")));

    BOOST_TEST(c({"deactivate", a, "--project", "proj_1"}).code == 0);
    BOOST_TEST(!c.server.is_active_in_project("proj_1", a));
    BOOST_TEST(c.server.is_active_in_project("proj_2", a));
    auto deact = c({"--json", "deactivate", a, b});
    BOOST_TEST(ndjson(deact.out).at(0).at("object").as_string() == "organization.certificate.deactivation");
    BOOST_TEST(!c.server.is_active_in_organization(a));
    BOOST_TEST(!c.server.is_active_in_organization(b));
}

BOOST_AUTO_TEST_CASE(api_errors_exit_1_with_status_type_code_message_and_request_id) {
    cli c;
    auto r = c({"get", "cert_missing"});
    BOOST_TEST(r.code == 1);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.find("certctl: get failed: not found (404)") != std::string::npos);
    BOOST_TEST(r.err.find("status:     404") != std::string::npos);
    BOOST_TEST(r.err.find("type:       invalid_request_error") != std::string::npos);
    BOOST_TEST(r.err.find("code:       not_found") != std::string::npos);
    BOOST_TEST(r.err.find("message:    No certificate found with ID 'cert_missing'.") != std::string::npos);
    BOOST_TEST(std::regex_search(r.err, std::regex("request id: req_[0-9a-f]+")));

    // Deleting an active certificate: 409.
    c.server.seed_certificates(1);
    BOOST_TEST(c({"activate", "cert_seed_000000"}).code == 0);
    auto del = c({"delete", "cert_seed_000000"});
    BOOST_TEST(del.code == 1);
    BOOST_TEST(del.err.find("status:     409") != std::string::npos);
    BOOST_TEST(c.server.certificate_count() == 1u);

    // Other statuses, and a body that is not an OpenAI error.
    c.server.inject({.status = 503, .body = "upstream unavailable"});
    auto unavailable = c({"list"});
    BOOST_TEST(unavailable.code == 1);
    BOOST_TEST(unavailable.err.find("status:     503") != std::string::npos);
    BOOST_TEST(unavailable.err.find("upstream unavailable") != std::string::npos);
    // A 200 that is not a certificate list: the SDK cannot decode it, still exit 1.
    c.server.inject({.status = 200, .body = R"({"object":"list"})"});
    BOOST_TEST(c({"list"}).code == 1);
}

BOOST_AUTO_TEST_CASE(network_tls_and_timeout_errors_exit_4) {
    cli c;
    // Nothing listening.
    auto refused = c({"--base-url", "https://127.0.0.1:1/v1", "list"});
    BOOST_TEST(refused.code == 4);
    BOOST_TEST(refused.err.find("network, TLS or timeout error") != std::string::npos);
    // A server certificate nobody trusts: another CA in --ca-file.
    const auto other = c.write("other-ca.pem", make_server_identity().ca_pem);
    BOOST_TEST(c.raw({"--ca-file", other, "--max-retries", "0", "list"}).code == 4);
    // The connection closes without a response.
    c.server.inject({.close_without_reply = true});
    BOOST_TEST(c({"list"}).code == 4);
    // No response within --timeout.
    c.server.inject({.hang = true});
    auto slow = c({"--timeout", "0.3", "list"});
    BOOST_TEST(slow.code == 4);
    // ...and the server works afterwards.
    BOOST_TEST(c({"list"}).code == 0);
}

BOOST_AUTO_TEST_CASE(expiring_exits_3_when_something_expires) {
    cli c;
    BOOST_TEST(c({"expiring"}).code == 0); // no certificates at all
    const auto soon = c.upload("soon", {.not_after = std::chrono::seconds(10L * 86400)});
    const auto later = c.upload("later", {.not_after = std::chrono::seconds(400L * 86400)});
    // An expired one (only the server's default mode accepts it).
    auto exp = c({"--json", "upload", c.write("old.pem", make_ca_pem({.not_before = std::chrono::seconds(-86400 * 30),
                                                                                  .not_after = std::chrono::seconds(-86400 * 2)})),
                  "--no-local-check", "--name", "expired"});
    BOOST_TEST_REQUIRE(exp.code == 0);
    const std::string expired(ndjson(exp.out).at(0).at("id").as_string());

    auto r = c({"expiring"}); // default: 30 days
    BOOST_TEST(r.code == 3);
    BOOST_TEST(r.out.find(soon) != std::string::npos);
    BOOST_TEST(r.out.find(expired) != std::string::npos);
    BOOST_TEST(r.out.find(later) == std::string::npos);
    BOOST_TEST(r.out.find("2 of 3 certificates expire within 30 days or have expired") != std::string::npos);
    BOOST_TEST(r.out.find(expired) < r.out.find(soon)); // soonest first
    BOOST_TEST(std::regex_search(r.out, std::regex("expired +no +[0-9TZ:-]+ +[0-9TZ:-]+ +-[23]\n")));

    auto js = c({"--json", "expiring", "--within", "5"});
    BOOST_TEST(js.code == 3);
    auto objs = ndjson(js.out);
    BOOST_TEST_REQUIRE(objs.size() == 1u);
    BOOST_TEST(objs[0].at("id").as_string() == expired);

    BOOST_TEST(c({"expiring", "--within", "500"}).code == 3);
    BOOST_TEST(c({"delete", expired}).code == 0);
    auto none = c({"expiring", "--within", "5"});
    BOOST_TEST(none.code == 0);
    BOOST_TEST(none.out == "no certificate expires within 5 days (2 checked)\n");
    BOOST_TEST(c({"--json", "expiring", "--within", "5"}).out.empty());

    // Project scope lists the organization's certificates too.
    BOOST_TEST(c({"expiring", "--project", "proj_1"}).code == 3);
}

BOOST_AUTO_TEST_CASE(rotate_in_the_organization) {
    cli c;
    c.server.seed_certificates(2);
    const auto old = c.upload("old CA");
    BOOST_TEST(c({"activate", old}).code == 0);

    auto r = c({"rotate", "--old", old, "--new", c.write("new.pem", make_ca_pem()), "--name", "new CA"});
    BOOST_TEST_REQUIRE(r.code == 0);
    std::smatch m;
    BOOST_TEST_REQUIRE(std::regex_search(r.out, m, std::regex("rotated: " + old + " replaced by (cert_\\w+)")));
    const std::string fresh = m[1];
    BOOST_TEST(r.out.find("uploaded    " + fresh) != std::string::npos);
    BOOST_TEST(r.out.find("activated   " + fresh + " for organization") != std::string::npos);
    BOOST_TEST(r.out.find("deactivated " + old + " for organization") != std::string::npos);
    BOOST_TEST(r.out.find("deleted     " + old) != std::string::npos);

    BOOST_TEST(c.server.certificate_count() == 3u);
    BOOST_TEST(c.server.is_active_in_organization(fresh));
    BOOST_TEST(c({"get", old}).code == 1);
    auto listed = c.listing();
    BOOST_TEST(listed.count(old) == 0u);
    BOOST_TEST(listed.at(fresh));
}

BOOST_AUTO_TEST_CASE(rotate_in_projects_only_json) {
    cli c;
    const auto old = c.upload("old CA");
    BOOST_TEST(c({"activate", old, "--project", "proj_1", "--project", "proj_2"}).code == 0);

    auto r = c({"--json", "rotate", "--old", old, "--new", c.write("new.pem", make_ca_pem()),
                "--project", "proj_1", "--project", "proj_2"});
    BOOST_TEST_REQUIRE(r.code == 0);
    // Every object the API returned: upload, 2 activations, 2 deactivations, the deletion.
    auto objs = ndjson(r.out);
    BOOST_TEST_REQUIRE(objs.size() == 6u);
    BOOST_TEST(objs[0].at("object").as_string() == "certificate");
    BOOST_TEST(objs[0].at("name").as_string() == "old CA"); // --name defaults to the old name
    const std::string fresh(objs[0].at("id").as_string());
    BOOST_TEST(objs[1].at("object").as_string() == "organization.project.certificate.activation");
    BOOST_TEST(objs[3].at("object").as_string() == "organization.project.certificate.deactivation");
    BOOST_TEST(objs[5].at("object").as_string() == "certificate.deleted");

    BOOST_TEST(c.server.is_active_in_project("proj_1", fresh));
    BOOST_TEST(c.server.is_active_in_project("proj_2", fresh));
    BOOST_TEST(!c.server.is_active_in_organization(fresh)); // the organization scope was not asked for
    BOOST_TEST(c.server.certificate_count() == 1u);
}

BOOST_AUTO_TEST_CASE(rotate_checks_the_new_pem_first) {
    cli c;
    const auto old = c.upload("old CA");
    c.server.clear_requests();
    auto r = c({"rotate", "--old", old, "--new", c.write("leaf.pem", make_ca_pem({.is_ca = false}))});
    BOOST_TEST(r.code == 5);
    BOOST_TEST(c.server.requests().empty());
    // A missing old certificate: found in the preflight, nothing uploaded.
    auto missing = c({"rotate", "--old", "cert_missing", "--new", c.write("new.pem", make_ca_pem())});
    BOOST_TEST(missing.code == 1);
    BOOST_TEST(c.server.certificate_count() == 1u);
}

// A failure injected at each request of a rotation, one at a time: the rotation fails with the
// right exit code and leaves the certificates and their activation exactly as they were.
void rotate_fails_at_every_step(const std::vector<std::string>& projects, bool old_active_in_org, bool network_fault) {
    cli c;
    c.server.seed_certificates(2);
    std::vector<std::string> rotate_args{"rotate", "--old", "", "--new", c.write("new.pem", make_ca_pem()),
                                         "--name", "new CA"};
    for (const auto& p : projects) {
        rotate_args.push_back("--project");
        rotate_args.push_back(p);
    }
    if (network_fault) { // the faulted request hangs until this per-attempt timeout
        rotate_args.insert(rotate_args.begin(), {"--timeout", "2"});
    }
    auto setup = [&] {
        c.server.reset();
        c.server.seed_certificates(2);
        const auto old = c.upload("old CA");
        BOOST_TEST_REQUIRE(c({"activate", "cert_seed_000000", "--project", "proj_1"}).code == 0);
        if (old_active_in_org)
            BOOST_TEST_REQUIRE(c({"activate", old}).code == 0);
        for (const auto& p : projects)
            BOOST_TEST_REQUIRE(c({"activate", old, "--project", p}).code == 0);
        return old;
    };

    // A clean run tells how many requests a rotation makes.
    auto old = setup();
    c.server.clear_requests();
    const std::size_t old_at = network_fault ? 4 : 2; // index of the --old value
    rotate_args[old_at] = old;
    BOOST_TEST_REQUIRE(c(rotate_args).code == 0);
    const auto steps = c.server.requests();
    // get + one list per scope, upload, activate and deactivate per scope, delete
    const std::size_t scopes = projects.empty() ? 1 : projects.size();
    BOOST_TEST_REQUIRE(steps.size() == 1 + scopes + 1 + 2 * scopes + 1);

    for (std::size_t k = 0; k < steps.size(); ++k) {
        BOOST_TEST_CONTEXT("failure at request " << k << ": " << steps[k].method << " " << steps[k].path) {
            old = setup();
            rotate_args[old_at] = old;
            const state before = snapshot(c);
            auto seen = std::make_shared<std::atomic<std::size_t>>(0);
            c.server.set_fault_hook([seen, k, network_fault](const recorded_request&) -> std::optional<fault> {
                if ((*seen)++ != k)
                    return std::nullopt;
                // A hang, not a closed connection: the SDK re-sends a request once when a reused
                // connection closes before any response byte, which would hide the fault.
                if (network_fault)
                    return fault{.hang = true};
                return fault{.status = 400, .body = injected_body};
            });
            auto r = c(rotate_args);
            c.server.set_fault_hook({});

            BOOST_TEST(r.code == (network_fault ? 4 : 1));
            BOOST_TEST(r.out.find("rotated:") == std::string::npos);
            const bool after_upload = steps[k].method != "GET" && !(steps[k].method == "POST" &&
                                                                   steps[k].path == "/organization/certificates");
            if (after_upload) {
                BOOST_TEST(r.err.find("rotate step '") != std::string::npos);
                BOOST_TEST(r.err.find("rolled back;") != std::string::npos);
                BOOST_TEST(r.err.find("ROLLBACK INCOMPLETE") == std::string::npos);
            }
            const state after = snapshot(c);
            BOOST_TEST(after == before);
            BOOST_TEST(c.server.is_active_in_project("proj_1", "cert_seed_000000"));
            BOOST_TEST(c.server.is_active_in_organization(old) == old_active_in_org);
            for (const auto& p : projects)
                BOOST_TEST(c.server.is_active_in_project(p, old));
        }
    }
}

BOOST_AUTO_TEST_CASE(rotate_rolls_back_at_every_step_org) { rotate_fails_at_every_step({}, true, false); }

BOOST_AUTO_TEST_CASE(rotate_rolls_back_at_every_step_projects) {
    rotate_fails_at_every_step({"proj_1", "proj_2"}, false, false);
}

BOOST_AUTO_TEST_CASE(rotate_rolls_back_after_network_faults) { rotate_fails_at_every_step({"proj_2"}, false, true); }

BOOST_AUTO_TEST_CASE(rotate_in_projects_of_an_org_wide_certificate_cannot_delete_and_rolls_back) {
    cli c;
    const auto old = c.upload("old CA");
    BOOST_TEST(c({"activate", old}).code == 0);
    BOOST_TEST(c({"activate", old, "--project", "proj_1"}).code == 0);
    const state before = snapshot(c);
    auto r = c({"rotate", "--old", old, "--new", c.write("new.pem", make_ca_pem()), "--project", "proj_1"});
    BOOST_TEST(r.code == 1);
    BOOST_TEST(r.err.find("rotate step 'delete " + old + "' failed") != std::string::npos);
    BOOST_TEST(r.err.find("status:     409") != std::string::npos);
    BOOST_TEST(r.err.find("reactivated " + old + " for project proj_1") != std::string::npos);
    BOOST_TEST(snapshot(c) == before);
}

BOOST_AUTO_TEST_CASE(rotate_reports_an_incomplete_rollback) {
    cli c;
    const auto old = c.upload("old CA");
    BOOST_TEST(c({"activate", old}).code == 0);
    // The delete of the old certificate fails, and so does reactivating it.
    c.server.set_fault_hook([old](const recorded_request& req) -> std::optional<fault> {
        const bool delete_old = req.method == "DELETE" && req.path == "/organization/certificates/" + old;
        const bool reactivate_old = req.method == "POST" && req.path == "/organization/certificates/activate" &&
                                    req.body.find(old) != std::string::npos;
        if (delete_old || reactivate_old)
            return fault{.status = 400, .body = injected_body};
        return std::nullopt;
    });
    auto r = c({"rotate", "--old", old, "--new", c.write("new.pem", make_ca_pem())});
    c.server.set_fault_hook({});
    BOOST_TEST(r.code == 1);
    BOOST_TEST(r.err.find("ROLLBACK: reactivate " + old + " for organization failed") != std::string::npos);
    BOOST_TEST(r.err.find("ROLLBACK INCOMPLETE") != std::string::npos);
    // The other undo steps still ran: the new certificate is gone again.
    BOOST_TEST(c.server.certificate_count() == 1u);
    BOOST_TEST(!c.server.is_active_in_organization(old)); // what the report asks to fix by hand
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
// plan / apply: the desired-state file
// ---------------------------------------------------------------------------------------------
namespace {

// Where each certificate of the fake server is active, by PEM: what a file describes.
struct trust {
    std::optional<std::string> name;
    bool org = false;
    std::vector<std::string> projects;
    bool operator==(const trust&) const = default;
};
using trust_map = std::map<std::string, trust>; // PEM -> trust

trust_map trust_of(const cli& c) {
    trust_map m;
    for (const auto& s : c.server.certificates()) {
        BOOST_TEST(!m.count(s.pem), "two certificates with the same content: " << s.id);
        m[s.pem] = trust{s.name, s.active_in_organization, s.active_in_projects};
    }
    return m;
}

std::string describe(const trust_map& m) {
    std::ostringstream os;
    for (const auto& [pem, t] : m) {
        os << "{" << t.name.value_or("null") << " org=" << t.org << " projects=";
        for (const auto& p : t.projects)
            os << p << ",";
        os << "} ";
    }
    return os.str();
}

// Compares the server's certificates with what a file wants, printing both when they differ.
#define CHECK_TRUST(c, want)                                                                     \
    do {                                                                                         \
        const auto got_ = trust_of(c);                                                           \
        const auto want_ = (want);                                                               \
        BOOST_TEST((got_ == want_), "server: " << describe(got_) << "\nwanted: " << describe(want_)); \
    } while (0)

// A certificate of a desired-state file: name, PEM (written to a file), where it is active.
struct entry {
    std::string name;
    std::string pem;
    bool org = false;
    std::vector<std::string> projects;
};

std::string state_json(const std::vector<entry>& certs, bool prune, cli& c) {
    json::object root;
    root["projects"] = json::array{"proj_1", "proj_2", "proj_3"};
    root["prune"] = prune;
    json::array list;
    for (const auto& e : certs) {
        json::object o;
        o["name"] = e.name;
        o["pem_file"] = fs::path(c.write(e.name + ".pem", e.pem)).filename().string();
        json::array projects;
        for (const auto& p : e.projects)
            projects.emplace_back(p);
        o["active"] = {{"organization", e.org}, {"projects", std::move(projects)}};
        list.push_back(std::move(o));
    }
    root["certificates"] = std::move(list);
    return json::serialize(root);
}

trust_map expected(const std::vector<entry>& certs) {
    trust_map m;
    for (const auto& e : certs) {
        auto projects = e.projects;
        std::sort(projects.begin(), projects.end());
        m[e.pem] = trust{e.name, e.org, projects};
    }
    return m;
}

std::size_t mutating_requests(const cli& c) {
    std::size_t n = 0;
    for (const auto& r : c.server.requests())
        n += r.method != "GET";
    return n;
}

// Three CAs, made once.
const std::vector<std::string>& pems() {
    static const std::vector<std::string> p = [] {
        std::vector<std::string> v;
        for (int i = 0; i < 4; ++i)
            v.push_back(make_ca_pem(ca_options{.common_name = "plan CA " + std::to_string(i)}));
        return v;
    }();
    return p;
}

// Before: A (org), B (proj_1, proj_2), C (proj_3), and D unmanaged (not in the file, org).
// After: A renamed and also in proj_3; B moved from proj_1 to proj_3; C gone (prune); E new
// in the organization and proj_2. Without prune C and D are left alone; with it, deleted.
struct transition {
    std::vector<entry> before{{"A", pems()[0], true, {}}, {"B", pems()[1], false, {"proj_1", "proj_2"}},
                              {"C", pems()[2], false, {"proj_3"}}};
    std::vector<entry> after{{"A renamed", pems()[0], true, {"proj_3"}}, {"B", pems()[1], false, {"proj_2", "proj_3"}},
                             {"E", pems()[3], true, {"proj_2"}}};
};

} // namespace

BOOST_AUTO_TEST_SUITE(certctl_plan_apply)

// make_plan alone (no server): batches of at most 10 ids per scope, the order, the gate.
BOOST_AUTO_TEST_CASE(make_plan_batches_orders_and_gates) {
    certctl::desired_state d;
    d.projects = {"proj_c", "proj_x"};
    certctl::live_state live;
    for (std::size_t i = 0; i < 12; ++i) {
        certctl::desired_certificate e;
        e.index = i;
        e.name = "n" + std::to_string(i);
        e.identity.fingerprint = "fp" + std::to_string(i);
        e.organization = true;
        d.certificates.push_back(e);
    }
    // n0 is on the server, active in proj_x where the file does not want it; one certificate
    // not in the file is active for the organization.
    live.certificates.push_back({.id = "cert_0", .name = "n0", .created_at = 1, .valid_at = 0, .expires_at = 0,
                                 .organization = false, .projects = {"proj_x"}, .fingerprint = "fp0"});
    live.certificates.push_back({.id = "cert_other", .name = std::nullopt, .created_at = 2, .valid_at = 0,
                                 .expires_at = 0, .organization = true, .projects = {}, .fingerprint = "zz"});
    using k = certctl::step_kind;
    auto p = certctl::make_plan(d, live);
    std::vector<k> kinds;
    for (const auto& s : p.steps)
        kinds.push_back(s.kind);
    std::vector<k> want(11, k::upload);
    want.insert(want.end(), {k::activate, k::activate, k::deactivate});
    BOOST_TEST((kinds == want));
    BOOST_TEST(p.steps[11].targets.size() == 10u);
    BOOST_TEST(p.steps[12].targets.size() == 2u);
    BOOST_TEST(*p.steps[11].targets[0].id == "cert_0");
    BOOST_TEST(!p.steps[11].targets[1].id); // not uploaded yet
    BOOST_TEST(*p.steps[13].project == "proj_x");
    BOOST_TEST(p.steps[13].targets.size() == 1u); // cert_other is not the file's: left alone

    d.prune = true;
    p = certctl::make_plan(d, live, {.canary = std::string("proj_c")});
    // uploads; the canary activation of the 11 new ones (n0 is trusted in proj_x already, so it
    // is not new), the gate, the organization (10 + 2); deactivations of what is active now
    // (cert_other in the organization, cert_0 in proj_x); the delete of cert_other.
    std::vector<std::string> seq;
    for (const auto& s : p.steps)
        seq.push_back(std::string(certctl::name_of(s.kind)) + ":" + s.project.value_or("org") + ":" +
                      std::to_string(s.targets.size()));
    const std::vector<std::string> want_seq = [] {
        std::vector<std::string> v(11, "upload:org:1");
        v.insert(v.end(), {"activate:proj_c:10", "activate:proj_c:1", "wait:proj_c:0", "activate:org:10",
                           "activate:org:2", "deactivate:org:1", "deactivate:proj_x:1", "delete:org:1"});
        return v;
    }();
    BOOST_TEST(seq == want_seq, boost::test_tools::per_element());
    BOOST_TEST(certctl::make_plan(d, live, {.canary = std::string("proj_c"), .gate_passed = true}).count(k::gate) == 0u);
    BOOST_TEST(p.calls() == p.steps.size() - 1);

    live.certificates.resize(50 - 11 + 1, live.certificates[1]); // 40 on the server + 11 uploads > 50
    BOOST_CHECK_THROW(certctl::make_plan(d, live), certctl::plan_error);
}

BOOST_AUTO_TEST_CASE(plan_and_apply_from_empty_then_a_no_op_rerun) {
    cli c;
    const transition t;
    const auto file = c.write("state.json", state_json(t.before, false, c));

    auto plan = c({"plan", file});
    BOOST_TEST(plan.code == 3); // changes planned
    // uploads first, then activations per scope (organization, then the projects in file order)
    const std::regex order(R"(1\. upload +"A"[^]*2\. upload +"B"[^]*3\. upload +"C"[^]*4\. activate +organization: "A" \(new\))"
                           R"([^]*5\. activate +project proj_1: "B"[^]*6\. activate +project proj_2: "B"[^]*7\. activate +project proj_3: "C")");
    BOOST_TEST(std::regex_search(plan.out, order), plan.out);
    BOOST_TEST(plan.out.find("7 steps: 3 upload, 4 activate") != std::string::npos);
    BOOST_TEST(c.server.certificate_count() == 0u); // plan changes nothing
    BOOST_TEST(mutating_requests(c) == 0u);

    auto json_plan = c({"--json", "plan", file});
    BOOST_TEST(json_plan.code == 3);
    const auto lines = ndjson(json_plan.out);
    BOOST_TEST_REQUIRE(lines.size() == 8u);
    BOOST_TEST(lines[0].at("action").as_string() == "upload");
    BOOST_TEST(lines[0].at("step").as_int64() == 1);
    BOOST_TEST(lines[0].at("certificates").as_array().at(0).at("id").is_null());
    BOOST_TEST(lines[4].at("scope").as_string() == "project");
    BOOST_TEST(lines[4].at("project").as_string() == "proj_1");
    BOOST_TEST(lines[7].at("summary").at("steps").as_int64() == 7);

    auto apply = c({"apply", file});
    BOOST_TEST(apply.code == 0);
    BOOST_TEST(apply.out.find("7 steps run; the organization matches") != std::string::npos);
    CHECK_TRUST(c, expected(t.before));
    BOOST_TEST(c.server.request_count("uploadCertificate") == 3u);

    c.server.clear_requests();
    auto again = c({"plan", file});
    BOOST_TEST(again.code == 0);
    BOOST_TEST(again.out.find("no changes") != std::string::npos);
    BOOST_TEST(c({"apply", file}).code == 0);
    BOOST_TEST(mutating_requests(c) == 0u);
    // certificates already fingerprinted are not fetched again within one run; two runs here
    BOOST_TEST(c.server.request_count("getCertificate") == 6u);
}

BOOST_AUTO_TEST_CASE(rename_move_add_and_prune) {
    for (const bool prune : {false, true}) {
        BOOST_TEST_CONTEXT("prune " << prune) {
            cli c;
            const transition t;
            BOOST_TEST_REQUIRE(c({"apply", c.write("before.json", state_json(t.before, false, c))}).code == 0);
            const std::string unmanaged = make_ca_pem(ca_options{.common_name = "unmanaged"});
            const auto d = c.server.seed({{.name = "D", .pem = unmanaged, .active_in_organization = true}});
            c.server.clear_requests();

            const auto file = c.write("after.json", state_json(t.after, prune, c));
            auto plan = c({"plan", file});
            BOOST_TEST(plan.code == 3);
            BOOST_TEST(plan.out.find("rename      ") != std::string::npos);
            const auto steps_planned = ndjson(c({"--json", "plan", file}).out).size() - 1;

            auto apply = c({"apply", file});
            BOOST_TEST_REQUIRE(apply.code == 0);
            auto want = expected(t.after);
            if (!prune) {
                want[pems()[2]] = trust{"C", false, {"proj_3"}}; // not in the file: left alone
                want[unmanaged] = trust{"D", true, {}};  // never touched
            }
            CHECK_TRUST(c, want);
            BOOST_TEST(c.server.request_count("uploadCertificate") == 1u);
            BOOST_TEST(c.server.request_count("deleteCertificate") == (prune ? 2u : 0u));
            BOOST_TEST(mutating_requests(c) == steps_planned);
            BOOST_TEST(c.server.has_certificate(d.at(0)) == !prune);
            BOOST_TEST(c({"plan", file}).code == 0);
        }
    }
}

// The heart of apply: killed after any step (the hook throws, so nothing more is sent), a rerun
// converges with no duplicate upload, no step run twice and no delete refused.
BOOST_AUTO_TEST_CASE(a_crash_after_every_step_then_a_rerun_converges) {
    const transition t;
    std::size_t total = 0;
    for (std::size_t crash_at = 1;; ++crash_at) {
        BOOST_TEST_CONTEXT("crash after step " << crash_at) {
            cli c;
            BOOST_TEST_REQUIRE(c({"apply", c.write("before.json", state_json(t.before, false, c))}).code == 0);
            c.server.seed({{.name = "D", .pem = make_ca_pem(ca_options{.common_name = "unmanaged"}),
                            .active_in_organization = true}});
            c.server.clear_requests();
            const auto file = c.write("after.json", state_json(t.after, true, c));
            const certctl::run_hooks crash{.after_step = [&](std::size_t n, const certctl::plan_step&) {
                if (n == crash_at)
                    throw std::runtime_error("simulated crash");
            }};
            auto args = c.global;
            args.insert(args.end(), {"apply", file});
            const auto first = c.raw(args, {}, crash);
            const std::size_t done_first = mutating_requests(c);
            if (first.code == 0) { // fewer steps than crash_at: every point has been tried
                total = done_first;
                BOOST_TEST(crash_at > 1u);
                break;
            }
            BOOST_TEST(first.code == 1);
            BOOST_TEST(first.err.find("simulated crash") != std::string::npos);
            BOOST_TEST(done_first == crash_at); // the crash stopped it: nothing after that step

            auto rerun = c({"apply", file});
            BOOST_TEST(rerun.code == 0);
            CHECK_TRUST(c, expected(t.after));
            BOOST_TEST(c.server.request_count("uploadCertificate") == 1u); // no duplicate upload
            BOOST_TEST(c.server.request_count("deleteCertificate") == 2u); // C and D, each once, never refused
            BOOST_TEST(c({"plan", file}).code == 0);
            total = mutating_requests(c);
        }
        if (crash_at > 20)
            BOOST_FAIL("apply did not finish in 20 steps");
    }
    BOOST_TEST(total >= 8u); // upload, rename, activations in 3 scopes, deactivations, 2 deletes
}

// The answer to a step lost (the server did it): the rerun sees it done and does not repeat it.
BOOST_AUTO_TEST_CASE(a_lost_answer_at_every_step_then_a_rerun_converges) {
    const transition t;
    for (std::size_t lose = 1; lose <= 9; ++lose) {
        BOOST_TEST_CONTEXT("answer of mutating request " << lose << " lost") {
            cli c;
            BOOST_TEST_REQUIRE(c({"apply", c.write("before.json", state_json(t.before, false, c))}).code == 0);
            c.server.clear_requests();
            std::size_t seen = 0;
            c.server.set_fault_hook([&seen, lose](const recorded_request& r) -> std::optional<fault> {
                if (r.method == "GET" || ++seen != lose)
                    return std::nullopt;
                fault f = fault::reset_before_reply();
                f.process_first = true;
                return f;
            });
            const auto file = c.write("after.json", state_json(t.after, true, c));
            auto first = c({"apply", file});
            c.server.set_fault_hook({});
            if (first.code == 0)
                break; // fewer mutating requests than `lose`
            BOOST_TEST(first.code == 4);
            auto rerun = c({"apply", file});
            BOOST_TEST(rerun.code == 0);
            CHECK_TRUST(c, expected(t.after));
            BOOST_TEST(c.server.request_count("uploadCertificate") == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(canary_then_confirm_or_verify_command) {
    cli c;
    const std::vector<entry> before{{"old", pems()[0], true, {"proj_2"}}};
    const std::vector<entry> after{{"old", pems()[0], true, {"proj_2"}}, {"new", pems()[1], true, {"proj_2"}}};
    BOOST_TEST_REQUIRE(c({"apply", c.write("before.json", state_json(before, false, c))}).code == 0);
    const auto file = c.write("after.json", state_json(after, false, c));

    auto plan = c({"plan", file, "--canary", "proj_1"});
    BOOST_TEST(plan.code == 3);
    BOOST_TEST(std::regex_search(plan.out, std::regex(R"(2\. activate +project proj_1: "new" \(new\)  \[canary\]\n  --  wait)")),
               plan.out);

    auto stop = c({"apply", file, "--canary", "proj_1"});
    BOOST_TEST(stop.code == 3);
    BOOST_TEST(stop.out.find("stopped at the canary gate") != std::string::npos);
    auto now = trust_of(c);
    BOOST_TEST((now[pems()[1]] == trust{"new", false, {"proj_1"}}));
    BOOST_TEST(c({"apply", file, "--canary", "proj_1"}).code == 3); // a rerun stops there again

    auto failed = c({"apply", file, "--canary", "proj_1", "--verify-command", "exit 7"});
    BOOST_TEST(failed.code == 6);
    BOOST_TEST(failed.err.find("exit 7") != std::string::npos);
    BOOST_TEST((trust_of(c)[pems()[1]] == trust{"new", false, {"proj_1"}}));

    auto widened = c({"apply", file, "--canary", "proj_1", "--verify-command", "true"});
    BOOST_TEST(widened.code == 0);
    CHECK_TRUST(c, expected(after)); // and the canary activation is gone again
    BOOST_TEST(c({"apply", file, "--canary", "proj_1", "--confirm"}).code == 0);
    BOOST_TEST(c({"apply", file, "--canary", "proj_9"}).code == 2); // not a managed project
}

BOOST_AUTO_TEST_CASE(invalid_files_are_rejected_before_any_request) {
    cli c;
    c.write("ca.pem", pems()[0]);
    c.write("leaf.pem", make_non_ca_pem());
    std::string many = R"({"certificates":[)";
    for (int i = 0; i < 51; ++i)
        many += std::string(i ? "," : "") + R"({"name":"n)" + std::to_string(i) + R"(","pem_file":"ca.pem"})";
    many += "]}";
    struct bad_file {
        std::string text;
        int code;
        std::string message;
    };
    const std::vector<bad_file> files = {
        {R"({"certificates":[{"name":"a","pem_file":"ca.pem","actve":{}}]})", 2,
         R"(certificates[0] ("a"): unknown key 'actve')"},
        {R"({"certificates":[], "prun": true})", 2, "unknown key 'prun'"},
        {R"({"certificates":[{"pem_file":"ca.pem"}]})", 2, R"(certificates[0]: "name" is required)"},
        {R"({"certificates":[{"name":"a"}]})", 2, "give exactly one of"},
        {R"({"certificates":[{"name":"leaf","pem_file":"leaf.pem"}]})", 5,
         R"(certificates[0] ("leaf"): 'leaf.pem' fails the local check)"},
        {R"({"certificates":[{"name":"a","pem_file":"missing.pem"}]})", 2, "cannot read"},
        {many, 2, "has 51 entries; an organization holds at most 50"},
        {"{\"projects\":[\"proj_1\\r\\nX-Injected: 1\"],\"certificates\":[]}", 2,
         "projects[0]: project id contains a line break (CR or LF)"},
        {R"({"certificates":[{"name":"a","pem_file":"ca.pem","active":{"projects":["proj_x"]}}]})", 2,
         R"(project 'proj_x' is not in the top-level "projects")"},
        {R"({"certificates":[{"name":"a","pem_file":"ca.pem"},{"name":"b","pem_file":"ca.pem"}]})", 2,
         R"(certificates[1] ("b"): the same certificate as certificates[0] ("a"))"},
        {"{\"certificates\": [\n  {\"name\": \"a\",, }\n]}", 2, "not valid JSON at line 2"},
    };
    for (const auto& f : files) {
        BOOST_TEST_CONTEXT(f.text.substr(0, 80)) {
            const auto file = c.write("bad.json", f.text);
            for (const char* cmd : {"plan", "apply"}) {
                auto r = c({cmd, file});
                BOOST_TEST(r.code == f.code);
                BOOST_TEST(r.err.find(f.message) != std::string::npos, r.err);
            }
        }
    }
    BOOST_TEST(c.server.request_count() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
