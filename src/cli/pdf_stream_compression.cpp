// The compression level of the PDF streams cairo writes (report.pdf, `map --out x.pdf`).
//
// cairo 1.16 compresses every PDF stream with zlib's deflateInit at the default level (6) and
// has no setting for it. In the report those streams cost about a fifth of a second of CPU at
// level 6; at level 1 they take about half that, for a PDF about a fifth larger. So the program
// defines zlib's deflateInit_ itself: ELF symbol resolution prefers a definition in the
// executable over libz's for every caller in the process, and this one turns the default level
// into 1 and otherwise does what zlib's does (zlib 1.2's deflateInit_ is deflateInit2_ with a
// 32 kB window, memory level 8 and the default strategy). Callers that name a level keep it.
// This file is compiled into the executable itself, not into a library of src/: a static
// library's object is only linked when the program calls something in it, and nothing calls
// this; the linker exports it because libcairo, on the link line, calls deflateInit_.
// The unit tests link zlib's own, which writes the same PDFs at level 6; tests/CMakeLists.txt
// checks that the program's PDF streams are at level 1.
#include <zlib.h>

namespace {

constexpr int kPdfStreamLevel = 1;
constexpr int kZlibDefaultMemoryLevel = 8;  // DEF_MEM_LEVEL in zlib's zutil.h, not in zlib.h

}  // namespace

extern "C" int deflateInit_(z_streamp stream, int level, const char* version, int stream_size) {
    if (level == Z_DEFAULT_COMPRESSION) level = kPdfStreamLevel;
    return deflateInit2_(stream, level, Z_DEFLATED, MAX_WBITS, kZlibDefaultMemoryLevel, Z_DEFAULT_STRATEGY, version,
                         stream_size);
}
