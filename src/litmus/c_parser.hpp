#pragma once
// Recursive-descent parser for herd's C dialect: the statements and expressions
// of thread bodies, also used for .def macro bodies (macros/). Works on a Lexer
// in Code mode; primitives `__name{tags}(args)` parse to Prim nodes.
#include <vector>

#include "litmus/ast.hpp"
#include "litmus/lexer.hpp"

namespace mcm::litmus {

class CParser {
 public:
  explicit CParser(Lexer& lexer) : lx_(lexer) {}

  StmtPtr parseStatement();
  // Statements up to (and consuming) the `}` that closes a block whose `{` was consumed.
  std::vector<StmtPtr> parseBlockRest();
  ExprPtr parseExpr();
  std::vector<ExprPtr> parseArgs();  // `( e, ... )`
  Type parseType();                  // type words and stars, e.g. `volatile int *`

  bool atTypeStart();  // does a type begin at the next token?

 private:
  StmtPtr parseStatementInner();
  ExprPtr parseBinary(int level);
  ExprPtr parseUnary();
  ExprPtr parsePrimary();
  ExprPtr parsePrimExpr(const Token& name);
  StmtPtr parsePrimStmt(const Token& name);
  std::vector<std::string> parseTags();
  BinOp parseOperatorArg();

  struct DepthGuard;  // bounds recursion so hostile input cannot overflow the stack
  Lexer& lx_;
  int depth_ = 0;
};

}  // namespace mcm::litmus
