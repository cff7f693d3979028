#pragma once
// CONTRACT between the execution engine and the cat evaluator (the cat layer owns
// and implements it; names may be refined, the shape should stay).
//
// The engine describes one candidate execution by the base sets and relations
// herd7 predefines; the model (a .cat file with its includes) decides which
// completions of it (coherence orders, lock reads-from, ... enumerated by `with
// x from S`) are allowed, and which flags they raise.
//
// Staging: names that depend only on the program (po, addr, data, ctrl, rmw, loc,
// tag sets, ...) are given once per event structure; the evaluator computes every
// binding that depends only on them once and reuses it for every candidate
// (rf, FW, values) of that structure.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "relations/relation.hpp"
#include "support/diagnostic.hpp"

namespace mcm::cat {

struct Environment {
  std::size_t numEvents = 0;
  std::map<std::string, rel::EventSet> sets;       // "_", "R", "W", "M", "F", "IW", "FW", "RMW", tag sets ("ONCE", "Rcu-lock", ...), "LKR", ...
  std::map<std::string, rel::Relation> relations;  // "po", "addr", "data", "ctrl", "rmw", "loc", "int", "ext", "id", "rf", ...
  std::vector<std::optional<long long>> values;    // per-event value, for different-values/same-values (empty if unused)
  std::set<std::string> variants;                  // `-variant` names, e.g. "lkmmv2", tested by `if "lkmmv2" ...`
};

class Model;  // parsed and resolved model (includes loaded, names checked)

// Loads FILE and its includes, searching includeDirs then the built-in standard
// library (stdlib.cat, cross.cat, cos-opt.cat, ...). Throws mcm::Diagnostic.
std::shared_ptr<const Model> loadModel(const std::string& path, const std::vector<std::string>& includeDirs);
std::shared_ptr<const Model> loadModelText(std::string_view text, const std::string& displayName,
                                           const std::vector<std::string>& includeDirs);

// One completed branch of the model for a candidate.
struct Verdict {
  bool allowed = true;                // every acyclic/irreflexive/empty check held
  std::vector<std::string> flags;     // `flag` checks that fired (sorted, unique)
  std::string failedCheck;            // name of the first failing check, "" if allowed
  SourcePos failedCheckPos;
  // Valid only during the callback: the value of a relation bound at the end of the model (e.g. "co", "hb").
  std::function<std::optional<rel::Relation>(const std::string&)> relation;
};

class Evaluator {
 public:
  // `program` holds the candidate-independent base names of one event structure.
  Evaluator(std::shared_ptr<const Model> model, Environment program);
  ~Evaluator();
  // `candidate` adds the candidate-dependent names (rf, FW, values, ...).
  // onBranch is called once per completed branch, in a deterministic order.
  void run(const Environment& candidate, const std::function<void(const Verdict&)>& onBranch);
};

}  // namespace mcm::cat
