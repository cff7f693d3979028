#pragma once
// What herd7's output says about a test's executions (states, counts, flags), from
// the oracle's text or from a TestResult, and the models and macros the oracle ran with.
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cat/model.hpp"
#include "exec/engine.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"

namespace mcm::exec::summary {

inline const std::string kShared = MCM_SHARED_DIR;

inline std::string valueText(const StateValue& v) {
  switch (v.kind) {
    case StateValue::Kind::Free: return std::string("S").append(std::to_string(v.number));
    case StateValue::Kind::Int: return std::to_string(v.number);
    case StateValue::Kind::Symbol: return v.symbol;
  }
  return "";
}

// A state line as herd prints it: `0:r0=1; [x]=2;`.
inline std::string stateLine(const FinalState& s) {
  std::string out;
  for (const auto& [loc, value] : s.entries()) {
    if (!out.empty()) out += ' ';
    if (loc.isRegister()) out.append(std::to_string(loc.thread)).append(":").append(loc.name);
    else out.append("[").append(loc.name).append("]");
    out.append("=").append(valueText(value)).append(";");
  }
  return out;
}

// The part of herd's output the engine decides: states, counts and flags.
struct Summary {
  std::vector<std::string> states;
  long long positive = -1, negative = -1;
  std::vector<std::string> flags;
  bool operator==(const Summary&) const = default;
};

inline std::string describe(const Summary& s) {
  std::ostringstream o;
  o << "States " << s.states.size() << " [";
  for (const auto& l : s.states) o << l << " | ";
  o << "] Positive " << s.positive << " Negative " << s.negative << " Flags";
  for (const auto& f : s.flags) o << ' ' << f;
  return o.str();
}

inline Summary fromOracle(const std::vector<std::string>& lines) {
  Summary s;
  std::size_t i = 0;
  while (i < lines.size() && lines[i].rfind("States ", 0) != 0) ++i;
  if (i == lines.size()) return s;
  const std::size_t n = std::stoul(lines[i].substr(7));
  for (std::size_t k = 1; k <= n; ++k) s.states.push_back(lines[i + k]);
  for (const auto& l : lines) {
    if (l.rfind("Positive: ", 0) == 0) std::sscanf(l.c_str(), "Positive: %lld Negative: %lld", &s.positive, &s.negative);
    if (l.rfind("Flag ", 0) == 0) s.flags.push_back(l.substr(5));
  }
  return s;
}

inline Summary fromResult(const TestResult& r) {
  Summary s;
  for (const auto& st : r.states) s.states.push_back(stateLine(st));
  s.positive = r.positive;
  s.negative = r.negative;
  s.flags.assign(r.flags.begin(), r.flags.end());
  return s;
}

// The model files of shared/models/DIR (bell, cat and lock.cat), or the embedded ones.
inline std::shared_ptr<const cat::Model> modelOf(const std::string& dir) {
  if (dir.empty()) return models::defaultModel().model();
  const std::string d = kShared + "/models/" + dir;
  return cat::loadModel(d + "/linux-kernel.cat", {d}, d + "/linux-kernel.bell");
}

inline std::shared_ptr<const macros::MacroTable> macrosOf(const std::string& dir) {
  if (dir.empty()) return models::defaultModel().macros();
  return std::make_shared<const macros::MacroTable>(macros::loadDefFile(kShared + "/models/" + dir + "/linux-kernel.def"));
}

inline TestResult runFile(const std::string& path, const std::shared_ptr<const cat::Model>& model,
                   const std::shared_ptr<const macros::MacroTable>& defs, bool lkmmv2, RunOptions options = {}) {
  const litmus::Test test = macros::expandMacros(litmus::parseLitmusFile(path), *defs);
  if (lkmmv2) options.variants.insert("lkmmv2");
  return runTest(test, model, options);
}

}  // namespace mcm::exec::summary
