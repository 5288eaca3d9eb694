# test_walk: the worked-example panel, the lessons view and the lessons loader, headless. Links only
# poslab_widgets and poslab_lessons, so it builds while the main window is being reworked.
# POSLAB_WALK_PNG=DIR saves screenshots of the panel there for a look by eye.
add_executable(test_walk
    ${CMAKE_CURRENT_LIST_DIR}/guitest.h ${CMAKE_CURRENT_LIST_DIR}/guitestmain.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tst_walkview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tst_lessons.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tst_lessontexts.cpp
)
target_link_libraries(test_walk PRIVATE poslab_widgets poslab_lessons Qt6::Test)
set_target_properties(test_walk PROPERTIES AUTOMOC ON)
include(${CMAKE_CURRENT_LIST_DIR}/guitests.cmake)
poslab_gui_tests(test_walk)
target_compile_definitions(test_walk PRIVATE
    POSLAB_LESSONS_JSON="${PROJECT_SOURCE_DIR}/resources/lessons/lessons.json"
    POSLAB_LESSONS_DIR="${PROJECT_SOURCE_DIR}/resources/lessons")

# test_lessons_language (issue 16): the lessons panel switching language live, with the translators
# of poslab_figure installed as View › Language installs them.
add_executable(test_lessons_language
    ${CMAKE_CURRENT_LIST_DIR}/guitest.h ${CMAKE_CURRENT_LIST_DIR}/guitestmain.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tst_lessonslanguage.cpp
)
target_link_libraries(test_lessons_language PRIVATE poslab_gui Qt6::Test)
set_target_properties(test_lessons_language PROPERTIES AUTOMOC ON)
poslab_gui_tests(test_lessons_language)
