#pragma once
// Symbolic values of herd's C semantics.
//
// A thread is executed before any read value is known: each memory read yields
// a fresh variable, and every value computed from it is a node of an
// expression graph shared by all threads of a test. Candidate executions then
// give the variables their values through rf (see solver.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "litmus/ast.hpp"

namespace mcm::exec {

// A concrete value: a 32-bit integer or the address of a location (a symbol).
struct Val {
  enum class Kind : std::uint8_t { Int, Sym };
  Kind kind = Kind::Int;
  std::int32_t n = 0;  // the integer, or the symbol's id in the location table
  friend bool operator==(const Val&, const Val&) = default;
  static Val integer(std::int32_t v) { return {Kind::Int, v}; }
  static Val symbol(int id) { return {Kind::Sym, id}; }
  bool isSym() const { return kind == Kind::Sym; }
};

// Applies a binary operator as herd does: 32-bit two's complement arithmetic,
// comparisons giving 1/0, and `symbol + 0` / `symbol - 0` staying the symbol.
// Returns nullopt when the operation is undefined (arithmetic on an address,
// division by zero).
std::optional<Val> applyBinary(litmus::BinOp op, Val a, Val b);

// Read variables are numbered densely over the whole test.
using VarId = int;

struct Node {
  enum class Kind : std::uint8_t { Const, Var, Binary };
  Kind kind = Kind::Const;
  litmus::BinOp op = litmus::BinOp::Add;
  Val value;          // Const
  VarId var = -1;     // Var
  int lhs = -1, rhs = -1;  // Binary operands (node ids)
};

// The expression graph. Nodes are immutable and referred to by id.
class NodePool {
 public:
  int constant(Val v);
  int variable(VarId v);
  // Folds when both operands are constants (herd computes determined values at once).
  // Throws nothing: an undefined folded operation is kept symbolic and fails at solving.
  int binary(litmus::BinOp op, int lhs, int rhs);
  VarId freshVar() { return numVars_++; }
  // herd numbers its symbolic variables S1, S2, ... per test, in evaluation
  // order: one per register read, memory read and operation on a non-constant.
  // An unsolved value prints as the highest-numbered variable of its class.
  int nextHerdNumber() { return ++herdNumbers_; }
  int numVars() const { return numVars_; }
  const Node& operator[](int id) const { return nodes_[id]; }
  bool isConstant(int id) const { return nodes_[id].kind == Node::Kind::Const; }

  // The value of `id` given the known variables (known[v] says whether values[v] is set).
  std::optional<Val> eval(int id, const std::vector<Val>& values, const std::vector<char>& known) const;

 private:
  std::vector<Node> nodes_;
  int numVars_ = 0;
  int herdNumbers_ = 0;
};

}  // namespace mcm::exec
