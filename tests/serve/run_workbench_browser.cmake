# Runs workbench_browser.mjs, or reports the test as skipped where Node.js, Chromium,
# playwright-core (tests/browser_prerequisites.cmake) or the page's MapLibre is missing.
# -DREGIOMAP=binary -DSTORE=store -DOUT=folder for screenshots
include("${CMAKE_CURRENT_LIST_DIR}/../browser_prerequisites.cmake")
if(NOT browser_missing AND NOT EXISTS "${source_root}/web/node_modules/maplibre-gl/dist/maplibre-gl.js")
  set(browser_missing "MapLibre is not installed for the page (npm ci --prefix web)")
endif()
if(browser_missing)
  cannot_run("${browser_missing}")
  return()
endif()
file(MAKE_DIRECTORY "${OUT}")
execute_process(COMMAND "${node}" "${CMAKE_CURRENT_LIST_DIR}/workbench_browser.mjs" "${REGIOMAP}" "${STORE}"
                        "${source_root}" "${OUT}" "${chromium}"
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "workbench browser check failed (exit ${result})")
endif()
