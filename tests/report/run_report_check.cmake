# The report as a user gets it: `regiomap report` into a fresh folder, then every promised
# file is there, the PDF has A4 pages whose text shows the attribution and the section titles,
# two runs give the same bytes, and index.html passes the browser check (when Node.js and
# Chromium are there; in CI they must be).
# -DREGIOMAP=binary -DSTORE=store -DOUT=folder -DDRIVER=browser_check.mjs -DEXPECT=expectations.json
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${REGIOMAP}" report --store "${STORE}" --out "${OUT}" RESULT_VARIABLE result
                OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "regiomap report failed (${result}): ${stderr}")
endif()
if(NOT stdout MATCHES "index\\.html")
  message(FATAL_ERROR "regiomap report did not print the path of index.html: ${stdout}")
endif()
if(NOT stderr MATCHES "report: drawing [0-9]+ maps")
  message(FATAL_ERROR "no progress on stderr: ${stderr}")
endif()
foreach(file index.html report.pdf regiomap.gpkg regiomap.incongruence.qml regiomap.regions_ggd.qml maps/incongruentie.png maps/incongruentie.svg maps/profiel-veenendaal-enschede.png
             maps/overlay-zorgkantoor-ggd.svg maps/regio-ggd.png maps/provincie-utrecht.svg maps/marktleiders.png
             maps/initiatieven.png maps/spreiding-achmea.svg data/meest-versnipperd.csv data/incongruentie-alle-gemeenten.csv
             data/splitsingen-zorgkantoor-ggd.csv data/ari.csv data/marktleiders.csv data/spreiding-achmea.csv
             maps/veranderingen-2020-2025.png maps/veranderingen-2020-2025.svg data/veranderingen-2020-2025.csv
             data/crosswalk-2020-2025.csv)
  if(NOT EXISTS "${OUT}/${file}")
    message(FATAL_ERROR "the report did not write ${file}")
  endif()
endforeach()
# Every map in maps/ as PNG and SVG both.
file(GLOB svgs "${OUT}/maps/*.svg")
file(GLOB pngs "${OUT}/maps/*.png")
list(LENGTH svgs svg_count)
list(LENGTH pngs png_count)
if(NOT svg_count EQUAL png_count OR svg_count LESS 25)
  message(FATAL_ERROR "maps/: ${svg_count} SVG and ${png_count} PNG files")
endif()
find_program(pdftotext pdftotext)
find_program(pdfinfo pdfinfo)
if(pdftotext AND pdfinfo)
  execute_process(COMMAND "${pdfinfo}" "${OUT}/report.pdf" OUTPUT_VARIABLE info)
  if(NOT info MATCHES "Page size: +595\\.2[0-9]* x 841\\.8[0-9]* pts \\(A4\\)")
    message(FATAL_ERROR "report.pdf does not start with an A4 page: ${info}")
  endif()
  string(REGEX MATCH "Pages: +([0-9]+)" pages "${info}")
  if(CMAKE_MATCH_1 LESS 30)
    message(FATAL_ERROR "report.pdf has only ${CMAKE_MATCH_1} pages")
  endif()
  execute_process(COMMAND "${pdftotext}" "${OUT}/report.pdf" - OUTPUT_VARIABLE text)
  foreach(expected "Bron: CBS, Kadaster" "De gegevens" "Veenendaal en Enschede" "De meest versnipperde gemeenten"
                   "De indelingen vergeleken" "Per provincie" "Initiatieven per regio" "Marktleiders en evenwichtige spreiding"
                   "Bestuurlijke congruentie per gemeente" "Food Valley" "Wat veranderde er sinds 2020"
                   "Zeewolde (van Flevoland naar Noord-Veluwe)")
    string(FIND "${text}" "${expected}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "pdftotext of report.pdf does not show '${expected}'")
    endif()
  endforeach()
elseif(DEFINED ENV{CI})
  message(FATAL_ERROR "pdftotext/pdfinfo missing in CI (tools/install-deps --tests installs poppler-utils)")
endif()
# The same store gives the same report, byte for byte.
file(SHA256 "${OUT}/report.pdf" first_pdf)
file(SHA256 "${OUT}/index.html" first_html)
file(SHA256 "${OUT}/maps/incongruentie.png" first_png)
execute_process(COMMAND "${REGIOMAP}" report --store "${STORE}" --out "${OUT}" -q RESULT_VARIABLE result)
file(SHA256 "${OUT}/report.pdf" second_pdf)
file(SHA256 "${OUT}/index.html" second_html)
file(SHA256 "${OUT}/maps/incongruentie.png" second_png)
if(NOT result EQUAL 0 OR NOT first_pdf STREQUAL second_pdf OR NOT first_html STREQUAL second_html OR
   NOT first_png STREQUAL second_png)
  message(FATAL_ERROR "a second report run gave other bytes (or failed: ${result})")
endif()
# The browser check, as report.browser runs it.
execute_process(COMMAND ${CMAKE_COMMAND} -DHTML=${OUT}/index.html -DDRIVER=${DRIVER} -DEXPECT=${EXPECT}
                -P ${CMAKE_CURRENT_LIST_DIR}/run_browser_check.cmake RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "browser check of the report failed")
endif()
