#pragma once
// A solved candidate's values as final states and explanations show them.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "exec/result.hpp"
#include "exec/solver.hpp"
#include "exec/structure.hpp"

namespace mcm::exec {

// herd's name of each unsolved value class: its highest-numbered variable (the
// class holds the reads and every register read copying them).
std::map<int, int> freeValueNames(const Structure& s, const Candidate& c);

// A resolved value as a state shows it (a free value by its herd name, freeNames).
StateValue stateValue(const RfSearch::Resolved& r, const LocationTable& locs, const std::map<int, int>& freeNames);

// A displayed value packed as FinalState keeps it: the unsigned order is herd's line order
// (symbol ids follow name byte order). States are kept packed: tests with 2^19 states stay small.
using PackedValue = FinalState::Packed;
PackedValue pack(const StateValue& v, const LocationTable& locs);

// herd's letters for an event kind (R, W, F, LKR, ...) and a value as text (S3, 1, x).
std::string kindLetters(EventKind k);
std::string valueText(const StateValue& v);

// The final values of one solved rf choice: displayed registers and each observed
// location's possible final writes. nullopt when herd cannot solve one of them.
struct Finals {
  std::map<int, int> freeNames;
  std::vector<StateValue> registers;  // per TestFrame::neededRegisters
  std::vector<std::vector<std::pair<int, StateValue>>> writes;  // per observed location: (write, value)
};

}  // namespace mcm::exec
