#pragma once
// How a cat expression's value changes when one relation (a `with` variable, such as co)
// grows: not at all, only by growing, or in no way known. A check whose expression only
// grows with co (acyclic, irreflexive, empty) can only fail more as co gains edges, so a
// check that fails on part of co fails on all of it: the evaluator drops whole groups of
// coherence orders that way (choice_search.hpp).
#include <functional>

#include "cat/ast.hpp"

namespace mcm::cat {

enum class Growth { Fixed, Grows, Unknown };  // ordered: the join of two is the larger

// `slotGrowth`: the growth of a global slot (Fixed for slots the variable does not reach).
// `knownEmpty`: whether an expression is empty on every candidate (emptiness.hpp): an
// intersection, sequence or product with it is empty, whatever the other operand.
// Conservative: binders, calls of defined functions, complements, set insertion and the
// right operand of a difference are Unknown as soon as they read a slot that changes.
Growth growthOf(const Expr& e, const std::function<Growth(int slot)>& slotGrowth,
                const std::function<bool(const Expr&)>& knownEmpty);

}  // namespace mcm::cat
