#pragma once
// What the engine knows of a litmus test before any thread path: its locations and initial
// values, what its final states display and what its condition and filter read.
#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "exec/structure.hpp"
#include "exec/symbolic.hpp"
#include "exec/symmetry.hpp"
#include "litmus/ast.hpp"

namespace mcm::exec {

// Everything about the test that does not depend on a thread path.
struct TestFrame {
  LocationTable locations;
  std::vector<Val> initMemory;                        // per location
  std::vector<char> uninitialised;                    // per location: no initial value to read
  std::vector<std::map<std::string, Val>> initRegs;   // per thread: parameters and `N:r=v` entries
  std::vector<litmus::Location> displayed;
  std::vector<int> observed;                          // global locations whose final value matters (sorted ids)
  std::vector<litmus::Location> neededRegisters;      // displayed or filtered registers
  // Per displayed location, where a candidate's value of it is: its index in neededRegisters
  // (Finals::registers), or for a memory location ~(its index in observed).
  std::vector<int> displayedAt;

  int registerIndex(const litmus::Location& l) const {
    for (std::size_t i = 0; i < neededRegisters.size(); ++i)
      if (neededRegisters[i].thread == l.thread && neededRegisters[i].name == l.name) return static_cast<int>(i);
    throw std::out_of_range("register " + l.name + " not kept");
  }
  int observedIndex(const litmus::Location& l) const {
    const int id = locations.find(l.name);
    const auto at = std::lower_bound(observed.begin(), observed.end(), id);
    if (at == observed.end() || *at != id) throw std::out_of_range("location " + l.name + " not observed");
    return static_cast<int>(at - observed.begin());
  }
  int valueIndex(const litmus::Location& l) const { return l.isRegister() ? registerIndex(l) : ~observedIndex(l); }
  // The location a symmetry's inverse maps l to: its thread or its name renamed.
  litmus::Location preimage(litmus::Location l, const Symmetry& inverse) const {
    if (l.isRegister()) l.thread = inverse.thread[l.thread];
    else l.name = locations.names[inverse.location[locations.find(l.name)]];
    return l;
  }
};

// The frame of a test. Throws mcm::Diagnostic for a register of a thread the test does not
// have (`Bad process P5`).
TestFrame frame(const litmus::Test& t);

// A literal of the test (an integer or a location's address) as a value.
Val literal(const litmus::Value& v, const LocationTable& locs);

// The rows of a filter conjunct that is a disjunction of conjunctions (an atom alone counts):
// per row, its `thread:register = integer` atoms (the search pins them, RfSearch::requireOneOf).
// Other atoms are left out of the row (the filter itself still judges the final state); a
// disjunct with other shapes yields nothing (no pruning by this conjunct).
std::optional<std::vector<std::vector<const litmus::Prop*>>> filterRows(const litmus::Prop& conjunct);

}  // namespace mcm::exec
