# Runs browser_check.mjs on a page, or reports the test as skipped where Node.js, Chromium or
# playwright-core is missing (tests/browser_prerequisites.cmake).
# -DHTML=page -DDRIVER=browser_check.mjs -DEXPECT=expectations.json [-DSCREENSHOT=out.png]
include("${CMAKE_CURRENT_LIST_DIR}/../browser_prerequisites.cmake")
if(browser_missing)
  cannot_run("${browser_missing}")
  return()
endif()
set(arguments "${HTML}" --expect "${EXPECT}" --chromium "${chromium}")
if(SCREENSHOT)
  list(APPEND arguments --screenshot "${SCREENSHOT}")
endif()
execute_process(COMMAND "${node}" "${DRIVER}" ${arguments} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "browser check failed (exit ${result})")
endif()
