// Writes the sample report (sample_report.cpp) to the file named on the command
// line, for the browser test (browser_check.mjs) to open.
#include "sample_report.hpp"

#include "core/error.hpp"

#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: regiomap_report_sample OUT.html\n";
        return 2;
    }
    try {
        std::string html = regiomap::report::render_html(regiomap::report::testing::sample_report_document());
        std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
        out << html;
        out.close();
        if (!out) {
            std::cerr << "cannot write " << argv[1] << "\n";
            return 1;
        }
        std::cout << "wrote " << argv[1] << "\n";
        return 0;
    } catch (const regiomap::Error& error) {
        std::cerr << error.what() << "\n";
        return 1;
    }
}
