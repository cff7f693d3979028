#include "exec/symbolic.hpp"

#include <cstdint>

namespace mcm::exec {

using litmus::BinOp;

std::optional<Val> applyBinary(BinOp op, Val a, Val b) {
  if (op == BinOp::Eq) return Val::integer(a == b ? 1 : 0);
  if (op == BinOp::Ne) return Val::integer(a == b ? 0 : 1);
  if (a.isSym() || b.isSym()) {
    // Address arithmetic: only `x + 0` and `x - 0` (e.g. `x + (r & 0)`) are meaningful.
    if ((op == BinOp::Add || op == BinOp::Sub) && a.isSym() && !b.isSym() && b.n == 0) return a;
    if (op == BinOp::Add && b.isSym() && !a.isSym() && a.n == 0) return b;
    return std::nullopt;
  }
  // Wrap-around through uint32_t: herd's arithmetic is Int32.
  const std::uint32_t x = static_cast<std::uint32_t>(a.n), y = static_cast<std::uint32_t>(b.n);
  auto wrap = [](std::uint32_t v) { return Val::integer(static_cast<std::int32_t>(v)); };
  switch (op) {
    case BinOp::Add: return wrap(x + y);
    case BinOp::Sub: return wrap(x - y);
    case BinOp::Mul: return wrap(x * y);
    case BinOp::Div:
      if (b.n == 0) return std::nullopt;
      if (a.n == INT32_MIN && b.n == -1) return Val::integer(INT32_MIN);
      return Val::integer(a.n / b.n);
    case BinOp::BitAnd: return wrap(x & y);
    case BinOp::BitOr: return wrap(x | y);
    case BinOp::BitXor: return wrap(x ^ y);
    case BinOp::AndNot: return wrap(x & ~y);
    case BinOp::Lt: return Val::integer(a.n < b.n);
    case BinOp::Gt: return Val::integer(a.n > b.n);
    case BinOp::Le: return Val::integer(a.n <= b.n);
    case BinOp::Ge: return Val::integer(a.n >= b.n);
    case BinOp::Eq:
    case BinOp::Ne: break;
  }
  return std::nullopt;
}

int NodePool::constant(Val v) {
  Node n;
  n.kind = Node::Kind::Const;
  n.value = v;
  nodes_.push_back(n);
  return static_cast<int>(nodes_.size()) - 1;
}

int NodePool::variable(VarId v) {
  Node n;
  n.kind = Node::Kind::Var;
  n.var = v;
  nodes_.push_back(n);
  return static_cast<int>(nodes_.size()) - 1;
}

int NodePool::binary(BinOp op, int lhs, int rhs) {
  if (isConstant(lhs) && isConstant(rhs)) {
    if (auto v = applyBinary(op, nodes_[lhs].value, nodes_[rhs].value)) return constant(*v);
  }
  nextHerdNumber();
  Node n;
  n.kind = Node::Kind::Binary;
  n.op = op;
  n.lhs = lhs;
  n.rhs = rhs;
  nodes_.push_back(n);
  return static_cast<int>(nodes_.size()) - 1;
}

std::optional<Val> NodePool::eval(int id, const std::vector<Val>& values, const std::vector<char>& known) const {
  const Node& n = nodes_[id];
  switch (n.kind) {
    case Node::Kind::Const: return n.value;
    case Node::Kind::Var:
      if (!known[n.var]) return std::nullopt;
      return values[n.var];
    case Node::Kind::Binary: {
      auto a = eval(n.lhs, values, known);
      if (!a) return std::nullopt;
      auto b = eval(n.rhs, values, known);
      if (!b) return std::nullopt;
      return applyBinary(n.op, *a, *b);
    }
  }
  return std::nullopt;
}

}  // namespace mcm::exec
