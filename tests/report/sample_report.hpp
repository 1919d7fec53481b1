// A small report document for the HTML presenter's tests: real cairo SVGs (two
// maps with text, so their glyph and clip ids would clash on one page without
// prefixing), hotspots (one of them not convex), a table whose numbers are
// written the Dutch way, and text that needs escaping. The numbers are made up
// for the test; the browser check's expectations (sample_expectations.json) are
// worked out by hand from them. The hidden test case "write the sample report
// page for the browser test" writes it for the report.browser test.
#pragma once

#include "report/html_document.hpp"

namespace regiomap::report::testing {

HtmlDocument sample_report_document();

}  // namespace regiomap::report::testing
