// Manifest::read on arbitrary JSON (paths are only parsed, not opened).
#include "fuzz_support.hpp"
#include "layers/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = regiomap::fuzz::input_file(regiomap::fuzz::bytes(data, size), "manifest.json");
    return regiomap::fuzz::run_guarded([&] { regiomap::Manifest::read(file); });
}
