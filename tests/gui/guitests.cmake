# One ctest entry per Qt Test function, gui.<Class>.<function>, as gtest_discover_tests gives the
# GoogleTest suites: a failure names a behaviour, and `ctest -j` runs them side by side (each
# process isolates itself, guitestmain.cpp). The list comes from the built executable (`-list`)
# after each link, so a new test function needs no CMake edit.
#
# HEAVY Class.function...: tests whose engine runs take the whole machine (an OpenMP team on every
# core, gigabytes at n = 5000) and time what they wait for; they run alone (RUN_SERIAL), so that
# `ctest -j` does not crowd them out and their timeouts keep meaning "hung".
include_guard(GLOBAL)
function(poslab_gui_tests target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "HEAVY")
    string(JOIN "," heavy ${arg_HEAVY})
    set(list_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_tests.cmake")
    add_custom_command(TARGET ${target} POST_BUILD
        COMMAND "${CMAKE_COMMAND}" "-DEXE=$<TARGET_FILE:${target}>" "-DOUT=${list_file}"
                "-DHEAVY=${heavy}"
                -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/discoverguitests.cmake"
        BYPRODUCTS "${list_file}"
        VERBATIM)
    set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_include.cmake")
    file(WRITE "${include_file}"
        "if(EXISTS \"${list_file}\")\n"
        "  include(\"${list_file}\")\n"
        "else()\n"
        "  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\n"
        "endif()\n")
    set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
