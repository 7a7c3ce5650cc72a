// certctl: manage the organization's mutual-TLS CA certificates from the shell or cron.
// The tool itself is certctl::run (certctl.hpp), also driven in-process by the tests.
#include "certctl.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return certctl::run(std::move(args), std::cin, std::cout, std::cerr, certctl::process_env());
}
