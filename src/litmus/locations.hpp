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

// herd's -outcomereads: the registers an instruction that reads memory writes, i.e. those a
// statement assigns from an expression that loads (a primitive read, an RMW, a plain `*p`),
// in an expanded test. Lock primitives (__trylock, __islocked) and SRCU are not counted.
std::vector<Location> registersAssignedFromLoads(const Test& expanded);

}  // namespace mcm::litmus
