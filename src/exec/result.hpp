#pragma once
// CONTRACT between the execution engine (exec/, which produces it) and the
// reports (report/, which print it in herd7's or other formats).
#include <map>
#include <set>
#include <string>
#include <vector>

#include "litmus/ast.hpp"

namespace mcm::exec {

// The final value of a displayed location.
struct StateValue {
  enum class Kind { Free, Int, Symbol };  // herd's sort order: free S<n> < integers < symbols
  Kind kind = Kind::Int;
  long long number = 0;  // Int value, or n of a free value printed S<n>
  std::string symbol;    // Symbol: the location whose address this is
  friend auto operator<=>(const StateValue&, const StateValue&) = default;
};

// One final state restricted to the displayed locations (locations[...] and the
// condition's, never filter-only ones), entries in herd's display order:
// registers by thread then name bytes, then globals by name bytes.
struct FinalState {
  std::vector<std::pair<litmus::Location, StateValue>> entries;
};

struct TestResult {
  std::vector<FinalState> states;  // distinct, sorted in herd's line order
  long long positive = 0;          // executions whose final state satisfies the condition
  long long negative = 0;
  std::set<std::string> flags;     // flags raised by counted executions (byte order)
  bool loopCutoff = false;         // some path hit the unrolling bound (prints "Loop Ok/No")
  long long candidates = 0;        // branches the model judged, allowed or not (herd's -candidates)
};

}  // namespace mcm::exec
