#include "hw/histogram.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "litmus/printer.hpp"
#include "report/herd_hash.hpp"
#include "report/herd_text.hpp"

namespace mcm::hw {
namespace {

using exec::StateValue;
using litmus::Location;
using litmus::Prop;
using litmus::Quantifier;

using State = std::vector<std::pair<Location, StateValue>>;

const StateValue& lookup(const State& state, const Location& loc) {
  for (const auto& [l, v] : state)
    if (l == loc) return v;
  static const StateValue zero{};
  return zero;  // unreachable: every condition and filter location is recorded
}

bool equals(const StateValue& v, const litmus::Value& value) {
  if (value.isSymbol) return v.kind == StateValue::Kind::Symbol && v.symbol == value.symbol;
  return v.kind == StateValue::Kind::Int && v.number == value.number;
}

bool holds(const Prop& p, const State& state) {
  switch (p.kind) {
    case Prop::Kind::True: return true;
    case Prop::Kind::False: return false;
    case Prop::Kind::Atom:
      if (p.rhsLoc) return lookup(state, p.lhs) == lookup(state, *p.rhsLoc);
      return equals(lookup(state, p.lhs), p.rhs);
    case Prop::Kind::Not: return !holds(*p.args.at(0), state);
    case Prop::Kind::And:
      return std::all_of(p.args.begin(), p.args.end(), [&](const auto& a) { return holds(*a, state); });
    case Prop::Kind::Or:
      return std::any_of(p.args.begin(), p.args.end(), [&](const auto& a) { return holds(*a, state); });
    case Prop::Kind::Implies: {
      // Right-associative chain: a => b => c is a => (b => c).
      bool value = holds(*p.args.back(), state);
      for (auto it = p.args.rbegin() + 1; it != p.args.rend(); ++it) value = !holds(**it, state) || value;
      return value;
    }
  }
  return false;
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

std::string_view kindWord(Quantifier q) {
  switch (q) {
    case Quantifier::NotExists: return "Forbidden";
    case Quantifier::Forall: return "Required";
    case Quantifier::Exists:
    case Quantifier::Final: return "Allowed";
  }
  return {};
}

}  // namespace

Histogram makeHistogram(const litmus::Test& test, const Program& program, const RunResult& run) {
  const litmus::Condition condition = report::effectiveCondition(test);
  const std::vector<Location> displayed = report::displayedLocations(test);

  // Display order makes the map's order herd's line order.
  std::map<std::vector<StateValue>, HistogramLine> lines;
  for (const RawOutcome& outcome : run.outcomes) {
    State full;
    for (std::size_t k = 0; k < program.recorded.size(); ++k)
      full.emplace_back(program.recorded[k], decode(outcome.values.at(k), program));
    if (test.filter && !holds(*test.filter, full)) continue;
    std::vector<StateValue> key;
    exec::FinalState shown;
    for (const Location& loc : displayed) {
      key.push_back(lookup(full, loc));
      shown.entries.emplace_back(loc, key.back());
    }
    HistogramLine& line = lines[key];
    line.state = std::move(shown);
    line.satisfiesCondition = holds(*condition.prop, full);
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

  std::string out = fmt::format("Test {} {}\nHistogram ({} states)\n", name, kindWord(q), h.lines.size());
  for (const auto& line : h.lines)
    out += fmt::format("{:<8}{}>{}\n", line.count, line.satisfiesCondition ? '*' : ':',
                       report::renderStateLine(line.state));
  const bool ok = q == Quantifier::NotExists ? pos == 0 : q == Quantifier::Forall ? neg == 0 : pos > 0;
  out += fmt::format("{}\nWitnesses\n", ok ? "Ok" : "No");
  // As herd: for ~exists the witnesses are the outcomes that validate the test.
  out += q == Quantifier::NotExists ? fmt::format("Positive: {}, Negative: {}\n", neg, pos)
                                    : fmt::format("Positive: {}, Negative: {}\n", pos, neg);
  out += fmt::format("Condition {} is {}validated\n", litmus::renderCondition(condition), ok ? "" : "NOT ");
  out += "Hash=" + report::herdHash(test) + "\n";
  const char* observation = pos == 0 ? "Never" : neg == 0 ? "Always" : "Sometimes";
  out += fmt::format("Observation {} {} {} {}\n", name, observation, pos, neg);
  out += fmt::format("Time {} {:.2f}\n\n", name, seconds);
  return out;
}

}  // namespace mcm::hw
