#pragma once
// A definition rewritten for one event structure without its parts that are empty on every
// candidate there (emptiness.hpp): `memb-gp ; reach-order ; ...` in a test without
// sys_membarrier(), `(srcu-gp ; ...) & loc` without SRCU; and without its compositions
// with the identity, its compositions from a relation of few rows taken first, and its calls
// of functions of operators in line. What such a part reads is no longer
// read (the LKMM's membarrier links are then skipped per candidate), and a fixpoint's rounds
// evaluate only the terms left. The value is the same; only names, constants, operators and
// calls of one-parameter functions of those are rewritten, any other expression is kept whole.
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "cat/ast.hpp"
#include "cat/emptiness.hpp"

namespace mcm::cat {

class DeadTermPruner {
 public:
  // slotFact: what is known of a global slot. emptySlot: a slot holding the empty value of a
  // kind (EventSet or Relation) on this structure. sharedValue: the value of an operator node
  // that is the same for every candidate (computed once), or nullptr. From it the pruner knows
  // the node exactly: empty (`W * (R & W)` without RMW), the identity on every event (`i ; r`
  // and `r ; i` are then r: the LKMM's [Marked] when every access is marked, rmw-sequence
  // without RMW), or a relation of few rows (`a ; (x ; y)` is then computed as `(a ; x) ; y`,
  // both compositions over those rows).
  DeadTermPruner(std::function<EmptinessFact(int slot)> slotFact, std::function<int(ValueKind)> emptySlot,
                 std::function<const Value*(const Expr&)> sharedValue)
      : slotFact_(std::move(slotFact)), emptySlot_(std::move(emptySlot)), sharedValue_(std::move(sharedValue)) {}

  // e without its empty parts: e itself (or the part of it that is left) when no node needs
  // rewriting, else a tree this pruner owns. The fact of the result goes to `fact` if given.
  const Expr& prune(const Expr& e, EmptinessFact* fact = nullptr);

  // For a fixpoint's definition: a union some of whose terms read none of its names (recSlots)
  // with those terms grouped first, so that their union is one operand the same in every round
  // (the LKMM's rcu-gp | rcu-gp ; rcu-link ; rcu-rscsi | ...). e itself otherwise.
  const Expr& invariantFirst(const Expr& e, const std::vector<int>& recSlots);

 private:
  std::pair<const Expr&, EmptinessFact> pruned(const Expr& e);
  const Expr& emptyOf(const Expr& at, ValueKind kind);
  const Expr* rebuilt(const Expr& at, const std::vector<const Expr*>& args);
  const Expr* inlined(const Expr& call);
  bool identity(const Expr& e) const;
  bool narrow(const Expr& e) const;

  std::function<EmptinessFact(int)> slotFact_;
  std::function<int(ValueKind)> emptySlot_;
  std::function<const Value*(const Expr&)> sharedValue_;
  std::vector<ExprPtr> owned_;
};

// The global slots e reads, when it holds only names, constants and operators (else nullopt:
// calls and binders may read more, through the functions they reach).
std::optional<std::vector<int>> operatorReads(const Expr& e);

}  // namespace mcm::cat
