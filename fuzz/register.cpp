// An initiative register, read and located as `regiomap initiatives resolve` does, every output format.
#include "bundled_workspace.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    regiomap::fuzz::bundled_workspace();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const regiomap::InitiativeWorkspace& workspace = regiomap::fuzz::bundled_workspace();
    const auto contents = regiomap::fuzz::bytes(data, size);
    const auto file = regiomap::fuzz::input_file(contents, regiomap::fuzz::csv_or_geojson(contents, "register"));
    return regiomap::fuzz::run_guarded([&] {
        const auto register_ = workspace.read(file);
        const auto located = workspace.locate(register_);
        for (auto format : {regiomap::OutputFormat::table, regiomap::OutputFormat::csv, regiomap::OutputFormat::json}) {
            regiomap::format_resolution(workspace.governance, located, regiomap::tally_resolutions(located), format);
        }
    });
}
