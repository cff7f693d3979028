#pragma once
// Final states and the test's condition (herd-semantics §6-7).
#include <functional>
#include <vector>

#include "exec/result.hpp"
#include "litmus/ast.hpp"

namespace mcm::exec {

// The value of a location in one final state.
using StateLookup = std::function<StateValue(const litmus::Location&)>;

// The locations a test displays: `locations[...]` plus the condition's, in herd's
// order (registers by thread then name bytes, then globals by name bytes), unique.
std::vector<litmus::Location> displayedLocations(const litmus::Test& test);

// Every location a proposition mentions (both sides of location comparisons).
void collectLocations(const litmus::PropPtr& prop, std::vector<litmus::Location>& out);

// Whether the proposition holds. A free (unsolved) value equals nothing.
bool holds(const litmus::PropPtr& prop, const StateLookup& lookup);

// herd's order of locations in a state line.
bool displayOrderLess(const litmus::Location& a, const litmus::Location& b);

}  // namespace mcm::exec
