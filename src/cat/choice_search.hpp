#pragma once
// The branches of `with x from cross(...)` where a factor may be the linear orders of a
// partial order (coherence orders, linearisations): every union of one relation per
// factor, depth first (the factors of most events first), with pruning. Before a part of the search that holds at least
// `minBranches` branches, `skip` is asked with a relation contained in every branch of that part; when it
// answers true the part is dropped and `dropped` is told how many branches it held. The
// evaluator's `skip` runs the checks that can only fail more as edges are added. When every
// factor is the orders of events no other factor has, each bound `skip` is asked with is
// transitive, as each branch is (the events placed first in a factor precede all the
// others of it; the rest of the factor is its closed order). The search
// ends early once `*stop` is true (set by `leaf`, when one branch is all a caller needs).
#include <cstdint>
#include <functional>
#include <vector>

#include "relations/relation.hpp"

namespace mcm::cat {

struct SearchFactor {
  std::vector<rel::Relation> items;       // listed relations, when `events` is null
  const rel::EventSet* events = nullptr;  // else the total orders of *events containing
  const rel::Relation* order = nullptr;   // *order (transitively closed, acyclic on them)
};

// Branch counts saturate here.
inline constexpr std::uint64_t kManyBranches = UINT64_MAX;

// What asking about parts has been worth at each depth of earlier searches of one set (a
// depth: a factor, and how many of its events are left to place). After a few questions at a
// depth, a part there is asked about only while the depth's questions drop, on average, at
// least one branch per question for parts of its size (a question costs about one branch's
// judging); now and then one is asked anyway, so that a depth whose parts start failing is
// noticed. Which parts are asked about changes only how many failed branches are judged one
// by one: a part not dropped is searched branch by branch.
struct PruneHistory {
  struct Depth {
    std::uint64_t asked = 0, pruned = 0, declined = 0;
  };
  std::vector<Depth> depths;
};

void searchChoices(const std::vector<SearchFactor>& factors, std::size_t n, std::uint64_t minBranches,
                   const std::function<bool(const rel::Relation& bound)>& skip,
                   const std::function<void(std::uint64_t branches)>& dropped,
                   const std::function<void(const rel::Relation& branch)>& leaf, const bool* stop = nullptr,
                   PruneHistory* history = nullptr);

}  // namespace mcm::cat
