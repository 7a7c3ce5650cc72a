# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# ctest fixture test `contract.npm_ci` (FIXTURES_SETUP oa_contract_node): installs the pinned
# Node tools of the contract tests (tests/contract/package.json + package-lock.json, copied to
# NODE_DIR by CMake) with `npm ci` into NODE_DIR/node_modules, in the build tree.
#
#   cmake -DNODE_DIR=<build>/contract_node -P npm_ci.cmake
#
# - Nothing is downloaded again while the lock file and the node version are unchanged
#   (stamp file node_modules/.oa_contract_stamp).
# - `--ignore-scripts`: no package of the lock needs an install script; none may run one.
# - node or npm missing, or npm ci failing (e.g. offline): prints "OA_CONTRACT_SKIPPED: <why>"
#   (ctest: skipped), unless the environment has CI=true: then the test fails.
cmake_minimum_required(VERSION 3.21)

if(NOT NODE_DIR OR NOT EXISTS "${NODE_DIR}/package-lock.json")
    message(FATAL_ERROR "npm_ci.cmake: NODE_DIR with package.json and package-lock.json required")
endif()

set(_ci FALSE)
if("$ENV{CI}" STREQUAL "true")
    set(_ci TRUE)
endif()

function(_unavailable why)
    if(_ci)
        message(FATAL_ERROR "CI=true and the contract tests cannot run: ${why}")
    endif()
    message(STATUS "OA_CONTRACT_SKIPPED: ${why} (set CI=true to make this a failure)")
endfunction()

find_program(_node node)
find_program(_npm npm)
if(NOT _node OR NOT _npm)
    _unavailable("node or npm not found in PATH (scripts/install-deps.sh installs Debian's nodejs and npm)")
    return()
endif()

execute_process(COMMAND "${_node}" --version OUTPUT_VARIABLE _node_version
                OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
    _unavailable("`node --version` failed")
    return()
endif()

file(SHA256 "${NODE_DIR}/package-lock.json" _lock_hash)
file(SHA256 "${NODE_DIR}/package.json" _pkg_hash)
set(_stamp_file "${NODE_DIR}/node_modules/.oa_contract_stamp")
set(_stamp "${_pkg_hash} ${_lock_hash} node ${_node_version}")
if(EXISTS "${_stamp_file}")
    file(READ "${_stamp_file}" _old)
    if(_old STREQUAL _stamp)
        message(STATUS "contract node_modules up to date in ${NODE_DIR} (node ${_node_version})")
        return()
    endif()
endif()

message(STATUS "npm ci in ${NODE_DIR} (node ${_node_version})")
execute_process(
    COMMAND "${_npm}" ci --no-audit --no-fund --ignore-scripts
    WORKING_DIRECTORY "${NODE_DIR}"
    RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
    _unavailable("`npm ci` failed in ${NODE_DIR} (exit ${_rc}; no registry access?)")
    return()
endif()
file(WRITE "${_stamp_file}" "${_stamp}")
message(STATUS "contract node_modules installed in ${NODE_DIR}")
