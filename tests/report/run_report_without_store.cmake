# `regiomap report` where no store exists yet (the README's main job on a fresh clone): it loads the
# bundled data into the store named, says so on stderr, writes the report and prints index.html.
# -DREGIOMAP=binary -DWORK=folder
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
execute_process(COMMAND "${REGIOMAP}" report --store "${WORK}/store.sqlite" --out "${WORK}/report"
                RESULT_VARIABLE result OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "regiomap report without a store failed (${result}): ${stderr}")
endif()
if(NOT stderr MATCHES "no store yet; loading .*manifest\\.json")
  message(FATAL_ERROR "the report did not say it loads the bundled data: ${stderr}")
endif()
if(NOT EXISTS "${WORK}/store.sqlite" OR NOT EXISTS "${WORK}/report/index.html" OR NOT stdout MATCHES "report/index\\.html")
  message(FATAL_ERROR "no store or no index.html after the report: ${stdout}")
endif()
