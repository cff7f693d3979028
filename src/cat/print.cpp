#include "cat/print.hpp"

namespace mcm::cat {
namespace {

// Binding strength as the parser has it, loosest first: | ++ ; \ & * (cartesian).
int precedence(const Expr& e) {
  if (e.kind == ExprKind::Unary) return e.unop == UnOp::Comp ? 8 : 9;
  if (e.kind != ExprKind::Binary) return 10;
  switch (e.binop) {
    case BinOp::Union: return 1;
    case BinOp::Add: return 2;
    case BinOp::Seq: return 3;
    case BinOp::Diff: return 4;
    case BinOp::Inter: return 5;
    case BinOp::Cart: return 6;
  }
  return 10;
}

std::string operand(const Expr& e, int above) {
  std::string s = printExpr(e);
  return precedence(e) <= above ? "(" + s + ")" : s;
}

}  // namespace

std::string printExpr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Var:
    case ExprKind::Tag: return e.kind == ExprKind::Tag ? "'" + e.name : e.name;
    case ExprKind::Empty: return "0";
    case ExprKind::Universe: return "_";
    case ExprKind::Unary: {
      const Expr& a = *e.args[0];
      switch (e.unop) {
        case UnOp::ToId: return "[" + printExpr(a) + "]";
        case UnOp::Comp: return "~" + operand(a, 8);
        case UnOp::Star: return operand(a, 9) + "*";
        case UnOp::Plus: return operand(a, 9) + "+";
        case UnOp::Opt: return operand(a, 9) + "?";
        case UnOp::Inv: return operand(a, 9) + "^-1";
      }
      break;
    }
    case ExprKind::Binary: {
      static const char* const ops[] = {" | ", " & ", " \\ ", " ; ", " * ", " ++ "};
      const int p = precedence(e);
      // | ; & are associative; \ groups to the left; ++ and * to the right.
      const bool leftTight = e.binop == BinOp::Add || e.binop == BinOp::Cart;
      const bool rightTight = e.binop == BinOp::Diff;
      return operand(*e.args[0], leftTight ? p : p - 1) + ops[static_cast<int>(e.binop)] +
             operand(*e.args[1], rightTight ? p : p - 1);
    }
    case ExprKind::App: return operand(*e.args[0], 9) + "(" + printExpr(*e.args[1]) + ")";
    case ExprKind::Tuple: {
      std::string s = "(";
      for (std::size_t i = 0; i < e.args.size(); ++i) s += (i ? ", " : "") + printExpr(*e.args[i]);
      return s + ")";
    }
    case ExprKind::ExplicitSet: {
      std::string s = "{";
      for (std::size_t i = 0; i < e.args.size(); ++i) s += (i ? ", " : "") + printExpr(*e.args[i]);
      return s + "}";
    }
    default: break;
  }
  return "(...)";
}

}  // namespace mcm::cat
