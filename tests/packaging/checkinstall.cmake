# cmake -DBUILD_DIR=… -DPREFIX=… -DGUI=ON|OFF [-DEMULATOR=…] -P checkinstall.cmake
# (tests/packaging/CMakeLists.txt; EMULATOR: tests/run-emulated in a cross build, else empty)
cmake_minimum_required(VERSION 3.25)

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT status EQUAL 0)
        list(JOIN ARGN " " command)
        message(FATAL_ERROR "${command}: exit ${status}\n${out}${err}")
    endif()
    set(run_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${PREFIX}")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}")

set(expected bin/poslab-cli)
if(GUI)
    set(id io.github.poslab.poslab)
    list(APPEND expected bin/poslab
        share/applications/${id}.desktop
        share/metainfo/${id}.metainfo.xml
        share/icons/hicolor/scalable/apps/poslab.svg
        share/poslab/examples/seed-article.poslab
        share/poslab/examples/alibi-heads.poslab)
    foreach(size 16 22 24 32 48 64 128 256 512)
        list(APPEND expected share/icons/hicolor/${size}x${size}/apps/poslab.png)
    endforeach()
endif()
foreach(f IN LISTS expected)
    if(NOT EXISTS "${PREFIX}/${f}")
        message(FATAL_ERROR "not installed: ${f}")
    endif()
endforeach()

run(${EMULATOR} "${PREFIX}/bin/poslab-cli" compute --scheme alibi --n 8 --what probs)
if(NOT GUI)
    return()
endif()

# Each PNG is a real PNG of its size: the signature, then IHDR's width and height.
foreach(size 16 22 24 32 48 64 128 256 512)
    set(png "${PREFIX}/share/icons/hicolor/${size}x${size}/apps/poslab.png")
    file(READ "${png}" header LIMIT 24 HEX)
    math(EXPR want "${size}" OUTPUT_FORMAT HEXADECIMAL)
    string(SUBSTRING "${want}" 2 -1 want)
    string(LENGTH "${want}" digits)
    math(EXPR zeros "8 - ${digits}")
    string(REPEAT "0" ${zeros} pad)
    set(want "${pad}${want}")
    if(NOT header STREQUAL "89504e470d0a1a0a0000000d49484452${want}${want}")
        message(FATAL_ERROR "${png}: not a ${size} x ${size} PNG (header ${header})")
    endif()
endforeach()

find_program(DESKTOP_FILE_VALIDATE desktop-file-validate REQUIRED)
run(${DESKTOP_FILE_VALIDATE} "${PREFIX}/share/applications/${id}.desktop")
if(run_output)
    message(FATAL_ERROR "desktop-file-validate:\n${run_output}")
endif()
find_program(APPSTREAMCLI appstreamcli REQUIRED)
run(${APPSTREAMCLI} validate-tree --no-net --explain "${PREFIX}") # the metainfo and its desktop entry

# An installed example opens by path (File > Examples reads the copy built into the program).
run("${PREFIX}/bin/poslab" --open "${PREFIX}/share/poslab/examples/alibi-heads.poslab"
    --screenshot "${PREFIX}/example.png")
file(READ "${PREFIX}/example.png" header LIMIT 8 HEX)
if(NOT header STREQUAL "89504e470d0a1a0a")
    message(FATAL_ERROR "poslab --open … --screenshot wrote no PNG")
endif()
message(STATUS "installed and checked in ${PREFIX}")
