#include "hw/histogram.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "exec/outcome.hpp"
#include "litmus/locations.hpp"
#include "litmus/printer.hpp"
#include "report/herd_hash.hpp"
#include "report/herd_text.hpp"

namespace mcm::hw {
namespace {

using exec::StateValue;
using litmus::Location;
using litmus::Quantifier;

using State = std::vector<std::pair<Location, StateValue>>;

// A state's value lookup for exec::holds; every condition and filter location is recorded.
exec::StateLookup lookupIn(const State& state) {
  return [&state](const Location& loc) {
    for (const auto& [l, v] : state)
      if (l == loc) return v;
    return StateValue{};
  };
}

StateValue decode(long long raw, const Program& program) {
  StateValue v;
  const unsigned long long offset = static_cast<unsigned long long>(raw) - static_cast<unsigned long long>(kSymbolBase);
  if (offset < program.globals.size()) {
    v.kind = StateValue::Kind::Symbol;
    v.symbol = program.globals[offset];
  } else {
    v.number = raw;
  }
  return v;
}

}  // namespace

Histogram makeHistogram(const litmus::Test& test, const Program& program, const RunResult& run) {
  const litmus::Condition condition = report::effectiveCondition(test);
  const std::vector<Location> displayed = litmus::displayedLocations(test);

  // Display order makes the map's order herd's line order.
  std::map<std::vector<StateValue>, HistogramLine> lines;
  for (const RawOutcome& outcome : run.outcomes) {
    State full;
    for (std::size_t k = 0; k < program.recorded.size(); ++k)
      full.emplace_back(program.recorded[k], decode(outcome.values.at(k), program));
    if (test.filter && !exec::holds(test.filter, lookupIn(full))) continue;
    std::vector<StateValue> key;
    exec::FinalState shown;
    for (const Location& loc : displayed) {
      key.push_back(lookupIn(full)(loc));
      shown.add(loc, key.back());
    }
    HistogramLine& line = lines[key];
    line.state = std::move(shown);
    line.satisfiesCondition = exec::holds(condition.prop, lookupIn(full));
    line.count += outcome.count;
  }
  Histogram h;
  for (auto& [key, line] : lines) {
    (line.satisfiesCondition ? h.positive : h.negative) += line.count;
    h.lines.push_back(std::move(line));
  }
  return h;
}

std::string renderHistogram(const litmus::Test& test, const Histogram& h, double seconds) {
  const std::string name = report::herdTestName(test);
  const litmus::Condition condition = report::effectiveCondition(test);
  const Quantifier q = condition.quantifier;
  const unsigned long long pos = h.positive, neg = h.negative;

  std::string out = fmt::format("Test {} {}\nHistogram ({} states)\n", name, report::kindWord(q), h.lines.size());
  for (const auto& line : h.lines)
    out += fmt::format("{:<8}{}>{}\n", line.count, line.satisfiesCondition ? '*' : ':',
                       report::renderStateLine(line.state));
  const bool ok = report::conditionHolds(q, static_cast<long long>(pos), static_cast<long long>(neg));
  out += fmt::format("{}\nWitnesses\n", ok ? "Ok" : "No");
  // As herd: for ~exists the witnesses are the outcomes that validate the test.
  out += q == Quantifier::NotExists ? fmt::format("Positive: {}, Negative: {}\n", neg, pos)
                                    : fmt::format("Positive: {}, Negative: {}\n", pos, neg);
  out += fmt::format("Condition {} is {}validated\n", litmus::renderCondition(condition), ok ? "" : "NOT ");
  out += "Hash=" + report::herdHash(test) + "\n";
  out += fmt::format("Observation {} {} {} {}\n", name,
                     report::observationWord(static_cast<long long>(pos), static_cast<long long>(neg)), pos, neg);
  out += fmt::format("Time {} {:.2f}\n\n", name, seconds);
  return out;
}

}  // namespace mcm::hw
