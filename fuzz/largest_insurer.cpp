// `--largest-insurer FILE`: apply_largest_insurer_table on a fresh copy of the bundled governance.
#include "analysis/governance.hpp"
#include "fuzz_support.hpp"
#include "initiatives/insurer_directory.hpp"

// Loading the bundled store takes seconds; done before the first input, it does not count
// against libFuzzer's per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    regiomap::fuzz::bundled_store();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const regiomap::Store& store = regiomap::fuzz::bundled_store();
    static const regiomap::Governance bundled = regiomap::read_governance(store);
    static const regiomap::MunicipalityNames names = store.names();
    static const regiomap::InsurerDirectory insurers(store);
    const auto file = regiomap::fuzz::input_file(regiomap::fuzz::bytes(data, size), "largest_insurer.csv");
    return regiomap::fuzz::run_guarded([&] {
        regiomap::Governance governance = bundled;
        regiomap::apply_largest_insurer_table(governance, names, insurers, file);
    });
}
