// Register geometries are checked when the register is read (issue 7): a
// self-intersecting polygon used to reach GEOS's overlay and end as exit 5.
#include "initiatives/register.hpp"

#include "../support.hpp"
#include "core/error.hpp"
#include "initiatives/insurer_directory.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;
using namespace regiomap::test;

TEST_CASE("a register with a self-intersecting polygon is refused with the row named") {
    InsurerDirectory insurers({{"Menzis", "Menzis", "concern"}});
    MunicipalityNames names;
    try {
        read_register(bad("register_bowtie.geojson"), names, insurers);
        FAIL("read a register with a bow-tie polygon");
    } catch (const DataError& error) {
        const std::string message = error.what();
        INFO(message);
        CHECK(message.find("register_bowtie.geojson") != std::string::npos);
        CHECK(message.find("1 problem in 1 row") != std::string::npos);
        CHECK(message.find("row 2: the geometry is invalid: Self-intersection") != std::string::npos);
    }
}
