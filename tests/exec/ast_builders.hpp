#pragma once
// Hand-built expanded litmus trees for the engine's unit tests: the primitive
// nodes the macro layer produces, written as the .def would expand them.
#include <memory>
#include <string>
#include <vector>

#include "litmus/ast.hpp"

namespace mcm::exec::testing {

using namespace mcm::litmus;

inline ExprPtr num(long long v) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::Int;
  e->value = v;
  return e;
}
inline ExprPtr reg(const std::string& name) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::Name;
  e->name = name;
  return e;
}
inline ExprPtr deref(ExprPtr p) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::Deref;
  e->args = {std::move(p)};
  return e;
}
inline ExprPtr bin(BinOp op, ExprPtr a, ExprPtr b) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::Binary;
  e->op = op;
  e->args = {std::move(a), std::move(b)};
  return e;
}
inline ExprPtr prim(PrimExpr p, std::vector<std::string> tags, std::vector<ExprPtr> args, BinOp op = BinOp::Add) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::Prim;
  e->prim = p;
  e->tags = std::move(tags);
  e->args = std::move(args);
  e->op = op;
  return e;
}
// READ_ONCE(*x) -> __load{ONCE}(*x)
inline ExprPtr readOnce(const std::string& ptr) { return prim(PrimExpr::Load, {"ONCE"}, {deref(reg(ptr))}); }

inline StmtPtr primStmt(PrimStmt p, std::vector<std::string> tags, std::vector<ExprPtr> args, BinOp op = BinOp::Add) {
  auto s = std::make_shared<Stmt>();
  s->kind = Stmt::Kind::Prim;
  s->prim = p;
  s->tags = std::move(tags);
  s->args = std::move(args);
  s->op = op;
  return s;
}
// WRITE_ONCE(*x, v) -> { __store{ONCE}(*x, v); }
inline StmtPtr writeOnce(const std::string& ptr, ExprPtr v) {
  return primStmt(PrimStmt::Store, {"ONCE"}, {deref(reg(ptr)), std::move(v)});
}
inline StmtPtr fence(const std::string& tag) { return primStmt(PrimStmt::Fence, {tag}, {}); }
inline StmtPtr assign(const std::string& r, ExprPtr e) {
  auto s = std::make_shared<Stmt>();
  s->kind = Stmt::Kind::Assign;
  s->name = r;
  s->expr = std::move(e);
  return s;
}
inline StmtPtr plainStore(const std::string& ptr, ExprPtr v) {
  auto s = std::make_shared<Stmt>();
  s->kind = Stmt::Kind::Store;
  s->target = reg(ptr);
  s->expr = std::move(v);
  return s;
}
inline StmtPtr block(std::vector<StmtPtr> body) {
  auto s = std::make_shared<Stmt>();
  s->kind = Stmt::Kind::Block;
  s->body = std::move(body);
  return s;
}
inline StmtPtr ifStmt(ExprPtr cond, StmtPtr thenS, StmtPtr elseS = nullptr) {
  auto s = std::make_shared<Stmt>();
  s->kind = Stmt::Kind::If;
  s->expr = std::move(cond);
  s->body = {std::move(thenS)};
  if (elseS) s->body.push_back(std::move(elseS));
  return s;
}

inline StmtPtr whileStmt(ExprPtr cond, StmtPtr body) {
  auto s = std::make_shared<Stmt>();
  s->kind = Stmt::Kind::While;
  s->expr = std::move(cond);
  s->body = {std::move(body)};
  return s;
}

inline Thread thread(int index, std::vector<std::string> params, std::vector<StmtPtr> body) {
  Thread t;
  t.index = index;
  for (auto& p : params) t.params.push_back(Param{Type{"int", 1, false}, p, {}});
  t.body = std::move(body);
  return t;
}

inline Location regLoc(int thread, const std::string& name) { return Location{thread, name, {}}; }
inline Location globalLoc(const std::string& name) { return Location{-1, name, {}}; }

inline PropPtr atom(Location l, long long v) {
  auto p = std::make_shared<Prop>();
  p->kind = Prop::Kind::Atom;
  p->lhs = std::move(l);
  p->rhs.number = v;
  return p;
}
inline PropPtr conj(std::vector<PropPtr> args) {
  auto p = std::make_shared<Prop>();
  p->kind = Prop::Kind::And;
  p->args = std::move(args);
  return p;
}
inline PropPtr disj(std::vector<PropPtr> args) {
  auto p = std::make_shared<Prop>();
  p->kind = Prop::Kind::Or;
  p->args = std::move(args);
  return p;
}

}  // namespace mcm::exec::testing
