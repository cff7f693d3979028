#pragma once
// A loaded model: the flattened statement list (includes expanded, each file
// once) with every name resolved to a global slot, a local or a primitive.
// Private to the cat layer.
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "cat/ast.hpp"
#include "cat/emptiness.hpp"
#include "cat/model.hpp"

namespace mcm::cat {

enum class BaseKind { Set, Relation };

class Model {
 public:
  std::string title;
  std::vector<StmtList> files;             // owns the syntax trees
  std::vector<const Stmt*> stmts;          // top-level statements in execution order
  std::vector<std::vector<int>> stmtReads;  // per statement: global slots it may read
  std::vector<std::vector<int>> stmtBinds;  // per statement: global slots it binds
  std::vector<std::string> slotNames;      // per global slot
  std::map<std::string, std::pair<int, BaseKind>> baseSlots;  // base names the engine supplies
  std::map<std::string, int> finalSlots;   // name -> slot bound at the end of the model
  int valuesSlot = -1;  // read by different-values/same-values: stands for Environment::values
  std::vector<std::string> idNames;        // interned local names
  std::size_t exprCount = 0;               // expression nodes numbered (Expr::id < exprCount)
  // Per global `let rec` of values (not functions): its largest operand subexpressions that read
  // none of the names it binds and no locals, so a fixpoint evaluates them once (see
  // findFixpointOperands).
  std::unordered_map<const Stmt*, std::vector<const Expr*>> fixpointOperands;
  // Set once one evaluation of the model has run all its lets (a branch reached the end of
  // the model, no check failing before): from then on, evaluators skip
  // the lets no check reads (the errors a let can raise, wrong kinds or unbounded
  // recursion, do not depend on the candidate, and the first run reported them).
  mutable std::atomic<bool> ranEveryLet{false};
  // What the evaluator's emptiness analysis found for a (non-recursive) let, by the facts of
  // the slots it consulted: event structures alike in those facts get the same answer
  // without walking the definition again (evaluator.cpp, foldEmpty).
  struct FoldMemo {
    std::vector<std::pair<int, EmptinessFact>> inputs;
    std::vector<EmptinessFact> result;
  };
  mutable std::mutex foldMemoMutex;
  mutable std::vector<std::vector<FoldMemo>> foldMemo;  // per statement
  // sharedPrefix(other, *this) answers already computed, by the other model.
  mutable std::mutex sharedPrefixMutex;
  mutable std::vector<std::pair<std::weak_ptr<const Model>, std::size_t>> sharedPrefixes;
};

// True when every binding of a `let rec` is a function (a group of recursive functions, not a
// fixpoint of values).
inline bool allFunctions(const std::vector<Binding>& bs) {
  for (const auto& b : bs)
    if (b.expr->kind != ExprKind::Fun || b.pat.tuple) return false;
  return true;
}

// Numbers every expression node of m's statements (Expr::id), for what evaluators keep per node.
void numberExpressions(Model& m);
// Fills m.fixpointOperands once the names are resolved.
void findFixpointOperands(Model& m);
// The largest operand subexpressions of a fixpoint's definitions (bodies) that read none of the
// names it binds (recSlots) and no locals: the same in every round.
std::vector<const Expr*> invariantOperands(const std::vector<const Expr*>& bodies, const std::vector<int>& recSlots);

}  // namespace mcm::cat
