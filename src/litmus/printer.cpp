#include "litmus/printer.hpp"

#include <fmt/format.h>

namespace mcm::litmus {

std::string_view binOpText(BinOp op) {
  switch (op) {
    case BinOp::Add: return "+";
    case BinOp::Sub: return "-";
    case BinOp::Mul: return "*";
    case BinOp::Div: return "/";
    case BinOp::BitAnd: return "&";
    case BinOp::BitOr: return "|";
    case BinOp::BitXor: return "^";
    case BinOp::AndNot: return "&~";
    case BinOp::Eq: return "==";
    case BinOp::Ne: return "!=";
    case BinOp::Lt: return "<";
    case BinOp::Gt: return ">";
    case BinOp::Le: return "<=";
    case BinOp::Ge: return ">=";
  }
  return "?";
}

std::string renderType(const Type& type) {
  std::string out = type.isVolatile ? fmt::format("volatile {}", type.base) : type.base;
  if (type.pointers > 0) out += fmt::format(" {:*<{}}", "", type.pointers);
  return out;
}

namespace {

std::string joinTags(const std::vector<std::string>& tags) {
  if (tags.empty()) return "";
  std::string out = "{";
  for (std::size_t i = 0; i < tags.size(); ++i) out += (i ? "," : "") + tags[i];
  return out + "}";
}

const char* primName(PrimExpr p) {
  switch (p) {
    case PrimExpr::Load: return "__load";
    case PrimExpr::Xchg: return "__xchg";
    case PrimExpr::Cmpxchg: return "__cmpxchg";
    case PrimExpr::AtomicOpReturn: return "__atomic_op_return";
    case PrimExpr::AtomicFetchOp: return "__atomic_fetch_op";
    case PrimExpr::AtomicAddUnless: return "__atomic_add_unless";
    case PrimExpr::Trylock: return "__trylock";
    case PrimExpr::Islocked: return "__islocked";
    case PrimExpr::Srcu: return "__srcu";
  }
  return "?";
}

const char* primName(PrimStmt p) {
  switch (p) {
    case PrimStmt::Store: return "__store";
    case PrimStmt::Fence: return "__fence";
    case PrimStmt::Lock: return "__lock";
    case PrimStmt::Unlock: return "__unlock";
    case PrimStmt::AtomicOp: return "__atomic_op";
    case PrimStmt::Srcu: return "__srcu";
  }
  return "?";
}

// An operand of a unary or binary operator: parenthesised when it is itself binary.
std::string operand(const Expr& e) {
  std::string s = renderExpr(e);
  return e.kind == Expr::Kind::Binary ? "(" + s + ")" : s;
}

std::string argList(const std::vector<ExprPtr>& args, bool withOp, BinOp op) {
  std::string out = "(";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i) out += ", ";
    if (withOp && i == 1) out += std::string(binOpText(op)) + ", ";
    out += renderExpr(*args[i]);
  }
  return out + ")";
}

std::string renderValue(const Value& v) { return v.isSymbol ? v.symbol : std::to_string(v.number); }

// Priorities herd's printer uses (not its parser's): it parenthesises as if `=>`
// were loosest, then `\/`, then `/\`.
int propLevel(const Prop& p) {
  switch (p.kind) {
    case Prop::Kind::Implies: return 0;
    case Prop::Kind::Or: return 1;
    case Prop::Kind::And: return 2;
    default: return 3;
  }
}

std::string renderPropIn(const Prop& p, int parentLevel) {
  std::string s = renderProp(p);
  int level = propLevel(p);
  // `=>` inside `=>` is not parenthesised; `/\` inside `\/` neither (it binds tighter).
  bool paren = level < parentLevel;
  return paren ? "(" + s + ")" : s;
}

}  // namespace

std::string renderExpr(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Int: return std::to_string(e.value);
    case Expr::Kind::Name: return e.name;
    case Expr::Kind::Deref: return fmt::format("*{}", operand(*e.args[0]));
    case Expr::Kind::Cast: return fmt::format("({}){}", renderType(e.type), operand(*e.args[0]));
    case Expr::Kind::Binary:
      return operand(*e.args[0]) + " " + std::string(binOpText(e.op)) + " " + operand(*e.args[1]);
    case Expr::Kind::Call: return e.name + argList(e.args, false, e.op);
    case Expr::Kind::Prim:
      return primName(e.prim) + joinTags(e.tags) +
             argList(e.args, e.prim == PrimExpr::AtomicOpReturn || e.prim == PrimExpr::AtomicFetchOp, e.op);
  }
  return "?";
}

namespace {

std::string declarator(const Type& type, const std::string& name) {
  std::string t = renderType(type);
  return type.pointers > 0 ? t + name : t + " " + name;
}

// The statements of a braced body: a Block's children, or the single statement.
std::string renderBody(const Stmt& s, const std::string& indent) {
  if (s.kind != Stmt::Kind::Block) return renderStmt(s, indent);
  std::string out;
  for (const auto& child : s.body) out += renderStmt(*child, indent);
  return out;
}

}  // namespace

std::string renderStmt(const Stmt& s, const std::string& indent) {
  const std::string inner = indent + "  ";
  switch (s.kind) {
    case Stmt::Kind::Block: return indent + "{\n" + renderBody(s, inner) + indent + "}\n";
    case Stmt::Kind::Decl:
      return indent + declarator(s.type, s.name) + (s.expr ? " = " + renderExpr(*s.expr) : "") + ";\n";
    case Stmt::Kind::Assign: return indent + s.name + " = " + renderExpr(*s.expr) + ";\n";
    case Stmt::Kind::Store: return indent + "*" + operand(*s.target) + " = " + renderExpr(*s.expr) + ";\n";
    case Stmt::Kind::ExprStmt: return indent + renderExpr(*s.expr) + ";\n";
    case Stmt::Kind::Call: return indent + s.name + argList(s.args, false, s.op) + ";\n";
    case Stmt::Kind::If: {
      std::string out = indent + "if (" + renderExpr(*s.expr) + ") {\n" + renderBody(*s.body[0], inner);
      if (s.body.size() > 1) out += indent + "} else {\n" + renderBody(*s.body[1], inner);
      return out + indent + "}\n";
    }
    case Stmt::Kind::While:
      return indent + "while (" + renderExpr(*s.expr) + ") {\n" + renderBody(*s.body[0], inner) + indent + "}\n";
    case Stmt::Kind::Prim:
      return indent + primName(s.prim) + joinTags(s.tags) +
             (s.args.empty() && s.prim == PrimStmt::Fence ? "" : argList(s.args, s.prim == PrimStmt::AtomicOp, s.op)) +
             ";\n";
  }
  return indent + "?\n";
}

std::string renderLocation(const Location& loc) {
  return loc.isRegister() ? fmt::format("{}:{}", loc.thread, loc.name) : "[" + loc.name + "]";
}

std::string renderProp(const Prop& p) {
  switch (p.kind) {
    case Prop::Kind::True: return "true";
    case Prop::Kind::False: return "false";
    case Prop::Kind::Atom:
      return renderLocation(p.lhs) + "=" + (p.rhsLoc ? renderLocation(*p.rhsLoc) : renderValue(p.rhs));
    case Prop::Kind::Not: return "not (" + renderProp(*p.args[0]) + ")";
    case Prop::Kind::And:
    case Prop::Kind::Or:
    case Prop::Kind::Implies: {
      const char* sep = p.kind == Prop::Kind::And ? " /\\ " : p.kind == Prop::Kind::Or ? " \\/ " : " => ";
      int level = propLevel(p);
      std::string out;
      for (std::size_t i = 0; i < p.args.size(); ++i) {
        if (i) out += sep;
        const Prop& child = *p.args[i];
        // Same-kind children are flattened into this list (`=>` is never parenthesised in `=>`).
        out += child.kind == p.kind ? renderProp(child) : renderPropIn(child, level);
      }
      return out;
    }
  }
  return "?";
}

std::string renderCondition(const Condition& c) {
  // herd reads `final P` as `exists P`.
  const char* q = c.quantifier == Quantifier::NotExists ? "~exists"
                  : c.quantifier == Quantifier::Forall  ? "forall"
                                                        : "exists";
  return fmt::format("{} ({})", q, renderProp(*c.prop));
}

std::string renderInitItem(const InitItem& item) {
  std::string loc = item.loc.isRegister() ? fmt::format("{}:{}", item.loc.thread, item.loc.name) : item.loc.name;
  std::string out = item.type ? declarator(*item.type, loc) : loc;
  if (!item.hasValue) return out + ";";
  std::string value = renderValue(item.value);
  if (item.addressOf) value = "&" + value;
  if (item.atomicInit) value = "ATOMIC_INIT(" + value + ")";
  return out + " = " + value + ";";
}

std::string renderParam(const Param& param) { return declarator(param.type, param.name); }

std::string renderLitmus(const Test& test) {
  std::string out = fmt::format("{} {}\n", test.arch, test.name);
  if (!test.docString.empty()) out += fmt::format("\"{}\"\n", test.docString);
  out += "\n{\n";
  for (const auto& item : test.init) out += "\t" + renderInitItem(item) + "\n";
  out += "}\n";
  for (const auto& thread : test.threads) {
    out += fmt::format("\nP{}(", thread.index);
    for (std::size_t i = 0; i < thread.params.size(); ++i) out += (i ? ", " : "") + renderParam(thread.params[i]);
    out += ")\n{\n";
    for (const auto& stmt : thread.body) out += renderStmt(*stmt, "\t");
    out += "}\n";
  }
  if (!test.locations.empty()) {
    out += "\nlocations [";
    for (const auto& loc : test.locations) out += renderLocation(loc) + ";";
    out += "]";
  }
  if (test.filter) out += "\nfilter (" + renderProp(*test.filter) + ")";
  if (test.condition) out += "\n" + renderCondition(*test.condition);
  return out + "\n";
}

std::string renderCanonical(const Test& test) {
  std::string out = fmt::format("{} {}\n", test.arch, test.name);
  if (!test.docString.empty()) out += fmt::format("Doc: \"{}\"\n", test.docString);
  for (const auto& [key, value] : test.info) out += fmt::format("Info: {}={}\n", key, value);
  if (test.result) out += fmt::format("Result: {}\n", *test.result);
  if (test.init.empty()) {
    out += "Init: {}\n";
  } else {
    out += "Init:\n";
    for (const auto& item : test.init) out += "  " + renderInitItem(item) + "\n";
  }
  for (const auto& thread : test.threads) {
    out += fmt::format("P{}(", thread.index);
    for (std::size_t i = 0; i < thread.params.size(); ++i)
      out += (i ? ", " : "") + declarator(thread.params[i].type, thread.params[i].name);
    out += "):\n";
    for (const auto& stmt : thread.body) out += renderStmt(*stmt, "  ");
  }
  if (!test.locations.empty()) {
    out += "Locations:";
    for (const auto& loc : test.locations) out += fmt::format(" {}", renderLocation(loc));
    out += "\n";
  }
  if (test.filter) out += "Filter: " + renderProp(*test.filter) + "\n";
  out += "Condition: " + (test.condition ? renderCondition(*test.condition) : std::string("none")) + "\n";
  return out;
}

}  // namespace mcm::litmus
