# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# Defines openai_admin::testing, the testing kit (include/openai/admin/testing/): a small static
# library compiled from <openai/admin/testing/src.hpp> with the consumer's own toolchain and
# flags, and only when something links it (EXCLUDE_FROM_ALL). Used by the top-level
# CMakeLists.txt (add_subdirectory, FetchContent) and by openai_adminConfig.cmake
# (find_package(openai_admin COMPONENTS testing)). Needs openai_admin::openai_admin.
function(openai_admin_add_testing_library source)
    if(TARGET openai_admin_testing)
        return()
    endif()
    add_library(openai_admin_testing STATIC EXCLUDE_FROM_ALL "${source}")
    add_library(openai_admin::testing ALIAS openai_admin_testing)
    target_link_libraries(openai_admin_testing PUBLIC openai_admin::openai_admin)
    target_compile_features(openai_admin_testing PUBLIC cxx_std_20)
endfunction()
