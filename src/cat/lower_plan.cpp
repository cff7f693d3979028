#include "cat/lower_plan.hpp"

#include <algorithm>
#include <unordered_set>

namespace mcm::cat {
namespace {

class Planner {
 public:
  explicit Planner(const PlanFacts& facts) : f_(facts) {
    context_.slotGrowth = [this](int slot) {
      auto it = growth_.find(slot);
      return it == growth_.end() ? Growth::Fixed : it->second;
    };
    context_.emptyBelow = [this](int slot) { return below_.contains(slot); };
    context_.knownEmpty = f_.knownEmpty;
    context_.definitionOf = [this](int slot) { return definitionOf(slot); };
    for (std::size_t i = 0; i < f_.model.stmts.size(); ++i)
      for (int slot : f_.model.stmtBinds[i]) bindingStmt_[slot] = i;
  }

  void grows(int slot) { growth_[slot] = Growth::Grows; }
  void emptyBelow(int slot) {
    growth_[slot] = Growth::Grows;
    below_.insert(slot);
  }
  void unknown(int slot) { growth_[slot] = Growth::Unknown; }

  // Statements from `from` on; `withs`: go on through the `with`s whose choices narrow (else
  // stop at the first `with`); `hoisting`: leave out what is evaluated before the branches.
  std::vector<std::size_t> plan(std::size_t from, bool withs, bool hoisting) {
    const Model& md = f_.model;
    std::vector<std::size_t> plan;
    for (std::size_t j = from; j < md.stmts.size(); ++j) {
      const Stmt& st = *md.stmts[j];
      if (st.kind == StmtKind::Call || st.kind == StmtKind::Forall || st.kind == StmtKind::IfVariant) break;
      if (st.kind == StmtKind::With && !f_.dynamic[j]) continue;  // one choice, bound once
      if (st.kind == StmtKind::With) {
        if (!withs || !choicesNarrow(*st.expr, context_)) break;
        grows(st.slot);
        plan.push_back(j);
        continue;
      }
      if (!f_.dynamic[j] || (hoisting && f_.hoistedAt[j] >= 0)) continue;  // the same in every state
      if (st.kind == StmtKind::Let) {
        Growth g = Growth::Fixed;
        if (st.rec)  // a least fixpoint of growing definitions grows
          for (int slot : md.stmtBinds[j]) grows(slot);
        bool below = !st.rec;
        for (const auto& b : st.bindings) {
          // A function: the same closure in every state (growth.hpp follows its calls).
          if (!st.rec && b.expr->kind == ExprKind::Fun) continue;
          g = std::max(g, growthOf(*b.expr, context_));
          below = below && cat::emptyBelow(*b.expr, context_);
        }
        if (st.rec && allFunctions(st.bindings)) g = Growth::Unknown;
        if (f_.unused[j]) g = Growth::Unknown;  // not run on every branch
        for (int slot : md.stmtBinds[j]) {
          growth_[slot] = g;
          if (below && g != Growth::Unknown) below_.insert(slot);
          else below_.erase(slot);
        }
        if (g != Growth::Unknown) plan.push_back(j);
      } else if (st.kind == StmtKind::Check && !st.flag && !st.negated &&
                 (st.name.empty() || !f_.skippedChecks.contains(st.name)) &&
                 growthOf(*st.expr, context_) != Growth::Unknown) {
        plan.push_back(j);
      }
    }
    return keepWhatChecksRead(plan);
  }

 private:
  const Expr* definitionOf(int slot) const {
    auto it = bindingStmt_.find(slot);
    if (it == bindingStmt_.end()) return nullptr;
    const Stmt& st = *f_.model.stmts[it->second];
    if (st.kind != StmtKind::Let || st.rec || st.bindings.size() != 1) return nullptr;
    const Binding& b = st.bindings.front();
    return b.pat.tuple || b.slots.size() != 1 ? nullptr : b.expr.get();
  }

  // Only the checks, and the lets and `with`s some kept check after them reads.
  std::vector<std::size_t> keepWhatChecksRead(const std::vector<std::size_t>& plan) const {
    const Model& md = f_.model;
    std::unordered_set<int> needed;
    std::vector<std::size_t> kept;
    for (std::size_t k = plan.size(); k-- > 0;) {
      const std::size_t j = plan[k];
      const Stmt& st = *md.stmts[j];
      if (st.kind == StmtKind::With && !needed.contains(st.slot)) continue;
      if (st.kind == StmtKind::Let && std::none_of(md.stmtBinds[j].begin(), md.stmtBinds[j].end(),
                                                   [&](int slot) { return needed.contains(slot); }))
        continue;
      kept.push_back(j);
      for (int slot : md.stmtReads[j]) needed.insert(slot);
    }
    std::reverse(kept.begin(), kept.end());
    return kept;
  }

  const PlanFacts& f_;
  GrowthContext context_;
  std::unordered_map<int, Growth> growth_;
  std::unordered_set<int> below_;
  std::unordered_map<int, std::size_t> bindingStmt_;
};

}  // namespace

std::vector<std::size_t> planAfterWith(const PlanFacts& facts, std::size_t with) {
  Planner p(facts);
  p.grows(facts.model.stmts[with]->slot);
  return p.plan(with + 1, false, true);
}

std::vector<std::size_t> planFromStart(const PlanFacts& facts, const std::vector<int>& lower,
                                       const std::vector<int>& emptyBelow, const std::vector<int>& unknown) {
  Planner p(facts);
  for (int slot : lower) p.grows(slot);
  for (int slot : emptyBelow) p.emptyBelow(slot);
  for (int slot : unknown) p.unknown(slot);
  return p.plan(0, true, false);
}

}  // namespace mcm::cat
