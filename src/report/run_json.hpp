#pragma once
// `mcm run --json`: one test's result as a JSON object. The layout is fixed by
// schema/run.schema.json (tests validate every seed and kernel test against it).
#include <string>

#include <nlohmann/json.hpp>

#include "exec/result.hpp"
#include "litmus/ast.hpp"

namespace mcm::report {

// A displayed location as a JSON key: "0:r0" for a register, "x" for a global.
std::string locationKey(const litmus::Location& loc);

// A final value as JSON: an integer, or a string ("y" for the address of y, "S3" for a free value).
nlohmann::json valueJson(const exec::StateValue& value);

// One final state as a location -> value map.
nlohmann::json stateJson(const exec::FinalState& state);

// The test's result: name, file, model, kind, condition, states, counts, validation,
// observation, flags, hash, time.
nlohmann::json runJson(const litmus::Test& test, const exec::TestResult& result, const std::string& model,
                       double cpuSeconds);

}  // namespace mcm::report
