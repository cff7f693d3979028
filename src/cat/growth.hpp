#pragma once
// How a cat expression's value changes between a lower state and any state above it: in the
// lower state some relations hold part of their final value (a `with` variable such as co
// bound to edges every choice contains; rf while its choices are being made) and some hold
// none of it (FW before the final writes are chosen). The value stays the same (Fixed), can
// only be contained in its value above (Grows), or is in no way known (Unknown). A check
// whose expression Grows (acyclic, irreflexive, empty) can only fail more above: one that
// fails in the lower state fails in every state above it, which lets the evaluator drop
// whole groups of coherence orders (choice_search.hpp) and the engine whole groups of rf
// choices.
#include <functional>
#include <unordered_map>

#include "cat/ast.hpp"

namespace mcm::cat {

enum class Growth { Fixed, Grows, Unknown };  // ordered: the join of two is the larger

struct GrowthContext {
  // The growth of a global slot (Fixed for the slots nothing changes).
  std::function<Growth(int slot)> slotGrowth;
  // Whether a global slot is empty in the lower state (FW there): an intersection, sequence
  // or product with it is empty there, so contained in its value above, whatever it is.
  std::function<bool(int slot)> emptyBelow = [](int) { return false; };
  // Whether an expression is empty in every state (emptiness.hpp): an intersection, sequence
  // or product with it is empty, whatever the other operand.
  std::function<bool(const Expr&)> knownEmpty = [](const Expr&) { return false; };
  // What a global slot is defined as (a non-recursive let of one name), or nullptr: lets
  // `a \ b` grow with `a` when b is defined as `a & S` with S fixed (co \ coi, fr \ fri), and
  // lets a `with` set be followed through the functions it calls.
  std::function<const Expr*(int slot)> definitionOf = [](int) { return nullptr; };
};

// Conservative: binders, calls of defined functions, complements, set insertion and the
// right operand of a difference are Unknown as soon as they read a slot that changes.
Growth growthOf(const Expr& e, const GrowthContext& context);

// Whether an expression is empty in the lower state, as it reads a slot empty there through
// intersections, sequences, products, inverses and closures `+`.
bool emptyBelow(const Expr& e, const GrowthContext& context);

// Whether the choices of a `with` set above are among its choices in the lower state: a set
// that does not change, or the total orders extending a relation that grows
// (`orders-per-location(S, r)` or `linearisations(S, r)` with S fixed, through the
// functions that call them: cross.cat's generate_cos). Each choice above then contains the
// relation's value in the lower state.
bool choicesNarrow(const Expr& set, const GrowthContext& context);

}  // namespace mcm::cat
