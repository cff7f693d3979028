#pragma once
// Text renderings of the litmus AST.
//   renderCanonical: what `mcm parse` prints; one line per header field, init item
//     and statement, statements re-printed in normalised C (binary operands that
//     are themselves binary are parenthesised, so the tree shape is visible).
//   renderCondition / renderProp: herd7's exact re-printing of the final condition
//     (`exists (0:r0=0 /\ [x]=1)`, `not (A)` for `!=` and `~`, recomputed parentheses).
#include <string>
#include <string_view>

#include "litmus/ast.hpp"

namespace mcm::litmus {

std::string renderCanonical(const Test& test);
// The test as C litmus text that parses back to the same test (statements in
// normalised C; header lines other than the doc string are left out).
std::string renderLitmus(const Test& test);
std::string renderInitItem(const InitItem& item);  // `int x = 1;`, `0:r1 = &y;`
std::string renderParam(const Param& param);       // `int *x`

std::string renderCondition(const Condition& condition);
std::string renderProp(const Prop& prop);
std::string renderLocation(const Location& loc);  // herd style: `0:r1` or `[x]`

std::string renderType(const Type& type);  // C spelling: "int *", "volatile int"
std::string_view binOpText(BinOp op);  // C spelling: "+", "&~", "=="
std::string renderExpr(const Expr& expr);
// One statement per line, each line prefixed by `indent`.
std::string renderStmt(const Stmt& stmt, const std::string& indent);

}  // namespace mcm::litmus
