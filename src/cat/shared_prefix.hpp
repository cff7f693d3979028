#pragma once
// How many leading top-level statements two loaded models have in common: the same text and
// the same resolution (every name in the same slot), e.g. the kernel model that sc.cat and
// tso.cat both include. Over one event structure those statements stage to the same values
// in both, so an evaluator of the second model can take them from one of the first
// (Evaluator's `staged`). Private to the cat layer.
#include <cstddef>

#include "cat/program.hpp"

namespace mcm::cat {

// Remembered per pair of models (in `b`): the comparison walks both syntax trees.
std::size_t sharedPrefix(const std::shared_ptr<const Model>& a, const Model& b);

}  // namespace mcm::cat
