// What every libFuzzer target shares: the rule for which exceptions are a
// finding, scratch files for readers that take a path, and the bundled store.
//
// The rule is the command line's: a regiomap::Error with a documented exit
// code (1-4, 6) is a proper refusal of bad input, so the target returns.
// Everything else is a finding: an Error whose exit code is internal_error (5)
// is reported and aborts; any other exception is left uncaught, so the
// runtime terminates at the throw and the sanitizer's stack shows where it
// was thrown; crashes and sanitizer reports are findings by themselves.
#pragma once

#include "core/error.hpp"
#include "core/resources.hpp"
#include "core/temporary_folder.hpp"
#include "layers/loader.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

namespace regiomap::fuzz {

// REGIOMAP_FUZZ_IGNORE="text|other text": findings whose message contains one of
// these are let pass, so a survey run can look past defects already known and
// being fixed (tools/fuzz passes it through). Unset, nothing is let pass.
inline bool ignored_finding(const char* message) {
    static const std::string ignore = [] {
        const char* value = std::getenv("REGIOMAP_FUZZ_IGNORE");
        return value ? std::string(value) : std::string();
    }();
    for (std::size_t start = 0; start < ignore.size();) {
        auto end = std::min(ignore.find('|', start), ignore.size());
        if (end > start && std::string_view(message).find(std::string_view(ignore).substr(start, end - start)) !=
                               std::string_view::npos) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

template <typename Body>
int run_guarded(Body&& body) {
    static const bool surveying = std::getenv("REGIOMAP_FUZZ_IGNORE") != nullptr;
    auto report_internal = [](const Error& error) {
        if (error.exit_code() != ExitCode::internal_error || ignored_finding(error.what())) return;
        std::fprintf(stderr, "FINDING: regiomap reports an internal error (exit 5): %s\n", error.what());
        std::abort();
    };
    if (!surveying) {
        try {
            body();
        } catch (const Error& error) {
            report_internal(error);
        }
        return 0;
    }
    // Surveying: other exceptions are caught to be compared with the list, and so lose
    // the stack of their throw; rethrown, they still end the run.
    try {
        body();
    } catch (const Error& error) {
        report_internal(error);
    } catch (const std::exception& error) {
        if (!ignored_finding(error.what())) throw;
    }
    return 0;
}

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A folder of this process under $TMPDIR, removed at a normal exit. A finding
// ends the process without that, so tools/fuzz points TMPDIR at a scratch
// folder of its own and removes it afterwards.
inline const std::filesystem::path& scratch_folder() {
    static const TemporaryFolder folder("regiomap-fuzz");
    return folder.path();
}

// Writes the input to a file named `name` (the extension picks the GDAL driver) and returns its path.
inline std::filesystem::path input_file(std::string_view contents, const std::string& name) {
    auto path = scratch_folder() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    return path;
}

// "register.geojson" for input that looks like JSON, else "register.csv".
inline std::string csv_or_geojson(std::string_view contents, const std::string& stem) {
    auto first = contents.find_first_not_of(" \t\r\n");
    return stem + ((first != std::string_view::npos && contents[first] == '{') ? ".geojson" : ".csv");
}

// The bundled data loaded once per fuzzer process, as tests/support.hpp does
// for the tests; the time it takes is printed once.
inline const Store& bundled_store() {
    static const std::unique_ptr<Store> store = [] {
        const auto started = std::chrono::steady_clock::now();
        auto path = scratch_folder() / "bundled.sqlite";
        load({find_bundled_manifest(), path, false}, [](const std::string&) {});
        auto opened = std::make_unique<Store>(path);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
        std::fprintf(stderr, "regiomap fuzz: bundled store loaded in %.1f s\n", took.count());
        return opened;
    }();
    return *store;
}

}  // namespace regiomap::fuzz
