#include "cat/dead_terms.hpp"

#include <algorithm>

namespace mcm::cat {

namespace {

bool operatorNode(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Var: return e.ref.kind == NameRef::Global;
    case ExprKind::Empty:
    case ExprKind::Universe:
    case ExprKind::Tag:
    case ExprKind::Unary: return true;
    case ExprKind::Binary: return e.binop != BinOp::Add;
    default: return false;
  }
}

bool typedEmpty(const EmptinessFact& f) {
  return f.empty && (f.kind == ValueKind::EventSet || f.kind == ValueKind::Relation);
}

// A copy of an operator tree (nullptr if e is not one).
ExprPtr copyOf(const Expr& e) {
  if (!operatorNode(e)) return nullptr;
  auto c = std::make_unique<Expr>();
  c->kind = e.kind;
  c->pos = e.pos;
  c->id = e.id;  // the same expression: what an evaluator keeps for the node holds for the copy
  c->name = e.name;
  c->ref = e.ref;
  c->unop = e.unop;
  c->binop = e.binop;
  for (const auto& a : e.args) {
    c->args.push_back(copyOf(*a));
    if (!c->args.back()) return nullptr;
  }
  return c;
}

// A copy of a function's body with its parameter (local `param`) replaced by a copy of arg;
// nullptr if the body holds anything but operators, global names and the parameter.
ExprPtr substituted(const Expr& body, int param, const Expr& arg) {
  if (body.kind == ExprKind::Var && body.ref.kind == NameRef::Local)
    return body.ref.slot == param ? copyOf(arg) : nullptr;
  if (!operatorNode(body)) return nullptr;
  auto c = std::make_unique<Expr>();
  c->kind = body.kind;
  c->pos = body.pos;
  c->name = body.name;
  c->ref = body.ref;
  c->unop = body.unop;
  c->binop = body.binop;
  for (const auto& a : body.args) {
    c->args.push_back(substituted(*a, param, arg));
    if (!c->args.back()) return nullptr;
  }
  return c;  // (no id: a node of no model's numbering)
}

}  // namespace

// `f(arg)` for a top-level function of one parameter whose body is operators only, as that
// body with arg in place of the parameter (then pruned like the rest: the LKMM's A-cumul).
const Expr* DeadTermPruner::inlined(const Expr& e) {
  const Expr& callee = *e.args[0];
  if (callee.kind != ExprKind::Var || callee.ref.kind != NameRef::Global) return nullptr;
  const EmptinessFact f = slotFact_(callee.ref.slot);
  if (f.kind != ValueKind::Function || !f.function) return nullptr;
  const Pattern& param = f.function->more().param;
  if (param.tuple || param.ids.size() != 1) return nullptr;
  ExprPtr body = substituted(*f.function->args[0], param.ids[0], *e.args[1]);
  if (!body) return nullptr;
  owned_.push_back(std::move(body));
  return owned_.back().get();
}

bool DeadTermPruner::identity(const Expr& e) const {
  const Value* v = sharedValue_(e);
  if (!v || !v->is<rel::Relation>()) return false;
  const rel::Relation& r = v->as<rel::Relation>();
  return r == rel::Relation::identity(r.universe());
}

bool DeadTermPruner::narrow(const Expr& e) const {
  const Value* v = sharedValue_(e);
  return v && v->is<rel::Relation>() && 4 * v->as<rel::Relation>().domain().count() <= v->as<rel::Relation>().universe();
}

const Expr& DeadTermPruner::emptyOf(const Expr& at, ValueKind kind) {
  auto e = std::make_unique<Expr>();
  e->kind = ExprKind::Var;
  e->pos = at.pos;
  e->name = kind == ValueKind::EventSet ? "{}" : "0";
  e->ref = NameRef{NameRef::Global, emptySlot_(kind), Builtin::None};
  owned_.push_back(std::move(e));
  return *owned_.back();
}

// `at` with these operands (each a copy, as the new tree owns them), or nullptr when one of
// them is not an operator tree.
const Expr* DeadTermPruner::rebuilt(const Expr& at, const std::vector<const Expr*>& args) {
  auto e = std::make_unique<Expr>();
  e->kind = at.kind;
  e->pos = at.pos;
  e->unop = at.unop;
  e->binop = at.binop;
  for (const Expr* a : args) {
    e->args.push_back(copyOf(*a));
    if (!e->args.back()) return nullptr;
  }
  owned_.push_back(std::move(e));
  return owned_.back().get();
}

const Expr& DeadTermPruner::prune(const Expr& e, EmptinessFact* fact) {
  auto [p, f] = pruned(e);
  if (fact) *fact = f;
  return p;
}

// Bottom up: each operand once, its fact with it.
std::pair<const Expr&, EmptinessFact> DeadTermPruner::pruned(const Expr& e) {
  if (e.kind == ExprKind::App)
    if (const Expr* body = inlined(e)) return pruned(*body);
  if (!operatorNode(e) || e.kind == ExprKind::Var || e.kind == ExprKind::Empty ||
      (e.kind != ExprKind::Unary && e.kind != ExprKind::Binary))
    return {e, factOf(e, slotFact_)};
  if (const Value* shared = sharedValue_(e)) {
    const EmptinessFact exact = factOf(*shared);
    return {typedEmpty(exact) ? emptyOf(e, exact.kind) : e, exact};
  }
  std::vector<const Expr*> args;
  EmptinessFact facts[2];
  bool changed = false;
  for (std::size_t k = 0; k < e.args.size() && k < 2; ++k) {
    auto [p, f] = pruned(*e.args[k]);
    args.push_back(&p);
    facts[k] = f;
    changed = changed || &p != e.args[k].get();
  }
  const EmptinessFact f = operatorFact(e, {facts, args.size()});
  if (typedEmpty(f)) return {emptyOf(e, f.kind), f};
  if (e.kind == ExprKind::Binary && e.binop == BinOp::Seq) {
    if (facts[1].kind == ValueKind::Relation && identity(*args[0])) return {*args[1], facts[1]};
    if (facts[0].kind == ValueKind::Relation && identity(*args[1])) return {*args[0], facts[0]};
    // `a ; (x ; y)` with a of few rows (the LKMM's rcu-gp ; (reach-order ; ...) in its fixpoint)
    // as `(a ; x) ; y`: each composition then goes over a's rows only (y is kept whole: it may
    // be the same in every round of a fixpoint).
    const Expr& right = *args[1];
    if (right.kind == ExprKind::Binary && right.binop == BinOp::Seq && narrow(*args[0]))
      if (const Expr* first = rebuilt(e, {args[0], right.args[0].get()}))
        if (const Expr* both = rebuilt(e, {first, right.args[1].get()})) return {*both, f};
  }
  if (e.kind == ExprKind::Binary && (e.binop == BinOp::Union || e.binop == BinOp::Diff)) {
    // `l | 0`, `0 | r` and `l \ 0` are the operand left, when it is of the result's kind.
    if (typedEmpty(facts[1]) && facts[0].kind == f.kind) return {*args[0], f};
    if (e.binop == BinOp::Union && typedEmpty(facts[0]) && facts[1].kind == f.kind) return {*args[1], f};
  }
  if (!changed) return {e, f};
  const Expr* r = rebuilt(e, args);
  return {r ? *r : e, f};
}

namespace {

void unionTerms(const Expr& e, std::vector<const Expr*>& out) {
  if (e.kind == ExprKind::Binary && e.binop == BinOp::Union) {
    unionTerms(*e.args[0], out);
    unionTerms(*e.args[1], out);
  } else {
    out.push_back(&e);
  }
}

}  // namespace

const Expr& DeadTermPruner::invariantFirst(const Expr& e, const std::vector<int>& recSlots) {
  if (e.kind != ExprKind::Binary || e.binop != BinOp::Union) return e;
  std::vector<const Expr*> terms, invariant, varying;
  unionTerms(e, terms);
  for (const Expr* t : terms) {
    const auto reads = operatorReads(*t);
    const bool same = reads && std::none_of(reads->begin(), reads->end(), [&](int slot) {
      return std::find(recSlots.begin(), recSlots.end(), slot) != recSlots.end();
    });
    (same ? invariant : varying).push_back(t);
  }
  if (invariant.size() < 2 || varying.empty()) return e;
  const auto chain = [&](const std::vector<const Expr*>& ts) -> const Expr* {
    const Expr* acc = ts.front();
    for (std::size_t k = 1; acc && k < ts.size(); ++k) acc = rebuilt(e, {acc, ts[k]});
    return acc;
  };
  const Expr* left = chain(invariant);
  const Expr* right = chain(varying);
  const Expr* both = left && right ? rebuilt(e, {left, right}) : nullptr;
  return both ? *both : e;
}

namespace {

// Adds the global slots e reads to out; false if e is not an operator tree.
bool collectReads(const Expr& e, std::vector<int>& out) {
  if (!operatorNode(e)) return false;
  if (e.kind == ExprKind::Var) out.push_back(e.ref.slot);
  for (const auto& a : e.args)
    if (!collectReads(*a, out)) return false;
  return true;
}

}  // namespace

std::optional<std::vector<int>> operatorReads(const Expr& e) {
  std::vector<int> reads;
  if (!collectReads(e, reads)) return std::nullopt;
  std::sort(reads.begin(), reads.end());
  reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
  return reads;
}

}  // namespace mcm::cat
