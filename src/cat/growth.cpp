#include "cat/growth.hpp"

#include <algorithm>
#include <optional>

namespace mcm::cat {
namespace {

// Calls followed into function bodies, at most this deep (generate_cos calls generate_orders).
constexpr int kMaxCallsFollowed = 8;

bool isPrimitive(const Expr& e, Builtin b) {
  return e.kind == ExprKind::Var && e.ref.kind == NameRef::Primitive && e.ref.builtin == b;
}

// One function body's parameters: their growth, by interned name.
using Locals = std::unordered_map<int, Growth>;

class Analysis {
 public:
  Analysis(const GrowthContext& context, const Locals* locals, int calls = 0)
      : c_(context), locals_(locals), calls_(calls) {}

  Growth of(const Expr& e) const {
    switch (e.kind) {
      case ExprKind::Var: return var(e);
      case ExprKind::Empty:
      case ExprKind::Universe:
      case ExprKind::Tag: return Growth::Fixed;
      case ExprKind::Unary:
        if (e.unop == UnOp::Comp) return fixedOrUnknown(e);
        return of(*e.args[0]);
      case ExprKind::Binary: return binary(e);
      case ExprKind::App: return call(e);
      default: return fixedOrUnknown(e);
    }
  }

  bool emptyBelow(const Expr& e) const {
    switch (e.kind) {
      case ExprKind::Var: return e.ref.kind == NameRef::Global && c_.emptyBelow(e.ref.slot);
      case ExprKind::Unary:
        return (e.unop == UnOp::Plus || e.unop == UnOp::Inv || e.unop == UnOp::ToId) && emptyBelow(*e.args[0]);
      case ExprKind::Binary:
        switch (e.binop) {
          case BinOp::Union: return emptyBelow(*e.args[0]) && emptyBelow(*e.args[1]);
          case BinOp::Diff: return emptyBelow(*e.args[0]);
          case BinOp::Inter:
          case BinOp::Seq:
          case BinOp::Cart: return emptyBelow(*e.args[0]) || emptyBelow(*e.args[1]);
          case BinOp::Add: return false;
        }
        return false;
      case ExprKind::App: {
        const Expr& callee = *e.args[0];
        return (isPrimitive(callee, Builtin::Domain) || isPrimitive(callee, Builtin::Range)) && emptyBelow(*e.args[1]);
      }
      default: return false;
    }
  }

  // A function's parameters, each growing as its argument does (nullopt: not followed).
  std::optional<Locals> parameters(const Expr& fun, const Expr& arg) const {
    const Pattern& param = fun.more().param;
    if (calls_ >= kMaxCallsFollowed || param.ids.size() != param.names.size()) return std::nullopt;
    Locals bound;
    if (!param.tuple && param.ids.size() == 1) {
      bound[param.ids[0]] = of(arg);
    } else if (param.tuple && arg.kind == ExprKind::Tuple && arg.args.size() == param.ids.size()) {
      for (std::size_t i = 0; i < param.ids.size(); ++i) bound[param.ids[i]] = of(*arg.args[i]);
    } else {
      return std::nullopt;
    }
    return bound;
  }

  // The function a global name is defined as, or nullptr.
  const Expr* functionAt(const Expr& var) const {
    if (var.kind != ExprKind::Var || var.ref.kind != NameRef::Global) return nullptr;
    const Expr* def = c_.definitionOf(var.ref.slot);
    return def && def->kind == ExprKind::Fun ? def : nullptr;
  }

 private:
  Growth call(const Expr& e) const {
    const Expr& callee = *e.args[0];
    if (isPrimitive(callee, Builtin::Domain) || isPrimitive(callee, Builtin::Range)) return of(*e.args[1]);
    if (const Expr* fun = functionAt(callee))
      if (auto bound = parameters(*fun, *e.args[1])) return Analysis(c_, &*bound, calls_ + 1).of(*fun->args[0]);
    return fixedOrUnknown(e);
  }

  Growth var(const Expr& e) const {
    // A function named elsewhere than in a call: as its body reads anything that changes.
    if (const Expr* fun = functionAt(e)) return calls_ < kMaxCallsFollowed ? Analysis(c_, nullptr, calls_ + 1).fixedOrUnknown(*fun->args[0]) : Growth::Unknown;
    if (e.ref.kind == NameRef::Global) return c_.slotGrowth(e.ref.slot);
    if (e.ref.kind == NameRef::Local && locals_) {
      auto it = locals_->find(e.ref.slot);
      if (it != locals_->end()) return it->second;
    }
    return Growth::Fixed;
  }

  Growth binary(const Expr& e) const {
    const Expr& l = *e.args[0];
    const Expr& r = *e.args[1];
    switch (e.binop) {
      case BinOp::Union: return std::max(of(l), of(r));
      case BinOp::Inter:
      case BinOp::Seq:
      case BinOp::Cart:
        if (c_.knownEmpty(l) || c_.knownEmpty(r)) return Growth::Fixed;
        // Empty in the lower state: contained in any value above.
        if (emptyBelow(l) || emptyBelow(r)) return std::min(std::max(of(l), of(r)), Growth::Grows);
        return std::max(of(l), of(r));
      case BinOp::Diff: {
        if (c_.knownEmpty(l)) return Growth::Fixed;
        const Growth left = of(l);
        if (of(r) == Growth::Fixed) return left;
        // a \ (a & S) is a \ S.
        const Expr* fixedPart = sharedPartRemoved(l, r);
        return fixedPart && of(*fixedPart) == Growth::Fixed ? left : Growth::Unknown;
      }
      case BinOp::Add: break;
    }
    return fixedOrUnknown(e);
  }

  // S when `r` is `l & S` or `S & l` (directly or as the definition of the name r), with l a name.
  const Expr* sharedPartRemoved(const Expr& l, const Expr& r) const {
    if (l.kind != ExprKind::Var || l.ref.kind != NameRef::Global) return nullptr;
    const Expr* def = &r;
    if (r.kind == ExprKind::Var && r.ref.kind == NameRef::Global) def = c_.definitionOf(r.ref.slot);
    if (!def || def->kind != ExprKind::Binary || def->binop != BinOp::Inter) return nullptr;
    const auto isLeft = [&l](const Expr& x) {
      return x.kind == ExprKind::Var && x.ref.kind == NameRef::Global && x.ref.slot == l.ref.slot;
    };
    if (isLeft(*def->args[0])) return def->args[1].get();
    if (isLeft(*def->args[1])) return def->args[0].get();
    return nullptr;
  }

  // What this analysis does not follow: Fixed if it reads nothing that changes.
  Growth fixedOrUnknown(const Expr& e) const { return readsChanging(e) ? Growth::Unknown : Growth::Fixed; }

  bool readsChanging(const Expr& e) const {
    if (e.kind == ExprKind::Var && (e.ref.kind == NameRef::Global || e.ref.kind == NameRef::Local) &&
        var(e) != Growth::Fixed)
      return true;
    for (const auto& a : e.args)
      if (a && readsChanging(*a)) return true;
    for (const auto& b : e.more().bindings)
      if (b.expr && readsChanging(*b.expr)) return true;
    return false;
  }

  const GrowthContext& c_;
  const Locals* locals_;
  int calls_;
};

bool narrows(const Expr& set, const GrowthContext& context, const Locals* locals, int calls) {
  const Analysis analysis(context, locals, calls);
  if (analysis.of(set) == Growth::Fixed) return true;
  if (set.kind != ExprKind::App) return false;
  const Expr& callee = *set.args[0];
  const Expr& arg = *set.args[1];
  if (isPrimitive(callee, Builtin::OrdersPerLocation) || isPrimitive(callee, Builtin::Linearisations))
    return arg.kind == ExprKind::Tuple && arg.args.size() == 2 && analysis.of(*arg.args[0]) == Growth::Fixed &&
           analysis.of(*arg.args[1]) != Growth::Unknown;
  // Through a defined function: its body, each parameter growing as its argument does.
  const Expr* fun = analysis.functionAt(callee);
  if (!fun) return false;
  const auto bound = analysis.parameters(*fun, arg);
  return bound && narrows(*fun->args[0], context, &*bound, calls + 1);
}

}  // namespace

Growth growthOf(const Expr& e, const GrowthContext& context) { return Analysis(context, nullptr).of(e); }

bool emptyBelow(const Expr& e, const GrowthContext& context) { return Analysis(context, nullptr).emptyBelow(e); }

bool choicesNarrow(const Expr& set, const GrowthContext& context) { return narrows(set, context, nullptr, 0); }

}  // namespace mcm::cat
