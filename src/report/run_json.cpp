#include "report/run_json.hpp"

#include "litmus/printer.hpp"
#include "report/herd_hash.hpp"
#include "report/herd_text.hpp"

namespace mcm::report {

std::string locationKey(const litmus::Location& loc) {
  return loc.isRegister() ? std::to_string(loc.thread) + ":" + loc.name : loc.name;
}

nlohmann::json valueJson(const exec::StateValue& value) {
  switch (value.kind) {
    case exec::StateValue::Kind::Free: return "S" + std::to_string(value.number);
    case exec::StateValue::Kind::Int: return value.number;
    case exec::StateValue::Kind::Symbol: return value.symbol;
  }
  return nullptr;
}

nlohmann::json stateJson(const exec::FinalState& state) {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t i = 0; i < state.size(); ++i) out[locationKey(state.location(i))] = valueJson(state.value(i));
  return out;
}

nlohmann::json runJson(const litmus::Test& test, const exec::TestResult& result, const std::string& model,
                       double cpuSeconds) {
  const litmus::Condition condition = effectiveCondition(test);
  const long long pos = result.positive, neg = result.negative;
  nlohmann::json states = nlohmann::json::array();
  for (const auto& s : result.states) states.push_back(stateJson(s));
  nlohmann::json out;
  out["name"] = herdTestName(test);
  out["file"] = test.path;
  out["model"] = model;
  out["kind"] = std::string(kindWord(condition.quantifier));
  out["condition"] = litmus::renderCondition(condition);
  out["states"] = std::move(states);
  out["positive"] = pos;
  out["negative"] = neg;
  out["validated"] = conditionHolds(condition.quantifier, pos, neg);
  out["loop_cutoff"] = result.loopCutoff;
  out["observation"] = std::string(observationWord(pos, neg));
  out["flags"] = std::vector<std::string>(result.flags.begin(), result.flags.end());
  out["hash"] = herdHash(test);
  out["time"] = cpuSeconds;
  return out;
}

}  // namespace mcm::report
