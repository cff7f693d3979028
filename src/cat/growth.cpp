#include "cat/growth.hpp"

#include <algorithm>

namespace mcm::cat {
namespace {

class Analysis {
 public:
  Analysis(const std::function<Growth(int)>& slotGrowth, const std::function<bool(const Expr&)>& knownEmpty)
      : slotGrowth_(slotGrowth), knownEmpty_(knownEmpty) {}

  Growth of(const Expr& e) const {
    switch (e.kind) {
      case ExprKind::Var: return e.ref.kind == NameRef::Global ? slotGrowth_(e.ref.slot) : Growth::Fixed;
      case ExprKind::Empty:
      case ExprKind::Universe:
      case ExprKind::Tag: return Growth::Fixed;
      case ExprKind::Unary:
        if (e.unop == UnOp::Comp) return fixedOrUnknown(e);
        return of(*e.args[0]);
      case ExprKind::Binary: return binary(e);
      case ExprKind::App: {
        const Expr& callee = *e.args[0];
        const bool projection = callee.kind == ExprKind::Var && callee.ref.kind == NameRef::Primitive &&
                                (callee.ref.builtin == Builtin::Domain || callee.ref.builtin == Builtin::Range);
        return projection ? of(*e.args[1]) : fixedOrUnknown(e);
      }
      default: return fixedOrUnknown(e);
    }
  }

 private:
  Growth binary(const Expr& e) const {
    const Expr& l = *e.args[0];
    const Expr& r = *e.args[1];
    switch (e.binop) {
      case BinOp::Union: return std::max(of(l), of(r));
      case BinOp::Inter:
      case BinOp::Seq:
      case BinOp::Cart:
        if (knownEmpty_(l) || knownEmpty_(r)) return Growth::Fixed;
        return std::max(of(l), of(r));
      case BinOp::Diff: {
        if (knownEmpty_(l)) return Growth::Fixed;
        const Growth left = of(l);
        return of(r) == Growth::Fixed ? left : Growth::Unknown;
      }
      case BinOp::Add: break;
    }
    return fixedOrUnknown(e);
  }

  // What this analysis does not follow: Fixed if it reads no slot that changes.
  Growth fixedOrUnknown(const Expr& e) const { return readsChanging(e) ? Growth::Unknown : Growth::Fixed; }

  bool readsChanging(const Expr& e) const {
    if (e.kind == ExprKind::Var && e.ref.kind == NameRef::Global && slotGrowth_(e.ref.slot) != Growth::Fixed)
      return true;
    for (const auto& a : e.args)
      if (a && readsChanging(*a)) return true;
    for (const auto& b : e.more().bindings)
      if (b.expr && readsChanging(*b.expr)) return true;
    return false;
  }

  const std::function<Growth(int)>& slotGrowth_;
  const std::function<bool(const Expr&)>& knownEmpty_;
};

}  // namespace

Growth growthOf(const Expr& e, const std::function<Growth(int slot)>& slotGrowth,
                const std::function<bool(const Expr&)>& knownEmpty) {
  return Analysis(slotGrowth, knownEmpty).of(e);
}

}  // namespace mcm::cat
