// `regiomap leaders --market-shares FILE`: the table of insured persons per municipality or region,
// over a boundary layer and the membership-table layer, in every output format.
#include "bundled_workspace.hpp"
#include "initiatives/market_leaders.hpp"
#include "present/initiatives_text.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    regiomap::fuzz::bundled_workspace();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const regiomap::InitiativeWorkspace& workspace = regiomap::fuzz::bundled_workspace();
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
