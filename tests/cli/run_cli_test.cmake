# Runs the regiomap binary once and compares its exit code, stdout and stderr
# with what the test expects. Arguments are separated by "|" because CMake
# lists cannot cross the -D boundary intact.
#   -DREGIOMAP=path -DARGS=a|b|c -DEXPECTED_EXIT=n
#   [-DEXPECTED_STDOUT=file] [-DSTDOUT_REGEX=re] [-DSTDERR_REGEX=re]
string(REPLACE "|" ";" argument_list "${ARGS}")
execute_process(COMMAND ${REGIOMAP} ${argument_list}
  RESULT_VARIABLE exit_code OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
set(failed FALSE)
if(NOT exit_code STREQUAL EXPECTED_EXIT)
  message(SEND_ERROR "exit code ${exit_code}, expected ${EXPECTED_EXIT}\nstderr:\n${stderr}")
endif()
if(DEFINED EXPECTED_STDOUT)
  file(READ "${EXPECTED_STDOUT}" expected)
  if(NOT stdout STREQUAL expected)
    get_filename_component(name "${EXPECTED_STDOUT}" NAME)
    file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/actual-${name}" "${stdout}")
    message(SEND_ERROR "stdout differs from ${EXPECTED_STDOUT}; actual output written to "
                       "${CMAKE_CURRENT_BINARY_DIR}/actual-${name}")
  endif()
endif()
if(DEFINED STDOUT_REGEX AND NOT stdout MATCHES "${STDOUT_REGEX}")
  message(SEND_ERROR "stdout does not match '${STDOUT_REGEX}':\n${stdout}")
endif()
if(DEFINED STDERR_REGEX AND NOT stderr MATCHES "${STDERR_REGEX}")
  message(SEND_ERROR "stderr does not match '${STDERR_REGEX}':\n${stderr}")
endif()
