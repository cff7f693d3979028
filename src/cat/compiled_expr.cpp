#include "cat/compiled_expr.hpp"

#include <algorithm>
#include <bit>

namespace mcm::cat {

namespace {

enum class Op { Leaf, Union, Inter, Diff, Compose, Restrict, Cart, Inverse, Plus, Star, Opt, ToId, Complement };

// out = a op b, word by word (one pass, into storage of their size).
void combine(Op op, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t words) {
  if (op == Op::Union)
    for (std::size_t k = 0; k < words; ++k) out[k] = a[k] | b[k];
  else if (op == Op::Inter)
    for (std::size_t k = 0; k < words; ++k) out[k] = a[k] & b[k];
  else
    for (std::size_t k = 0; k < words; ++k) out[k] = a[k] & ~b[k];
}

}  // namespace

struct CompiledExpr::Node {
  Op op = Op::Leaf;
  bool relation = true;             // the kind of its value
  int a = -1, b = -1, c = -1;       // operands (Restrict: a the domain or -1, b the relation, c the range or -1)
  const Value* value = nullptr;     // Leaf: where its value is, when it stays there
  const Expr* expr = nullptr;       // Leaf: else the expression asked for; closures: their own
  int slot = -1;                    // Leaf: a global name's slot, else -1
  std::size_t kind = 0;             // Leaf: the kind of value it held when compiled
  rel::Relation rel;                // an operator's value
  rel::EventSet set;
  const rel::Relation* r = nullptr;  // the last run's value
  const rel::EventSet* s = nullptr;
};

CompiledExpr::CompiledExpr() = default;
CompiledExpr::~CompiledExpr() = default;

std::unique_ptr<CompiledExpr> CompiledExpr::compile(const Expr& e, std::size_t n, LeafValues& leaves) {
  auto code = std::make_unique<CompiledExpr>();
  code->n_ = n;
  code->all_ = rel::EventSet::all(n);
  if (code->add(e, leaves) < 0) return nullptr;
  return code;
}

bool CompiledExpr::isRelation() const { return nodes_.back().relation; }
bool CompiledExpr::transitive() const { return nodes_.back().op == Op::Plus; }

const rel::Relation* CompiledExpr::relation(LeafValues& leaves) {
  return run(static_cast<int>(nodes_.size()) - 1, leaves) ? nodes_.back().r : nullptr;
}

bool CompiledExpr::takeRelation(LeafValues& leaves, rel::Relation& into) {
  const rel::Relation* r = relation(leaves);
  if (!r) return false;
  Node& root = nodes_.back();
  // The root's own storage is handed over (it is computed anew at each run).
  if (r == &root.rel && into.universe() == n_)
    std::swap(into, root.rel);
  else
    into = *r;
  return true;
}

std::optional<bool> CompiledExpr::isEmpty(LeafValues& leaves) {
  Node& root = nodes_.back();
  if (!root.relation) {
    const rel::EventSet* s = set(leaves);
    return s ? std::optional<bool>(s->empty()) : std::nullopt;
  }
  // `a & (b ; c)` (an atomicity check): only the rows of a are composed, and only until a
  // pair is found.
  int other = root.a, composed = root.b;
  if (root.op == Op::Inter && nodes_[static_cast<std::size_t>(composed)].op != Op::Compose) std::swap(other, composed);
  if (root.op != Op::Inter || nodes_[static_cast<std::size_t>(composed)].op != Op::Compose) {
    const rel::Relation* r = relation(leaves);
    return r ? std::optional<bool>(r->empty()) : std::nullopt;
  }
  const Node& c = nodes_[static_cast<std::size_t>(composed)];
  if (!run(other, leaves) || !run(c.a, leaves) || !run(c.b, leaves)) return std::nullopt;
  const rel::Relation& a = *nodes_[static_cast<std::size_t>(other)].r;
  const rel::Relation& b = *nodes_[static_cast<std::size_t>(c.a)].r;
  const rel::Relation& d = *nodes_[static_cast<std::size_t>(c.b)].r;
  const std::size_t words = a.rowWords();
  for (std::size_t i = 0; i < n_; ++i) {
    const std::uint64_t* within = a.row(i);
    if (std::all_of(within, within + words, [](std::uint64_t w) { return w == 0; })) continue;
    const std::uint64_t* through = b.row(i);
    for (std::size_t w = 0; w < words; ++w)
      for (std::uint64_t bits = through[w]; bits != 0; bits &= bits - 1) {
        const std::uint64_t* to = d.row(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
        for (std::size_t v = 0; v < words; ++v)
          if (to[v] & within[v]) return false;
      }
  }
  return true;
}

const rel::EventSet* CompiledExpr::set(LeafValues& leaves) {
  return run(static_cast<int>(nodes_.size()) - 1, leaves) ? nodes_.back().s : nullptr;
}

// Operands first, so that the root is last. -1 when e cannot be compiled.
int CompiledExpr::add(const Expr& e, LeafValues& leaves) {
  Node x;
  const auto push = [&]() {
    if (x.op != Op::Leaf) {
      if (x.relation) x.rel = rel::Relation(n_);
      else x.set = rel::EventSet(n_);
    }
    nodes_.push_back(std::move(x));
    return static_cast<int>(nodes_.size()) - 1;
  };
  bool stable = true;
  if (const Value* v = leaves.leaf(e, stable)) {
    if (!v->is<rel::Relation>() && !v->is<rel::EventSet>()) return -1;
    x.relation = v->is<rel::Relation>();
    if (stable) x.value = v;
    else x.expr = &e;
    x.slot = e.kind == ExprKind::Var ? e.ref.slot : -1;
    x.kind = v->v.index();
    return push();
  }
  if (e.kind == ExprKind::Unary) {
    x.a = add(*e.args[0], leaves);
    if (x.a < 0) return -1;
    const bool relation = nodes_[x.a].relation;
    switch (e.unop) {
      case UnOp::ToId: x.op = Op::ToId; break;
      case UnOp::Comp: x.op = Op::Complement; break;
      case UnOp::Inv: x.op = Op::Inverse; break;
      case UnOp::Plus: x.op = Op::Plus; break;
      case UnOp::Star: x.op = Op::Star; break;
      case UnOp::Opt: x.op = Op::Opt; break;
    }
    if (x.op != Op::Complement && (x.op == Op::ToId) == relation) return -1;  // [s] of a set; closures of a relation
    x.relation = x.op != Op::Complement || relation;
    x.expr = &e;
    return push();
  }
  if (e.kind != ExprKind::Binary || e.binop == BinOp::Add) return -1;
  const Expr& le = *e.args[0];
  const Expr& re = *e.args[1];
  if (e.binop == BinOp::Seq) {
    // As the interpreter does: `[A] ; r` and `r ; [B]` restrict r.
    const bool leftId = le.kind == ExprKind::Unary && le.unop == UnOp::ToId;
    const bool rightId = re.kind == ExprKind::Unary && re.unop == UnOp::ToId;
    if (leftId != rightId) {
      x.op = Op::Restrict;
      x.a = leftId ? add(*le.args[0], leaves) : -1;
      x.b = add(leftId ? re : le, leaves);
      x.c = rightId ? add(*re.args[0], leaves) : -1;
      if (x.b < 0 || !nodes_[x.b].relation || (leftId && (x.a < 0 || nodes_[x.a].relation)) ||
          (rightId && (x.c < 0 || nodes_[x.c].relation)))
        return -1;
      return push();
    }
  }
  x.a = add(le, leaves);
  x.b = x.a < 0 ? -1 : add(re, leaves);
  if (x.b < 0) return -1;
  const bool ra = nodes_[x.a].relation, rb = nodes_[x.b].relation;
  switch (e.binop) {
    case BinOp::Seq:
      if (!ra || !rb) return -1;
      x.op = Op::Compose;
      break;
    case BinOp::Cart:
      if (ra || rb) return -1;
      x.op = Op::Cart;
      break;
    default:
      if (ra != rb) return -1;
      x.op = e.binop == BinOp::Union ? Op::Union : e.binop == BinOp::Inter ? Op::Inter : Op::Diff;
      x.relation = ra;
      break;
  }
  return push();
}

bool CompiledExpr::run(int i, LeafValues& leaves) {
  Node& x = nodes_[static_cast<std::size_t>(i)];
  const auto operand = [&](int k) -> Node& { return nodes_[static_cast<std::size_t>(k)]; };
  if (x.op == Op::Leaf) {
    bool stable = true;
    const Value* v = x.value ? x.value : leaves.leaf(*x.expr, stable);
    if (!v || v->v.index() != x.kind) return false;
    if (x.relation) x.r = &v->as<rel::Relation>();
    else x.s = &v->as<rel::EventSet>();
    return true;
  }
  x.r = &x.rel;
  x.s = &x.set;
  switch (x.op) {
    case Op::Union:
    case Op::Inter:
    case Op::Diff: {
      if (!run(x.a, leaves) || !run(x.b, leaves)) return false;
      const Node& a = operand(x.a);
      const Node& b = operand(x.b);
      if (x.relation) combine(x.op, a.r->row(0), b.r->row(0), x.rel.row(0), n_ * x.rel.rowWords());
      else combine(x.op, a.s->words(), b.s->words(), x.set.words(), x.set.wordCount());
      return true;
    }
    case Op::Compose: {
      // The right operand first: an empty one spares the left (as in the interpreter).
      if (!run(x.b, leaves)) return false;
      const rel::Relation& right = *operand(x.b).r;
      if (right.empty()) {
        x.rel = right;
        return true;
      }
      if (!run(x.a, leaves)) return false;
      operand(x.a).r->composeInto(right, x.rel);
      return true;
    }
    case Op::Restrict:
      if (!run(x.b, leaves) || (x.a >= 0 && !run(x.a, leaves)) || (x.c >= 0 && !run(x.c, leaves))) return false;
      operand(x.b).r->restrictInto(x.a >= 0 ? *operand(x.a).s : all_, x.c >= 0 ? *operand(x.c).s : all_, x.rel);
      return true;
    case Op::Cart:
      if (!run(x.a, leaves) || !run(x.b, leaves)) return false;
      x.rel = rel::Relation::product(*operand(x.a).s, *operand(x.b).s);
      return true;
    case Op::ToId:
      if (!run(x.a, leaves)) return false;
      x.rel = rel::Relation::identityOn(*operand(x.a).s);
      return true;
    case Op::Complement:
      if (!run(x.a, leaves)) return false;
      if (x.relation) x.rel = operand(x.a).r->complement();
      else x.set = operand(x.a).s->complement();
      return true;
    default: break;
  }
  // Inverse and closures: of a transitive name (a choice of coherence orders), `+` is the
  // name itself; of another name, the evaluator's kept one.
  if (!run(x.a, leaves)) return false;
  const Node& a = operand(x.a);
  const bool named = a.op == Op::Leaf && a.slot >= 0;
  if (named && x.op == Op::Plus && leaves.transitive(a.slot)) {
    x.r = a.r;
    return true;
  }
  if (named && x.op != Op::Opt)
    if (const rel::Relation* kept = leaves.closure(*x.expr)) {
      x.r = kept;
      return true;
    }
  switch (x.op) {
    case Op::Inverse: x.rel = a.r->inverse(); break;
    case Op::Plus: x.rel = a.r->transitiveClosure(); break;
    case Op::Star: x.rel = a.r->reflexiveTransitiveClosure(); break;
    default: x.rel = a.r->reflexive(); break;
  }
  return true;
}

}  // namespace mcm::cat
