#include "report/herd_text.hpp"

#include <charconv>

#include <fmt/format.h>

#include "litmus/printer.hpp"
#include "report/herd_hash.hpp"

namespace mcm::report {
namespace {

using litmus::Quantifier;

// State lines are appended in place, without temporaries: a test may have 2^19 states of 19 values.
void appendNumber(std::string& out, long long n) {
  if (n >= 0 && n < 10) {  // most values
    out += static_cast<char>('0' + n);
    return;
  }
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

void appendValue(std::string& out, const exec::StateValue& value, bool hexa) {
  switch (value.kind) {
    case exec::StateValue::Kind::Free:
      out += 'S';
      appendNumber(out, value.number);
      return;
    case exec::StateValue::Kind::Int:
      // herd's scalars are 64-bit: a negative value shows its two's complement.
      if (hexa) out += fmt::format("0x{:x}", static_cast<unsigned long long>(value.number));
      else appendNumber(out, value.number);
      return;
    case exec::StateValue::Kind::Symbol: out += value.symbol; return;
  }
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

// Appends state lines piece by piece (a test may list 2^19 states). Each column's
// `thread:register=` or `[location]=` is made once for the states sharing their columns,
// as all of a result's do; the states must outlive the writer.
class StateLines {
 public:
  explicit StateLines(bool hexa) : hexa_(hexa) {}

  void append(std::string& out, const exec::FinalState& state) {
    if (state.size() == 0) return;
    if (&state.location(0) != columns_) {
      columns_ = &state.location(0);
      prefixes_.clear();
      for (std::size_t i = 0; i < state.size(); ++i) {
        const litmus::Location& loc = state.location(i);
        std::string& prefix = prefixes_.emplace_back(i > 0 ? " " : "");
        if (loc.isRegister()) prefix += std::to_string(loc.thread) + ":" + loc.name + "=";
        else prefix += "[" + loc.name + "]=";
      }
    }
    for (std::size_t i = 0; i < state.size(); ++i) {
      out += prefixes_[i];
      if (const auto n = state.integer(i); n && !hexa_) appendNumber(out, *n);
      else appendValue(out, state.value(i), hexa_);
      out += ';';
    }
  }

 private:
  bool hexa_;
  const litmus::Location* columns_ = nullptr;  // the first column of the states written last
  std::vector<std::string> prefixes_;
};

}  // namespace

std::string renderStateLine(const exec::FinalState& state, bool hexa) {
  std::string line;
  StateLines(hexa).append(line, state);
  return line;
}

std::string renderHerdText(const litmus::Test& test, const exec::TestResult& result, double cpuSeconds,
                           const HerdTextOptions& options) {
  const std::string name = herdTestName(test);
  const litmus::Condition condition = effectiveCondition(test);
  const Quantifier q = condition.quantifier;
  const long long pos = result.positive, neg = result.negative;

  std::string out = fmt::format("Test {} {}\nStates {}\n", name, kindWord(q), result.states.size());
  StateLines lines(options.hexa);
  for (const auto& state : result.states) {
    const std::size_t before = out.size();
    lines.append(out, state);
    out += '\n';
    // Room for lines a quarter longer than the first (pages never written cost nothing).
    if (&state == &result.states.front())
      out.reserve(out.size() + ((out.size() - before) * 5 / 4 + 8) * result.states.size() + 4096);
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
