// The union over placements of the final states each allows.
#include <set>

#include "litmus/parser.hpp"
#include "membarrier/membarrier.hpp"
#include "membarrier/names.hpp"

namespace mcm::membarrier {

std::vector<exec::FinalState> allowedStates(const litmus::Test& test, const macros::MacroTable& macros,
                                            std::shared_ptr<const cat::Model> model, const exec::RunOptions& run,
                                            const ExpandOptions& options) {
  std::vector<litmus::Location> displayed;
  std::set<std::vector<exec::StateValue>> states;
  for (const Placement& p : expandPlacements(test, options)) {
    const litmus::Test placed = litmus::parseLitmusText(p.text, test.path + "+" + p.name);
    const exec::TestResult result = exec::runTest(macros::expandMacros(placed, macros), model, run);
    for (const exec::FinalState& st : result.states) {
      bool everyIpiSeen = true;
      std::vector<exec::StateValue> values;
      std::vector<litmus::Location> locs;
      for (const auto& [loc, value] : st.entries()) {
        if (loc.isRegister() && isExpansionRegister(loc.name)) {
          everyIpiSeen = everyIpiSeen && value.kind == exec::StateValue::Kind::Int && value.number == 1;
          continue;
        }
        locs.push_back(loc);
        values.push_back(value);
      }
      if (!everyIpiSeen) continue;
      displayed = locs;
      states.insert(std::move(values));
    }
  }
  std::vector<exec::FinalState> out;
  for (const auto& values : states) {
    exec::FinalState st;
    for (std::size_t i = 0; i < values.size(); ++i) st.add(displayed[i], values[i]);
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace mcm::membarrier
