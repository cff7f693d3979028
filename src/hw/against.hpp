#pragma once
// A hardware histogram set against a model's allowed final states (`mcm hw --against`),
// and the one-line-per-test summary table of a run over many tests (like mcompare7).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exec/engine.hpp"
#include "exec/result.hpp"
#include "hw/histogram.hpp"

namespace mcm::hw {

struct ModelCheck {
  std::string model;                   // as the user named it
  bool listed = true;                  // false: the allowed states were not listed, each observed
                                       // state was judged alone (allowed, unseen: unknown)
  std::size_t allowed = 0;             // final states the model allows
  std::size_t seen = 0;                // of those, observed at least once
  std::vector<std::string> unseen;     // allowed, never observed (state lines, model order)
  struct Forbidden {
    std::string state;
    unsigned long long count = 0;
  };
  std::vector<Forbidden> forbidden;    // observed, yet the model forbids them (histogram order)
};

// `allowed` is the model's result for the same test (exec::runTest's states).
ModelCheck checkAgainst(const Histogram& histogram, const std::vector<exec::FinalState>& allowed,
                        const std::string& modelName);

// Above this many candidate executions the model's allowed states are not listed (the
// RCU chains of 15 to 19 threads have 2^15 to 2^19; listing them would take minutes): each
// observed state is judged alone.
constexpr long long kListedCandidates = 16384;

// Judges each observed state alone: one run of `expanded` filtered to the observed states
// (their registers prune the rf search, so a test far too large to enumerate is judged
// in seconds); a state the run does not give is forbidden.
ModelCheck checkObservedStates(const Histogram& histogram, const litmus::Test& expanded,
                               std::shared_ptr<const cat::Model> model, const exec::RunOptions& options,
                               const std::string& modelName);

// Printed after the histogram:
//   States the model allows that were never observed: the lines, or none.
//   !!! FORBIDDEN by MODEL, observed COUNT times: STATE   (one line each)
//   Against NAME MODEL allowed=A seen=S unseen=U forbidden=F Ok|FORBIDDEN
// (A and U are `?` when the allowed states were not listed).
std::string renderModelCheck(const std::string& testName, const ModelCheck& check);

struct SummaryRow {
  std::string test;
  unsigned long long iterations = 0;
  unsigned long long positive = 0;        // outcomes satisfying the condition
  std::optional<ModelCheck> check;        // absent: the model could not judge the test
  std::string error;                      // non-empty: the test did not run (then nothing else)
};

// One header line, then per test: name, iterations, outcomes satisfying the condition per
// million (rounded down), model states seen/allowed, forbidden observed states; columns aligned.
std::string renderSummaryTable(const std::vector<SummaryRow>& rows, const std::string& modelName);

}  // namespace mcm::hw
