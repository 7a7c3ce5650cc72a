# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# The two libraries the package builds from source, with the consumer's own toolchain and flags,
# and only when something links them (EXCLUDE_FROM_ALL). Used by the top-level CMakeLists.txt
# (add_subdirectory, FetchContent) and by openai_adminConfig.cmake (find_package). Both need
# openai_admin::openai_admin.
#   openai_admin::compiled  the SDK compiled apart: <openai/admin/src.hpp>, and
#                           OPENAI_ADMIN_SEPARATE_COMPILATION for the library and its users.
#   openai_admin::testing   the testing kit (include/openai/admin/testing/), from
#                           <openai/admin/testing/src.hpp>; it works with either mode.
function(_openai_admin_add_source_library name source)
    add_library(openai_admin_${name} STATIC EXCLUDE_FROM_ALL "${source}")
    add_library(openai_admin::${name} ALIAS openai_admin_${name})
    target_link_libraries(openai_admin_${name} PUBLIC openai_admin::openai_admin)
    target_compile_features(openai_admin_${name} PUBLIC cxx_std_20)
endfunction()

function(openai_admin_add_compiled_library source)
    if(NOT TARGET openai_admin_compiled)
        _openai_admin_add_source_library(compiled "${source}")
        target_compile_definitions(openai_admin_compiled PUBLIC OPENAI_ADMIN_SEPARATE_COMPILATION)
    endif()
endfunction()

function(openai_admin_add_testing_library source)
    if(NOT TARGET openai_admin_testing)
        _openai_admin_add_source_library(testing "${source}")
    endif()
endfunction()
