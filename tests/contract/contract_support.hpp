// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Helpers of the contract tests: finding the pinned Node tools (installed by the ctest fixture
// contract.npm_ci into <build>/contract_node/node_modules), the skip/fail rule when they are
// missing, child processes (posix_spawn) and small text/URL utilities.
#ifndef OA_TESTS_CONTRACT_SUPPORT_HPP
#define OA_TESTS_CONTRACT_SUPPORT_HPP

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ; // NOLINT: POSIX

#ifndef OA_CONTRACT_NODE_DIR
#error "OA_CONTRACT_NODE_DIR (the build tree's contract_node directory) must be defined by CMake"
#endif

namespace oa_contract {

namespace fs = std::filesystem;

// The marker ctest's SKIP_REGULAR_EXPRESSION looks for (tests/cmake/discover_boost_tests.cmake).
inline constexpr std::string_view skip_marker = "OA_CONTRACT_SKIPPED: ";

inline bool ci_mode() {
    const char* v = std::getenv("CI"); // NOLINT(concurrency-mt-unsafe)
    return v != nullptr && std::string_view(v) == "true";
}

inline std::string env_or(const char* name, std::string fallback) {
    const char* v = std::getenv(name); // NOLINT(concurrency-mt-unsafe)
    return v != nullptr && *v != '\0' ? std::string(v) : std::move(fallback);
}

inline std::optional<std::string> find_in_path(const std::string& name) {
    std::string path = env_or("PATH", "/usr/local/bin:/usr/bin:/bin");
    std::istringstream in(path);
    for (std::string dir; std::getline(in, dir, ':');) {
        if (dir.empty())
            continue;
        fs::path p = fs::path(dir) / name;
        if (::access(p.c_str(), X_OK) == 0)
            return p.string();
    }
    return std::nullopt;
}

// Where the Node tools are, or why they cannot be used.
struct node_tools {
    std::string node;      // the node executable
    std::string dir;       // holds package.json and node_modules/
    std::string why_not{}; // empty: usable

    bool ok() const noexcept { return why_not.empty(); }
    std::string module_dir(std::string_view package) const { return dir + "/node_modules/" + std::string(package); }
};

// `OA_NODE` / `OA_CONTRACT_NODE_DIR` in the environment override the defaults (node from PATH,
// the build tree's contract_node directory).
inline node_tools locate_node_tools(std::initializer_list<std::string_view> packages) {
    node_tools t;
    t.dir = env_or("OA_CONTRACT_NODE_DIR", OA_CONTRACT_NODE_DIR);
    if (auto n = find_in_path("node"))
        t.node = env_or("OA_NODE", *n);
    else
        t.node = env_or("OA_NODE", "");
    if (t.node.empty() || ::access(t.node.c_str(), X_OK) != 0) {
        t.why_not = "node not found in PATH (scripts/install-deps.sh installs it)";
        return t;
    }
    for (auto pkg : packages) {
        if (!fs::exists(t.module_dir(pkg) + "/package.json")) {
            t.why_not = std::string(pkg) + " is not installed in " + t.dir +
                        "/node_modules (the ctest fixture contract.npm_ci runs npm ci there)";
            return t;
        }
    }
    return t;
}

// True when the tools are usable. Otherwise: with CI=true the test case fails; else the skip
// marker is printed (ctest then reports the test as skipped) and false is returned.
inline bool require_node_tools(const node_tools& t) {
    if (t.ok())
        return true;
    if (ci_mode())
        BOOST_FAIL("CI=true and the contract test cannot run: " << t.why_not);
    std::cout << skip_marker << t.why_not << " (CI=true would make this a failure)" << std::endl;
    return false;
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::size_t count_occurrences(std::string_view text, std::string_view needle, std::size_t from = 0) {
    std::size_t n = 0;
    for (auto pos = text.find(needle, from); pos != std::string_view::npos; pos = text.find(needle, pos + needle.size()))
        ++n;
    return n;
}

// The environment of the parent, without variables that would change what an OpenAI SDK sends
// (OPENAI_*) or how node starts (NODE_OPTIONS), plus `extra`.
inline std::vector<std::string> child_environment(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        std::string_view kv(*e);
        if (kv.starts_with("OPENAI_") || kv.starts_with("NODE_OPTIONS="))
            continue;
        env.emplace_back(kv);
    }
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

// A child process started with posix_spawn: stdin from /dev/null, stdout and stderr to files.
// The destructor terminates it (SIGTERM, then SIGKILL) if it still runs: only this pid.
class child_process {
public:
    child_process(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                  const std::string& stdout_path, const std::string& stderr_path) {
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (stderr_path == stdout_path)
            posix_spawn_file_actions_adddup2(&fa, 1, 2);
        else
            posix_spawn_file_actions_addopen(&fa, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        std::vector<char*> args, envp;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str())); // NOLINT: posix_spawn's signature
        args.push_back(nullptr);
        for (const auto& e : env)
            envp.push_back(const_cast<char*>(e.c_str())); // NOLINT
        envp.push_back(nullptr);
        const int rc = posix_spawn(&pid_, argv.at(0).c_str(), &fa, nullptr, args.data(), envp.data());
        posix_spawn_file_actions_destroy(&fa);
        if (rc != 0)
            throw std::runtime_error("posix_spawn " + argv.at(0) + ": " + std::strerror(rc));
    }
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;
    ~child_process() { terminate(); }

    pid_t pid() const noexcept { return pid_; }

    // The exit code (128 + signal number when killed by a signal) once it has ended.
    std::optional<int> try_wait() {
        if (status_)
            return status_;
        int st = 0;
        if (::waitpid(pid_, &st, WNOHANG) == pid_)
            status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
        return status_;
    }

    std::optional<int> wait_for(std::chrono::milliseconds limit) {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (!try_wait() && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return status_;
    }

    void terminate() {
        if (try_wait())
            return;
        ::kill(pid_, SIGTERM);
        if (wait_for(std::chrono::seconds(5)))
            return;
        ::kill(pid_, SIGKILL);
        wait_for(std::chrono::seconds(5));
    }

private:
    pid_t pid_ = -1;
    std::optional<int> status_{};
};

// A port that was free a moment ago on 127.0.0.1 (for servers that want a port number).
inline unsigned short free_loopback_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address_v4("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

// The per-process scratch directory of the contract tests, removed when the process ends (the
// tests print what matters from its files when they fail).
struct scratch_dir {
    fs::path dir = fs::temp_directory_path() / ("oa_contract_" + std::to_string(::getpid()));
    scratch_dir() = default;
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    ~scratch_dir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

inline std::string temp_path(std::string_view stem) {
    static scratch_dir scratch;
    fs::create_directories(scratch.dir);
    return (scratch.dir / std::string(stem)).string();
}

inline int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Percent-decoding; `plus_is_space` for query components (form encoding). Bad escapes are kept
// verbatim, so that a difference still shows.
inline std::string percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2])));
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

// A request target split the way a server sees it: path segments decoded one by one (so an
// encoded '/' inside an id stays inside its segment), query pairs decoded, in order.
struct split_target {
    std::vector<std::string> segments{};
    std::vector<std::pair<std::string, std::string>> query{};
};

inline split_target split_request_target(std::string_view target) {
    split_target out;
    auto q = target.find('?');
    std::string_view path = target.substr(0, q);
    std::string_view query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
    if (path.starts_with('/'))
        path.remove_prefix(1);
    for (std::size_t start = 0;;) {
        auto slash = path.find('/', start);
        out.segments.push_back(percent_decode(path.substr(start, slash - start), false));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    for (std::size_t start = 0; start < query.size();) {
        auto amp = query.find('&', start);
        auto piece = query.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
        if (!piece.empty()) {
            auto eq = piece.find('=');
            out.query.emplace_back(percent_decode(piece.substr(0, eq), true),
                                   eq == std::string_view::npos ? std::string() : percent_decode(piece.substr(eq + 1), true));
        }
        if (amp == std::string_view::npos)
            break;
        start = amp + 1;
    }
    return out;
}

} // namespace oa_contract

#endif
