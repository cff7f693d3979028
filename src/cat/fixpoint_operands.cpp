// The loop-invariant operands of a model's recursive value definitions, found once per model
// rather than for every evaluator (one per event structure).
#include <algorithm>

#include "cat/program.hpp"

namespace mcm::cat {

namespace {

// Whether e reads no slot in recSlots and no local, by operators only (no calls,
// no binders); if not, adds its largest such operand subexpressions to out.
bool collectInvariantOperands(const Expr& e, const std::vector<int>& recSlots, std::vector<const Expr*>& out) {
  bool invariant = false;
  switch (e.kind) {
    case ExprKind::Var:
      invariant = e.ref.kind == NameRef::Global && std::find(recSlots.begin(), recSlots.end(), e.ref.slot) == recSlots.end();
      break;
    case ExprKind::Empty:
    case ExprKind::Universe:
    case ExprKind::Tag:
    case ExprKind::Unary:
    case ExprKind::Binary: invariant = true; break;
    default: break;
  }
  std::vector<bool> argInvariant;
  for (const auto& a : e.args) argInvariant.push_back(collectInvariantOperands(*a, recSlots, out));
  invariant = invariant && std::all_of(argInvariant.begin(), argInvariant.end(), [](bool b) { return b; });
  if (!invariant)
    for (std::size_t i = 0; i < e.args.size(); ++i)
      if (argInvariant[i] && (e.args[i]->kind == ExprKind::Unary || e.args[i]->kind == ExprKind::Binary))
        out.push_back(e.args[i].get());
  return invariant;
}

void collectFixpointOperands(const Stmt& st, Model& m) {
  if (st.kind == StmtKind::Let && st.rec && !allFunctions(st.bindings)) {
    std::vector<int> recSlots;
    for (const auto& b : st.bindings) recSlots.insert(recSlots.end(), b.slots.begin(), b.slots.end());
    if (st.slot >= 0) recSlots.push_back(st.slot);
    std::vector<const Expr*> bodies;
    for (const auto& b : st.bindings) bodies.push_back(b.expr.get());
    m.fixpointOperands[&st] = invariantOperands(bodies, recSlots);
  }
  if (st.kind == StmtKind::IfVariant)
    for (const auto* body : {&st.body, &st.elseBody})
      for (const auto& inner : *body) collectFixpointOperands(*inner, m);
}

}  // namespace

std::vector<const Expr*> invariantOperands(const std::vector<const Expr*>& bodies, const std::vector<int>& recSlots) {
  std::vector<const Expr*> operands;
  for (const Expr* body : bodies) collectInvariantOperands(*body, recSlots, operands);
  return operands;
}

void findFixpointOperands(Model& m) {
  for (const Stmt* st : m.stmts) collectFixpointOperands(*st, m);
}

}  // namespace mcm::cat
