# poslab_lessons: the lessons loader and the built-in lessons file, a library of its own so that
# tests link it without the main window. Included at the end of app/gui/CMakeLists.txt.
# lessons.json holds the lessons and their set-ups; lessons.<language>.json only their words in that
# language (issue 16), one file per translated language (POSLAB_LANGUAGES).
add_library(poslab_lessons STATIC
    ${CMAKE_CURRENT_LIST_DIR}/lessons.cpp ${CMAKE_CURRENT_LIST_DIR}/lessons.h)
target_include_directories(poslab_lessons PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(poslab_lessons PUBLIC poslab_core Qt6::Core)
set(lesson_files "${PROJECT_SOURCE_DIR}/resources/lessons/lessons.json")
foreach(lang IN LISTS POSLAB_LANGUAGES)
    list(APPEND lesson_files "${PROJECT_SOURCE_DIR}/resources/lessons/lessons.${lang}.json")
endforeach()
qt_add_resources(poslab_lessons "poslab_lessons"
    PREFIX "/lessons"
    BASE "${PROJECT_SOURCE_DIR}/resources/lessons"
    FILES ${lesson_files})
target_link_libraries(poslab_gui PUBLIC poslab_lessons)
