#include "litmus/locations.hpp"

#include <algorithm>

namespace mcm::litmus {

bool displayOrderLess(const Location& a, const Location& b) {
  if (a.isRegister() != b.isRegister()) return a.isRegister();
  if (a.thread != b.thread) return a.thread < b.thread;
  if (a.rank >= 0 && b.rank >= 0) return a.rank < b.rank;
  return a.name < b.name;  // std::string compares bytes as unsigned char
}

void collectLocations(const PropPtr& prop, std::vector<Location>& out) {
  if (!prop) return;
  if (prop->kind == Prop::Kind::Atom) {
    out.push_back(prop->lhs);
    if (prop->rhsLoc) out.push_back(*prop->rhsLoc);
  }
  for (const auto& a : prop->args) collectLocations(a, out);
}

namespace {

bool loads(const ExprPtr& e) {
  if (!e) return false;
  if (e->kind == Expr::Kind::Deref) return true;
  if (e->kind == Expr::Kind::Prim && e->prim != PrimExpr::Trylock && e->prim != PrimExpr::Islocked &&
      e->prim != PrimExpr::Srcu)
    return true;
  return std::any_of(e->args.begin(), e->args.end(), loads);
}

void collectLoadTargets(const std::vector<StmtPtr>& body, int thread, std::vector<Location>& out) {
  for (const auto& s : body) {
    if ((s->kind == Stmt::Kind::Decl || s->kind == Stmt::Kind::Assign) && loads(s->expr))
      out.push_back(Location{thread, s->name, s->pos});
    collectLoadTargets(s->body, thread, out);
  }
}

}  // namespace

std::vector<Location> registersAssignedFromLoads(const Test& expanded) {
  std::vector<Location> out;
  for (const auto& t : expanded.threads) collectLoadTargets(t.body, t.index, out);
  std::sort(out.begin(), out.end(), displayOrderLess);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Location> displayedLocations(const Test& test) {
  std::vector<Location> out = test.locations;
  if (test.condition) collectLocations(test.condition->prop, out);
  std::sort(out.begin(), out.end(), displayOrderLess);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace mcm::litmus
