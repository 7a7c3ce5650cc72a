# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# Driver of the consumer ctest tests: builds tests/consumers/app.cpp against the SDK one way,
# runs it, and fails loudly (FATAL_ERROR, non-zero exit) at the first failing step.
#
#   cmake -DKIND=<header_only|find_package|add_subdirectory|fetch_content>
#         -DREPO=<checkout> -DWORK_DIR=<scratch dir, wiped first> -DCXX=<compiler>
#         [-DLAUNCHER=ccache] [-DGENERATOR=Ninja] [-DMAKE_PROGRAM=...] [-DPREFIX_PATH=a|b]
#         [-DCXX_FLAGS=...] [-DBOOST_DIR=<the project's Boost_DIR>] [-DBOOST_INCLUDE_DIR=...]
#         [-DBOOST_LIBRARY_DIR=...] [-DEXPECT_VERSION=0.1.0]
#         -P run_consumer.cmake
#
# Every CMake consumer is configured with an initial cache (-C) holding CMAKE_PREFIX_PATH,
# CMAKE_CXX_FLAGS and the Boost it must find (BOOST_DIR), so lists reach it whole, and it fails
# when it finds another Boost than the project was configured with (check_boost.cmake).
#
#   header_only       $CXX -std=c++20 -I<repo>/include app.cpp -lboost_json -lboost_url -lssl
#                     -lcrypto -pthread   (the documented manual command line, as a compile step
#                     and a link step; no CMake, nothing from the project build; plus CXX_FLAGS
#                     and -I/-L/-rpath for a Boost outside the system directories)
#   find_package      configure <repo> alone (tests/examples off), `cmake --install` it into
#                     WORK_DIR/prefix, then build consumers/find_package with that prefix
#                     (with and without COMPONENTS testing)
#   add_subdirectory  build consumers/add_subdirectory (add_subdirectory(<repo>))
#   fetch_content     build consumers/fetch_content (FetchContent SOURCE_DIR <repo>)
# The three CMake consumers also build and run testing_app.cpp (openai_admin::testing) and
# compiled_app.cpp (openai_admin::compiled); header_only builds compiled_app.cpp with
# compiled_src.cpp and -DOPENAI_ADMIN_SEPARATE_COMPILATION on the bare compiler line.
cmake_minimum_required(VERSION 3.21)

foreach(_v IN ITEMS KIND REPO WORK_DIR CXX)
    if(NOT DEFINED ${_v} OR "${${_v}}" STREQUAL "")
        message(FATAL_ERROR "run_consumer.cmake: -D${_v}=... is required")
    endif()
endforeach()

set(_consumers "${REPO}/tests/consumers")
string(REPLACE "|" ";" LAUNCHER "${LAUNCHER}")
string(REPLACE "|" ";" PREFIX_PATH "${PREFIX_PATH}")

# Run a command, echoing it; stop the test on failure.
function(oa_run what)
    string(REPLACE ";" " " _pretty "${ARGN}")
    message(STATUS "[consumer ${KIND}] ${what}: ${_pretty}")
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "[consumer ${KIND}] FAILED (${_rc}): ${what}\n  ${_pretty}")
    endif()
endfunction()

separate_arguments(_cxx_flags UNIX_COMMAND "${CXX_FLAGS}")

# Writes an initial cache for a configure step: lists and flags go in whole, not through the
# command line (where a ';' in CMAKE_PREFIX_PATH would split the argument). Named parameters
# keep a quoted argument whole, ';' included.
function(oa_write_init_cache file prefixes flags boost_dir)
    file(WRITE "${file}"
        "set(CMAKE_PREFIX_PATH [==[${prefixes}]==] CACHE STRING \"\")\n"
        "set(CMAKE_CXX_FLAGS [==[${flags}]==] CACHE STRING \"\")\n"
        "set(OA_EXPECT_BOOST_DIR [==[${boost_dir}]==] CACHE PATH \"\")\n")
endfunction()

# Common arguments of every CMake configure step done here.
set(_cmake_args "-DCMAKE_CXX_COMPILER=${CXX}")
if(GENERATOR)
    list(APPEND _cmake_args -G "${GENERATOR}")
endif()
if(MAKE_PROGRAM)
    list(APPEND _cmake_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(LAUNCHER)
    string(REPLACE ";" "\\;" _l "${LAUNCHER}")
    list(APPEND _cmake_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${_l}")
endif()

# Configure + build consumers/<KIND> into WORK_DIR/app, searching `prefixes` (a list) first.
function(oa_build_cmake_consumer prefixes)
    oa_write_init_cache("${WORK_DIR}/app-init.cmake" "${prefixes}" "${CXX_FLAGS}" "${BOOST_DIR}")
    oa_run("configure" "${CMAKE_COMMAND}" -C "${WORK_DIR}/app-init.cmake" -S "${_consumers}/${KIND}"
           -B "${WORK_DIR}/app" ${_cmake_args} ${ARGN})
    oa_run("build" "${CMAKE_COMMAND}" --build "${WORK_DIR}/app")
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

if(KIND STREQUAL "header_only")
    # Compile and link in two steps only so that ccache (LAUNCHER) can cache the compile.
    set(_exe "${WORK_DIR}/app")
    # A Boost outside the compiler's own search path needs -I/-L (and -rpath to run).
    set(_inc "")
    set(_lib "")
    if(BOOST_INCLUDE_DIR AND NOT BOOST_INCLUDE_DIR STREQUAL "/usr/include")
        set(_inc "-I${BOOST_INCLUDE_DIR}")
    endif()
    if(BOOST_LIBRARY_DIR AND NOT BOOST_LIBRARY_DIR MATCHES "^/usr/lib(/|$)")
        set(_lib "-L${BOOST_LIBRARY_DIR}" "-Wl,-rpath,${BOOST_LIBRARY_DIR}")
    endif()
    oa_run("compile" ${LAUNCHER} "${CXX}" -std=c++20 ${_cxx_flags} "-I${REPO}/include" ${_inc}
           -c "${_consumers}/app.cpp" -o "${WORK_DIR}/app.o")
    oa_run("link" "${CXX}" ${_cxx_flags} "${WORK_DIR}/app.o" -o "${_exe}" ${_lib}
           -lboost_json -lboost_url -lssl -lcrypto -pthread)
    # Compiled apart: the two-file program, every file with OPENAI_ADMIN_SEPARATE_COMPILATION,
    # one of them the src.hpp file (here also the kit's).
    set(_sep -std=c++20 -DOPENAI_ADMIN_SEPARATE_COMPILATION ${_cxx_flags} "-I${REPO}/include" ${_inc})
    oa_run("compile (separate) src" ${LAUNCHER} "${CXX}" ${_sep} -c "${_consumers}/compiled_src.cpp"
           -o "${WORK_DIR}/compiled_src.o")
    oa_run("compile (separate) user file" ${LAUNCHER} "${CXX}" ${_sep} -c "${_consumers}/compiled_app.cpp"
           -o "${WORK_DIR}/compiled_app.o")
    oa_run("link (separate)" "${CXX}" ${_cxx_flags} "${WORK_DIR}/compiled_src.o" "${WORK_DIR}/compiled_app.o"
           -o "${WORK_DIR}/compiled_app" ${_lib} -lboost_json -lboost_url -lssl -lcrypto -pthread)

elseif(KIND STREQUAL "find_package")
    set(_prefix "${WORK_DIR}/prefix")
    oa_write_init_cache("${WORK_DIR}/pkg-init.cmake" "${PREFIX_PATH}" "${CXX_FLAGS}" "")
    oa_run("configure package" "${CMAKE_COMMAND}" -C "${WORK_DIR}/pkg-init.cmake" -S "${REPO}"
           -B "${WORK_DIR}/pkg" ${_cmake_args}
           "-DCMAKE_INSTALL_PREFIX=${_prefix}"
           -DOPENAI_ADMIN_BUILD_TESTS=OFF -DOPENAI_ADMIN_BUILD_EXAMPLES=OFF)
    oa_run("build package" "${CMAKE_COMMAND}" --build "${WORK_DIR}/pkg")
    oa_run("install package" "${CMAKE_COMMAND}" --install "${WORK_DIR}/pkg")
    foreach(_f IN ITEMS include/openai/admin.hpp include/openai/admin/version.hpp)
        if(NOT EXISTS "${_prefix}/${_f}")
            message(FATAL_ERROR "[consumer ${KIND}] not installed: ${_prefix}/${_f}")
        endif()
    endforeach()
    file(GLOB_RECURSE _cfg "${_prefix}/*/openai_adminConfig.cmake")
    if(NOT _cfg)
        message(FATAL_ERROR "[consumer ${KIND}] openai_adminConfig.cmake not installed")
    endif()
    # The consumer must find the SDK in the prefix (and Boost etc. where the project found them).
    oa_build_cmake_consumer("${_prefix};${PREFIX_PATH}" "-DOA_EXPECT_PREFIX=${_prefix}")
    set(_exe "${WORK_DIR}/app/app")

elseif(KIND STREQUAL "add_subdirectory" OR KIND STREQUAL "fetch_content")
    oa_build_cmake_consumer("${PREFIX_PATH}" "-DOPENAI_ADMIN_SOURCE_DIR=${REPO}")
    set(_exe "${WORK_DIR}/app/app")

else()
    message(FATAL_ERROR "run_consumer.cmake: unknown KIND '${KIND}'")
endif()

# Runs `exe`, which must exit 0 and print `ok_text`.
function(oa_run_program exe ok_text)
    message(STATUS "[consumer ${KIND}] run: ${exe}")
    execute_process(COMMAND "${exe}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    message(STATUS "[consumer ${KIND}] output:\n${_out}${_err}")
    if(NOT _rc EQUAL 0 OR NOT _out MATCHES "${ok_text}")
        message(FATAL_ERROR "[consumer ${KIND}] FAILED: ${exe} exited with ${_rc}")
    endif()
endfunction()

# Every consumer also builds the separately compiled program; the CMake ones the testing kit's.
if(KIND STREQUAL "header_only")
    oa_run_program("${WORK_DIR}/compiled_app" "compiled OK")
else()
    oa_run_program("${WORK_DIR}/app/testing_app" "testing kit OK")
    oa_run_program("${WORK_DIR}/app/compiled_app" "compiled OK")
endif()

# Run the program and check what it printed.
message(STATUS "[consumer ${KIND}] run: ${_exe}")
execute_process(COMMAND "${_exe}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
message(STATUS "[consumer ${KIND}] output:\n${_out}${_err}")
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "[consumer ${KIND}] FAILED: the app exited with ${_rc}")
endif()
if(EXPECT_VERSION)
    string(FIND "${_out}" "openai-admin ${EXPECT_VERSION}" _pos)
    if(_pos EQUAL -1)
        message(FATAL_ERROR "[consumer ${KIND}] FAILED: output lacks 'openai-admin ${EXPECT_VERSION}' "
                            "(OPENAI_ADMIN_VERSION_STRING and project(VERSION) out of sync?)")
    endif()
endif()
message(STATUS "[consumer ${KIND}] OK")
