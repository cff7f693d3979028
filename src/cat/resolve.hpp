#pragma once
// Resolves every name of a loaded model and checks set/relation types.
#include "cat/program.hpp"

namespace mcm::cat {

// Fills in NameRefs, slots and per-statement reads. Throws mcm::Diagnostic.
void resolveModel(Model& m);

}  // namespace mcm::cat
