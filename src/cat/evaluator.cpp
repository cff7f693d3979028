// Evaluation of a loaded model over one event structure, staged: everything
// that depends only on the program's names is evaluated once in the
// constructor; run() evaluates the rest per candidate and enumerates the
// branches of `with x from S`.
#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "cat/choice_search.hpp"
#include "cat/compiled_expr.hpp"
#include "cat/dead_terms.hpp"
#include "cat/emptiness.hpp"
#include "cat/lower_plan.hpp"
#include "cat/primitives.hpp"
#include "cat/print.hpp"
#include "cat/program.hpp"
#include "cat/shared_prefix.hpp"
#include "cat/value.hpp"
#include "support/thread_stack.hpp"

namespace mcm::cat {

namespace {

constexpr int kMaxCallDepth = 2000;
// Stack kept free below the deepest evaluation frame (for reporting the error).
constexpr std::size_t kStackMargin = 256 * 1024;
constexpr std::size_t kMinFixpointIterations = 1000;

struct CheckFailed {
  const Stmt* check;
  FramePtr env;  // locals of a check in a procedure or forall (only kept for evidence)
};

constexpr std::size_t kMaxEvidencePairs = 16;
// Remembered emptiness answers per let (Model::foldMemo): the distinct cases seen in practice are few.
constexpr std::size_t kMaxFoldMemos = 32;
// A `with` asks whether a part of its set fails as a whole only when the part holds this many
// branches: each question costs about one branch.
constexpr std::uint64_t kPruneMinBranches = 4;
// The most names a `let` of unions (or intersections, differences) may combine to be computed
// in place (Impl::assignedInPlace).
constexpr std::size_t kInPlaceOperands = 8;

}  // namespace

struct Evaluator::Impl final : LeafValues {
  std::shared_ptr<const Model> model;
  Environment program;
  std::size_t n = 0;
  rel::EventSet allEvents;  // built once: `[A] ; r` and `r ; [B]` restrict with it on the other side
  std::vector<Value> globals;
  std::vector<bool> slotDynamic;
  std::vector<int> slotStatement;  // per global slot: the top-level statement binding it (-1: a base name)
  std::vector<bool> stmtDynamic;
  std::vector<int> staticCheck;  // per statement: -1 not static, else the check's outcome
  // Statements after a `with` that do not depend on any `with` from there on are
  // evaluated once before its branches: hoistedAt[j] is that `with`'s index, or
  // -1; hoisted[i] lists them for `with` i; checkCache holds hoisted outcomes.
  std::vector<int> hoistedAt;
  std::vector<std::vector<std::size_t>> hoisted;
  std::vector<int> checkCache;
  // Per `with` over a set no candidate changes: that set (a pointer, as most statements are no
  // `with` and a Value is large).
  std::vector<std::shared_ptr<const Value>> staticWithSet;

  // Work a candidate shares with the one before (rf changes, FW and co often do not): each
  // global slot has the time it last got a different value, each dynamic let, check and
  // `with` the time it was last evaluated; one none of whose inputs changed since is skipped
  // (its slots, check outcome or set are still those it computed). 0: never evaluated.
  std::vector<std::pair<const std::string*, std::pair<int, BaseKind>>> candidateNames;  // the base names each run sets
  std::vector<std::uint64_t> slotChanged;
  std::vector<std::uint64_t> evaluatedAt;
  std::vector<Value> withSet;  // per dynamic `with`: its set, as last evaluated
  std::map<std::size_t, PruneHistory> pruneHistory;  // per `with` searched with pruning
  std::uint64_t clock = 0;

  void setGlobal(int slot, Value v) {
    globals[static_cast<std::size_t>(slot)] = std::move(v);
    slotChanged[static_cast<std::size_t>(slot)] = ++clock;
    slotOrdered[static_cast<std::size_t>(slot)] = 0;
  }
  // Per global slot: it holds a choice of a `with` over total orders of disjoint sets of
  // events (coherence orders), which is transitive: its closure is itself (the lock model's
  // `(co | critical | ...)+` with no lock, once pruned, on every branch).
  std::vector<char> slotOrdered;
  void bindChoice(int slot, Value v, bool ordered) {
    setGlobalIfChanged(slot, std::move(v));
    slotOrdered[static_cast<std::size_t>(slot)] = ordered;
  }
  // The same for a relation, copied into the slot's storage (a search's choices and parts).
  void bindChoice(int slot, const rel::Relation& r, bool ordered) {
    if (auto* held = std::get_if<rel::Relation>(&globals[static_cast<std::size_t>(slot)].v)) {
      if (!(*held == r)) {
        *held = r;
        slotChanged[static_cast<std::size_t>(slot)] = ++clock;
      }
    } else {
      setGlobal(slot, Value(r));
    }
    slotOrdered[static_cast<std::size_t>(slot)] = ordered;
  }
  // Whether each choice of a product is transitive: total orders of pairwise disjoint sets.
  // (Asked for every candidate: no allocation.)
  std::vector<std::uint64_t> orderedSeen;
  bool choicesOrdered(const Value& set) {
    return set.is<std::shared_ptr<const ChoiceProduct>>() && choicesOrdered(*set.as<std::shared_ptr<const ChoiceProduct>>());
  }
  bool choicesOrdered(const ChoiceProduct& product) {
    orderedSeen.assign(rel::detail::wordsFor(n), 0);
    for (const auto& f : product.factors) {
      if (!f.orders) return false;
      const std::uint64_t* w = f.orders->events.words();
      for (std::size_t i = 0; i < orderedSeen.size(); ++i) {
        if (orderedSeen[i] & w[i]) return false;
        orderedSeen[i] |= w[i];
      }
    }
    return true;
  }
  // For the candidate's own names and a `with`'s choices: the time moves only if the value does.
  void setGlobalIfChanged(int slot, Value v) {
    if (globals[static_cast<std::size_t>(slot)] == v) return;
    setGlobal(slot, std::move(v));
  }
  // (A let's slots are written only by evaluating its definition on the values of the time:
  // another write, as when a pruned search tries a partial choice, follows a changed input.)
  bool unchangedSince(std::size_t i) const {
    const std::uint64_t at = evaluatedAt[i];
    if (at == 0) return false;
    const auto& in = liveReads[i] ? *liveReads[i] : model->stmtReads[i];
    return std::none_of(in.begin(), in.end(), [&](int r) { return slotChanged[static_cast<std::size_t>(r)] > at; });
  }
  // A global `let rec` (like the LKMM's rcu-order) is evaluated round after
  // round; its operands that read none of its names and no locals (Model::fixpointOperands)
  // have the same value in every round: during one fixpoint each is evaluated when first
  // needed and reused after.
  struct FixpointMemo {
    const std::vector<const Expr*>& operands;
    std::vector<std::optional<Value>> values;
  };
  FixpointMemo* fixpointMemo = nullptr;
  const Environment* candidate = nullptr;
  std::vector<std::string> flags;
  CheckPolicy policy;
  std::vector<std::string> skippedFailed;  // -strictskip: skipped checks that failed on this branch
  const std::string* curFile = nullptr;  // file of the code being evaluated (for diagnostics)
  int depth = 0;
  const char* stackFloor = nullptr;  // evaluation stops with an error below this address

  // Deep recursion in a model must end in a diagnostic, not a stack overflow.
  void setStackFloor() {
    const StackExtent stack = currentThreadStack();
    stackFloor = stack.low ? stack.low + kStackMargin : nullptr;
  }

  struct CallDepth {
    int& d;
    explicit CallDepth(int& depth) : d(++depth) {}
    ~CallDepth() { --d; }
  };

  Impl(std::shared_ptr<const Model> m, Environment prog, CheckPolicy pol, const Impl* staged)
      : model(std::move(m)), program(std::move(prog)), policy(std::move(pol)) {
    setStackFloor();
    n = program.numEvents;
    allEvents = rel::EventSet::all(n);
    stage(staged);
  }

  // Whether stage() used what one full run of the model vouches for (Model::ranEveryLet):
  // empty definitions folded, unused ones skipped.
  bool foldingStaged = false;

  std::vector<int> slotWith;  // per global slot: the latest dynamic `with` it depends on (-1: none)

  // Splits the model into what is the same for every candidate (evaluated here) and the rest;
  // the statements it shares with `staged`'s model (same event structure) are taken from it.
  void stage(const Impl* staged = nullptr) {
    const Model& md = *model;
    foldingStaged = model->ranEveryLet;
    // After the model's slots, one holding the empty set and one the empty relation (what
    // pruned definitions read in place of their empty parts).
    const std::size_t slots = md.slotNames.size() + 2;
    globals.assign(slots, Value{});
    slotChanged.assign(slots, ++clock);
    slotOrdered.assign(slots, 0);
    evaluatedAt.assign(md.stmts.size(), 0);
    withSet.assign(md.stmts.size(), Value{});
    globals[slots - 2] = rel::EventSet(n);
    globals[slots - 1] = rel::Relation(n);
    slotDynamic.assign(slots, false);
    slotStatement.assign(slots, -1);
    for (const auto& [name, info] : md.baseSlots) {
      const bool given = info.second == BaseKind::Set ? program.sets.count(name) : program.relations.count(name);
      slotDynamic[info.first] = !given && (!program.candidateNames || program.candidateNames->count(name));
      if (!slotDynamic[info.first]) setGlobal(info.first, baseValue(program, name, info.second));
    }
    slotDynamic[md.valuesSlot] = program.values.empty();
    candidateNames.clear();
    for (const auto& [name, info] : md.baseSlots)
      if (slotDynamic[info.first]) candidateNames.emplace_back(&name, info);
    stmtDynamic.assign(md.stmts.size(), false);
    prunedBindings.assign(md.stmts.size(), {});
    compiled.clear();
    compiled.resize(md.stmts.size());
    roundCode.clear();
    liveReads.assign(md.stmts.size(), std::nullopt);
    staticCheck.assign(md.stmts.size(), -1);
    hoistedAt.assign(md.stmts.size(), -1);
    hoisted.assign(md.stmts.size(), {});
    checkCache.assign(md.stmts.size(), -1);
    staticWithSet.assign(md.stmts.size(), nullptr);
    slotWith.assign(slots, -1);
    std::vector<std::size_t> withs;
    dynamicFacts.assign(slots, {});
    for (const auto& [name, info] : md.baseSlots)
      dynamicFacts[info.first].kind = info.second == BaseKind::Set ? ValueKind::EventSet : ValueKind::Relation;
    const std::size_t adopted = staged ? adoptStaged(*staged) : 0;
    for (std::size_t i = 0; i < adopted; ++i)
      if (model->stmts[i]->kind == StmtKind::With && stmtDynamic[i]) withs.push_back(i);
    for (std::size_t i = adopted; i < md.stmts.size(); ++i) {
      const Stmt& s = *md.stmts[i];
      bool readsDynamic = false;
      int withDep = -1;
      for (int slot : md.stmtReads[i]) {
        readsDynamic = readsDynamic || slotDynamic[slot];
        withDep = std::max(withDep, slotWith[slot]);
      }
      // The checks inside a call or forall run per branch.
      bool dyn = readsDynamic || s.kind == StmtKind::With || s.kind == StmtKind::Call ||
                 s.kind == StmtKind::Forall || s.kind == StmtKind::IfVariant;
      const bool folded = (readsDynamic && s.kind == StmtKind::Let && foldingStaged && foldEmpty(i)) ||
                          (readsDynamic && s.kind == StmtKind::Check && foldingStaged && foldEmptyCheck(i)) ||
                          (!readsDynamic && s.kind == StmtKind::With && bindSingleChoice(i));
      if (folded) dyn = false, withDep = -1;
      stmtDynamic[i] = dyn;
      if (s.kind == StmtKind::With && dyn) {
        withDep = static_cast<int>(i);
        withs.push_back(i);
      } else if (dyn && (s.kind == StmtKind::Let || s.kind == StmtKind::Check)) {
        auto w = std::upper_bound(withs.begin(), withs.end(), withDep,
                                  [](int d, std::size_t x) { return d < static_cast<int>(x); });
        if (w != withs.end()) {
          hoistedAt[i] = static_cast<int>(*w);
          hoisted[*w].push_back(i);
        }
      }
      for (int slot : md.stmtBinds[i]) {
        slotStatement[slot] = static_cast<int>(i);
        slotDynamic[slot] = dyn;
        slotWith[slot] = withDep;
      }
      if (dyn || folded) continue;
      curFile = &s.file;
      if (s.kind == StmtKind::Check) staticCheck[i] = test(s, eval(*s.expr, nullptr)) ? 1 : 0;
      else if (s.kind != StmtKind::Call) execStmt(s);
    }
    runsSinceStaged = 0;
    findUnused();
    boundPlan.assign(md.stmts.size(), std::nullopt);
    refutePlan.reset();
    findVisited();
  }

  // The statements a run visits, ascending: the dynamic ones and the checks decided for this
  // structure (one failed stops every candidate; a flag raised is raised for each), but the
  // lets a run skips (unused, or evaluated by their `with`). Found again whenever staging or
  // pruning makes statements static, and when evidence is asked for. visitedFrom[i]: the
  // first entry at or after statement i.
  std::vector<std::uint32_t> visited;
  std::vector<std::uint32_t> visitedFrom;
  void findVisited() {
    const std::size_t count = model->stmts.size();
    visited.clear();
    visitedFrom.assign(count + 1, 0);
    for (std::size_t i = 0; i < count; ++i) {
      visitedFrom[i] = static_cast<std::uint32_t>(visited.size());
      const bool idle = stmtDynamic[i] && (skipped(i) || (hoistedAt[i] >= 0 && model->stmts[i]->kind == StmtKind::Let));
      if ((stmtDynamic[i] || staticCheck[i] >= 0) && !idle) visited.push_back(static_cast<std::uint32_t>(i));
    }
    visitedFrom[count] = static_cast<std::uint32_t>(visited.size());
  }

  // Takes the staging of the statements this model shares with `other`'s (sharedPrefix),
  // when both judge alike (same policy, same folding): returns how many.
  std::size_t adoptStaged(const Impl& other) {
    if (other.n != n || other.foldingStaged != foldingStaged || other.policy.skipped != policy.skipped ||
        other.policy.strictSkip != policy.strictSkip || other.policy.throughAll != policy.throughAll)
      return 0;
    const std::size_t k = sharedPrefix(other.model, *model);
    for (std::size_t i = 0; i < k; ++i) {
      stmtDynamic[i] = other.stmtDynamic[i];
      staticCheck[i] = other.staticCheck[i];
      hoistedAt[i] = other.hoistedAt[i];
      for (std::size_t j : other.hoisted[i])
        if (j < k) hoisted[i].push_back(j);
      staticWithSet[i] = other.staticWithSet[i];
      for (int slot : model->stmtBinds[i]) {
        setGlobal(slot, other.globals[slot]);
        slotDynamic[slot] = other.slotDynamic[slot];
        slotStatement[slot] = other.slotStatement[slot];
        slotWith[slot] = other.slotWith[slot];
        dynamicFacts[slot] = other.dynamicFacts[slot];
      }
    }
    return k;
  }

  // Per dynamic `with`: the statements after it (up to the next with, call, forall or
  // variant) that judge a relation contained in every choice of part of its set: the
  // checks that can only fail more as the choice grows (growth.hpp; acyclic, irreflexive,
  // empty, not negated, not skipped) and the lets they read. Empty: no pruning there.
  // Planned when first needed (few event structures have a `with` set worth pruning).
  std::vector<std::optional<std::vector<std::size_t>>> boundPlan;

  const std::vector<std::size_t>& planBounds(std::size_t i) {
    if (!boundPlan[i]) boundPlan[i] = policy.throughAll ? std::vector<std::size_t>{} : planBoundsOf(i);
    return *boundPlan[i];
  }

  PlanFacts planFacts() const {
    return PlanFacts{*model, stmtDynamic, stmtUnused, hoistedAt, policy.skipped, [this](const Expr& e) {
                       const EmptinessFact f = factOf(e, [this](int slot) { return slotFact(slot); });
                       return f.empty && f.kind != ValueKind::Other;
                     }};
  }

  std::vector<std::size_t> planBoundsOf(std::size_t i) { return planAfterWith(planFacts(), i); }

  // Runs boundPlan[i] with the `with` variable bound to `bound`: the first check that
  // fails, or nullptr. What reads none of the names the choice changed keeps its value and
  // outcome (the LKMM's prop-tail and hb-fixed: once per reads-from, not once per part).
  const Stmt* boundFails(std::size_t i) {
    for (std::size_t j : *boundPlan[i]) {
      const Stmt& st = *model->stmts[j];
      curFile = &st.file;
      if (!unchangedSince(j)) {
        if (st.kind == StmtKind::Let) {
          execStmt(j);
        } else {
          checkCache[j] = holds(j) ? 1 : 0;
        }
        evaluatedAt[j] = clock;
      }
      if (st.kind == StmtKind::Check && checkCache[j] == 0) return &st;
    }
    return nullptr;
  }

  // Refutation (Evaluator::refutes): the statements that judge a candidate's lower state
  // (lower_plan.hpp), planned for the names the engine gives (the rest of them are empty there).
  std::optional<std::vector<std::size_t>> refutePlan;

  const std::vector<std::size_t>& planRefutation(const Environment& lower) {
    if (refutePlan) return *refutePlan;
    std::vector<int> given, empty, unknown;
    for (const auto& [name, info] : candidateNames) {
      const bool has = info.second == BaseKind::Set ? lower.sets.count(*name) : lower.relations.count(*name);
      (has ? given : empty).push_back(info.first);
    }
    if (slotDynamic[model->valuesSlot]) unknown.push_back(model->valuesSlot);
    refutePlan = policy.throughAll ? std::vector<std::size_t>{} : planFromStart(planFacts(), given, empty, unknown);
    return *refutePlan;
  }

  // Runs the plan's steps from `k`, up to the next `with` when `segment`: true when a check
  // fails (at a `with`, when no choice of its set passes the rest of the plan).
  bool refutedFrom(std::size_t k, bool segment) {
    const auto& plan = *refutePlan;
    for (; k < plan.size(); ++k) {
      const std::size_t j = plan[k];
      const Stmt& st = *model->stmts[j];
      curFile = &st.file;
      if (st.kind == StmtKind::With) return !segment && noChoicePasses(k);
      if (unchangedSince(j)) {
        if (st.kind == StmtKind::Check && checkCache[j] == 0) return true;
        continue;
      }
      if (st.kind == StmtKind::Let) {
        execStmt(j);
      } else {
        checkCache[j] = holds(j) ? 1 : 0;
      }
      evaluatedAt[j] = clock;
      if (st.kind == StmtKind::Check && checkCache[j] == 0) return true;
    }
    return false;
  }

  // The `with` at plan step k: whether every choice of its set fails the rest of the plan
  // (parts of the set whose common edges fail the statements up to the next `with` are
  // dropped whole, as in searchPruned).
  // Steps (parts and choices judged) the question may still take: past them it answers that it
  // cannot tell. (On paulmck's L1G2xchg with P2 cut down, a question takes 16 on average, 1,534
  // at most.)
  long long refuteSteps = 0;

  bool noChoicePasses(std::size_t k) {
    const std::size_t i = (*refutePlan)[k];
    const Stmt& s = *model->stmts[i];
    if (!staticWithSet[i] && !unchangedSince(i)) {
      withSet[i] = eval(*s.expr, nullptr);
      evaluatedAt[i] = clock;
    }
    const Value& set = staticWithSet[i] ? *staticWithSet[i] : withSet[i];
    bool survivor = false;
    const bool ordered = choicesOrdered(set);
    const auto leaf = [&](auto&& choice) {  // a Value, or a search's relation
      bindChoice(s.slot, std::forward<decltype(choice)>(choice), ordered);
      survivor = --refuteSteps < 0 || !refutedFrom(k + 1, false);
    };
    if (!set.is<std::shared_ptr<const ChoiceProduct>>()) {
      for (auto& v : elements(set, *s.expr))
        if (leaf(std::move(v)), survivor) return false;
      return true;
    }
    searchChoices(
        searchFactors(*set.as<std::shared_ptr<const ChoiceProduct>>(), *s.expr), n, kPruneMinBranches,
        [&](const rel::Relation& bound) {
          if (--refuteSteps < 0) return !(survivor = true);  // cannot tell: stop
          bindChoice(s.slot, bound, ordered);  // transitive too (choice_search.hpp)
          return refutedFrom(k + 1, true);
        },
        [](std::uint64_t) {}, [&](const rel::Relation& choice) { leaf(choice); }, &survivor);
    return !survivor;
  }

  bool refutes(const Environment& lower, long long steps) {
    prepare();
    const auto& plan = planRefutation(lower);
    if (plan.empty()) return false;
    candidate = &lower;
    for (const auto& [name, info] : candidateNames) setGlobalIfChanged(info.first, baseValue(lower, *name, info.second));
    if (slotDynamic[model->valuesSlot]) slotChanged[static_cast<std::size_t>(model->valuesSlot)] = ++clock;
    depth = 0;
    setStackFloor();
    refuteSteps = steps;
    const bool refuted = refutedFrom(0, false);
    candidate = nullptr;
    return refuted;
  }

  // Per dynamic let: its definitions without their parts that are empty on this event structure
  // (dead_terms.hpp), when there are such parts; what those read (when known: operators only);
  // for a fixpoint, the operands of the pruned definitions that are the same in every round.
  std::unique_ptr<DeadTermPruner> pruner;
  std::vector<std::vector<const Expr*>> prunedBindings;
  std::vector<std::optional<std::vector<int>>> liveReads;
  // For a pruned fixpoint: its invariant operands, and per binding the names of the fixpoint
  // it reads (unknown unless its definition is operators only).
  struct PrunedFixpoint {
    std::vector<const Expr*> operands;
    std::vector<std::optional<std::vector<int>>> recReads;
  };
  std::unordered_map<const Stmt*, PrunedFixpoint> prunedFixpoints;

  // The definition to evaluate for a binding of let s (s's own, or its pruned form when s is a
  // top-level let that has one: found through the statement that binds its first slot).
  const Expr& definition(const Stmt& s, std::size_t binding) const {
    const Binding& b = s.bindings[binding];
    if (b.slots.empty() || b.slots[0] < 0) return *b.expr;
    const int i = slotStatement[b.slots[0]];
    if (i < 0 || model->stmts[i] != &s || prunedBindings[i].empty()) return *b.expr;
    return *prunedBindings[i][binding];
  }

  // Pruning costs more than it saves on the few candidates of a small test: it is done once an
  // event structure has had this many (and a full run of the model vouched for the emptiness
  // analysis: foldingStaged).
  static constexpr int kPruneAfterRuns = 32;
  int runsSinceStaged = 0;

  void pruneDeadTerms() {
    const Model& md = *model;
    const int emptySet = static_cast<int>(globals.size()) - 2;
    // Each slot's fact once (a static relation's is a scan of its words).
    std::vector<std::optional<EmptinessFact>> facts(globals.size());
    const auto factOfSlot = [this, &facts](int slot) {
      auto& f = facts[static_cast<std::size_t>(slot)];
      if (!f) f = slotFact(slot);
      return *f;
    };
    // An operator node that reads only what every candidate shares is evaluated, once.
    std::unordered_map<const Expr*, std::optional<Value>> shared;
    const auto sharedValue = [this, &shared](const Expr& e) -> const Value* {
      auto [at, added] = shared.try_emplace(&e);
      if (added) {
        const auto reads = operatorReads(e);
        if (reads && std::none_of(reads->begin(), reads->end(), [this](int slot) { return slotDynamic[slot]; }))
          at->second.emplace(eval(e, nullptr));
      }
      return at->second ? &*at->second : nullptr;
    };
    pruner = std::make_unique<DeadTermPruner>(
        factOfSlot, [emptySet](ValueKind k) { return k == ValueKind::EventSet ? emptySet : emptySet + 1; }, sharedValue);
    for (std::size_t i = 0; i < md.stmts.size(); ++i) {
      const Stmt& s = *md.stmts[i];
      if (!stmtDynamic[i] || s.kind != StmtKind::Let || (s.rec && allFunctions(s.bindings))) continue;
      std::vector<const Expr*> pruned;
      std::vector<int> reads;
      std::vector<std::optional<std::vector<int>>> recReads;
      const auto& recSlots = md.stmtBinds[i];
      bool changed = false, readsKnown = true;
      for (const auto& b : s.bindings) {
        EmptinessFact fact;
        pruned.push_back(&pruner->prune(*b.expr, &fact));
        if (s.rec) pruned.back() = &pruner->invariantFirst(*pruned.back(), recSlots);
        // What the later definitions' pruning knows of this name (rmwco empty: cobase is co0).
        if (!s.rec && !b.pat.tuple && b.slots.size() == 1) facts[static_cast<std::size_t>(b.slots[0])] = fact;
        changed = changed || pruned.back() != b.expr.get();
        auto r = operatorReads(*pruned.back());
        if (r) reads.insert(reads.end(), r->begin(), r->end());
        readsKnown = readsKnown && r;
        if (r) std::erase_if(*r, [&](int slot) { return std::find(recSlots.begin(), recSlots.end(), slot) == recSlots.end(); });
        recReads.push_back(std::move(r));
      }
      if (!changed) continue;
      if (readsKnown) {
        std::sort(reads.begin(), reads.end());
        reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
        liveReads[i] = std::move(reads);
      }
      if (s.rec) prunedFixpoints[&s] = PrunedFixpoint{invariantOperands(pruned, recSlots), std::move(recReads)};
      prunedBindings[i] = std::move(pruned);
      if (!s.rec && liveReads[i] && std::none_of(liveReads[i]->begin(), liveReads[i]->end(), [this](int slot) { return slotDynamic[slot]; }))
        settle(i);
    }
  }

  // A let whose pruned definitions read only what every candidate shares (the LKMM's
  // rmw-sequence, `0*`, without RMW) is bound once: it becomes static for this structure.
  void settle(std::size_t i) {
    const Stmt& s = *model->stmts[i];
    for (std::size_t k = 0; k < s.bindings.size(); ++k) assignPattern(s.bindings[k], eval(*prunedBindings[i][k], nullptr));
    stmtDynamic[i] = false;
    for (int slot : model->stmtBinds[i]) slotDynamic[slot] = false;
    if (hoistedAt[i] >= 0) std::erase(hoisted[static_cast<std::size_t>(hoistedAt[i])], i);
    hoistedAt[i] = -1;
  }

  // Per expression node (Expr::id) of a dynamic statement that reads only what every candidate
  // shares (static slots, primitives, no locals): its value, computed when first needed and
  // kept (cos-opt's `po-loc & (W * W)`, the LKMM's `[Marked]`). Index into staticValues, or -1.
  // Only the largest such operands are kept; found with the pruning.
  // (Each kept with its node: a function taken from another model's evaluator, shared staging,
  // runs that model's nodes, whose numbers mean other nodes here.)
  struct StaticValue {
    const Expr* node;
    std::optional<Value> value;
  };
  std::vector<int> staticOperand;
  std::vector<StaticValue> staticValues;

  void findStaticOperands() {
    staticOperand.assign(model->exprCount, -1);
    staticValues.clear();
    ++staticGeneration;
    for (std::size_t i = 0; i < model->stmts.size(); ++i) {
      const Stmt& s = *model->stmts[i];
      if (!stmtDynamic[i]) continue;
      if (s.kind == StmtKind::Let && !(s.rec && allFunctions(s.bindings)))
        for (std::size_t k = 0; k < s.bindings.size(); ++k) markStaticOperands(definition(s, k));
      else if (s.kind == StmtKind::Check)
        markStaticOperands(*s.expr);
    }
  }

  // Whether e is the same for every candidate; if not, marks its largest operands that are.
  bool markStaticOperands(const Expr& e) {
    bool same = false;
    switch (e.kind) {
      case ExprKind::Var:
        return (e.ref.kind == NameRef::Global && !slotDynamic[e.ref.slot]) || e.ref.kind == NameRef::Primitive;
      case ExprKind::Empty:
      case ExprKind::Universe:
      case ExprKind::Tag: return true;
      case ExprKind::Unary:
      case ExprKind::App: same = true; break;
      case ExprKind::Binary: same = e.binop != BinOp::Add; break;
      default: break;
    }
    std::vector<const Expr*> operands;
    for (const auto& a : e.args) operands.push_back(a.get());
    for (const auto& b : e.more().bindings) operands.push_back(b.expr.get());
    std::vector<bool> operandSame;
    for (const Expr* a : operands) operandSame.push_back(markStaticOperands(*a));
    if (same && std::find(operandSame.begin(), operandSame.end(), false) == operandSame.end()) return true;
    for (std::size_t k = 0; k < operands.size(); ++k) {
      const Expr& a = *operands[k];
      const bool worthKeeping = a.kind == ExprKind::Unary || a.kind == ExprKind::Binary || a.kind == ExprKind::App;
      if (operandSame[k] && worthKeeping && a.id >= 0) {
        staticOperand[static_cast<std::size_t>(a.id)] = static_cast<int>(staticValues.size());
        staticValues.push_back({&a, std::nullopt});
      }
    }
    return false;
  }

  // Dynamic lets whose values no check, flag, `with` or call reads (once the checks on
  // empty definitions are static, the LKMM's RCU links and data-race definitions in a
  // test without RCU or plain accesses) are skipped per candidate; a picture that asks
  // for one of their names has it computed then (materialize).
  std::vector<bool> stmtUnused;
  std::size_t materializedTo = 0;  // statements before it are materialized for the current branch

  void findUnused() {
    const Model& md = *model;
    stmtUnused.assign(md.stmts.size(), false);
    std::vector<bool> slotRead(globals.size(), false);
    for (std::size_t i = md.stmts.size(); i-- > 0;) {
      if (!stmtDynamic[i]) continue;
      const Stmt& s = *md.stmts[i];
      const auto& bound = md.stmtBinds[i];
      stmtUnused[i] = s.kind == StmtKind::Let && !s.rec &&
                      std::none_of(bound.begin(), bound.end(), [&](int slot) { return slotRead[slot]; });
      if (!stmtUnused[i])
        for (int slot : liveReads[i] ? *liveReads[i] : md.stmtReads[i]) slotRead[slot] = true;
    }
  }

  // Until a run of the model has reached its end (a failed check stops a branch early),
  // every let runs, so that an error in an unused definition is still reported
  // (Model::ranEveryLet).
  bool reachedEnd = false;
  bool skipped(std::size_t i) const { return stmtUnused[i] && !evidenceOn && foldingStaged; }

  void materialize(std::size_t stop) {
    for (; materializedTo < stop; ++materializedTo)
      if (stmtDynamic[materializedTo] && skipped(materializedTo)) {
        curFile = &model->stmts[materializedTo]->file;
        execStmt(materializedTo);
      }
  }

  // Per slot that depends on the candidate: what is known of it beforehand (emptiness.hpp).
  std::vector<EmptinessFact> dynamicFacts;

  EmptinessFact slotFact(int slot) const { return slotDynamic[slot] ? dynamicFacts[slot] : factOf(globals[slot]); }

  // A `let` that reads the candidate, on this event structure: if every value it binds is
  // empty whatever the candidate, binds them (it becomes static) and returns true; else
  // records what is known of its slots for the statements after it.
  bool foldEmpty(std::size_t i) {
    const Stmt& s = *model->stmts[i];
    for (const auto& b : s.bindings)
      if (b.pat.tuple || b.slots.size() != 1) return false;
    if (s.rec && allFunctions(s.bindings)) return false;
    const std::vector<EmptinessFact> result = rememberedFacts(i);
    const bool empty = allEmpty(result);
    for (std::size_t k = 0; k < s.bindings.size(); ++k) {
      const int slot = s.bindings[k].slots[0];
      if (empty) setGlobal(slot, emptyValue(result[k].kind, n));
      else dynamicFacts[slot] = result[k];  // a binding of a fixpoint may still be known empty
    }
    return empty;
  }

  // A check that reads the candidate but whose relation is empty on every candidate of this
  // event structure (the LKMM's flag on different-values(srcu-rscs) without SRCU): its outcome
  // is decided here, and true is returned.
  bool foldEmptyCheck(std::size_t i) {
    const auto& read = model->stmtReads[i];
    const auto knownEmpty = [this](int slot) { return slotFact(slot).empty; };
    if (std::none_of(read.begin(), read.end(), knownEmpty)) return false;
    const Stmt& s = *model->stmts[i];
    const EmptinessFact f = factOf(*s.expr, [this](int slot) { return slotFact(slot); });
    if (!f.empty || f.kind == ValueKind::Other || f.kind == ValueKind::Function) return false;
    staticCheck[i] = test(s, emptyValue(f.kind, n)) ? 1 : 0;
    return true;
  }

  static bool allEmpty(const std::vector<EmptinessFact>& fs) {
    return std::all_of(fs.begin(), fs.end(), [](const EmptinessFact& f) { return f.empty && f.kind != ValueKind::Other; });
  }

  // The facts of a let's bindings (factsOf), from Model::foldMemo when an event structure
  // alike in the facts the analysis consults was seen before.
  std::vector<EmptinessFact> rememberedFacts(std::size_t i) {
    const Stmt& s = *model->stmts[i];
    std::lock_guard lock(model->foldMemoMutex);
    auto& memos = model->foldMemo;
    if (memos.size() != model->stmts.size()) memos.resize(model->stmts.size());
    for (const auto& memo : memos[i])
      if (std::all_of(memo.inputs.begin(), memo.inputs.end(),
                      [this](const auto& in) { return slotFact(in.first) == in.second; }))
        return memo.result;
    Model::FoldMemo memo;
    const auto own = [&s](int slot) {
      return s.rec && std::any_of(s.bindings.begin(), s.bindings.end(), [slot](const auto& b) { return b.slots[0] == slot; });
    };
    memo.result = factsOf(s, [&](int slot) {
      const EmptinessFact f = slotFact(slot);
      if (!own(slot) && std::none_of(memo.inputs.begin(), memo.inputs.end(), [slot](const auto& in) { return in.first == slot; }))
        memo.inputs.emplace_back(slot, f);
      return f;
    });
    if (memos[i].size() < kMaxFoldMemos) memos[i].push_back(memo);
    return memo.result;
  }

  // What is known of the values a let binds, from what `slotFactOf` says of the slots it reads.
  std::vector<EmptinessFact> factsOf(const Stmt& s, const std::function<EmptinessFact(int)>& slotFactOf) {
    std::vector<EmptinessFact> result;
    if (!s.rec) {
      for (const auto& b : s.bindings) result.push_back(factOf(*b.expr, slotFactOf));
      return result;
    }
    // What holds of the least fixpoint: start from its names empty (as the evaluator starts
    // them, `0`) and redo each definition's facts with those just found, until a pass changes
    // none. They only move one way (empty to not known, `0` to a kind), so this ends; a
    // definition still empty then is empty in every round (the LKMM's membarrier-led orders
    // without sys_membarrier()).
    for (const auto& b : s.bindings) {
      slotDynamic[b.slots[0]] = true;
      dynamicFacts[b.slots[0]] = {true, ValueKind::EmptyLiteral};
    }
    result.resize(s.bindings.size());
    for (std::size_t pass = 0; pass <= 2 * s.bindings.size() + 1; ++pass) {
      bool stable = true;
      for (std::size_t k = 0; k < s.bindings.size(); ++k) {
        result[k] = factOf(*s.bindings[k].expr, slotFactOf);
        EmptinessFact& known = dynamicFacts[s.bindings[k].slots[0]];
        stable = stable && known == result[k];
        known = result[k];
      }
      if (stable) return result;
    }
    for (auto& f : result) f.empty = false;  // not settled (not expected): nothing is known
    return result;
  }

  // A `with` over a set that is the same for every candidate and has one element has
  // one branch: binds it once (it becomes static). The LKMM's failed-trylock and
  // spin_is_locked() choices are so in a test without them.
  bool bindSingleChoice(std::size_t i) {
    const Stmt& s = *model->stmts[i];
    curFile = &s.file;
    Value set = eval(*s.expr, nullptr);
    std::vector<Value> choices;
    if (set.is<std::shared_ptr<const ChoiceProduct>>()) {
      const auto& product = *set.as<std::shared_ptr<const ChoiceProduct>>();
      if (!std::all_of(product.factors.begin(), product.factors.end(), singleChoice)) {
        staticWithSet[i] = std::make_shared<const Value>(std::move(set));  // the same for every candidate
        return false;
      }
      forEachChoice(product, *s.expr, [&](Value v) { choices.push_back(std::move(v)); });
    } else {
      choices = elements(set, *s.expr);
    }
    if (choices.size() != 1) {
      staticWithSet[i] = std::make_shared<const Value>(std::move(set));  // the same for every candidate
      return false;
    }
    setGlobal(s.slot, std::move(choices.front()));
    return true;
  }

  // Operands of set operations must share one universe: a base name over
  // another number of events is the caller's bug, refused rather than misread.
  Value baseValue(const Environment& env, const std::string& name, BaseKind kind) const {
    auto checked = [&](const auto& v) {
      if (v.universe() != n)
        throw std::invalid_argument("cat evaluator: base name '" + name + "' has " + std::to_string(v.universe()) +
                                    " events, the structure " + std::to_string(n));
      return Value(v);
    };
    if (kind == BaseKind::Set) {
      auto it = env.sets.find(name);
      return it != env.sets.end() ? checked(it->second) : Value(rel::EventSet(n));
    }
    auto it = env.relations.find(name);
    return it != env.relations.end() ? checked(it->second) : Value(rel::Relation(n));
  }

  [[noreturn]] void fail(SourcePos p, const std::string& msg) const { throw Diagnostic(curFile ? *curFile : std::string(), p, msg); }

  // ---- evidence (only when enabled: explanations, never the verdict itself) ----
  bool evidenceOn = false;
  std::vector<const Stmt*> flagStmts;  // per entry of `flags`, when evidenceOn
  std::map<int, const Expr*> definitions;  // global slot -> its defining expression (non-function lets)
  std::map<int, const Expr*> libraryDefinitions;  // the same for the standard library: expanded only as a check's relation

  void collectDefinitions(const StmtList& body) {
    for (const auto& st : body) collectDefinition(*st);
  }
  // Names of the standard library and herd's standard vocabulary (fr, fre,
  // rfe, po-loc, ...) are shown as such, never expanded: readers know them.
  void collectDefinition(const Stmt& st) {
    static const std::set<std::string> library = {"stdlib.cat", "cos-opt.cat", "cross.cat"};  // built-in files are named so
    static const std::set<std::string> vocabulary = {"rfe", "rfi", "co", "coe", "coi", "fr",  "fre",
                                                     "fri", "com", "po-loc", "ext", "int", "loc"};
    auto& into = library.count(st.file) ? libraryDefinitions : definitions;
    if (st.kind == StmtKind::Let)
      for (const auto& b : st.bindings)
        if (!b.pat.tuple && b.slots.size() == 1 && b.expr->kind != ExprKind::Fun && !vocabulary.count(b.pat.names[0]))
          into[b.slots[0]] = b.expr.get();
    if (st.kind == StmtKind::IfVariant) {
      collectDefinitions(st.body);
      collectDefinitions(st.elseBody);
    }
  }

  struct Deriver {
    Impl& ev;
    std::set<std::tuple<const Expr*, std::size_t, std::size_t>> active;  // derivations in progress (no loops)
    int depth = 0;

    std::optional<rel::Relation> relationOf(const Expr& e, const FramePtr& env) {
      try {
        Value v = ev.eval(e, env);
        if (v.is<rel::Relation>() || v.is<EmptyValue>() || v.is<PairValue>() || v.is<UniverseValue>()) return ev.toRel(v, e);
      } catch (const Diagnostic&) {
      }
      return std::nullopt;
    }

    bool isFinalName(const Expr& e) const {
      if (e.kind != ExprKind::Var || e.ref.kind != NameRef::Global) return false;
      auto it = ev.model->finalSlots.find(e.name);
      return it != ev.model->finalSlots.end() && it->second == e.ref.slot;
    }

    void leaf(const Expr& e, std::size_t a, std::size_t b, std::vector<EvidenceStep>& out) const {
      out.push_back({a, b, printExpr(e), isFinalName(e)});
    }

    // The edge (a, b) of e as a chain of steps; false if e does not hold it.
    bool derive(const Expr& e, const FramePtr& env, std::size_t a, std::size_t b, std::vector<EvidenceStep>& out) {
      if (e.kind == ExprKind::Unary && e.unop == UnOp::ToId) {
        if (a != b) return false;
        rel::EventSet scratch;
        Value v = ev.eval(*e.args[0], env);
        if (!ev.setView(v, *e.args[0], scratch).contains(a)) return false;
        out.push_back({a, a, "[" + printExpr(*e.args[0]) + "]", isFinalName(*e.args[0])});
        return true;
      }
      auto r = relationOf(e, env);
      if (!r || !r->contains(a, b)) return false;
      auto key = std::make_tuple(&e, a, b);
      if (depth > 40 || active.count(key)) {
        leaf(e, a, b, out);
        return true;
      }
      active.insert(key);
      ++depth;
      struct Done {
        Deriver& d;
        std::tuple<const Expr*, std::size_t, std::size_t> key;
        ~Done() { d.active.erase(key); --d.depth; }
      } done{*this, key};
      const std::size_t mark = out.size();
      auto viaChildren = [&]() -> bool {
        switch (e.kind) {
          case ExprKind::Var: {
            if (e.ref.kind != NameRef::Global || ev.model->baseSlots.count(e.name)) return false;
            auto def = ev.definitions.find(e.ref.slot);
            if (def == ev.definitions.end()) {
              def = ev.libraryDefinitions.find(e.ref.slot);
              if (depth > 1 || def == ev.libraryDefinitions.end()) return false;
            }
            std::vector<EvidenceStep> inner;
            if (!derive(*def->second, nullptr, a, b, inner)) return false;
            if (inner.size() == 1 && !inner[0].named) return false;  // one edge of an expression: shown by this name
            out.insert(out.end(), inner.begin(), inner.end());
            return true;
          }
          case ExprKind::Binary:
            switch (e.binop) {
              case BinOp::Union: return derive(*e.args[0], env, a, b, out) || derive(*e.args[1], env, a, b, out);
              case BinOp::Inter:
              case BinOp::Diff: {
                std::vector<EvidenceStep> inner;
                if (!derive(*e.args[0], env, a, b, inner)) return false;
                if (inner.size() == 1) return externalOrInternal(e, inner[0], out);
                out.insert(out.end(), inner.begin(), inner.end());
                return true;
              }
              case BinOp::Seq: return deriveSeq(e, env, a, b, out);
              default: return false;
            }
          case ExprKind::Unary:
            switch (e.unop) {
              case UnOp::Opt:
              case UnOp::Star:
                if (a == b) return true;  // the empty path
                return e.unop == UnOp::Opt ? derive(*e.args[0], env, a, b, out) : derivePath(*e.args[0], env, a, b, out);
              case UnOp::Plus: return derivePath(*e.args[0], env, a, b, out);
              case UnOp::Inv: {
                std::vector<EvidenceStep> inner;
                if (!derive(*e.args[0], env, b, a, inner)) return false;
                for (auto it = inner.rbegin(); it != inner.rend(); ++it)
                  out.push_back({it->to, it->from, "(" + it->relation + ")^-1", false});
                return true;
              }
              default: return false;
            }
          default: return false;
        }
      };
      if (!viaChildren()) {
        out.resize(mark);
        leaf(e, a, b, out);
      }
      return true;
    }

    // herd's names for `rf & ext` (rfe), `co & int` (coi), ...: false if none applies.
    bool externalOrInternal(const Expr& e, const EvidenceStep& left, std::vector<EvidenceStep>& out) const {
      const Expr& r = *e.args[1];
      if (e.binop != BinOp::Inter || r.kind != ExprKind::Var || (r.name != "ext" && r.name != "int")) return false;
      if (left.relation != "rf" && left.relation != "co" && left.relation != "fr") return false;
      const std::string name = left.relation + (r.name == "ext" ? "e" : "i");
      auto rel = ev.finalRelation(name);
      if (!rel || !rel->contains(left.from, left.to)) return false;
      out.push_back({left.from, left.to, name, true});
      return true;
    }

    // a -> c -> b through `l ; r`: the first c (in event order) that works.
    bool deriveSeq(const Expr& e, const FramePtr& env, std::size_t a, std::size_t b, std::vector<EvidenceStep>& out) {
      const Expr& l = *e.args[0];
      const Expr& r = *e.args[1];
      auto lr = relationOf(l, env);
      auto rr = relationOf(r, env);
      const bool lId = l.kind == ExprKind::Unary && l.unop == UnOp::ToId;
      const bool rId = r.kind == ExprKind::Unary && r.unop == UnOp::ToId;
      for (std::size_t c = 0; c < ev.n; ++c) {
        if (lId ? c != a : !(lr && lr->contains(a, c))) continue;
        if (rId ? c != b : !(rr && rr->contains(c, b))) continue;
        const std::size_t mark = out.size();
        if (derive(l, env, a, c, out) && derive(r, env, c, b, out)) return true;
        out.resize(mark);
      }
      return false;
    }

    // A shortest path a -> ... -> b in e+, each hop derived.
    bool derivePath(const Expr& e, const FramePtr& env, std::size_t a, std::size_t b, std::vector<EvidenceStep>& out) {
      auto r = relationOf(e, env);
      if (!r) return false;
      std::vector<std::size_t> path = r->shortestPath(a, b);
      if (path.empty()) return false;
      for (std::size_t i = 0; i + 1 < path.size(); ++i)
        if (!derive(e, env, path[i], path[i + 1], out)) return false;
      return true;
    }
  };


  // The evidence for check statement s (evaluated with env's locals).
  CheckEvidence evidenceFor(const Stmt& s, const FramePtr& env) {
    CheckEvidence out;
    out.check = s.name.empty() ? checkKeyword(s) : s.name;
    out.kind = checkKeyword(s);
    out.negated = s.negated;
    out.flag = s.flag;
    out.expression = printExpr(*s.expr);
    out.file = s.file;
    out.pos = s.pos;
    // A failed check or a raised `flag ~...` shows its relation being cyclic,
    // reflexive or non-empty; the other cases have nothing to point at.
    if (s.negated != s.flag) return out;
    const std::string* saved = curFile;
    curFile = &s.file;
    Value v = eval(*s.expr, env);
    curFile = saved;
    Deriver d{*this, {}, 0};
    auto edge = [&](std::size_t a, std::size_t b) {
      EvidenceEdge e{a, b, {}};
      d.derive(*s.expr, env, a, b, e.steps);
      out.edges.push_back(std::move(e));
    };
    if (s.check == CheckKind::Empty && !isRelational(v)) {
      if (isEventual(v)) toSet(v, *s.expr).forEach([&](std::size_t e) { out.events.push_back(e); });
      return out;
    }
    const rel::Relation r = toRel(v, *s.expr);
    if (s.check == CheckKind::Empty) {
      r.forEach([&](std::size_t a, std::size_t b) {
        if (out.edges.size() < kMaxEvidencePairs) edge(a, b);
      });
    } else if (s.check == CheckKind::Irreflexive) {
      for (std::size_t e = 0; e < n; ++e)
        if (r.contains(e, e)) return edge(e, e), out;
    } else {
      std::vector<std::size_t> best;
      for (std::size_t e = 0; e < n; ++e) {
        auto cycle = r.shortestPath(e, e);
        if (!cycle.empty() && (best.empty() || cycle.size() < best.size())) best = std::move(cycle);
      }
      for (std::size_t i = 0; i + 1 < best.size(); ++i) edge(best[i], best[i + 1]);
    }
    return out;
  }

  std::optional<rel::EventSet> finalSet(const std::string& name) const {
    auto it = model->finalSlots.find(name);
    if (it == model->finalSlots.end()) return std::nullopt;
    const Value& v = globals[it->second];
    if (v.is<rel::EventSet>()) return v.as<rel::EventSet>();
    if (v.is<EmptyValue>()) return rel::EventSet(n);
    return std::nullopt;
  }

  // Adds the evidence accessors to a verdict (failed: the failing check and its locals).
  void attachEvidence(Verdict& v, const Stmt* failed, const FramePtr& env, std::size_t stop) {
    v.eventSet = [this, stop](const std::string& name) {
      return boundBefore(name, stop) ? finalSet(name) : std::nullopt;
    };
    if (failed) v.evidence = [this, failed, env] { return evidenceFor(*failed, env); };
    v.flagEvidence = [this](const std::string& name) {
      for (const Stmt* f : flagStmts)
        if (f->name == name) return evidenceFor(*f, nullptr);
      return CheckEvidence{};
    };
  }

  // ---- conversions ----
  rel::EventSet toSet(const Value& v, const Expr& at) const {
    if (v.is<rel::EventSet>()) return v.as<rel::EventSet>();
    if (v.is<EmptyValue>()) return rel::EventSet(n);
    if (v.is<UniverseValue>()) return rel::EventSet::all(n);
    if (v.is<EventValue>()) {
      rel::EventSet s(n);
      s.insert(v.as<EventValue>().e);
      return s;
    }
    fail(at.pos, "expected a set of events, found " + kindName(v));
  }
  rel::Relation toRel(const Value& v, const Expr& at) const {
    if (v.is<rel::Relation>()) return v.as<rel::Relation>();
    if (v.is<EmptyValue>()) return rel::Relation(n);
    if (v.is<UniverseValue>()) return rel::Relation::product(rel::EventSet::all(n), rel::EventSet::all(n));
    if (v.is<PairValue>()) {
      rel::Relation r(n);
      r.insert(v.as<PairValue>().from, v.as<PairValue>().to);
      return r;
    }
    fail(at.pos, "expected a relation, found " + kindName(v));
  }
  // Views of a value as a relation or set without copying when it already is one.
  const rel::Relation& relView(const Value& v, const Expr& at, rel::Relation& scratch) const {
    if (v.is<rel::Relation>()) return v.as<rel::Relation>();
    scratch = toRel(v, at);
    return scratch;
  }
  const rel::EventSet& setView(const Value& v, const Expr& at, rel::EventSet& scratch) const {
    if (v.is<rel::EventSet>()) return v.as<rel::EventSet>();
    scratch = toSet(v, at);
    return scratch;
  }

  std::vector<Value> elements(const Value& v, const Expr& at) const {
    std::vector<Value> out;
    if (v.is<EmptyValue>()) return out;
    if (v.is<std::shared_ptr<const ValueSet>>()) return v.as<std::shared_ptr<const ValueSet>>()->items;
    if (v.is<std::shared_ptr<const ChoiceProduct>>()) {
      forEachChoice(*v.as<std::shared_ptr<const ChoiceProduct>>(), at, [&](Value c) { out.push_back(std::move(c)); });
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    }
    if (v.is<rel::EventSet>() || v.is<UniverseValue>()) {
      toSet(v, at).forEach([&](std::size_t e) { out.push_back(EventValue{e}); });
      return out;
    }
    if (v.is<rel::Relation>()) {
      v.as<rel::Relation>().forEach([&](std::size_t a, std::size_t b) { out.push_back(PairValue{a, b}); });
      return out;
    }
    fail(at.pos, "expected a set, found " + kindName(v));
  }

  // The choices of the last product of few choices a `with` went through, kept for the next
  // candidate with the same product (cos-opt's orders are the same for every candidate with
  // the same partial order: one choice, the union of one order per location, each time).
  static constexpr std::size_t kKeptChoices = 16;
  std::shared_ptr<const ChoiceProduct> keptProduct;
  std::shared_ptr<const std::vector<Value>> keptChoices;

  // The choices of p when there are at most kKeptChoices (nullptr: more).
  std::shared_ptr<const std::vector<Value>> keptChoicesOf(const std::shared_ptr<const ChoiceProduct>& p, const Expr& at) {
    if (p == keptProduct) return keptChoices;
    std::size_t count = 1;
    for (const auto& fac : p->factors) {
      count *= fac.orders && fac.orders->total ? 1 : fac.orders ? kKeptChoices + 1 : fac.items.size();
      if (count > kKeptChoices) return nullptr;
    }
    auto choices = std::make_shared<std::vector<Value>>();
    forEachChoice(*p, at, [&](Value v) { choices->push_back(std::move(v)); });
    keptProduct = p;
    keptChoices = std::move(choices);
    return keptChoices;
  }

  // A factor's relations; linear orders in the order of a set of them (sorted).
  std::vector<rel::Relation> factorRelations(const ChoiceFactor& fac, const Expr& at) const {
    std::vector<rel::Relation> out;
    if (fac.orders && fac.orders->total) {
      out.push_back(fac.orders->order);  // a total order is its own only linearisation
    } else if (fac.orders) {
      out = linearisations(fac.orders->events, fac.orders->order);
      std::sort(out.begin(), out.end());
    } else {
      for (const auto& v : fac.items) out.push_back(toRel(v, at));
    }
    return out;
  }

  // Calls f with the union of one element of each factor, odometer order.
  template <class F>
  void forEachChoice(const ChoiceProduct& p, const Expr& at, F&& f) const {
    std::vector<std::vector<rel::Relation>> factors;
    for (const auto& fac : p.factors) {
      factors.push_back(factorRelations(fac, at));
      if (factors.back().empty()) return;
    }
    std::vector<std::size_t> idx(factors.size(), 0);
    for (;;) {
      rel::Relation u(n);
      for (std::size_t i = 0; i < factors.size(); ++i) u |= factors[i][idx[i]];
      f(Value(std::move(u)));
      std::size_t k = factors.size();
      while (k > 0) {
        --k;
        if (++idx[k] < factors[k].size()) break;
        idx[k] = 0;
        if (k == 0) return;
      }
      if (factors.empty()) return;
    }
  }

  // ---- expressions ----
  const Value* lookupLocal(const FramePtr& env, int id) const {
    for (const Frame* f = env.get(); f; f = f->parent.get())
      if (f->id == id) return &f->value;
    return nullptr;
  }

  // The value of e: a reference to a bound value for a name, else `tmp`.
  const Value& evalRef(const Expr& e, const FramePtr& env, Value& tmp) {
    if (e.kind == ExprKind::Var) {
      if (e.ref.kind == NameRef::Global) return globals[e.ref.slot];
      if (e.ref.kind == NameRef::Local)
        if (const Value* v = lookupLocal(env, e.ref.slot)) return *v;
    }
    if (const Value* kept = keptStatic(e, env)) return *kept;
    if (e.kind == ExprKind::Unary)
      if (const Value* kept = keptClosure(e)) return *kept;
    if (const Value* v = fixpointOperand(e)) return *v;
    tmp = eval(e, env);
    return tmp;
  }

  // `r*`, `r+` and `r^-1` of a name r: the LKMM takes hb* and pb* in several definitions of
  // each candidate, and rf^-1 in fr for each coherence order. The last closure (or inverse) of
  // each name is kept with the time it was taken, and reused while the name has not changed
  // since (slotChanged).
  struct KeptClosure {
    int slot;
    UnOp op;
    std::uint64_t at;
    Value closure;
  };
  std::deque<KeptClosure> keptClosures;  // (a deque: what closure() gave stays where it is)

  const Value* keptClosure(const Expr& e) {
    const Expr& a = *e.args[0];
    if ((e.unop != UnOp::Star && e.unop != UnOp::Plus && e.unop != UnOp::Inv) || a.kind != ExprKind::Var ||
        a.ref.kind != NameRef::Global || !globals[a.ref.slot].is<rel::Relation>())
      return nullptr;
    auto kept = std::find_if(keptClosures.begin(), keptClosures.end(),
                             [&](const KeptClosure& k) { return k.slot == a.ref.slot && k.op == e.unop; });
    if (kept == keptClosures.end()) kept = keptClosures.insert(kept, KeptClosure{a.ref.slot, e.unop, 0, Value{}});
    else if (kept->at >= slotChanged[static_cast<std::size_t>(a.ref.slot)]) return &kept->closure;
    kept->closure = unary(e, globals[a.ref.slot]);
    kept->at = clock;
    return &kept->closure;
  }

  // For compiled code: the same kept closures (the LKMM's hb*, taken once per candidate for
  // all the definitions that read it).
  const rel::Relation* closure(const Expr& e) override {
    const Value* kept = keptClosure(e);
    return kept && kept->is<rel::Relation>() ? &kept->as<rel::Relation>() : nullptr;
  }

  // The kept value of a static operand (computed now if first needed), or nullptr.
  const Value* keptStatic(const Expr& e, const FramePtr& env) {
    if (e.id < 0 || static_cast<std::size_t>(e.id) >= staticOperand.size() || staticOperand[e.id] < 0) return nullptr;
    StaticValue& kept = staticValues[static_cast<std::size_t>(staticOperand[e.id])];
    if (kept.node != &e) return nullptr;
    if (!kept.value) kept.value.emplace(evalNode(e, env));
    return &*kept.value;
  }

  Value eval(const Expr& e, const FramePtr& env) {
    if (const Value* kept = keptStatic(e, env)) return *kept;
    return evalNode(e, env);
  }

  Value evalNode(const Expr& e, const FramePtr& env) {
    if (static_cast<const char*>(__builtin_frame_address(0)) < stackFloor)
      fail(e.pos, "evaluation nested too deeply for the stack (unbounded recursion?)");
    switch (e.kind) {
      case ExprKind::Var:
        switch (e.ref.kind) {
          case NameRef::Global: return globals[e.ref.slot];
          case NameRef::Local:
            if (const Value* v = lookupLocal(env, e.ref.slot)) return *v;
            fail(e.pos, "internal error: local '" + e.name + "' not bound");
          case NameRef::Primitive: return PrimitiveValue{e.ref.builtin};
          default: fail(e.pos, "unbound name '" + e.name + "'");
        }
      case ExprKind::Empty: return EmptyValue{};
      case ExprKind::Universe: return UniverseValue{};
      case ExprKind::Tag: return TagValue{e.name};
      case ExprKind::ExplicitSet: {
        std::vector<Value> items;
        for (const auto& a : e.args) items.push_back(eval(*a, env));
        bool events = std::all_of(items.begin(), items.end(), [](const Value& v) { return v.is<EventValue>(); });
        bool pairs = std::all_of(items.begin(), items.end(), [](const Value& v) { return v.is<PairValue>(); });
        if (events) {
          rel::EventSet s(n);
          for (const auto& v : items) s.insert(v.as<EventValue>().e);
          return s;
        }
        if (pairs) {
          rel::Relation r(n);
          for (const auto& v : items) r.insert(v.as<PairValue>().from, v.as<PairValue>().to);
          return r;
        }
        return Value::set(std::move(items));
      }
      case ExprKind::Tuple: {
        std::vector<Value> items;
        for (const auto& a : e.args) items.push_back(eval(*a, env));
        return Value::tuple(std::move(items));
      }
      case ExprKind::Unary: {
        if (const Value* kept = keptClosure(e)) return *kept;
        Value tmp;
        return unary(e, evalRef(*e.args[0], env, tmp));
      }
      case ExprKind::Binary: {
        if (e.binop == BinOp::Seq) return sequence(e, env);
        Value lt, rt;
        const Value& l = evalRef(*e.args[0], env, lt);
        const Value& r = evalRef(*e.args[1], env, rt);
        if (&l == &lt && inPlace(e, lt, r)) return lt;
        if (&r == &rt && inPlaceRight(e, l, rt)) return rt;
        return binary(e, l, r);
      }
      case ExprKind::App: {
        Value ft;
        const Value& f = evalRef(*e.args[0], env, ft);
        return apply(e, f, eval(*e.args[1], env));
      }
      case ExprKind::Fun: return Closure{&e, env, nullptr};
      case ExprKind::Let: {
        if (e.more().bindings.size() == 1)
          return eval(*e.args[0], bindPattern(env, e.more().bindings[0].pat, eval(*e.more().bindings[0].expr, env), e.more().bindings[0].expr->pos));
        std::vector<Value> vals;  // `let a = .. and b = .. in`: each binding sees only the outer names
        for (const auto& b : e.more().bindings) vals.push_back(eval(*b.expr, env));
        FramePtr inner = env;
        for (std::size_t i = 0; i < vals.size(); ++i) inner = bindPattern(inner, e.more().bindings[i].pat, vals[i], e.more().bindings[i].expr->pos);
        return eval(*e.args[0], inner);
      }
      case ExprKind::LetRec: return eval(*e.args[0], letRec(e, env));
      case ExprKind::MatchSet: return matchSet(e, env);
      case ExprKind::MatchTag: {
        Value v = eval(*e.args[0], env);
        if (!v.is<TagValue>()) fail(e.args[0]->pos, "match expects a tag, found " + kindName(v));
        for (std::size_t i = 0; i < e.more().tagCases.size(); ++i)
          if (e.more().tagCases[i] == v.as<TagValue>().tag) return eval(*e.args[i + 1], env);
        if (e.more().hasDefault) return eval(*e.args.back(), env);
        fail(e.pos, "no case of this match covers tag '" + v.as<TagValue>().tag);
      }
      case ExprKind::Try:
        if (e.tryFallback) return eval(*e.args[1], env);
        try {
          return eval(*e.args[0], env);
        } catch (const Diagnostic&) {
          return eval(*e.args[1], env);
        }
      case ExprKind::If: return eval(*e.args[condition(e, env) ? e.args.size() - 2 : e.args.size() - 1], env);
    }
    fail(e.pos, "internal error: unknown expression");
  }

  bool condition(const Expr& e, const FramePtr& env) {
    if (e.cond == CondKind::Variant) {
      return program.variants.count(e.name) || (candidate && candidate->variants.count(e.name));
    }
    Value a = eval(*e.args[0], env), b = eval(*e.args[1], env);
    switch (e.cond) {
      case CondKind::In: {
        auto items = elements(b, *e.args[1]);
        return std::find(items.begin(), items.end(), a) != items.end();
      }
      case CondKind::Subset:
      case CondKind::Equal: {
        bool rel = a.is<rel::Relation>() || b.is<rel::Relation>() || a.is<PairValue>() || b.is<PairValue>();
        bool set = a.is<rel::EventSet>() || b.is<rel::EventSet>() || a.is<EventValue>() || b.is<EventValue>();
        if (rel) {
          auto x = toRel(a, *e.args[0]), y = toRel(b, *e.args[1]);
          return e.cond == CondKind::Equal ? x == y : x.subsetOf(y);
        }
        if (set) {
          auto x = toSet(a, *e.args[0]), y = toSet(b, *e.args[1]);
          return e.cond == CondKind::Equal ? x == y : x.subsetOf(y);
        }
        auto x = elements(a, *e.args[0]), y = elements(b, *e.args[1]);
        if (e.cond == CondKind::Equal) return x == y;
        return std::includes(y.begin(), y.end(), x.begin(), x.end());
      }
      default: return false;
    }
  }

  // v by value: a temporary (an argument, a let's value) moves into its frame.
  FramePtr bindPattern(FramePtr env, const Pattern& p, Value v, SourcePos at) {
    if (!p.tuple) return p.ids.empty() ? env : extendFrame(std::move(env), p.ids[0], std::move(v));
    if (v.is<PairValue>() && p.ids.size() == 2) {
      env = extendFrame(std::move(env), p.ids[0], EventValue{v.as<PairValue>().from});
      return extendFrame(std::move(env), p.ids[1], EventValue{v.as<PairValue>().to});
    }
    if (!v.is<std::shared_ptr<const TupleValue>>() || v.as<std::shared_ptr<const TupleValue>>()->items.size() != p.ids.size())
      fail(at, "expected a tuple of " + std::to_string(p.ids.size()) + " values, found " + kindName(v));
    const auto& items = v.as<std::shared_ptr<const TupleValue>>()->items;
    for (std::size_t i = 0; i < items.size(); ++i) env = extendFrame(std::move(env), p.ids[i], items[i]);
    return env;
  }

  // Recursive functions re-bind their group when called (no reference cycles).
  // Other recursive bindings are fixpoints computed as herd does: start from
  // empty values, evaluate the bindings in order, each seeing the values just
  // computed before it, until one round changes nothing.
  FramePtr letRec(const Expr& e, const FramePtr& env) {
    if (allFunctions(e.more().bindings)) return bindRecGroup(e, env);
    std::vector<Value> vals(e.more().bindings.size(), Value(EmptyValue{}));
    std::size_t limit = std::max(kMinFixpointIterations, n * n + 2);
    for (std::size_t iter = 0;; ++iter) {
      if (iter > limit)
        fail(e.pos, "let rec did not reach a fixpoint after " + std::to_string(limit) + " iterations");
      FramePtr inner = env;
      for (std::size_t i = 0; i < vals.size(); ++i) inner = bindPattern(inner, e.more().bindings[i].pat, vals[i], e.pos);
      bool same = true;
      for (std::size_t i = 0; i < vals.size(); ++i) {
        Value v = eval(*e.more().bindings[i].expr, inner);
        if (v == vals[i]) continue;
        // An empty set or relation where the round started from the untyped empty value is no
        // change: a fixpoint that stays empty (the LKMM's RCU pairing without RCU) ends in one round.
        if (!(vals[i].is<EmptyValue>() && factOf(v).empty)) same = false;
        vals[i] = std::move(v);
        inner = bindPattern(inner, e.more().bindings[i].pat, vals[i], e.pos);
      }
      if (same) return inner;
    }
  }

  FramePtr bindRecGroup(const Expr& group, const FramePtr& parent) {
    FramePtr inner = parent;
    for (const auto& b : group.more().bindings) inner = extendFrame(inner, b.pat.ids[0], Closure{b.expr.get(), parent, &group});
    return inner;
  }

  Value apply(const Expr& at, const Value& f, Value arg) {
    if (f.is<PrimitiveValue>()) {
      const PrimitiveValue& p = f.as<PrimitiveValue>();
      if (p.which != Builtin::Map) return callPrimitive(p.which, arg, at);
      if (!p.bound) return PrimitiveValue{Builtin::Map, std::make_shared<const Value>(std::move(arg))};
      return mapOver(at, *p.bound, arg);
    }
    if (!f.is<Closure>()) fail(at.pos, "cannot apply " + kindName(f) + ": it is not a function");
    const Closure& c = f.as<Closure>();
    CallDepth guard(depth);
    if (depth > kMaxCallDepth)
      fail(at.pos, "function calls nested deeper than " + std::to_string(kMaxCallDepth) + " (unbounded recursion?)");
    FramePtr env = c.recGroup ? bindRecGroup(*c.recGroup, c.env) : c.env;
    env = bindPattern(env, c.fun->more().param, std::move(arg), at.pos);
    const std::string* saved = curFile;
    curFile = &c.fun->more().file;
    struct Restore {
      const std::string*& cur;
      const std::string* saved;
      ~Restore() { cur = saved; }
    } restore{curFile, saved};
    return eval(*c.fun->args[0], env);
  }

  // map f s, as `match s with {} -> {} || x ++ others -> f x ++ map f others` gives it: f
  // applied to the elements in order, the results joined by `++` from the last one.
  Value mapOver(const Expr& at, const Value& f, const Value& set) {
    const std::vector<Value> items = elements(set, *at.args[1]);
    std::vector<Value> results;
    results.reserve(items.size());
    for (const auto& x : items) results.push_back(apply(at, f, x));
    if (results.empty()) return EmptyValue{};
    const auto plain = [](const Value& v) { return !v.is<EventValue>() && !v.is<PairValue>(); };
    if (std::all_of(results.begin(), results.end(), plain)) return Value::set(std::move(results));
    Value joined = EmptyValue{};  // events or pairs: an event set or a relation, as `++` builds them
    for (auto r = results.rbegin(); r != results.rend(); ++r) joined = add(at, *r, joined);
    return joined;
  }

  // The classes of events by location (classes-loc). Asked again for every candidate
  // (`partition(W)` in cos-opt): the last answer is kept while loc is the same for all.
  std::optional<std::pair<rel::EventSet, Value>> lastPartition;

  Value partition(rel::EventSet events, const Expr& at) {
    const int locSlot = model->baseSlots.at("loc").first;
    if (!slotDynamic[locSlot] && lastPartition && lastPartition->first == events) return lastPartition->second;
    std::vector<Value> classes;
    for (auto& c : classesOf(events, toRel(globals[locSlot], at))) classes.push_back(std::move(c));
    Value out = Value::set(std::move(classes));
    if (!slotDynamic[locSlot]) lastPartition.emplace(std::move(events), out);
    return out;
  }

  // The last orders-per-location(s, pco): kept while loc is the same for all candidates, for
  // the next candidate with the same s and pco (cos-opt's cobase is often the same for all).
  struct KeptOrders {
    rel::EventSet writes;
    rel::Relation pco;
    Value orders;
  };
  std::optional<KeptOrders> lastOrders;

  // The two items of a pair argument, or a diagnostic naming the primitive.
  const std::vector<Value>& pairItems(const Value& arg, const Expr& at, const char* primitive) {
    if (!arg.is<std::shared_ptr<const TupleValue>>() || arg.as<std::shared_ptr<const TupleValue>>()->items.size() != 2)
      fail(at.pos, std::string(primitive) + " expects a pair (set, relation), found " + kindName(arg));
    return arg.as<std::shared_ptr<const TupleValue>>()->items;
  }

  Value callPrimitive(Builtin b, const Value& arg, const Expr& at) {
    const Expr& argExpr = *at.args[1];
    switch (b) {
      case Builtin::Domain: return toRel(arg, argExpr).domain();
      case Builtin::Range: return toRel(arg, argExpr).range();
      case Builtin::DifferentValues:
      case Builtin::SameValues: {
        rel::Relation r = toRel(arg, argExpr), out(n);
        const auto& vals = candidate && !candidate->values.empty() ? candidate->values : program.values;
        r.forEach([&](std::size_t x, std::size_t y) {
          if (x < vals.size() && y < vals.size() && vals[x] && vals[y] &&
              ((*vals[x] == *vals[y]) == (b == Builtin::SameValues)))
            out.insert(x, y);
        });
        return out;
      }
      case Builtin::Linearisations: {
        const auto& items = pairItems(arg, argExpr, "linearisations");
        // Enumerated when used: a `with` over them may prune (choice_search.hpp).
        rel::EventSet events = toSet(items[0], argExpr);
        std::optional<OrderOn> order = orderOn(events, toRel(items[1], argExpr));
        if (!order) return Value::set({});  // cyclic: no linear order
        return Value::product({ChoiceFactor{
            {}, std::make_shared<const LinearOrders>(LinearOrders{std::move(events), std::move(order->order), order->total})}});
      }
      case Builtin::Cross: {
        std::vector<ChoiceFactor> factors;
        for (const auto& f : elements(arg, argExpr)) {
          if (f.is<std::shared_ptr<const ChoiceProduct>>() && f.as<std::shared_ptr<const ChoiceProduct>>()->factors.size() == 1)
            factors.push_back(f.as<std::shared_ptr<const ChoiceProduct>>()->factors.front());
          else
            factors.push_back(ChoiceFactor{elements(f, argExpr), nullptr});
        }
        return Value::product(std::move(factors));
      }
      case Builtin::ClassesLoc: return partition(toSet(arg, argExpr), argExpr);
      case Builtin::OrdersPerLocation: {
        const auto& items = pairItems(arg, argExpr, "orders-per-location");
        rel::EventSet writes = toSet(items[0], argExpr);
        rel::Relation scratch;
        const rel::Relation& pco = relView(items[1], argExpr, scratch);
        const int locSlot = model->baseSlots.at("loc").first;
        if (!slotDynamic[locSlot] && lastOrders && lastOrders->writes == writes && lastOrders->pco == pco)
          return lastOrders->orders;
        const Value classes = partition(writes, argExpr);
        // As cross(co_locs(...)) gives them: one factor per class, in the set's order; a class
        // its pco orders cyclically has no order (an empty factor).
        std::vector<ChoiceFactor> factors;
        for (const Value& cls : elements(classes, argExpr)) {
          const rel::EventSet& events = cls.as<rel::EventSet>();
          std::optional<OrderOn> order = orderOn(events, pco);
          if (!order) factors.push_back(ChoiceFactor{{}, nullptr});
          else factors.push_back(ChoiceFactor{{}, std::make_shared<const LinearOrders>(LinearOrders{events, std::move(order->order), order->total})});
        }
        Value orders = Value::product(std::move(factors));
        if (!slotDynamic[locSlot]) lastOrders = KeptOrders{std::move(writes), pco, orders};
        return orders;
      }
      default: fail(at.pos, "internal error: unknown primitive");
    }
  }

  // The frame binding `elt ++ rest` for a non-empty set, or nullptr if it is
  // empty. Kept out of matchSet so that recursion through it stays shallow.
  [[gnu::noinline]] FramePtr splitSet(const Expr& e, const FramePtr& env) {
    Value s = eval(*e.args[0], env);
    if (s.is<std::shared_ptr<const ChoiceProduct>>()) s = Value::set(elements(s, *e.args[0]));
    Value elt, rest;
    if (s.is<EmptyValue>()) return nullptr;
    if (s.is<rel::EventSet>()) {
      rel::EventSet set = s.as<rel::EventSet>();
      if (set.empty()) return nullptr;
      std::size_t first = set.elements().front();
      set.erase(first);
      elt = EventValue{first};
      rest = std::move(set);
    } else if (s.is<rel::Relation>()) {
      rel::Relation r = s.as<rel::Relation>();
      if (r.empty()) return nullptr;
      PairValue p{0, 0};
      bool found = false;
      r.forEach([&](std::size_t a, std::size_t b) {
        if (!found) p = {a, b};
        found = true;
      });
      r.erase(p.from, p.to);
      elt = p;
      rest = std::move(r);
    } else if (s.is<std::shared_ptr<const ValueSet>>()) {
      const auto& items = s.as<std::shared_ptr<const ValueSet>>()->items;
      if (items.empty()) return nullptr;
      elt = items.front();
      rest = Value::sortedSet(std::vector<Value>(items.begin() + 1, items.end()));
    } else {
      fail(e.args[0]->pos, "match expects a set, found " + kindName(s));
    }
    return extendFrame(extendFrame(env, e.more().eltId, std::move(elt)), e.more().restId, std::move(rest));
  }

  Value matchSet(const Expr& e, const FramePtr& env) {
    FramePtr inner = splitSet(e, env);
    return inner ? eval(*e.args[2], inner) : eval(*e.args[1], env);
  }

  // `[A] ; r` and `r ; [B]` restrict r instead of composing with an identity.
  Value sequence(const Expr& e, const FramePtr& env) {
    const Expr& le = *e.args[0];
    const Expr& re = *e.args[1];
    bool leftId = le.kind == ExprKind::Unary && le.unop == UnOp::ToId;
    bool rightId = re.kind == ExprKind::Unary && re.unop == UnOp::ToId;
    Value lt, rt;
    rel::Relation rs1, rs2;
    rel::EventSet ss;
    // A relation computed for this operand (not a name's value) is restricted where it is:
    // `[A] ; r ; [B]` makes one relation, not three.
    const auto restricted = [&](const Value& v, Value& tmp, const Expr& at, const rel::EventSet& dom,
                                const rel::EventSet& ran) -> Value {
      if (&v == &tmp && tmp.is<rel::Relation>()) {
        std::get<rel::Relation>(tmp.v).restrictInPlace(dom, ran);
        return std::move(tmp);
      }
      return relView(v, at, rs1).restrict(dom, ran);
    };
    if (leftId && !rightId) {
      const rel::EventSet& dom = setView(evalRef(*le.args[0], env, lt), *le.args[0], ss);
      return restricted(evalRef(re, env, rt), rt, re, dom, allEvents);
    }
    if (rightId && !leftId) {
      const Value& l = evalRef(le, env, lt);
      return restricted(l, lt, le, allEvents, setView(evalRef(*re.args[0], env, rt), *re.args[0], ss));
    }
    // The right operand first: an empty one (lock.cat's `... ; singlestep(co) ; lk-rmw^-1` in
    // a test without spinlocks) spares the left, however costly. (An empty left costs the
    // composition no more than a scan for it would.)
    const rel::Relation& r = relView(evalRef(re, env, rt), re, rs2);
    if (r.empty()) return rel::Relation(n);
    return relView(evalRef(le, env, lt), le, rs1).compose(r);
  }

  Value unary(const Expr& e, const Value& v) {
    const Expr& a = *e.args[0];
    rel::Relation rs;
    rel::EventSet ss;
    const bool transitive = a.kind == ExprKind::Var && a.ref.kind == NameRef::Global && slotOrdered[a.ref.slot];
    if (transitive && e.unop == UnOp::Plus) return v;
    if (transitive && e.unop == UnOp::Star) return relView(v, a, rs).reflexive();
    switch (e.unop) {
      case UnOp::Star: return relView(v, a, rs).reflexiveTransitiveClosure();
      case UnOp::Plus: return relView(v, a, rs).transitiveClosure();
      case UnOp::Opt: return relView(v, a, rs).reflexive();
      case UnOp::Inv: return relView(v, a, rs).inverse();
      case UnOp::ToId: return rel::Relation::identityOn(setView(v, a, ss));
      case UnOp::Comp:
        if (v.is<rel::Relation>() || v.is<PairValue>()) return relView(v, a, rs).complement();
        return setView(v, a, ss).complement();
    }
    fail(e.pos, "internal error: unknown operator");
  }

  static bool isRelational(const Value& v) { return v.is<rel::Relation>() || v.is<PairValue>(); }
  static bool isEventual(const Value& v) {
    return v.is<rel::EventSet>() || v.is<EventValue>() || v.is<UniverseValue>();
  }
  static bool isValueSet(const Value& v) {
    return v.is<std::shared_ptr<const ValueSet>>() || v.is<std::shared_ptr<const ChoiceProduct>>();
  }

  Value binary(const Expr& e, const Value& l, const Value& r) {
    const Expr& le = *e.args[0];
    const Expr& re = *e.args[1];
    switch (e.binop) {
      case BinOp::Seq: return toRel(l, le).compose(toRel(r, re));
      case BinOp::Cart: return rel::Relation::product(toSet(l, le), toSet(r, re));
      case BinOp::Add: return add(e, l, r);
      default: break;
    }
    if (l.is<EmptyValue>() && r.is<EmptyValue>()) return EmptyValue{};
    if (isValueSet(l) || isValueSet(r)) {
      auto x = elements(l, le), y = elements(r, re);
      std::vector<Value> out;
      if (e.binop == BinOp::Union) std::set_union(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(out));
      else if (e.binop == BinOp::Inter) std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(out));
      else std::set_difference(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(out));
      return Value::sortedSet(std::move(out));
    }
    if (isRelational(l) || isRelational(r)) {
      rel::Relation x = toRel(l, le), scratch;
      const rel::Relation& y = relView(r, re, scratch);
      return e.binop == BinOp::Union ? (x |= y) : e.binop == BinOp::Inter ? (x &= y) : (x -= y);
    }
    rel::EventSet x = toSet(l, le), scratch;
    const rel::EventSet& y = setView(r, re, scratch);
    return e.binop == BinOp::Union ? (x |= y) : e.binop == BinOp::Inter ? (x &= y) : (x -= y);
  }

  // `l | r`, `l & r`, `l \\ r` on a relation or event set l that is a temporary:
  // updates l rather than a copy of it. False if the operands need binary().
  bool inPlace(const Expr& e, Value& l, const Value& r) {
    if (e.binop != BinOp::Union && e.binop != BinOp::Inter && e.binop != BinOp::Diff) return false;
    auto combine = [&](auto& x, const auto& y) {
      if (e.binop == BinOp::Union) x |= y;
      else if (e.binop == BinOp::Inter) x &= y;
      else x -= y;
    };
    if (auto* x = std::get_if<rel::Relation>(&l.v); x && (isRelational(r) || r.is<EmptyValue>() || r.is<UniverseValue>())) {
      rel::Relation scratch;
      combine(*x, relView(r, *e.args[1], scratch));
      return true;
    }
    if (auto* x = std::get_if<rel::EventSet>(&l.v); x && (isEventual(r) || r.is<EmptyValue>())) {
      rel::EventSet scratch;
      combine(*x, setView(r, *e.args[1], scratch));
      return true;
    }
    return false;
  }

  // `l | r` and `l & r` with r a temporary and l a name of the same kind (the LKMM's
  // right-nested unions, `rcu-gp | (... | (...))`): r is updated rather than a copy of l.
  static bool inPlaceRight(const Expr& e, const Value& l, Value& r) {
    if (e.binop != BinOp::Union && e.binop != BinOp::Inter) return false;
    const auto combine = [&](auto& x, const auto& y) {
      if (e.binop == BinOp::Union) x |= y;
      else x &= y;
    };
    if (auto* x = std::get_if<rel::Relation>(&r.v); x && l.is<rel::Relation>()) {
      combine(*x, l.as<rel::Relation>());
      return true;
    }
    if (auto* x = std::get_if<rel::EventSet>(&r.v); x && l.is<rel::EventSet>()) {
      combine(*x, l.as<rel::EventSet>());
      return true;
    }
    return false;
  }

  Value add(const Expr& e, const Value& elt, const Value& s) {
    if (s.is<rel::EventSet>() || (s.is<EmptyValue>() && elt.is<EventValue>())) {
      if (!elt.is<EventValue>()) fail(e.args[0]->pos, "'++' adds an event to a set of events, found " + kindName(elt));
      rel::EventSet out = toSet(s, *e.args[1]);
      out.insert(elt.as<EventValue>().e);
      return out;
    }
    if (s.is<rel::Relation>() || (s.is<EmptyValue>() && elt.is<PairValue>())) {
      rel::Relation out = toRel(s, *e.args[1]);
      out |= toRel(elt, *e.args[0]);
      return out;
    }
    if (s.is<EmptyValue>() || isValueSet(s)) {  // a sorted insertion
      auto items = elements(s, *e.args[1]);
      auto at = std::lower_bound(items.begin(), items.end(), elt);
      if (at == items.end() || !(*at == elt)) items.insert(at, elt);
      return Value::sortedSet(std::move(items));
    }
    fail(e.args[1]->pos, "'++' expects a set on its right, found " + kindName(s));
  }

  // ---- statements ----
  bool test(const Stmt& s, const Value& v) {
    bool ok;
    if (s.check == CheckKind::Empty) {
      if (v.is<EmptyValue>()) ok = true;
      else if (isRelational(v)) ok = toRel(v, *s.expr).empty();
      else if (isEventual(v)) ok = toSet(v, *s.expr).empty();
      else ok = elements(v, *s.expr).empty();
    } else {
      rel::Relation scratch;
      const rel::Relation& r = relView(v, *s.expr, scratch);
      ok = s.check == CheckKind::Acyclic ? r.acyclic() : r.irreflexive();
    }
    return ok != s.negated;
  }

  // Records the outcome of a check; false when a (non-flag) check fails and the
  // CheckPolicy does not let it through: the branch stops there.
  bool passes(const Stmt& s, bool ok) {
    if (s.flag) {
      if (ok && !s.name.empty()) {  // herd ignores an unnamed flag
        flags.push_back(s.name);
        if (evidenceOn) flagStmts.push_back(&s);
      }
    } else if (!ok && !policy.throughAll) {
      if (s.name.empty() || !policy.skipped.contains(s.name)) return false;
      if (policy.strictSkip) skippedFailed.push_back(s.name);
    }
    return true;
  }

  // The same inside a call, forall or variant body: a failure unwinds to runFrom.
  void outcome(const Stmt& s, bool ok, const FramePtr& env = nullptr) {
    if (!passes(s, ok)) throw CheckFailed{&s, evidenceOn ? env : nullptr};
  }

  // -strictskip: herd keeps a branch only when all the skipped checks failed on it.
  bool strictSkipHolds() const {
    if (!policy.strictSkip) return true;
    return std::set<std::string>(skippedFailed.begin(), skippedFailed.end()) == policy.skipped;
  }

  // Top-level statement i: a plain let's definition is found by its index (the hot path).
  void execStmt(std::size_t i) {
    const Stmt& s = *model->stmts[i];
    if (s.kind != StmtKind::Let || s.rec || s.bindings.size() != 1 || s.bindings[0].pat.tuple) return execStmt(s);
    const Expr& e = prunedBindings[i].empty() ? *s.bindings[0].expr : *prunedBindings[i][0];
    if (assignedCompiled(i, e) || assignedInPlace(s.bindings[0], e)) return;
    assignPattern(s.bindings[0], eval(e, nullptr));
  }

  // ---- compiled definitions (compiled_expr.hpp): a dynamic statement's, compiled when first
  // evaluated (again once pruning or staging changed it) ----
  struct Compiled {
    const Expr* from = nullptr;  // the definition compiled (nullptr: none yet)
    std::uint64_t generation = 0;
    std::unique_ptr<CompiledExpr> code;  // nullptr: not compilable (or not yet)
    int evaluations = 0;                 // of this definition before it is compiled (-1: done)
  };
  // Compiling costs about as much as a few evaluations: not done for the few candidates of a small test.
  static constexpr int kCompileAfter = 4;
  std::vector<Compiled> compiled;
  std::uint64_t staticGeneration = 0;  // moves when the static operands are found again

  CompiledExpr* compiledFor(std::size_t i, const Expr& e) {
    Compiled& c = compiled[i];
    if (c.from != &e || c.generation != staticGeneration) {
      c = Compiled{&e, staticGeneration, nullptr, 0};
      if (!stmtDynamic[i]) c.evaluations = -1;  // never
    }
    if (c.evaluations >= 0 && ++c.evaluations == kCompileAfter) {
      c.code = CompiledExpr::compile(e, n, *this);
      c.evaluations = -1;  // compiled, or never will be
    }
    return c.code.get();
  }

  const Value* leaf(const Expr& e, bool& stable) override {
    if (e.kind == ExprKind::Var) return e.ref.kind == NameRef::Global ? &globals[e.ref.slot] : nullptr;
    if (const Value* kept = keptStatic(e, nullptr)) return kept;
    const Value* operand = fixpointOperand(e);
    stable = !operand;  // an operand is this fixpoint's
    return operand;
  }
  bool transitive(int slot) const override { return slotOrdered[static_cast<std::size_t>(slot)] != 0; }

  // `let a = e` (statement i) by e's compiled code: false when it has none, or it cannot tell.
  bool assignedCompiled(std::size_t i, const Expr& e) {
    CompiledExpr* code = compiledFor(i, e);
    if (!code) return false;
    const auto slot = static_cast<std::size_t>(model->stmts[i]->bindings[0].slots[0]);
    Value& target = globals[slot];
    if (code->isRelation()) {
      if (!target.is<rel::Relation>()) target = Value(rel::Relation(n));
      if (!code->takeRelation(*this, std::get<rel::Relation>(target.v))) return false;
    } else {
      const rel::EventSet* set = code->set(*this);
      if (!set) return false;
      if (target.is<rel::EventSet>()) std::get<rel::EventSet>(target.v) = *set;
      else target = Value(*set);
    }
    slotChanged[slot] = ++clock;
    slotOrdered[slot] = code->transitive();
    return true;
  }

  // Whether check statement i holds (its negation and policy aside, as test()).
  bool holds(std::size_t i) {
    const Stmt& st = *model->stmts[i];
    if (CompiledExpr* code = compiledFor(i, *st.expr)) {
      if (st.check == CheckKind::Empty) {
        if (const auto empty = code->isEmpty(*this)) return *empty != st.negated;
      } else if (code->isRelation()) {
        if (const rel::Relation* r = code->relation(*this))
          return (st.check == CheckKind::Acyclic ? r->acyclic() : r->irreflexive()) != st.negated;
      }
    }
    Value tmp;
    return test(st, evalRef(*st.expr, nullptr, tmp));
  }

  void execStmt(const Stmt& s) {
    switch (s.kind) {
      case StmtKind::Let:
        if (s.rec && !allFunctions(s.bindings)) return fixpointGlobals(s);
        if (s.rec) {
          for (const auto& b : s.bindings) setGlobal(b.slots[0], Closure{b.expr.get(), nullptr, nullptr});
          return;
        }
        if (s.bindings.size() == 1 && assignedInPlace(s.bindings[0], definition(s, 0))) return;
        if (s.bindings.size() == 1) return assignPattern(s.bindings[0], eval(definition(s, 0), nullptr));
        {  // `let a = .. and b = ..`: every binding sees the values from before the statement
          std::vector<Value> vals;
          for (std::size_t k = 0; k < s.bindings.size(); ++k) vals.push_back(eval(definition(s, k), nullptr));
          for (std::size_t i = 0; i < vals.size(); ++i) assignPattern(s.bindings[i], std::move(vals[i]));
        }
        return;
      case StmtKind::Check: {
        Value tmp;
        return outcome(s, test(s, evalRef(*s.expr, nullptr, tmp)));
      }
      case StmtKind::Enum: {
        std::vector<Value> tags;
        for (const auto& t : s.tags) tags.push_back(TagValue{t});
        setGlobal(s.slot, Value::set(std::move(tags)));
        return;
      }
      case StmtKind::Procedure: setGlobal(s.slot, ProcedureValue{&s}); return;
      case StmtKind::Call: return call(s, nullptr);
      case StmtKind::Forall: return forall(s, nullptr);
      case StmtKind::IfVariant: {
        bool set = program.variants.count(s.name) || (candidate && candidate->variants.count(s.name));
        for (const auto& st : set ? s.body : s.elseBody) {
          curFile = &st->file;
          execStmt(*st);
        }
        curFile = &s.file;
        for (const auto& m : s.merges) setGlobal(m[0], globals[set ? m[1] : m[2]]);
        return;
      }
      default: return;  // show, instructions: no effect on verdicts
    }
  }

  // `let a = b | c | ...` (or `&`, or `\` chained to the left) of other names holding
  // relations, a holding one too: computed in a's storage (the LKMM's coe, fre, com, overwrite:
  // once per coherence order, and then no allocation).
  bool assignedInPlace(const Binding& b, const Expr& e) {
    if (b.pat.tuple || e.kind != ExprKind::Binary ||
        (e.binop != BinOp::Union && e.binop != BinOp::Inter && e.binop != BinOp::Diff))
      return false;
    const auto slot = static_cast<std::size_t>(b.slots[0]);
    Value& target = globals[slot];
    if (!target.is<rel::Relation>()) return false;
    std::array<const rel::Relation*, kInPlaceOperands> operands{};
    std::size_t count = 0;
    if (!nameOperands(e, e.binop, slot, operands, count)) return false;
    auto& t = std::get<rel::Relation>(target.v);
    t = *operands[0];
    for (std::size_t k = 1; k < count; ++k) {
      if (e.binop == BinOp::Union) t |= *operands[k];
      else if (e.binop == BinOp::Inter) t &= *operands[k];
      else t -= *operands[k];
    }
    slotChanged[slot] = ++clock;
    slotOrdered[slot] = 0;
    return true;
  }

  // The relations of a chain of `op` whose operands are all names other than slot's holding
  // relations, left to right (for \, only the left operand may be a chain): false otherwise,
  // or when there are more than the array holds.
  bool nameOperands(const Expr& e, BinOp op, std::size_t slot, std::array<const rel::Relation*, kInPlaceOperands>& out,
                    std::size_t& count) const {
    if (e.kind != ExprKind::Binary || e.binop != op) return nameOperand(e, slot, out, count);
    if (!nameOperands(*e.args[0], op, slot, out, count)) return false;
    return op == BinOp::Diff ? nameOperand(*e.args[1], slot, out, count)
                             : nameOperands(*e.args[1], op, slot, out, count);
  }

  bool nameOperand(const Expr& e, std::size_t slot, std::array<const rel::Relation*, kInPlaceOperands>& out,
                   std::size_t& count) const {
    if (e.kind != ExprKind::Var || e.ref.kind != NameRef::Global || static_cast<std::size_t>(e.ref.slot) == slot ||
        count == out.size())
      return false;
    const Value& v = globals[static_cast<std::size_t>(e.ref.slot)];
    if (!v.is<rel::Relation>()) return false;
    out[count++] = &v.as<rel::Relation>();
    return true;
  }

  void assignPattern(const Binding& b, Value v) {
    if (!b.pat.tuple) {
      setGlobal(b.slots[0], std::move(v));
      return;
    }
    FramePtr tmp;
    Pattern p = b.pat;
    p.ids.clear();
    for (std::size_t i = 0; i < b.slots.size(); ++i) p.ids.push_back(static_cast<int>(i));
    tmp = bindPattern(nullptr, p, v, b.pos);
    for (std::size_t i = 0; i < b.slots.size(); ++i) setGlobal(b.slots[i], *lookupLocal(tmp, static_cast<int>(i)));
  }

  void fixpointGlobals(const Stmt& s) {
    // Each name starts empty: as an empty relation when every binding has compiled to one
    // (then the first round runs compiled too: the same values, relations from the start).
    bool relations = true;
    for (std::size_t k = 0; k < s.bindings.size() && relations; ++k)
      relations = !s.bindings[k].pat.tuple && s.bindings[k].slots.size() == 1 && compiledToRelation(definition(s, k));
    for (const auto& b : s.bindings)
      for (int slot : b.slots) setGlobal(slot, relations ? Value(rel::Relation(n)) : Value(EmptyValue{}));
    std::size_t limit = std::max(kMinFixpointIterations, n * n + 2);
    const auto found = prunedFixpoints.find(&s);
    const PrunedFixpoint* pruned = found != prunedFixpoints.end() ? &found->second : nullptr;
    FixpointMemo memo{pruned ? pruned->operands : model->fixpointOperands.at(&s), {}};
    memo.values.resize(memo.operands.size());
    FixpointMemo* outer = fixpointMemo;
    fixpointMemo = &memo;
    struct Restore {
      FixpointMemo*& active;
      FixpointMemo* outer;
      ~Restore() { active = outer; }
    } restore{fixpointMemo, outer};
    // A binding none of whose fixpoint names changed (slotChanged) since it was last evaluated
    // would give the same value: skipped (the LKMM's last round, which finds rcu-order
    // unchanged, need not recompute reach-order from it). 0: not evaluated yet.
    std::vector<std::uint64_t> bindingAt(s.bindings.size(), 0);
    const auto inputsChanged = [&](std::size_t k) {
      if (!pruned || !pruned->recReads[k] || bindingAt[k] == 0) return true;
      const auto& reads = *pruned->recReads[k];
      return std::any_of(reads.begin(), reads.end(),
                         [&](int slot) { return slotChanged[static_cast<std::size_t>(slot)] > bindingAt[k]; });
    };
    for (std::size_t iter = 0;; ++iter) {
      if (iter > limit)
        fail(s.pos, "let rec did not reach a fixpoint after " + std::to_string(limit) + " iterations");
      bool same = true;
      for (std::size_t k = 0; k < s.bindings.size(); ++k) {
        if (!inputsChanged(k)) continue;
        bindingAt[k] = clock;
        const Binding& b = s.bindings[k];
        // Once the names hold relations, a binding's compiled code decides.
        if (const auto changed = iter > 0 || relations ? roundCompiled(b, definition(s, k)) : std::nullopt) {
          same = same && !*changed;
          continue;
        }
        Value v = eval(definition(s, k), nullptr);
        if (b.slots.size() == 1 && !b.pat.tuple && globals[b.slots[0]] == v) continue;
        same = false;
        assignPattern(b, std::move(v));
      }
      if (same) return;
    }
  }

  // The compiled code of fixpoint bindings and of their operands the same in every round, by
  // definition.
  std::unordered_map<const Expr*, Compiled> roundCode;
  const Expr* compilingOperand = nullptr;  // a fixpoint operand whose own code is being made

  // The value of e when it is an operand the same in every round of the running fixpoint (taken
  // once per fixpoint, by its compiled code when it has one); else nullptr.
  const Value* fixpointOperand(const Expr& e) {
    if (!fixpointMemo || &e == compilingOperand) return nullptr;
    const auto& ops = fixpointMemo->operands;
    const auto it = std::find(ops.begin(), ops.end(), &e);
    if (it == ops.end()) return nullptr;
    std::optional<Value>& memo = fixpointMemo->values[static_cast<std::size_t>(it - ops.begin())];
    if (!memo) {
      CompiledExpr* code = codeFor(e, true);
      const rel::Relation* r = code && code->isRelation() ? code->relation(*this) : nullptr;
      memo.emplace(r ? Value(*r) : eval(e, nullptr));
    }
    return &*memo;
  }

  CompiledExpr* codeFor(const Expr& e, bool operand = false) {
    if (auto it = roundCode.find(&e); it != roundCode.end() && it->second.generation == staticGeneration)
      return it->second.code.get();
    const Expr* outer = compilingOperand;
    if (operand) compilingOperand = &e;
    auto code = CompiledExpr::compile(e, n, *this);  // (may add the code of e's operands)
    compilingOperand = outer;
    Compiled& c = roundCode[&e];
    c.from = &e;
    c.generation = staticGeneration;
    c.code = std::move(code);
    return c.code.get();
  }

  // Whether an earlier fixpoint compiled e to a relation.
  bool compiledToRelation(const Expr& e) const {
    const auto it = roundCode.find(&e);
    return it != roundCode.end() && it->second.generation == staticGeneration && it->second.code &&
           it->second.code->isRelation();
  }

  // A fixpoint binding's round by its compiled code: whether its value changed; nullopt when it
  // has no code or the code cannot tell.
  std::optional<bool> roundCompiled(const Binding& b, const Expr& e) {
    if (b.pat.tuple || b.slots.size() != 1) return std::nullopt;
    CompiledExpr* code = codeFor(e);
    if (!code || !code->isRelation()) return std::nullopt;
    auto* held = std::get_if<rel::Relation>(&globals[static_cast<std::size_t>(b.slots[0])].v);
    if (!held) return std::nullopt;
    const rel::Relation* r = code->relation(*this);
    if (!r) return std::nullopt;
    if (*held == *r) return false;
    *held = *r;
    slotChanged[static_cast<std::size_t>(b.slots[0])] = ++clock;
    slotOrdered[static_cast<std::size_t>(b.slots[0])] = 0;
    return true;
  }

  void call(const Stmt& s, const FramePtr& env) {
    Value p = globals[s.callee.slot];
    if (!p.is<ProcedureValue>()) fail(s.namePos, "'" + s.name + "' is not a procedure");
    const Stmt& proc = *p.as<ProcedureValue>().proc;
    execBody(proc.body, bindPattern(nullptr, proc.param, eval(*s.expr, env), s.pos));
    curFile = &s.file;
  }

  void forall(const Stmt& s, const FramePtr& env) {
    Value set = eval(*s.expr, env);
    for (auto& v : elements(set, *s.expr)) {
      execBody(s.body, extendFrame(env, s.param.ids[0], std::move(v)));
      curFile = &s.file;
    }
  }

  // The statements of a procedure or forall body; their lets bind locals.
  void execBody(const StmtList& body, FramePtr inner) {
    for (const auto& st : body) {
      curFile = &st->file;
      switch (st->kind) {
        case StmtKind::Let:
          for (const auto& b : st->bindings) inner = bindPattern(inner, b.pat, eval(*b.expr, inner), b.pos);
          break;
        case StmtKind::Check: outcome(*st, test(*st, eval(*st->expr, inner)), inner); break;
        case StmtKind::Call: call(*st, inner); break;
        case StmtKind::Forall: forall(*st, inner); break;
        default: break;
      }
    }
  }

  // Runs statements from i to the end, branching at each `with`.
  void runFrom(std::size_t i, const std::function<void(const Verdict&)>& onBranch) {
    const Model& md = *model;
    // A top-level check that fails stops the loop here; one in a call, forall or variant
    // body throws (exceptions are costly: most candidates fail a top-level check).
    const Stmt* failed = nullptr;
    FramePtr failedEnv;
    try {
      for (std::size_t k = visitedFrom[i]; k < visited.size(); ++k) {
        i = visited[k];
        const Stmt& s = *md.stmts[i];
        curFile = &s.file;
        if (!stmtDynamic[i]) {
          if (staticCheck[i] >= 0 && !passes(s, staticCheck[i] == 1)) {
            failed = &s;
            break;
          }
          continue;
        }
        if (hoistedAt[i] >= 0) {
          if (s.kind == StmtKind::Check && !passes(s, checkCache[i] == 1)) {
            failed = &s;
            break;
          }
          continue;
        }
        if (s.kind == StmtKind::Check) {
          if (!unchangedSince(i)) {
            checkCache[i] = holds(i) ? 1 : 0;
            evaluatedAt[i] = clock;
          }
          if (!passes(s, checkCache[i] == 1)) {
            failed = &s;
            break;
          }
          continue;
        }
        if (s.kind == StmtKind::With) {
          for (std::size_t j : hoisted[i]) {
            if (skipped(j) || unchangedSince(j)) continue;
            const Stmt& h = *md.stmts[j];
            curFile = &h.file;
            if (h.kind == StmtKind::Check) {
              checkCache[j] = holds(j) ? 1 : 0;
            } else {
              execStmt(j);
            }
            evaluatedAt[j] = clock;
          }
          curFile = &s.file;
          if (!staticWithSet[i] && !unchangedSince(i)) {
            withSet[i] = eval(*s.expr, nullptr);
            evaluatedAt[i] = clock;
          }
          const Value& set = staticWithSet[i] ? *staticWithSet[i] : withSet[i];
          std::size_t mark = flags.size(), skippedMark = skippedFailed.size();
          std::size_t flagStmtMark = flagStmts.size();
          const bool ordered = choicesOrdered(set);
          auto branch = [&](auto&& v) {  // a Value, or a search's relation
            bindChoice(s.slot, std::forward<decltype(v)>(v), ordered);
            materializedTo = std::min(materializedTo, i);
            runFrom(i + 1, onBranch);
            flags.resize(mark);
            flagStmts.resize(flagStmtMark);
            skippedFailed.resize(skippedMark);
          };
          if (set.is<std::shared_ptr<const ChoiceProduct>>() &&
              prunable(i, *set.as<std::shared_ptr<const ChoiceProduct>>())) {
            searchPruned(s, i, *set.as<std::shared_ptr<const ChoiceProduct>>(), ordered, branch, onBranch);
          } else if (set.is<std::shared_ptr<const ChoiceProduct>>()) {
            const auto& product = set.as<std::shared_ptr<const ChoiceProduct>>();
            if (const auto kept = keptChoicesOf(product, *s.expr))
              for (const Value& v : *kept) branch(v);
            else
              forEachChoice(*product, *s.expr, branch);
          } else {
            for (auto& v : elements(set, *s.expr)) branch(std::move(v));
          }
          return;
        }
        if (s.kind == StmtKind::Let) {
          if (unchangedSince(i)) continue;
          execStmt(i);
          evaluatedAt[i] = clock;
          continue;
        }
        execStmt(i);
      }
    } catch (const CheckFailed& f) {
      failed = f.check;
      failedEnv = f.env;
    }
    if (failed) {
      Verdict v = failedVerdict(*failed);
      v.relation = [this, i](const std::string& name) {
        materialize(i);
        if (auto shown = shownAs(name, i)) return shown;
        return boundBefore(name, i) ? finalRelation(name) : std::nullopt;
      };
      if (evidenceOn) attachEvidence(v, failed, failedEnv, i);
      onBranch(v);
      return;
    }
    reachedEnd = true;
    Verdict v;
    if (!strictSkipHolds()) {
      v.allowed = false;
      v.failedCheck = "-strictskip";
    }
    v.flags = sortedFlags();
    v.relation = [this](const std::string& name) {
      materialize(model->stmts.size());
      if (auto shown = shownAs(name, model->stmts.size())) return shown;
      return finalRelation(name);
    };
    if (evidenceOn) attachEvidence(v, nullptr, nullptr, md.stmts.size());
    onBranch(v);
  }

  // Pruning drops failed branches unseen: not when their evidence is asked for, nor for a
  // set of one choice.
  bool prunable(std::size_t i, const ChoiceProduct& product) {
    if (evidenceOn || std::all_of(product.factors.begin(), product.factors.end(), singleChoice)) return false;
    const auto& plan = planBounds(i);
    return std::any_of(plan.begin(), plan.end(),
                       [this](std::size_t j) { return model->stmts[j]->kind == StmtKind::Check; });
  }

  static bool singleChoice(const ChoiceFactor& f) {
    return f.orders ? f.orders->total : f.items.size() == 1;
  }

  // A product's factors as choice_search.hpp takes them.
  std::vector<SearchFactor> searchFactors(const ChoiceProduct& product, const Expr& at) const {
    std::vector<SearchFactor> factors;
    for (const auto& fac : product.factors) {
      SearchFactor f;
      if (fac.orders) {
        f.events = &fac.orders->events;
        f.order = &fac.orders->order;
      } else {
        for (const auto& v : fac.items) f.items.push_back(toRel(v, at));
      }
      factors.push_back(std::move(f));
    }
    return factors;
  }

  // The branches of `with` statement i over a product, searched with pruning: a part of
  // the set whose common edges already fail a check of boundPlan[i] is reported as that
  // many failed branches, without running them. `ordered`: choicesOrdered(product).
  template <class Branch>
  void searchPruned(const Stmt& s, std::size_t i, const ChoiceProduct& product, bool ordered, Branch& branch,
                    const std::function<void(const Verdict&)>& onBranch) {
    const Stmt* failed = nullptr;
    searchChoices(
        searchFactors(product, *s.expr), n, kPruneMinBranches,
        [&](const rel::Relation& bound) {
          bindChoice(s.slot, bound, ordered);  // transitive too (choice_search.hpp)
          materializedTo = std::min(materializedTo, i);
          failed = boundFails(i);
          curFile = &s.file;
          return failed != nullptr;
        },
        [&](std::uint64_t branches) {
          Verdict v = failedVerdict(*failed);
          v.branches = branches;
          v.relation = [](const std::string&) { return std::optional<rel::Relation>(); };
          onBranch(v);
        },
        [&](const rel::Relation& choice) { branch(choice); }, nullptr, &pruneHistory[i]);
  }

  // A branch stopped by `failed`, with the flags raised so far.
  Verdict failedVerdict(const Stmt& failed) const {
    Verdict v;
    v.allowed = false;
    v.failedCheck = failed.name.empty() ? checkKeyword(failed) : failed.name;
    v.failedCheckFile = failed.file;
    v.failedCheckPos = failed.pos;
    v.flags = sortedFlags();
    return v;
  }

  static std::string checkKeyword(const Stmt& s) {
    return s.check == CheckKind::Acyclic ? "acyclic" : s.check == CheckKind::Irreflexive ? "irreflexive" : "empty";
  }

  std::vector<std::string> sortedFlags() const {
    std::vector<std::string> f = flags;
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());
    return f;
  }

  // Whether the final binding of `name` was made in a branch that stopped at
  // statement `stop` (later statements did not run: their slots hold values of
  // an earlier candidate).
  bool boundBefore(const std::string& name, std::size_t stop) const {
    auto it = model->finalSlots.find(name);
    if (it == model->finalSlots.end()) return false;
    const int at = slotStatement[it->second];
    if (at < 0 || !stmtDynamic[at] || static_cast<std::size_t>(at) < stop) return true;
    return hoistedAt[at] >= 0 && static_cast<std::size_t>(hoistedAt[at]) < stop;
  }

  // `show EXPR as NAME` among the first `stop` statements: EXPR's value, computed only when a
  // picture asks for NAME (each binding has its own slot, so the slots EXPR reads still hold
  // what they held at the statement).
  std::optional<rel::Relation> shownAs(const std::string& name, std::size_t stop) {
    for (std::size_t j = std::min(stop, model->stmts.size()); j-- > 0;) {
      const Stmt& s = *model->stmts[j];
      if (s.kind != StmtKind::Show || !s.expr || s.name != name) continue;
      curFile = &s.file;
      const Value v = eval(*s.expr, nullptr);
      if (v.is<rel::Relation>()) return v.as<rel::Relation>();
      if (v.is<EmptyValue>()) return rel::Relation(n);
      return std::nullopt;
    }
    return std::nullopt;
  }

  std::optional<rel::Relation> finalRelation(const std::string& name) const {
    auto it = model->finalSlots.find(name);
    if (it == model->finalSlots.end()) return std::nullopt;
    const Value& v = globals[it->second];
    if (v.is<rel::Relation>()) return v.as<rel::Relation>();
    if (v.is<EmptyValue>()) return rel::Relation(n);
    return std::nullopt;
  }

  // Before each run or refutation: staging again once a run has vouched for folding, and
  // pruning the definitions after a few runs.
  void prepare() {
    if (!foldingStaged && model->ranEveryLet) stage();
    if (foldingStaged && ++runsSinceStaged == kPruneAfterRuns) {
      pruneDeadTerms();
      findStaticOperands();
      findUnused();
      boundPlan.assign(model->stmts.size(), std::nullopt);
      refutePlan.reset();
      findVisited();
    }
  }

  void run(const Environment& cand, const std::function<void(const Verdict&)>& onBranch) {
    prepare();
    candidate = &cand;
    for (const auto& [name, info] : candidateNames) setGlobalIfChanged(info.first, baseValue(cand, *name, info.second));
    if (slotDynamic[model->valuesSlot]) slotChanged[static_cast<std::size_t>(model->valuesSlot)] = ++clock;
    flags.clear();
    flagStmts.clear();
    skippedFailed.clear();
    materializedTo = 0;
    depth = 0;
    setStackFloor();
    reachedEnd = false;
    runFrom(0, onBranch);
    if (reachedEnd) model->ranEveryLet = true;
    candidate = nullptr;
  }
};

Evaluator::Evaluator(std::shared_ptr<const Model> model, Environment program, CheckPolicy policy,
                     const Evaluator* staged)
    : impl_(std::make_unique<Impl>(std::move(model), std::move(program), std::move(policy),
                                   staged ? staged->impl_.get() : nullptr)) {}
Evaluator::~Evaluator() = default;

void Evaluator::run(const Environment& candidate, const std::function<void(const Verdict&)>& onBranch) {
  impl_->run(candidate, onBranch);
}

bool Evaluator::refutes(const Environment& lower, long long steps) { return impl_->refutes(lower, steps); }

void Evaluator::enableEvidence() {
  impl_->evidenceOn = true;
  impl_->findVisited();  // with the unused lets: evidence may show them
  for (const Stmt* st : impl_->model->stmts) impl_->collectDefinition(*st);
}

}  // namespace mcm::cat
