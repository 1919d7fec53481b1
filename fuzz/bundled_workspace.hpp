// The initiative workspace over the bundled store, shared by the targets that
// resolve locations. Loading it takes seconds: the targets call it from
// LLVMFuzzerInitialize, which libFuzzer does not time, so the load never counts
// against the per-input timeout (a loaded machine once made it look like a hang).
#pragma once

#include "fuzz_support.hpp"
#include "initiatives/initiative_map.hpp"
#include "present/initiatives_text.hpp"

namespace regiomap::fuzz {

inline const InitiativeWorkspace& bundled_workspace() {
    static const InitiativeWorkspace loaded(bundled_store());
    return loaded;
}

}  // namespace regiomap::fuzz
