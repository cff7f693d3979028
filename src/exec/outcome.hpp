#pragma once
// Final states and the test's condition (herd-semantics §6-7).
#include <functional>
#include <vector>

#include "exec/result.hpp"
#include "litmus/ast.hpp"
#include "litmus/locations.hpp"

namespace mcm::exec {

using litmus::collectLocations;
using litmus::displayedLocations;
using litmus::displayOrderLess;

// The value of a location in one final state.
using StateLookup = std::function<StateValue(const litmus::Location&)>;

// Whether the proposition holds. A free (unsolved) value equals nothing.
bool holds(const litmus::PropPtr& prop, const StateLookup& lookup);


}  // namespace mcm::exec
