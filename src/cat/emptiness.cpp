#include "cat/emptiness.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace mcm::cat {

EmptinessFact factOf(const Value& v) {
  if (v.is<EmptyValue>()) return {true, ValueKind::EmptyLiteral};
  if (v.is<rel::EventSet>()) return {v.as<rel::EventSet>().empty(), ValueKind::EventSet};
  if (v.is<rel::Relation>()) return {v.as<rel::Relation>().empty(), ValueKind::Relation};
  if (v.is<Closure>()) {
    const Closure& c = v.as<Closure>();
    if (!c.env && !c.recGroup && (c.fun->more().param.tuple || c.fun->more().param.ids.size() == 1))
      return {false, ValueKind::Function, c.fun};
  }
  return {};
}

namespace {

bool setLike(ValueKind k) { return k == ValueKind::EventSet || k == ValueKind::EmptyLiteral; }
bool relationLike(ValueKind k) { return k == ValueKind::Relation || k == ValueKind::EmptyLiteral; }

// The kind of `l | r`, `l & r`, `l \ r` as the evaluator computes it: a relation if
// either is one, `0` if both are, else a set of events (mixed operands: left to the
// evaluator, which reports them).
ValueKind setOperationKind(ValueKind l, ValueKind r) {
  if (l == ValueKind::Relation || r == ValueKind::Relation)
    return relationLike(l) && relationLike(r) ? ValueKind::Relation : ValueKind::Other;
  if (l == ValueKind::EmptyLiteral && r == ValueKind::EmptyLiteral) return ValueKind::EmptyLiteral;
  if (setLike(l) && setLike(r)) return ValueKind::EventSet;
  return ValueKind::Other;
}

constexpr int kMaxCallDepth = 16;

// The parameters of the function being followed (their ids) and their arguments' facts.
using Parameters = std::vector<std::pair<int, EmptinessFact>>;
using SlotFacts = std::function<EmptinessFact(int slot)>;

EmptinessFact factIn(const Expr& e, const SlotFacts& slotFact, const Parameters& params, int depth);

EmptinessFact callFact(const Expr& e, const SlotFacts& slotFact, const Parameters& params, int depth) {
  const Expr& callee = *e.args[0];
  const Expr& argument = *e.args[1];
  if (callee.kind != ExprKind::Var) return {};
  if (callee.ref.kind == NameRef::Primitive) {
    const Builtin b = callee.ref.builtin;
    // different-values(r) and same-values(r) are parts of r (the LKMM's check of SRCU indexes).
    const bool part = b == Builtin::DifferentValues || b == Builtin::SameValues;
    if (b != Builtin::Domain && b != Builtin::Range && !part) return {};
    const EmptinessFact arg = factIn(argument, slotFact, params, depth);
    if (!relationLike(arg.kind)) return {};
    return {arg.empty, part ? ValueKind::Relation : ValueKind::EventSet};
  }
  if (callee.ref.kind != NameRef::Global || depth >= kMaxCallDepth) return {};
  const EmptinessFact f = slotFact(callee.ref.slot);
  if (f.kind != ValueKind::Function) return {};
  const Pattern& pattern = f.function->more().param;
  std::vector<const Expr*> arguments{&argument};
  if (pattern.tuple) {
    if (argument.kind != ExprKind::Tuple || argument.args.size() != pattern.ids.size()) return {};
    arguments.clear();
    for (const auto& a : argument.args) arguments.push_back(a.get());
  }
  Parameters inner;
  for (std::size_t k = 0; k < arguments.size(); ++k) {
    const EmptinessFact a = factIn(*arguments[k], slotFact, params, depth);
    if (a.kind == ValueKind::Other || a.kind == ValueKind::Function) return {};
    inner.emplace_back(pattern.ids[k], a);
  }
  return factIn(*f.function->args[0], slotFact, inner, depth + 1);
}

EmptinessFact factIn(const Expr& e, const SlotFacts& slotFact, const Parameters& params, int depth) {
  auto factOf = [&](const Expr& x) { return factIn(x, slotFact, params, depth); };
  switch (e.kind) {
    case ExprKind::Var:
      if (e.ref.kind == NameRef::Global) return slotFact(e.ref.slot);
      if (e.ref.kind == NameRef::Local)
        for (const auto& [id, fact] : params)
          if (id == e.ref.slot) return fact;
      return {};
    case ExprKind::Empty: return {true, ValueKind::EmptyLiteral};
    case ExprKind::App: return callFact(e, slotFact, params, depth);
    case ExprKind::Fun:  // a top-level function (inside one, it could read the parameters)
      if (params.empty() && (e.more().param.tuple || e.more().param.ids.size() == 1)) return {false, ValueKind::Function, &e};
      return {};
    case ExprKind::Unary:
    case ExprKind::Binary: {
      EmptinessFact operands[2];  // (no allocation: this runs for every node of every definition)
      for (std::size_t k = 0; k < e.args.size() && k < 2; ++k) operands[k] = factOf(*e.args[k]);
      return operatorFact(e, {operands, std::min<std::size_t>(e.args.size(), 2)});
    }
    default: return {};
  }
}

}  // namespace

EmptinessFact operatorFact(const Expr& e, std::span<const EmptinessFact> operands) {
  switch (e.kind) {
    case ExprKind::Unary: {
      const EmptinessFact& a = operands[0];
      switch (e.unop) {
        case UnOp::Plus:
        case UnOp::Inv: return {a.empty && relationLike(a.kind), ValueKind::Relation};
        case UnOp::ToId: return {a.empty && setLike(a.kind), ValueKind::Relation};
        case UnOp::Star:
        case UnOp::Opt: return {false, ValueKind::Relation};
        case UnOp::Comp:  // `~0` is the set of all events
          return {false, a.kind == ValueKind::Relation ? ValueKind::Relation
                         : setLike(a.kind)              ? ValueKind::EventSet
                                                        : ValueKind::Other};
      }
      return {};
    }
    case ExprKind::Binary: {
      const EmptinessFact& l = operands[0];
      const EmptinessFact& r = operands[1];
      switch (e.binop) {
        case BinOp::Seq:
          return {(l.empty && relationLike(l.kind)) || (r.empty && relationLike(r.kind)), ValueKind::Relation};
        case BinOp::Cart: return {(l.empty && setLike(l.kind)) || (r.empty && setLike(r.kind)), ValueKind::Relation};
        case BinOp::Add: return {};
        default: break;
      }
      ValueKind kind = setOperationKind(l.kind, r.kind);
      // An empty operand of a known kind settles `&` (and an empty left one `\`) whatever
      // the other operand is.
      const auto settles = [](const EmptinessFact& f) { return f.empty && (f.kind == ValueKind::EventSet || f.kind == ValueKind::Relation); };
      if (kind == ValueKind::Other && e.binop == BinOp::Inter && (settles(l) || settles(r)))
        return {true, settles(l) ? l.kind : r.kind};
      if (kind == ValueKind::Other && e.binop == BinOp::Diff && settles(l)) return {true, l.kind};
      if (kind == ValueKind::Other) return {};
      const bool empty = e.binop == BinOp::Union ? l.empty && r.empty
                         : e.binop == BinOp::Inter ? l.empty || r.empty
                                                   : l.empty;
      return {empty, kind};
    }
    default: return {};
  }
}

EmptinessFact factOf(const Expr& e, const std::function<EmptinessFact(int slot)>& slotFact) {
  return factIn(e, slotFact, Parameters{}, 0);
}

Value emptyValue(ValueKind kind, std::size_t n) {
  if (kind == ValueKind::EventSet) return rel::EventSet(n);
  if (kind == ValueKind::Relation) return rel::Relation(n);
  return EmptyValue{};
}

}  // namespace mcm::cat
