# The examples library (resources/examples/*.poslab) built into poslab_gui as ":/examples/ID.poslab"
# (File > Examples), and installed as files to open by path: share/poslab/examples/ID.poslab.
# Included at the end of app/gui/CMakeLists.txt.
set(POSLAB_EXAMPLES
    seed-article sinusoidal-vs-rope alibi-heads t5-long-range shaw-clipping absolute-vs-relative-shift)
list(TRANSFORM POSLAB_EXAMPLES PREPEND "${PROJECT_SOURCE_DIR}/resources/examples/")
list(TRANSFORM POSLAB_EXAMPLES APPEND ".poslab")
qt_add_resources(poslab_gui "poslab_examples"
    PREFIX "/examples"
    BASE "${PROJECT_SOURCE_DIR}/resources/examples"
    FILES ${POSLAB_EXAMPLES})
install(FILES ${POSLAB_EXAMPLES} DESTINATION ${CMAKE_INSTALL_DATADIR}/poslab/examples)
