# What every browser test needs, looked up when the test runs (not when CMake configures, so
# installing them later is enough): Node.js, Chromium (REGIOMAP_CHROMIUM or /usr/bin/chromium) and
# playwright-core from tools/browser. Sets `node`, `chromium`, `source_root`, and `browser_missing`
# to why the test cannot run (empty when it can). cannot_run(REASON) reports the test as skipped
# ("BROWSER TEST SKIPPED", the SKIP_REGULAR_EXPRESSION of the browser tests); in CI (CI set, as
# .ci/run runs) it fails the test instead: there it would otherwise pass unseen.
if(DEFINED ENV{REGIOMAP_CHROMIUM})
  set(chromium "$ENV{REGIOMAP_CHROMIUM}")
else()
  set(chromium /usr/bin/chromium)
endif()
function(cannot_run reason)
  if(DEFINED ENV{CI})
    message(FATAL_ERROR "the browser test cannot run in CI: ${reason}")
  endif()
  message("BROWSER TEST SKIPPED: ${reason}")
endfunction()
get_filename_component(source_root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(browser_missing "")
find_program(node NAMES node nodejs)
if(NOT node)
  set(browser_missing "no Node.js on this machine (tools/install-deps --tests installs it)")
elseif(NOT EXISTS "${chromium}")
  set(browser_missing "no Chromium at ${chromium} (tools/install-deps --tests installs it)")
elseif(NOT EXISTS "${source_root}/tools/browser/node_modules/playwright-core")
  set(browser_missing "playwright-core is not installed (npm ci --prefix tools/browser)")
endif()
