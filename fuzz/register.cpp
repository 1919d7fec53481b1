// An initiative register, read and located as `regiomap initiatives resolve` does, every output format.
#include "fuzz_support.hpp"
#include "initiatives/initiative_map.hpp"

// Loading the bundled store takes seconds; done before the first input, it does not count
// against libFuzzer's per-input timeout (a loaded machine once made it look like a hang).
const regiomap::InitiativeWorkspace& workspace() {
    static const regiomap::InitiativeWorkspace loaded(regiomap::fuzz::bundled_store());
    return loaded;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    workspace();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const regiomap::InitiativeWorkspace& workspace = ::workspace();
    const auto contents = regiomap::fuzz::bytes(data, size);
    const auto file = regiomap::fuzz::input_file(contents, regiomap::fuzz::csv_or_geojson(contents, "register"));
    return regiomap::fuzz::run_guarded([&] {
        const auto register_ = workspace.read(file);
        const auto located = workspace.locate(register_);
        for (auto format : {regiomap::OutputFormat::table, regiomap::OutputFormat::csv, regiomap::OutputFormat::json}) {
            regiomap::format_resolution(workspace.governance, located, format);
        }
    });
}
