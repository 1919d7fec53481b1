// Table::read, the one reader of every attribute table (CSV, and GeoJSON where it sniffs JSON).
#include "core/table_reader.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto contents = regiomap::fuzz::bytes(data, size);
    const auto file = regiomap::fuzz::input_file(contents, regiomap::fuzz::csv_or_geojson(contents, "table"));
    return regiomap::fuzz::run_guarded([&] {
        auto table = regiomap::Table::read(file);
        for (const auto& row : table.rows()) {
            if (row.values.size() != table.columns().size()) {
                std::fprintf(stderr, "FINDING: %s has %zu values for %zu columns\n", table.where(row).c_str(),
                             row.values.size(), table.columns().size());
                std::abort();
            }
        }
        if (!table.columns().empty()) table.column(table.columns().front());
        table.column("no such column");  // must throw DataError
    });
}
