#pragma once
// The cat language: loading a model (parse, expand includes, resolve names,
// type-check) and evaluating it on candidate executions.
//
// CONTRACT between the execution engine and the cat evaluator (owned by the cat
// layer).
//
// The engine describes one candidate execution by the base sets and relations
// herd7 predefines for C; the model decides which completions of it (coherence
// orders, lock reads-from, ... enumerated by `with x from S`) are allowed, and
// which flags they raise.
//
// BASE NAMES the engine supplies (any it omits are empty):
//   sets       _ is built in (all events); W R M IW FW B RMW F
//              LKR LKW UL LF RL RU (lock events: in none of R, W, M)
//              and one set per annotation tag, named by herd's rule: the tag with
//              its first letter upper-cased ('ONCE -> ONCE, 'rcu-lock -> Rcu-lock,
//              'wmb -> Wmb). A model may only name tag sets of tags its `enum`s
//              declare; `instructions`/`default` declarations have no effect for C.
//   relations  po addr data ctrl rmw amo id loc ext int rf
//   values     per-event values for different-values/same-values
//   variants   tested by `if "name" then ... else ...`
// Derived in OUR standard library (stdlib.cat, always loaded first): emptyset,
// po-loc, rfe, rfi, co0, fencerel, ctrlcfence, singlestep, nodetour, toid,
// partition, imply. cross.cat: co_locs, generate_orders, generate_cos.
// cos-opt.cat: obsco, rmwco, cobase, check ConsCo, `with co from ...`, coi, coe,
// fr, fri, fre. Primitives: domain, range, linearisations, cross, classes-loc,
// different-values, same-values, map (curried: map f s).
//
// Staging: names that depend only on the program (po, addr, data, ctrl, rmw, loc,
// tag sets, ...) are given once per event structure to the Evaluator; every
// binding and check that depends only on them is computed once and reused for
// every candidate (rf, FW, values, ...) of that structure. Base names missing
// from the program Environment are taken from each candidate's. Within a run,
// statements after a `with` that do not depend on it are evaluated once, not
// once per branch.
#include <functional>
#include <map>
#include <memory>
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
  std::map<std::string, rel::EventSet> sets;       // "W", "IW", "FW", tag sets ("ONCE", "Rcu-lock", ...), "LKR", ...
  std::map<std::string, rel::Relation> relations;  // "po", "addr", "data", "ctrl", "rmw", "loc", "int", "ext", "id", "rf", ...
  std::vector<std::optional<long long>> values;    // per-event value, for different-values/same-values (empty if unused)
  std::set<std::string> variants;                  // `-variant` names, e.g. "lkmmv2", tested by `if "lkmmv2" ...`
  // A program's environment: the base names a candidate may add (the engine's rf and FW).
  // Any other name the program does not give is empty on every candidate, which lets
  // the evaluator settle more of the model once per program. Unset: a candidate may add any.
  std::optional<std::set<std::string>> candidateNames;
};

class Model;  // parsed and resolved model (includes loaded, names and types checked)

// Loads FILE (after BELL, if given, as herd's -bell does) and their includes;
// our stdlib.cat is loaded first. `include` searches the including file's
// directory, then includeDirs, then the built-in library (stdlib.cat,
// cross.cat, cos-opt.cat). As in herd, a file is run again at each
// `include` (functions it defines see the bindings of that point); only
// include cycles are errors. Throws mcm::Diagnostic (FILE:LINE:COL) on any
// error: syntax, unbound name, set-versus-relation type error, missing file.
//
// Language: everything the kernel's files and herd's library use (let, let rec
// ... and ..., functions and application, tuples, match on sets and tags, if,
// try ... with, with x from S, forall, procedure/call, if variant ... end, enum,
// instructions, checks with ~ / flag / as, show/unshow, the operators and
// primitives listed above). Not supported: top-level `match`, `requires`,
// `debug`, `let rec ... when`; with/include/procedure inside `if variant`.
// `architectureSets` names further base sets the front ends supply (an
// architecture's annotations, e.g. RISC-V's X, Acq, Fence.r.rw): a model may
// name them; they are empty for tests whose front end does not supply them.
std::shared_ptr<const Model> loadModel(const std::string& path, const std::vector<std::string>& includeDirs,
                                       const std::string& bellPath = "",
                                       const std::vector<std::string>& architectureSets = {});
std::shared_ptr<const Model> loadModelText(std::string_view text, const std::string& displayName,
                                           const std::vector<std::string>& includeDirs);

// A model held in memory (e.g. embedded in the binary: src/models/): CAT (after
// BELL, if not empty) and the files they include, by name. `include` finds
// these files first, then the built-in library.
using TextFiles = std::map<std::string, std::string_view, std::less<>>;
std::shared_ptr<const Model> loadModelFromTexts(const TextFiles& files, const std::string& catName,
                                                const std::string& bellName,
                                                const std::vector<std::string>& architectureSets = {});

// A loaded model as bytes, and back: the embedded models are loaded when mcm is built and kept
// in the binary this way, so a run neither parses nor resolves them. A model saved after a run
// of it reached its end (every definition evaluated without error) is restored as such: its
// first run already skips the definitions no check reads. restoreModel reads only what
// saveModel of the same mcm wrote (std::runtime_error on bytes it cannot read).
std::string saveModel(const Model& m);
std::shared_ptr<const Model> restoreModel(std::string_view bytes);

const std::string& modelTitle(const Model& m);
// True if the model reads the base set or relation NAME (e.g. the tag set "Membarrier").
bool readsBaseName(const Model& m, const std::string& name);
// True if the model has a check (acyclic, irreflexive or empty; flags aside)
// anywhere, procedures and `if variant` branches included: without one it
// allows every candidate execution.
bool hasChecks(const Model& m);

// Whether every candidate execution (and `with` branch) `a` allows, `b` allows too, shown from
// the models' text alone, for executions of any size: both begin with the same statements (as
// sc.cat and tso.cat both include the kernel model), after them they only define names and
// check, and each check `b` adds (acyclic or irreflexive G) follows from an acyclic check F that
// `a` adds: G lies within F+, because each of its edges is a path of edges of the names F joins
// by `|` (unfolding `b`'s definitions and plain functions). Returns the argument in words;
// nullopt when it does not apply, which shows nothing either way. Assumes no check is skipped.
// nameA and nameB name the models in the words.
std::optional<std::vector<std::string>> provenIncluded(const std::shared_ptr<const Model>& a,
                                                       const std::shared_ptr<const Model>& b,
                                                       const std::string& nameA, const std::string& nameB);

// The relations the model's `show a, b` / `unshow a` / `show EXPR as NAME` statements leave shown, in order.
std::vector<std::string> shownRelations(const Model& m);

// Why a check rejects a candidate (or why a flag fires), computed on request
// from the model's own relations. Events are numbered as in the Environment.
struct EvidenceStep {
  std::size_t from = 0, to = 0;
  // The relation of this step: a name the model binds (`rfe`, `po`), `[S]` for
  // an event of set S (from == to), or a cat expression (`fencerel(Mb)`).
  std::string relation;
  bool named = false;  // `relation` (or S of `[S]`) is a name bound at the end of the model
};
struct EvidenceEdge {
  std::size_t from = 0, to = 0;     // an edge of the check's relation
  std::vector<EvidenceStep> steps;  // the same edge as a chain of steps through base relations
};
struct CheckEvidence {
  std::string check;       // the check's name, or its keyword if unnamed
  std::string kind;        // "acyclic", "irreflexive" or "empty"
  bool negated = false;    // `~acyclic` etc.
  bool flag = false;       // `flag ~empty r`: evidence that r is not empty (`flag empty r`: none)
  std::string expression;  // the checked expression as cat text
  std::string file;
  SourcePos pos;
  // acyclic: a shortest cycle (edge i ends where edge i+1 starts); irreflexive:
  // one edge (e, e); empty over a relation: its pairs (at most 16).
  std::vector<EvidenceEdge> edges;
  std::vector<std::size_t> events;  // empty over a set: its elements
};

// herd7's -skipchecks/-strictskip/-through: which failing checks (never flags)
// do not stop a branch.
struct CheckPolicy {
  std::set<std::string> skipped;  // named checks whose outcome is ignored (-skipchecks)
  bool strictSkip = false;        // -strictskip true: a branch is allowed only if every skipped check fails
  bool throughAll = false;        // -through all|invalid: no check stops a branch
};

// One completed branch of the model for a candidate. A branch stops at its
// first failing check (like herd), so `flags` then holds the flags raised
// before it; herd reports flags of allowed branches only.
struct Verdict {
  bool allowed = true;             // every acyclic/irreflexive/empty check held
  // Branches this verdict stands for: more than 1 for a part of a `with` set dropped whole,
  // all failing `failedCheck` (only without evidence; `relation` then knows nothing).
  std::uint64_t branches = 1;
  std::vector<std::string> flags;  // `flag` checks that fired (sorted, unique)
  std::string failedCheck;         // name (or "acyclic"/... if unnamed) of the failing check, "" if allowed
  std::string failedCheckFile;
  SourcePos failedCheckPos;
  // Valid only during the callback: the value of a set or relation bound at the
  // end of the branch (e.g. "co", "rf", "hb"), or nullopt if unbound/not a relation.
  std::function<std::optional<rel::Relation>(const std::string&)> relation;
  // Only from an Evaluator with evidence enabled, valid during the callback:
  // the value of a set bound at the end of the branch, the failed check's
  // evidence, and the evidence of a raised flag (by name).
  std::function<std::optional<rel::EventSet>(const std::string&)> eventSet;
  std::function<CheckEvidence()> evidence;
  std::function<CheckEvidence(const std::string&)> flagEvidence;
};

class Evaluator {
 public:
  // `program` holds the candidate-independent base names of one event structure.
  // `staged`: an evaluator of another model (or of the same one) over the same program; the
  // leading statements both models share (the same included files, e.g. sc.cat and tso.cat both include the kernel
  // model) are taken from it instead of being evaluated again.
  Evaluator(std::shared_ptr<const Model> model, Environment program, CheckPolicy policy = {},
            const Evaluator* staged = nullptr);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;
  // `candidate` adds the candidate-dependent names (rf, FW, values, ...).
  // onBranch is called once per completed branch, in a deterministic order
  // (none if a `with` has nothing to choose from).
  // Throws mcm::Diagnostic on a run-time error (type error, fixpoint or
  // recursion bound, ...). Not thread-safe: one Evaluator per thread.
  void run(const Environment& candidate, const std::function<void(const Verdict&)>& onBranch);
  // Whether no candidate whose names contain those `lower` gives passes the model's checks:
  // `lower` holds part of the candidate's names (rf: the edges chosen so far), and the names it
  // leaves out are empty there (FW); values are unknown. Only checks that can only fail more
  // as these names grow answer (lower_plan.hpp); false when none can tell, or when telling
  // would judge more than `steps` parts and choices of the `with`s (a lower state's coherence
  // orders are far less constrained than a candidate's). Used between run()s, on the same
  // event structure, to drop rf choices early.
  static constexpr long long kRefuteSteps = 65536;
  bool refutes(const Environment& lower, long long steps = kRefuteSteps);
  // Verdicts then carry evidence (a little extra work per raised flag; none otherwise).
  void enableEvidence();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mcm::cat
