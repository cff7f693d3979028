#pragma once
// CONTRACT between the execution engine (exec/, which produces it) and the
// reports (report/, which print it in herd7's or other formats).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
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

// The locations the states of one result display, and the names of the symbolic values
// they hold: kept once per result, not per state.
struct StateColumns {
  std::vector<litmus::Location> locations;
  std::vector<std::string> symbols;  // a symbol's id is its index
};

// One final state restricted to the displayed locations (locations[...] and the
// condition's, never filter-only ones), entries in herd's display order:
// registers by thread then name bytes, then globals by name bytes.
// Values are kept packed, 8 bytes each, with the columns shared: a test with 2^19 states of
// 19 registers keeps 80 MB of them, not 2 GB.
class FinalState {
 public:
  // A value in 64 bits whose unsigned order is herd's line order: free values, then
  // integers (signed), then symbols (when their ids follow name byte order).
  using Packed = std::uint64_t;
  static Packed pack(const StateValue& v, std::uint32_t symbolId);  // symbolId: used for symbols only

  FinalState() = default;
  FinalState(std::shared_ptr<const StateColumns> columns, std::vector<Packed> values);
  void add(const litmus::Location& location, const StateValue& value);  // appends an entry

  std::size_t size() const { return values_.size(); }
  const litmus::Location& location(std::size_t i) const { return columns_->locations[i]; }
  StateValue value(std::size_t i) const;
  // Entry i's integer when it is one (value(i) without building a StateValue).
  std::optional<std::int32_t> integer(std::size_t i) const {
    const Packed p = values_[i];
    if ((p >> 32) != 1) return std::nullopt;
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(p) ^ 0x80000000u);
  }
  std::vector<std::pair<litmus::Location, StateValue>> entries() const;  // a copy, in order

 private:
  std::shared_ptr<const StateColumns> columns_;  // shared with other states until add() changes it
  std::vector<Packed> values_;
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
