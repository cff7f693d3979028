#pragma once
// Locations a test's final part talks about, in herd7's display order.
#include <vector>

#include "litmus/ast.hpp"

namespace mcm::litmus {

// herd's order of locations in a state line: registers by thread then name
// bytes (or their rank in the register file), then globals by name bytes.
bool displayOrderLess(const Location& a, const Location& b);

// Every location a proposition mentions (both sides of location comparisons).
void collectLocations(const PropPtr& prop, std::vector<Location>& out);

// The locations a test displays: `locations[...]` plus the condition's (never
// filter-only ones), in display order, unique.
std::vector<Location> displayedLocations(const Test& test);

}  // namespace mcm::litmus
