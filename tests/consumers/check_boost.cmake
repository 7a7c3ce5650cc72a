# Included by every CMake consumer after the SDK is in: the Boost it found must be the one the
# project was configured with (OA_EXPECT_BOOST_DIR, from the driver). A consumer that silently
# finds the system's Boost instead would link the wrong libraries (e.g. libstdc++ ones in a
# libc++ build) and pass only by luck.
if(OA_EXPECT_BOOST_DIR)
    file(REAL_PATH "${OA_EXPECT_BOOST_DIR}" _want)
    file(REAL_PATH "${Boost_DIR}" _got)
    if(NOT _got STREQUAL _want)
        message(FATAL_ERROR "the consumer found Boost in '${Boost_DIR}', not in '${OA_EXPECT_BOOST_DIR}' "
                            "where the project found it (CMAKE_PREFIX_PATH: ${CMAKE_PREFIX_PATH})")
    endif()
    message(STATUS "Boost ${Boost_VERSION} from ${Boost_DIR}, as the project")
endif()
