// A proof from the models' text that every candidate execution one model allows, another allows
// too (see model.hpp, provenIncluded). It bounds relations from above: an expression is shown to
// lie within F+ (a path of edges of F's terms) or F* (the same, or no edge at all).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "cat/print.hpp"
#include "cat/program.hpp"
#include "cat/shared_prefix.hpp"

namespace mcm::cat {

namespace {

// What an expression is known to lie within, from the tightest: nothing, F+, F*, unknown.
enum class Bound { Empty, Path, PathOrSelf, Unknown };

Bound seq(Bound a, Bound b) {
  if (a == Bound::Empty || b == Bound::Empty) return Bound::Empty;
  if (a == Bound::Unknown || b == Bound::Unknown) return Bound::Unknown;
  return a == Bound::Path || b == Bound::Path ? Bound::Path : Bound::PathOrSelf;
}

constexpr int kMaxDepth = 64;  // unfolding depth (a model's definitions nest far less)

// The statements of one model: which binds each slot, and which are shared with the other model.
class ModelView {
 public:
  ModelView(const Model& m, std::size_t shared) : m_(m), shared_(shared), binder_(m.slotNames.size(), -1) {
    for (std::size_t i = 0; i < m.stmts.size(); ++i)
      for (int s : m.stmtBinds[i]) binder_[s] = static_cast<int>(i);
    for (const auto& [name, info] : m.baseSlots) baseName_[info.first] = name;
  }
  const Model& model() const { return m_; }
  // A name both models give the same value on every candidate and branch: a base name, or one
  // a shared statement binds. "" otherwise.
  std::string commonKey(int slot) const {
    if (auto it = baseName_.find(slot); it != baseName_.end()) return "base " + it->second;
    const int at = binder_[slot];
    return at >= 0 && static_cast<std::size_t>(at) < shared_ ? "slot " + std::to_string(slot) : "";
  }
  bool isBase(int slot, const char* name) const {
    auto it = baseName_.find(slot);
    return it != baseName_.end() && it->second == name;
  }
  // The expression a plain `let` binds to this slot alone, or nullptr.
  const Expr* definition(int slot) const {
    const int at = binder_[slot];
    if (at < 0) return nullptr;
    const Stmt& s = *m_.stmts[at];
    if (s.kind != StmtKind::Let || s.rec) return nullptr;
    for (const auto& b : s.bindings)
      if (!b.pat.tuple && b.slots.size() == 1 && b.slots[0] == slot) return b.expr.get();
    return nullptr;
  }

 private:
  const Model& m_;
  std::size_t shared_;
  std::vector<int> binder_;  // per slot: the statement binding it (-1: a base name)
  std::map<int, std::string> baseName_;
};

// Bounds expressions of one model by F+, F being a union of names both models share.
class Bounder {
 public:
  Bounder(const ModelView& view, const std::set<std::string>& terms) : view_(view), terms_(terms) {}

  Bound of(const Expr& e) { return of(e, {}, 0); }

 private:
  using Locals = std::map<int, Bound>;

  Bound of(const Expr& e, const Locals& locals, int depth) {
    if (depth > kMaxDepth) return Bound::Unknown;
    switch (e.kind) {
      case ExprKind::Var: return var(e, locals, depth);
      case ExprKind::Empty: return Bound::Empty;
      case ExprKind::Unary: {
        if (e.unop == UnOp::ToId) return Bound::PathOrSelf;  // [S] lies within the identity
        const Bound r = of(*e.args[0], locals, depth);
        switch (e.unop) {
          case UnOp::Plus: return r;
          case UnOp::Star:
          case UnOp::Opt: return r == Bound::Unknown ? r : Bound::PathOrSelf;
          case UnOp::Inv: return r == Bound::Empty ? r : Bound::Unknown;
          default: return Bound::Unknown;
        }
      }
      case ExprKind::Binary: {
        const Bound a = of(*e.args[0], locals, depth);
        switch (e.binop) {
          case BinOp::Union: return std::max(a, of(*e.args[1], locals, depth));
          case BinOp::Inter: return std::min(a, of(*e.args[1], locals, depth));
          case BinOp::Diff: return a;
          case BinOp::Seq: return seq(a, of(*e.args[1], locals, depth));
          default: return Bound::Unknown;
        }
      }
      case ExprKind::App: return app(e, locals, depth);
      case ExprKind::Let: {
        Locals inner = locals;
        for (const auto& b : e.more().bindings) {
          if (b.pat.tuple || b.pat.ids.size() != 1) return Bound::Unknown;
          inner[b.pat.ids[0]] = of(*b.expr, locals, depth + 1);
        }
        return of(*e.args[0], inner, depth + 1);
      }
      default: return Bound::Unknown;
    }
  }

  Bound var(const Expr& e, const Locals& locals, int depth) {
    if (e.ref.kind == NameRef::Local) {
      auto it = locals.find(e.ref.slot);
      return it == locals.end() ? Bound::Unknown : it->second;
    }
    if (e.ref.kind != NameRef::Global) return Bound::Unknown;
    const int slot = e.ref.slot;
    if (const std::string key = view_.commonKey(slot); !key.empty() && terms_.count(key)) return Bound::Path;
    if (view_.isBase(slot, "id")) return Bound::PathOrSelf;
    if (auto it = memo_.find(slot); it != memo_.end()) return it->second;
    const Expr* def = view_.definition(slot);
    const Bound b = def ? of(*def, {}, depth + 1) : Bound::Unknown;
    memo_[slot] = b;
    return b;
  }

  // A call of a function a plain `let` defines: its body, each parameter bounded as its argument.
  Bound app(const Expr& e, const Locals& locals, int depth) {
    const Expr& fn = *e.args[0];
    if (fn.kind != ExprKind::Var || fn.ref.kind != NameRef::Global) return Bound::Unknown;
    const Expr* def = view_.definition(fn.ref.slot);
    if (!def || def->kind != ExprKind::Fun) return Bound::Unknown;
    const Pattern& param = def->more().param;
    const Expr& arg = *e.args[1];
    Locals inner;
    if (param.tuple) {
      if (arg.kind != ExprKind::Tuple || arg.args.size() != param.ids.size()) return Bound::Unknown;
      for (std::size_t i = 0; i < param.ids.size(); ++i) inner[param.ids[i]] = of(*arg.args[i], locals, depth + 1);
    } else {
      if (param.ids.size() != 1) return Bound::Unknown;
      inner[param.ids[0]] = of(arg, locals, depth + 1);
    }
    return of(*def->args[0], inner, depth + 1);
  }

  const ModelView& view_;
  const std::set<std::string>& terms_;
  std::map<int, Bound> memo_;  // global names, bounded without locals
};

// The terms of a union both models share, looking through the first model's own plain lets.
void sharedTerms(const ModelView& view, const Expr& e, std::set<std::string>& out, int depth = 0) {
  if (depth > kMaxDepth) return;
  if (e.kind == ExprKind::Binary && e.binop == BinOp::Union) {
    sharedTerms(view, *e.args[0], out, depth + 1);
    sharedTerms(view, *e.args[1], out, depth + 1);
  } else if (e.kind == ExprKind::Var && e.ref.kind == NameRef::Global) {
    if (std::string key = view.commonKey(e.ref.slot); !key.empty()) out.insert(std::move(key));
    else if (const Expr* def = view.definition(e.ref.slot)) sharedTerms(view, *def, out, depth + 1);
  }
}

// `acyclic po | rf | co | fr as sc`, as the model writes the check.
std::string describe(const Stmt& s) {
  static const char* const kinds[] = {"acyclic", "irreflexive", "empty"};
  return fmt::format("`{} {}{}`", kinds[static_cast<int>(s.check)], printExpr(*s.expr), s.name.empty() ? "" : " as " + s.name);
}

// A model's statements after the shared ones may only define names and check: no `with`, call,
// forall or `if variant`, whose branches the argument does not follow.
bool onlyLetsAndChecks(const Model& m, std::size_t from) {
  for (std::size_t i = from; i < m.stmts.size(); ++i) {
    const StmtKind k = m.stmts[i]->kind;
    if (k != StmtKind::Let && k != StmtKind::Check && k != StmtKind::Show) return false;
    if (k == StmtKind::Let && m.stmts[i]->rec) return false;
  }
  return true;
}

}  // namespace

std::optional<std::vector<std::string>> provenIncluded(const std::shared_ptr<const Model>& a,
                                                       const std::shared_ptr<const Model>& b,
                                                       const std::string& nameA, const std::string& nameB) {
  const std::size_t shared = sharedPrefix(a, *b);
  if (!onlyLetsAndChecks(*a, shared) || !onlyLetsAndChecks(*b, shared)) return std::nullopt;
  const ModelView viewA(*a, shared), viewB(*b, shared);
  struct Premise {
    const Stmt* check;
    std::set<std::string> terms;
  };
  std::vector<Premise> premises;  // acyclic checks only `a` makes, which hold whenever `a` allows
  for (std::size_t i = shared; i < a->stmts.size(); ++i) {
    const Stmt& s = *a->stmts[i];
    if (s.kind != StmtKind::Check || s.flag || s.negated || s.check != CheckKind::Acyclic) continue;
    Premise p{&s, {}};
    sharedTerms(viewA, *s.expr, p.terms);
    if (!p.terms.empty()) premises.push_back(std::move(p));
  }
  std::vector<std::string> reasons;
  if (shared > 0)
    reasons.push_back(fmt::format("{} and {} begin with the same {} statements: both make the checks among them, "
                                  "on the same candidate executions",
                                  nameA, nameB, shared));
  for (std::size_t i = shared; i < b->stmts.size(); ++i) {
    const Stmt& s = *b->stmts[i];
    if (s.kind != StmtKind::Check || s.flag) continue;  // a flag forbids nothing
    if (s.negated || s.check == CheckKind::Empty) return std::nullopt;
    const Premise* by = nullptr;
    for (const auto& p : premises)
      if (Bounder(viewB, p.terms).of(*s.expr) <= Bound::Path) by = &p;
    if (!by) return std::nullopt;
    reasons.push_back(fmt::format(
        "{}'s check {} follows from {}'s check {}: every edge of {} is a path of edges of {}, so a cycle of it "
        "would be a cycle of those",
        nameB, describe(s), nameA, describe(*by->check), printExpr(*s.expr), printExpr(*by->check->expr)));
  }
  if (reasons.size() == (shared > 0 ? 1 : 0)) reasons.push_back(nameB + " makes no other check");
  return reasons;
}

}  // namespace mcm::cat
