# The interface's translations (issue 16), included from app/figure/CMakeLists.txt: the .qm files
# are embedded in poslab_figure (":/i18n/"), which both the app and poslab-cli link.
#
# One catalogue per part of the source tree, so that each .ts changes only with its own part:
#   poslab_core     core/        trCore(context, source) and POSLAB_TR_NOOP (core/i18n.h)
#   poslab_widgets  widgets/     tr(), QT_TR_NOOP, QT_TRANSLATE_NOOP
#   poslab_figure   app/figure/
#   poslab_gui      app/gui/
# `cmake --build --preset ci --target update_translations` runs lupdate over each part into its .ts
# (new strings arrive unfinished; strings no longer in the source are dropped); Qt Linguist or an
# editor fills them in; lrelease compiles them at build time. The test translations.complete
# (tests/gui/tst_translations.cpp) fails while any entry is unfinished or stale.
# Qt6::lupdate, Qt6::lrelease and qt_add_lrelease come from the top-level find_package(Qt6 … LinguistTools).

# CACHE INTERNAL: tests/gui reads them too (test_translations)
set(POSLAB_LANGUAGES zh_CN CACHE INTERNAL "translated languages; English is the source")
set(POSLAB_TRANSLATION_DOMAINS
    "poslab_core=core"
    "poslab_widgets=widgets"
    "poslab_figure=app/figure"
    "poslab_gui=app/gui" CACHE INTERNAL "translation catalogue = source folder")
# lupdate's options for every domain (the test runs lupdate with the same ones)
set(POSLAB_LUPDATE_OPTIONS -locations none -tr-function-alias translate+=trCore,QT_TRANSLATE_NOOP+=POSLAB_TR_NOOP
    -extensions cpp,h CACHE INTERNAL "lupdate options")

set(POSLAB_TS_DIR ${PROJECT_SOURCE_DIR}/resources/translations)
set(ts_files)
if(NOT TARGET update_translations)
    add_custom_target(update_translations)
endif()
foreach(entry IN LISTS POSLAB_TRANSLATION_DOMAINS)
    string(REPLACE "=" ";" pair "${entry}")
    list(GET pair 0 domain)
    list(GET pair 1 folder)
    foreach(lang IN LISTS POSLAB_LANGUAGES)
        set(ts ${POSLAB_TS_DIR}/${domain}_${lang}.ts)
        list(APPEND ts_files ${ts})
        add_custom_target(${domain}_${lang}_lupdate
            COMMAND Qt6::lupdate ${POSLAB_LUPDATE_OPTIONS} -no-obsolete -target-language ${lang}
                    ${PROJECT_SOURCE_DIR}/${folder} -ts ${ts}
            WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
            COMMENT "lupdate ${folder} -> resources/translations/${domain}_${lang}.ts"
            VERBATIM)
        add_dependencies(update_translations ${domain}_${lang}_lupdate)
    endforeach()
endforeach()

qt_add_lrelease(poslab_figure TS_FILES ${ts_files} QM_FILES_OUTPUT_VARIABLE qm_files)
qt_add_resources(poslab_figure "poslab_translations"
    PREFIX "/i18n"
    BASE "${CMAKE_CURRENT_BINARY_DIR}"
    FILES ${qm_files})
