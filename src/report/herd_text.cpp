#include "report/herd_text.hpp"

#include <fmt/format.h>

#include "litmus/printer.hpp"
#include "report/herd_hash.hpp"

namespace mcm::report {
namespace {

using litmus::Quantifier;

std::string valueText(const exec::StateValue& value, bool hexa) {
  switch (value.kind) {
    case exec::StateValue::Kind::Free: return "S" + std::to_string(value.number);
    case exec::StateValue::Kind::Int:
      // herd's scalars are 64-bit: a negative value shows its two's complement.
      return hexa ? fmt::format("0x{:x}", static_cast<unsigned long long>(value.number)) : std::to_string(value.number);
    case exec::StateValue::Kind::Symbol: return value.symbol;
  }
  return {};
}

}  // namespace

std::string_view kindWord(Quantifier q) {
  switch (q) {
    case Quantifier::NotExists: return "Forbidden";
    case Quantifier::Forall: return "Required";
    case Quantifier::Exists:
    case Quantifier::Final: return "Allowed";
  }
  return {};
}

bool conditionHolds(Quantifier q, long long positive, long long negative) {
  switch (q) {
    case Quantifier::NotExists: return positive == 0;
    case Quantifier::Forall: return negative == 0;
    case Quantifier::Exists:
    case Quantifier::Final: return positive > 0;
  }
  return false;
}

// Checked in this order, so a test with no executions at all is `Never 0 0`.
std::string_view observationWord(long long positive, long long negative) {
  if (positive == 0) return "Never";
  if (negative == 0) return "Always";
  return "Sometimes";
}

std::string herdTestName(const litmus::Test& test) {
  constexpr std::string_view suffix = ".litmus";
  std::string name = test.name;
  if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
    name.resize(name.size() - suffix.size());
  return name;
}

litmus::Condition effectiveCondition(const litmus::Test& test) {
  if (test.condition) return *test.condition;
  litmus::Condition forallTrue;
  forallTrue.quantifier = Quantifier::Forall;
  auto prop = std::make_shared<litmus::Prop>();
  prop->kind = litmus::Prop::Kind::True;
  forallTrue.prop = prop;
  return forallTrue;
}

namespace {

// Appended piece by piece: a test may list 2^19 states.
void appendStateLine(std::string& out, const exec::FinalState& state, bool hexa) {
  for (std::size_t i = 0; i < state.size(); ++i) {
    const litmus::Location& loc = state.location(i);
    if (i > 0) out += ' ';
    if (loc.isRegister()) {
      out += std::to_string(loc.thread);
      out += ':';
      out += loc.name;
    } else {
      out += '[';
      out += loc.name;
      out += ']';
    }
    out += '=';
    out += valueText(state.value(i), hexa);
    out += ';';
  }
}

}  // namespace

std::string renderStateLine(const exec::FinalState& state, bool hexa) {
  std::string line;
  appendStateLine(line, state, hexa);
  return line;
}

std::string renderHerdText(const litmus::Test& test, const exec::TestResult& result, double cpuSeconds,
                           const HerdTextOptions& options) {
  const std::string name = herdTestName(test);
  const litmus::Condition condition = effectiveCondition(test);
  const Quantifier q = condition.quantifier;
  const long long pos = result.positive, neg = result.negative;

  std::string out = fmt::format("Test {} {}\nStates {}\n", name, kindWord(q), result.states.size());
  for (const auto& state : result.states) {
    appendStateLine(out, state, options.hexa);
    out += '\n';
  }
  const char* verdict = options.undef ? "Undef" : conditionHolds(q, pos, neg) ? "Ok" : "No";
  out += fmt::format("{}{}\nWitnesses\n", result.loopCutoff ? "Loop " : "", verdict);
  // The witness counts are swapped for ~exists: they count executions that validate the test.
  if (q == Quantifier::NotExists)
    out += fmt::format("Positive: {} Negative: {}\n", neg, pos);
  else
    out += fmt::format("Positive: {} Negative: {}\n", pos, neg);
  for (const auto& flag : result.flags) out += "Flag " + flag + "\n";
  out += "Condition " + litmus::renderCondition(condition) + "\n";
  out += fmt::format("Observation {} {} {} {}\n", name, observationWord(pos, neg), pos, neg);
  out += fmt::format("Time {} {:.2f}\n", name, cpuSeconds);
  if (options.candidates) out += fmt::format("Candidates {} {}\n", name, result.candidates);
  out += "Hash=" + (options.hash.empty() ? herdHash(test) : options.hash) + "\n\n";
  return out;
}

}  // namespace mcm::report
