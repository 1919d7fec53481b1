// Hand-made governance for analysis tests: municipalities by index, layers as label vectors.
#pragma once

#include "analysis/governance.hpp"

#include <string>
#include <vector>

namespace regiomap::test {

inline Division make_division(const std::string& id, const std::vector<int>& labels) {
    int regions = 0;
    for (int label : labels) regions = std::max(regions, label + 1);
    std::vector<std::string> codes, names;
    for (int r = 0; r < regions; ++r) {
        codes.push_back(id + std::to_string(r));
        names.push_back(id + " region " + std::to_string(r));
    }
    return division_from_assignment(id, codes, names, labels);
}

inline Governance make_governance(const std::vector<std::int64_t>& population, const std::vector<Division>& divisions) {
    Governance governance;
    for (std::size_t m = 0; m < population.size(); ++m) {
        std::string code = "GM" + std::to_string(9000 + m);
        governance.index_of[code] = static_cast<int>(m);
        governance.codes.push_back(code);
        governance.names.push_back("Dorp " + std::to_string(m));
        governance.population.emplace_back(population[m]);
        governance.area_m2.push_back(1e8);
    }
    governance.divisions = divisions;
    governance.zorgkantoor_insurer.assign(population.size(), {});
    governance.largest_insurer.assign(population.size(), {});
    governance.work_structure_lead.assign(population.size(), {});
    return governance;
}

}  // namespace regiomap::test
