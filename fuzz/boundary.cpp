// read_boundary_layer on GeoJSON bytes (or anything GDAL sniffs), with and without --repair.
#include "fuzz_support.hpp"
#include "layers/boundary_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const regiomap::GeosContext geos;
    regiomap::LayerSpec spec;
    spec.id = "fuzz";
    spec.title = "fuzzed boundaries";
    spec.year = 2020;
    spec.file = regiomap::fuzz::input_file(regiomap::fuzz::bytes(data, size), "boundaries.geojson");
    spec.code_field = "code";
    spec.name_field = "name";
    spec.assumed_crs = "EPSG:28992";
    for (bool repair : {false, true}) {
        regiomap::fuzz::run_guarded([&] { regiomap::read_boundary_layer(geos, spec, {"EPSG:28992", repair, nullptr}); });
    }
    return 0;
}
