// LocationResolver::resolve on an arbitrary published location, over the bundled store.
#include "bundled_workspace.hpp"

#include <algorithm>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    regiomap::fuzz::bundled_workspace();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const regiomap::InitiativeWorkspace& workspace = regiomap::fuzz::bundled_workspace();
    const std::string location(regiomap::fuzz::bytes(data, size));
    return regiomap::fuzz::run_guarded([&] {
        const auto resolution = workspace.resolver.resolve(location);
        const auto count = static_cast<int>(workspace.governance.codes.size());
        const bool in_range = std::all_of(resolution.municipalities.begin(), resolution.municipalities.end(),
                                          [count](int m) { return m >= 0 && m < count; });
        if (!in_range || !std::is_sorted(resolution.municipalities.begin(), resolution.municipalities.end())) {
            std::fprintf(stderr, "FINDING: resolution holds municipality indices out of range or unsorted\n");
            std::abort();
        }
    });
}
