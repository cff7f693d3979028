// Expression nodes numbered once per model: an evaluator keeps what it knows of a node (a value
// that is the same for every candidate) in a vector indexed by the number.
#include "cat/program.hpp"

namespace mcm::cat {

namespace {

void numberExpr(Expr& e, std::size_t& next) {
  e.id = static_cast<int>(next++);
  for (auto& a : e.args) numberExpr(*a, next);
  if (e.detail)
    for (auto& b : e.detail->bindings) numberExpr(*b.expr, next);
}

void numberStmt(Stmt& s, std::size_t& next) {
  for (auto& b : s.bindings) numberExpr(*b.expr, next);
  if (s.expr) numberExpr(*s.expr, next);
  for (auto* body : {&s.body, &s.elseBody})
    for (auto& inner : *body) numberStmt(*inner, next);
}

}  // namespace

void numberExpressions(Model& m) {
  std::size_t next = 0;
  for (auto& file : m.files)
    for (auto& s : file) numberStmt(*s, next);
  m.exprCount = next;
}

}  // namespace mcm::cat
