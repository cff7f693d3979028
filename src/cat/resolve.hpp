#pragma once
// Resolves every name of a loaded model and checks set/relation types.
#include <string>
#include <vector>

#include "cat/program.hpp"

namespace mcm::cat {

// Fills in NameRefs, slots and per-statement reads. Throws mcm::Diagnostic.
// `architectureSets`: further base sets (see loadModel).
void resolveModel(Model& m, const std::vector<std::string>& architectureSets = {});

}  // namespace mcm::cat
