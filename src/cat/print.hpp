#pragma once
// cat expressions printed back as cat text (for explanations: a check's
// relation, the label of an edge). Private to the cat layer.
#include <string>

#include "cat/ast.hpp"

namespace mcm::cat {

// `po ; [Mb] ; po`, `rf & ext`, `(prop \ id) & int`: operands are parenthesised
// only where cat's precedence needs it.
std::string printExpr(const Expr& e);

}  // namespace mcm::cat
