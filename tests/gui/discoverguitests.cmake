# cmake -DEXE=<gui test executable> -DOUT=<file> [-DHEAVY=A.f,B.g] -P discoverguitests.cmake
# (guitests.cmake runs it): writes one add_test per line Class.function that `EXE -list` prints.
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND "${EXE}" -list OUTPUT_VARIABLE listing ERROR_VARIABLE errors RESULT_VARIABLE status
                TIMEOUT 60)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${EXE} -list failed (${status}): ${errors}")
endif()
string(REPLACE "," ";" heavy "${HEAVY}")
string(REPLACE "\n" ";" lines "${listing}")
set(script "")
set(listed "")
foreach(line IN LISTS lines)
    if(NOT line MATCHES "^([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)$")
        continue()
    endif()
    list(APPEND listed "${line}")
    set(name "gui.${line}")
    # QTest counts initTestCase and cleanupTestCase as passed: "2 passed, 0 failed, N skipped" is a
    # function that skipped all it had (e.g. latency without POSLAB_LATENCY), so ctest says Skipped.
    # OMP_WAIT_POLICY=passive: side by side (ctest -j) on few cores, OpenMP threads spinning at a
    # barrier take the core a teammate needs, and a 2-token request then takes ~100 ms, not ~1 ms.
    string(APPEND script
        "add_test([=[${name}]=] [=[${EXE}]=] -class ${CMAKE_MATCH_1} ${CMAKE_MATCH_2})\n"
        "set_tests_properties([=[${name}]=] PROPERTIES LABELS gui TIMEOUT 180"
        " ENVIRONMENT [=[QT_QPA_PLATFORM=offscreen;OMP_WAIT_POLICY=passive]=]"
        " SKIP_REGULAR_EXPRESSION [=[Totals: 2 passed, 0 failed, [1-9][0-9]* skipped]=])\n")
    if(line IN_LIST heavy)
        string(APPEND script "set_tests_properties([=[${name}]=] PROPERTIES RUN_SERIAL TRUE)\n")
    endif()
endforeach()
if(NOT listed)
    message(FATAL_ERROR "${EXE} -list named no test functions")
endif()
foreach(name IN LISTS heavy)
    if(NOT name IN_LIST listed)
        message(FATAL_ERROR "HEAVY names ${name}, which ${EXE} does not have")
    endif()
endforeach()
file(WRITE "${OUT}" "${script}")
