# Installs regiomap into a temporary prefix and runs the installed program: it must find its
# styles and the bundled manifest under PREFIX/share/regiomap (wherever PREFIX is, so also after
# the prefix is moved), and --resources / REGIOMAP_RESOURCES must come before the prefix.
# Called by ctest: cmake -DBUILD_DIR=... -DWORK=... -P resources_install_test.cmake
cmake_minimum_required(VERSION 3.22)

# Fails with `message` unless the condition (a quoted if() expression) holds.
function(expect condition message)
  cmake_language(EVAL CODE "if(NOT (${condition}))\n  message(FATAL_ERROR [==[${message}]==])\nendif()")
endfunction()

# Runs the program; fails unless it exits 0. Its stderr lands in RUN_STDERR.
function(run_regiomap)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "exit ${code} from: ${ARGN}\nstdout: ${out}\nstderr: ${err}")
  endif()
  set(RUN_STDERR "${err}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(prefix ${WORK}/prefix)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
                RESULT_VARIABLE code OUTPUT_QUIET ERROR_VARIABLE err)
expect("code EQUAL 0" "cmake --install failed: ${err}")
foreach(installed bin/regiomap share/regiomap/styles/incongruence.qml share/regiomap/styles/region_outlines.qml
        share/regiomap/geodata/manifest.json share/regiomap/geodata/cbs/2020/gemeente.topojson)
  expect("EXISTS ${prefix}/${installed}" "not installed: ${installed}")
endforeach()
# Mark the installed style, so a GeoPackage's style beside it shows which copy was used.
file(APPEND ${prefix}/share/regiomap/styles/incongruence.qml "<!-- installed copy -->\n")

# The manifest and the data it names come from the prefix.
run_regiomap(${prefix}/bin/regiomap load --store ${WORK}/store.sqlite)
expect("RUN_STDERR MATCHES [[reading manifest ${prefix}/share/regiomap/geodata/manifest.json]]"
       "the installed program did not read the installed manifest:\n${RUN_STDERR}")
run_regiomap(${prefix}/bin/regiomap incongruence --store ${WORK}/store.sqlite --format gpkg --qml
             --output ${WORK}/installed.gpkg)
file(READ ${WORK}/installed.qml style)
expect([[style MATCHES "installed copy"]] "the installed program did not use the installed style")

# A moved prefix still works: the lookup is relative to the program.
file(RENAME ${prefix} ${WORK}/moved)
run_regiomap(${WORK}/moved/bin/regiomap incongruence --store ${WORK}/store.sqlite --format gpkg --qml
             --output ${WORK}/moved.gpkg)
file(READ ${WORK}/moved.qml style)
expect([[style MATCHES "installed copy"]] "the moved program did not use its own style")

# REGIOMAP_RESOURCES comes before the prefix, --resources before both.
file(WRITE ${WORK}/environment/styles/incongruence.qml "<qgis><!-- environment copy --></qgis>\n")
file(WRITE ${WORK}/option/styles/incongruence.qml "<qgis><!-- option copy --></qgis>\n")
run_regiomap(${CMAKE_COMMAND} -E env REGIOMAP_RESOURCES=${WORK}/environment
             ${WORK}/moved/bin/regiomap incongruence --store ${WORK}/store.sqlite --format gpkg --qml
             --output ${WORK}/environment.gpkg)
file(READ ${WORK}/environment.qml style)
expect([[style MATCHES "environment copy"]] "REGIOMAP_RESOURCES was not looked in first")
run_regiomap(${CMAKE_COMMAND} -E env REGIOMAP_RESOURCES=${WORK}/environment
             ${WORK}/moved/bin/regiomap --resources ${WORK}/option incongruence --store ${WORK}/store.sqlite
             --format gpkg --qml --output ${WORK}/option.gpkg)
file(READ ${WORK}/option.qml style)
expect([[style MATCHES "option copy"]] "--resources was not looked in first")
file(REMOVE_RECURSE ${WORK})
