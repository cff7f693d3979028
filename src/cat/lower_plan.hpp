#pragma once
// Which statements of a model can judge a lower state (growth.hpp): the checks that can only
// fail more above it, and the lets and `with`s they read. Two uses:
//  - after a `with`, the statements up to the next one, run with the variable bound to edges
//    every choice of part of its set contains (the evaluator drops the part when one fails);
//  - from the start of the model, run with the candidate's names holding part of their value
//    (rf: the edges chosen so far; FW: none), through the `with`s whose choices only narrow
//    above: when no branch passes them, no candidate above passes the model (the engine then
//    drops every rf choice that extends these edges).
#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "cat/growth.hpp"
#include "cat/program.hpp"

namespace mcm::cat {

// What the evaluator knows of the statements on one event structure.
struct PlanFacts {
  const Model& model;
  const std::vector<bool>& dynamic;    // per statement: depends on the candidate
  const std::vector<bool>& unused;     // per statement: a let not evaluated on every run
  const std::vector<int>& hoistedAt;   // per statement: the `with` it is evaluated before, or -1
  const std::set<std::string>& skippedChecks;  // -skipchecks: checks that reject nothing
  std::function<bool(const Expr&)> knownEmpty;
};

// The statements after `with` i up to the next `with`, call, forall or variant, that judge a
// part of its choices: empty when none is a check.
std::vector<std::size_t> planAfterWith(const PlanFacts& facts, std::size_t with);

// The statements from the start that judge a lower state where each slot of `lower` grows,
// each of `emptyBelow` is empty (and grows) and each of `unknown` is unknown (values). Ends
// at the last check it keeps.
std::vector<std::size_t> planFromStart(const PlanFacts& facts, const std::vector<int>& lower,
                                       const std::vector<int>& emptyBelow, const std::vector<int>& unknown);

}  // namespace mcm::cat
