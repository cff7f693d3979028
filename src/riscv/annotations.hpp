#pragma once
// The annotation sets of herd's RISC-V events, as a model names them: X (lr, sc,
// AMOs), Acq Rel AcqRel Sc (.aq/.rl), Fence.r.r ... Fence.rw.rw, Fence.tso,
// Fence.i. A model loader accepts these names (cat::loadModel's architectureSets);
// they are empty when no event carries them.
#include <string>
#include <vector>

namespace mcm::riscv {

inline const std::vector<std::string>& annotationSets() {
  static const std::vector<std::string> sets = [] {
    std::vector<std::string> s = {"X", "Acq", "Rel", "AcqRel", "Sc"};
    for (const char* a : {"r", "w", "rw"})
      for (const char* b : {"r", "w", "rw"}) s.push_back(std::string("Fence.") + a + "." + b);
    s.push_back("Fence.tso");
    s.push_back("Fence.i");
    return s;
  }();
  return sets;
}

}  // namespace mcm::riscv
