# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# Included by ctest (TEST_INCLUDE_FILES) each time it reads the test list. Asks the Boost.Test
# binary for its test tree (`--list_content`, printed on stderr) and registers one ctest test per
# enabled top-level unit (suite or case), run with `--run_test=<name>`.
#
# Inputs: OA_TEST_EXE, OA_TEST_ARGS, OA_TEST_PREFIX, OA_TEST_TIMEOUT, OA_TEST_WORKDIR,
# OA_CONTRACT_FIXTURE (optional), OA_TEST_LABELS (optional, default `unit`).
# Fallbacks, so that no failure is ever hidden:
#   - binary missing  -> one test on the missing binary (ctest reports it as failed);
#   - listing fails   -> one test running the whole binary (shows the real error).

if(NOT OA_TEST_LABELS)
    set(OA_TEST_LABELS unit)
endif()
set(_oa_label "${OA_TEST_LABELS}")
function(_oa_add name)
    add_test("${name}" "${OA_TEST_EXE}" ${ARGN} ${OA_TEST_ARGS})
    set_tests_properties("${name}" PROPERTIES
        LABELS "${_oa_label}"
        TIMEOUT "${OA_TEST_TIMEOUT}"
        WORKING_DIRECTORY "${OA_TEST_WORKDIR}")
endfunction()

if(NOT EXISTS "${OA_TEST_EXE}")
    _oa_add("${OA_TEST_PREFIX}NOT_BUILT")
    return()
endif()

execute_process(
    COMMAND "${OA_TEST_EXE}" --list_content
    WORKING_DIRECTORY "${OA_TEST_WORKDIR}"
    RESULT_VARIABLE _oa_rc
    OUTPUT_VARIABLE _oa_out
    ERROR_VARIABLE _oa_err
    TIMEOUT 120)

set(_oa_units "")
if(_oa_rc EQUAL 0)
    string(REPLACE "\r" "" _oa_list "${_oa_out}${_oa_err}")
    string(REPLACE ";" "\\;" _oa_list "${_oa_list}")
    string(REPLACE "\n" ";" _oa_list "${_oa_list}")
    foreach(_line IN LISTS _oa_list)
        # Top-level units have no indentation; a trailing '*' means "enabled".
        if(_line MATCHES "^([^ \t][^ \t]*)\\*[ \t]*$")
            list(APPEND _oa_units "${CMAKE_MATCH_1}")
        endif()
    endforeach()
endif()

if(NOT _oa_units)
    # Listing failed, or nothing enabled: run the whole binary so the problem is visible.
    _oa_add("${OA_TEST_PREFIX}all")
    return()
endif()

foreach(_unit IN LISTS _oa_units)
    # Suites named contract_* (tests/contract) get label `contract`, run after the fixture that
    # installs their Node tools (OA_CONTRACT_FIXTURE) and print "OA_CONTRACT_SKIPPED: <reason>"
    # when node/npm are unavailable (never when CI=true: they fail then): ctest says skipped.
    set(_oa_label "${OA_TEST_LABELS}")
    if(_unit MATCHES "^contract_" AND OA_CONTRACT_FIXTURE)
        set(_oa_label contract)
    endif()
    _oa_add("${OA_TEST_PREFIX}${_unit}" "--run_test=${_unit}")
    if(_unit MATCHES "^contract_" AND OA_CONTRACT_FIXTURE)
        set_tests_properties("${OA_TEST_PREFIX}${_unit}" PROPERTIES
            FIXTURES_REQUIRED "${OA_CONTRACT_FIXTURE}"
            SKIP_REGULAR_EXPRESSION "OA_CONTRACT_SKIPPED:")
    endif()
endforeach()
