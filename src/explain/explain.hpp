#pragma once
// `mcm explain`: why a test's outcome is forbidden (the candidates that would
// produce it, grouped by the first check that rejects them, a witness each with
// the check's evidence) or how it happens (one allowed execution).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cat/model.hpp"
#include "exec/engine.hpp"
#include "litmus/ast.hpp"
#include "report/dot.hpp"

namespace mcm::explain {

struct Request {
  std::optional<std::string> state;  // "0:r0=0; 1:r0=0;" instead of the condition's outcome
  bool all = false;                  // every rejected candidate, not one witness per check
};

using Edge = std::pair<std::size_t, std::size_t>;

// One candidate execution as shown.
struct Execution {
  std::vector<exec::EventInfo> events;
  exec::FinalState state;
  std::vector<Edge> rf, co;                // co is empty if the model rejected it before choosing co
  std::vector<std::size_t> finalWrites;    // the write each observed location ends with
  std::vector<std::string> flags;
  std::optional<cat::CheckEvidence> failed;   // the check that rejects it
  std::vector<cat::CheckEvidence> flagged;    // evidence of each raised flag
};

struct Group {
  cat::CheckEvidence check;          // of the first witness (names the check)
  std::string section;               // explanation.txt section for LKMM checks, "" if none
  long long count = 0;               // candidates this check rejects first
  std::vector<Execution> witnesses;  // one, or every candidate with --all
};

struct Explanation {
  std::string test;                  // herd's name
  std::string outcome;               // the outcome explained, as text
  long long candidates = 0;          // candidate executions (model branches) ending in it
  long long rejected = 0;
  std::vector<Group> groups;         // in the order their checks first rejected a candidate
  std::optional<Execution> allowed;  // an allowed execution ending in the outcome
};

// Runs `expanded` (parsed as `parsed`) under the model. Throws mcm::Diagnostic for
// a --state that names an unknown location or has a bad value.
Explanation explainTest(const litmus::Test& parsed, const litmus::Test& expanded,
                        std::shared_ptr<const cat::Model> model, exec::RunOptions options, const Request& request);

// `P0:12  W[once] x=1`
std::string eventText(const exec::EventInfo& e);

std::string renderText(const Explanation& x);

// The explained execution drawn (mcm explain --svg): the first check's witness with
// its evidence (the cycle, the reflexive edge, the pairs) highlighted, or the allowed
// execution with its flags' pairs highlighted; nullopt when there is neither.
std::optional<report::DotGraph> witnessGraph(const Explanation& x);
nlohmann::json renderJson(const Explanation& x);

}  // namespace mcm::explain
