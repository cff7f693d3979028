#pragma once
// The cat primitives that are not plain relation algebra.
#include <optional>
#include <vector>

#include "relations/relation.hpp"

namespace mcm::cat {

// Every strict total order on `s` that contains `order` restricted to `s`
// (none if that restriction is cyclic), each as a transitive relation.
// Generated in lexicographic order of the event sequences.
std::vector<rel::Relation> linearisations(const rel::EventSet& s, const rel::Relation& order);

// `order` restricted to `s` and transitively closed there (nullopt if that is cyclic),
// and whether it is total on `s` (then it has exactly one linearisation).
struct OrderOn {
  rel::Relation order;
  bool total = false;
};
std::optional<OrderOn> orderOn(const rel::EventSet& s, const rel::Relation& order);

// The equivalence classes of `s` under `loc` (events on the same location).
std::vector<rel::EventSet> classesOf(const rel::EventSet& s, const rel::Relation& loc);

}  // namespace mcm::cat
