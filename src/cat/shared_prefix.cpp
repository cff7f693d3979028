#include "cat/shared_prefix.hpp"

#include <algorithm>

namespace mcm::cat {

namespace {

bool samePattern(const Pattern& a, const Pattern& b) {
  return a.names == b.names && a.tuple == b.tuple && a.ids == b.ids;
}

bool sameExpr(const Expr& a, const Expr& b);

bool sameBindings(const std::vector<Binding>& a, const std::vector<Binding>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Binding& x, const Binding& y) {
    return samePattern(x.pat, y.pat) && x.slots == y.slots && sameExpr(*x.expr, *y.expr);
  });
}

bool sameExpr(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.name != b.name || a.ref.kind != b.ref.kind || a.ref.slot != b.ref.slot ||
      a.ref.builtin != b.ref.builtin || a.unop != b.unop || a.binop != b.binop || a.cond != b.cond ||
      a.tryFallback != b.tryFallback || a.pos.line != b.pos.line || a.pos.col != b.pos.col)
    return false;
  if (!std::equal(a.args.begin(), a.args.end(), b.args.begin(), b.args.end(),
                  [](const ExprPtr& x, const ExprPtr& y) { return sameExpr(*x, *y); }))
    return false;
  const ExprDetail& x = a.more();
  const ExprDetail& y = b.more();
  return samePattern(x.param, y.param) && x.file == y.file && sameBindings(x.bindings, y.bindings) &&
         x.eltName == y.eltName && x.restName == y.restName && x.eltId == y.eltId && x.restId == y.restId &&
         x.tagCases == y.tagCases && x.hasDefault == y.hasDefault;
}

bool sameOptionalExpr(const ExprPtr& a, const ExprPtr& b) {
  return (!a && !b) || (a && b && sameExpr(*a, *b));
}

// Statements whose staging is one evaluation of their own text (no bodies run elsewhere).
bool sameStatement(const Stmt& a, const Stmt& b) {
  switch (a.kind) {
    case StmtKind::Let:
    case StmtKind::Check:
    case StmtKind::With:
    case StmtKind::Show:
    case StmtKind::Enum:
    case StmtKind::Instructions:
    case StmtKind::Include: break;
    default: return false;
  }
  return a.kind == b.kind && a.file == b.file && a.pos.line == b.pos.line && a.pos.col == b.pos.col &&
         a.rec == b.rec && sameBindings(a.bindings, b.bindings) && a.flag == b.flag && a.negated == b.negated &&
         a.check == b.check && sameOptionalExpr(a.expr, b.expr) && a.name == b.name && a.slot == b.slot &&
         a.tags == b.tags && a.tagSlots == b.tagSlots;
}

std::size_t computeSharedPrefix(const Model& a, const Model& b) {
  if (a.valuesSlot != b.valuesSlot) return 0;
  const std::size_t most = std::min(a.stmts.size(), b.stmts.size());
  std::size_t k = 0;
  while (k < most && a.stmtReads[k] == b.stmtReads[k] && a.stmtBinds[k] == b.stmtBinds[k] &&
         sameStatement(*a.stmts[k], *b.stmts[k]))
    ++k;
  // Every slot those statements touch must name the same thing in both. (What they bind keeps
  // in `a` the value they leave, which an evaluator of `a` offers once it has run all of a's
  // statements: every binding makes a new slot, resolve.cpp.)
  const auto sameSlot = [&](int s) {
    return static_cast<std::size_t>(s) < a.slotNames.size() && static_cast<std::size_t>(s) < b.slotNames.size() &&
           a.slotNames[s] == b.slotNames[s];
  };
  for (std::size_t i = 0; i < k; ++i) {
    const auto& reads = a.stmtReads[i];
    const auto& binds = a.stmtBinds[i];
    if (!std::all_of(reads.begin(), reads.end(), sameSlot) || !std::all_of(binds.begin(), binds.end(), sameSlot))
      return i;
  }
  return k;
}

}  // namespace

std::size_t sharedPrefix(const std::shared_ptr<const Model>& a, const Model& b) {
  std::lock_guard lock(b.sharedPrefixMutex);
  for (const auto& [model, k] : b.sharedPrefixes)
    if (model.lock() == a) return k;
  const std::size_t k = computeSharedPrefix(*a, b);
  b.sharedPrefixes.emplace_back(a, k);
  return k;
}

}  // namespace mcm::cat
