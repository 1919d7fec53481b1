// `regiomap leaders --market-shares FILE`: the table of insured persons per municipality or region,
// over a boundary layer and the membership-table layer, in every output format.
#include "fuzz_support.hpp"
#include "initiatives/initiative_map.hpp"
#include "initiatives/market_leaders.hpp"

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
    const auto file = regiomap::fuzz::input_file(regiomap::fuzz::bytes(data, size), "market_shares.csv");
    for (const char* division : {"zorgkantoor", "werkstructuur"}) {
        regiomap::fuzz::run_guarded([&] {
            const auto leaders =
                regiomap::market_leaders_from_table(workspace.governance, workspace.names, workspace.insurers,
                                                    division, file);
            for (auto format :
                 {regiomap::OutputFormat::table, regiomap::OutputFormat::csv, regiomap::OutputFormat::json}) {
                regiomap::format_market_leaders(workspace.governance, leaders, format);
            }
        });
    }
    return 0;
}
