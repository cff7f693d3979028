#pragma once
// Bounded comparison beyond any corpus: every program of at most N events over
// a small vocabulary of C or RISC-V instructions, up to thread order and location renaming,
// judged by both models on one enumeration. Executions are told apart by what a
// litmus test observes: every read's value (each write stores its own value,
// so reads-from is visible) and every location's final value.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compare/compare.hpp"
#include "compare/program_space.hpp"

namespace mcm::compare {

struct ExhaustiveResult {
  int maxEvents = 0;
  long long programs = 0;    // programs run
  long long executions = 0;  // executions A allows (each checked against B)
  std::optional<std::string> counterexample;  // a litmus test A allows and B forbids, smallest first
  std::string counterexampleState;            // the outcome only A allows
  int counterexampleEvents = 0;
  long long counterexampleIndex = 0;          // its place among the programs of its size
};

// The programs of one run split into `count` slices (every count-th program of each size, from
// `index`): slices run in parallel, and the smallest of their counterexamples is the one a single
// run finds.
struct Slice {
  int index = 0;
  int count = 1;
};

// Stops at the first program (fewest events first) where A allows an outcome B forbids.
// `progress` is called with the number of events of the programs being generated.
ExhaustiveResult exhaustiveCompare(const Side& a, const Side& b, int maxEvents,
                                   const std::vector<Instruction>& vocabulary,
                                   const std::function<void(int events, long long programs)>& progress,
                                   Slice slice = {});

// Why every execution A allows, B allows too, for programs of any size, read off the models'
// text (cat::provenIncluded): no program needs running. nullopt when that argument does not
// apply, or when the runs would not judge alike (different enumerations, checks skipped or
// flags filtered).
std::optional<std::vector<std::string>> provenStronger(const Side& a, const Side& b);

// One result from the slices' results: programs and executions summed, the counterexample
// with the fewest events and, among those, the first in generation order.
ExhaustiveResult mergeSlices(const std::vector<ExhaustiveResult>& slices);

}  // namespace mcm::compare
