# The program's PDF streams are compressed at zlib level 1 (src/cli/pdf_stream_compression.cpp),
# not cairo's default level 6: a zlib stream's header is 78 01 at level 1 and 78 9C at level 6.
# Catches a build that stops exporting the program's deflateInit_ (visibility, LTO, static zlib).
if(NOT EXISTS "${PDF}")
  message(FATAL_ERROR "no PDF at ${PDF}: the test that writes it (cli.map_overlay_pdf) did not run")
endif()
file(READ "${PDF}" content HEX)
string(FIND "${content}" "73747265616d0a7801" level_one)  # "stream\n" 78 01
string(FIND "${content}" "73747265616d0a789c" level_six)  # "stream\n" 78 9C
if(level_one EQUAL -1)
  message(FATAL_ERROR "${PDF}: no stream at zlib level 1")
endif()
if(NOT level_six EQUAL -1)
  message(FATAL_ERROR "${PDF}: a stream at zlib's default level 6: the program's deflateInit_ is not used")
endif()
