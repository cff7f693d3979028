#include "litmus/c_parser.hpp"

#include <array>
#include <optional>
#include <string_view>

#include <fmt/format.h>

namespace mcm::litmus {

namespace {

constexpr int kMaxDepth = 200;

// herd's C lexer knows a fixed list of type names; we accept a few more C spellings.
constexpr std::array<std::string_view, 27> kTypeWords = {
    "int",        "char",     "long",     "short",    "void",     "unsigned",    "signed",
    "intptr_t",   "uintptr_t", "int8_t",  "int16_t",  "int32_t",  "int64_t",     "uint8_t",
    "uint16_t",   "uint32_t", "uint64_t", "__int128", "atomic_t", "spinlock_t",  "mtx_t",
    "atomic_int", "srcu_struct", "volatile", "const", "_Atomic",  "struct"};

bool isTypeWord(const Token& t) {
  if (t.kind != Token::Kind::Ident) return false;
  for (auto w : kTypeWords)
    if (t.text == w) return true;
  return false;
}

std::optional<PrimExpr> exprPrim(std::string_view name) {
  if (name == "__load") return PrimExpr::Load;
  if (name == "__xchg") return PrimExpr::Xchg;
  if (name == "__cmpxchg") return PrimExpr::Cmpxchg;
  if (name == "__atomic_op_return") return PrimExpr::AtomicOpReturn;
  if (name == "__atomic_fetch_op") return PrimExpr::AtomicFetchOp;
  if (name == "__atomic_add_unless") return PrimExpr::AtomicAddUnless;
  if (name == "__trylock") return PrimExpr::Trylock;
  if (name == "__islocked") return PrimExpr::Islocked;
  if (name == "__srcu") return PrimExpr::Srcu;
  return std::nullopt;
}

std::optional<PrimStmt> stmtPrim(std::string_view name) {
  if (name == "__store") return PrimStmt::Store;
  if (name == "__fence") return PrimStmt::Fence;
  if (name == "__lock") return PrimStmt::Lock;
  if (name == "__unlock") return PrimStmt::Unlock;
  if (name == "__atomic_op") return PrimStmt::AtomicOp;
  if (name == "__srcu") return PrimStmt::Srcu;
  return std::nullopt;
}

bool takesOperator(PrimExpr p) { return p == PrimExpr::AtomicOpReturn || p == PrimExpr::AtomicFetchOp; }

// Binary operator levels, loosest first.
struct OpLevel {
  std::array<std::pair<std::string_view, BinOp>, 4> ops;
  int count;
};
constexpr std::array<OpLevel, 7> kLevels = {{
    {{{{"|", BinOp::BitOr}}}, 1},
    {{{{"^", BinOp::BitXor}}}, 1},
    {{{{"&", BinOp::BitAnd}}}, 1},
    {{{{"==", BinOp::Eq}, {"!=", BinOp::Ne}}}, 2},
    {{{{"<", BinOp::Lt}, {">", BinOp::Gt}, {"<=", BinOp::Le}, {">=", BinOp::Ge}}}, 4},
    {{{{"+", BinOp::Add}, {"-", BinOp::Sub}}}, 2},
    {{{{"*", BinOp::Mul}, {"/", BinOp::Div}}}, 2},
}};

}  // namespace

struct CParser::DepthGuard {
  CParser& p;
  DepthGuard(CParser& parser, const Token& at) : p(parser) {
    if (++p.depth_ > kMaxDepth) p.lx_.fail(at.pos, "nesting too deep");
  }
  ~DepthGuard() { --p.depth_; }
};

bool CParser::atTypeStart() { return isTypeWord(lx_.peek()); }

Type CParser::parseType() {
  Type type;
  std::string base;
  auto append = [&](std::string_view word) {
    if (!base.empty()) base += ' ';
    base += word;
  };
  while (isTypeWord(lx_.peek())) {
    Token word = lx_.next();
    if (word.text == "volatile") {
      type.isVolatile = true;
    } else if (word.text == "struct") {
      append("struct");
      append(lx_.expectIdent("a struct name").text);
    } else {
      append(word.text);
    }
  }
  if (base.empty()) lx_.failAt(lx_.peek(), "a type");
  type.base = std::move(base);
  while (lx_.peek().is("*")) {
    lx_.next();
    ++type.pointers;
  }
  return type;
}

std::vector<std::string> CParser::parseTags() {
  // Tags may contain '-' (`{after-unlock-lock}`): take the raw text between the braces.
  Token open = lx_.expect("{");
  while (!lx_.peek().is("}")) {
    if (lx_.peek().kind == Token::Kind::End || lx_.peek().is("{")) lx_.failAt(lx_.peek(), "'}' closing the tags");
    lx_.next();
  }
  Token close = lx_.next();
  std::string_view raw = lx_.source().substr(open.offset + 1, close.offset - open.offset - 1);
  std::vector<std::string> tags;
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t comma = raw.find(',', start);
    if (comma == std::string_view::npos) comma = raw.size();
    std::string_view tag = raw.substr(start, comma - start);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (!tag.empty()) tags.emplace_back(tag);
    start = comma + 1;
  }
  return tags;
}

BinOp CParser::parseOperatorArg() {
  Token t = lx_.next();
  if (t.is("+")) return BinOp::Add;
  if (t.is("-")) return BinOp::Sub;
  if (t.is("|")) return BinOp::BitOr;
  if (t.is("^")) return BinOp::BitXor;
  if (t.is("&")) {
    if (lx_.peek().is("~")) {
      lx_.next();
      return BinOp::AndNot;
    }
    return BinOp::BitAnd;
  }
  lx_.failAt(t, "an operator (+, -, &, |, ^ or &~)");
}

std::vector<ExprPtr> CParser::parseArgs() {
  lx_.expect("(");
  std::vector<ExprPtr> args;
  if (lx_.peek().is(")")) {
    lx_.next();
    return args;
  }
  while (true) {
    args.push_back(parseExpr());
    if (lx_.peek().is(")")) break;
    if (!lx_.peek().is(",")) lx_.failAt(lx_.peek(), "',' or ')'");
    lx_.next();
  }
  lx_.next();
  return args;
}

ExprPtr CParser::parseExpr() { return parseBinary(0); }

ExprPtr CParser::parseBinary(int level) {
  if (level == static_cast<int>(kLevels.size())) return parseUnary();
  ExprPtr left = parseBinary(level + 1);
  const OpLevel& ops = kLevels[level];
  // Each operator of a chain deepens the (left-leaning) tree: count it against the
  // nesting bound so that printing and destroying the tree cannot overflow the stack.
  int chain = 0;
  while (true) {
    const Token& t = lx_.peek();
    const BinOp* found = nullptr;
    if (t.kind == Token::Kind::Punct)
      for (int i = 0; i < ops.count; ++i)
        if (t.text == ops.ops[i].first) found = &ops.ops[i].second;
    if (!found) {
      depth_ -= chain;
      return left;
    }
    ++chain;
    if (++depth_ > kMaxDepth) lx_.fail(t.pos, "nesting too deep");
    auto e = std::make_shared<Expr>();
    e->kind = Expr::Kind::Binary;
    e->pos = t.pos;
    e->op = *found;
    lx_.next();
    e->args = {left, parseBinary(level + 1)};
    left = e;
  }
}

ExprPtr CParser::parseUnary() {
  const Token& t = lx_.peek();
  DepthGuard guard(*this, t);
  if (t.is("*")) {
    auto e = std::make_shared<Expr>();
    e->kind = Expr::Kind::Deref;
    e->pos = lx_.next().pos;
    e->args = {parseUnary()};
    return e;
  }
  if (t.is("-") && lx_.peek2().kind == Token::Kind::Int) {  // a negative constant, as herd's `-1` token
    auto e = std::make_shared<Expr>();
    e->kind = Expr::Kind::Int;
    e->pos = lx_.next().pos;
    e->value = lx_.intValue(lx_.next(), true);
    return e;
  }
  if (t.is("-")) {  // -e is 0 - e
    SourcePos pos = lx_.next().pos;
    ExprPtr operand = parseUnary();
    auto zero = std::make_shared<Expr>();
    zero->pos = pos;
    auto e = std::make_shared<Expr>();
    e->pos = pos;
    e->kind = Expr::Kind::Binary;
    e->op = BinOp::Sub;
    e->args = {zero, operand};
    return e;
  }
  if (t.is("(") && isTypeWord(lx_.peek2())) {
    auto e = std::make_shared<Expr>();
    e->kind = Expr::Kind::Cast;
    e->pos = lx_.next().pos;
    e->type = parseType();
    lx_.expect(")");
    e->args = {parseUnary()};
    return e;
  }
  return parsePrimary();
}

ExprPtr CParser::parsePrimary() {
  Token t = lx_.next();
  if (t.is("(")) {
    ExprPtr inner = parseExpr();
    lx_.expect(")");
    return inner;
  }
  auto e = std::make_shared<Expr>();
  e->pos = t.pos;
  if (t.kind == Token::Kind::Int) {
    e->kind = Expr::Kind::Int;
    e->value = lx_.intValue(t, false);
    return e;
  }
  if (t.kind != Token::Kind::Ident || isTypeWord(t)) lx_.failAt(t, "an expression");
  if (auto prim = exprPrim(t.text)) return parsePrimExpr(t);
  if (stmtPrim(t.text)) lx_.fail(t.pos, fmt::format("statement primitive {} used as a value", t.text));
  e->name = std::string(t.text);
  if (lx_.peek().is("(")) {
    e->kind = Expr::Kind::Call;
    e->args = parseArgs();
  } else {
    e->kind = Expr::Kind::Name;
  }
  return e;
}

ExprPtr CParser::parsePrimExpr(const Token& name) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::Prim;
  e->pos = name.pos;
  e->name = std::string(name.text);
  e->prim = *exprPrim(name.text);
  if (lx_.peek().is("{")) e->tags = parseTags();
  if (takesOperator(e->prim)) {
    lx_.expect("(");
    ExprPtr loc = parseExpr();
    lx_.expect(",");
    e->op = parseOperatorArg();
    lx_.expect(",");
    ExprPtr value = parseExpr();
    lx_.expect(")");
    e->args = {loc, value};
  } else {
    e->args = parseArgs();
  }
  return e;
}

StmtPtr CParser::parsePrimStmt(const Token& name) {
  auto s = std::make_shared<Stmt>();
  s->kind = Stmt::Kind::Prim;
  s->pos = name.pos;
  s->name = std::string(name.text);
  s->prim = *stmtPrim(name.text);
  if (lx_.peek().is("{")) s->tags = parseTags();
  if (s->prim == PrimStmt::AtomicOp) {
    lx_.expect("(");
    s->args.push_back(parseExpr());
    lx_.expect(",");
    s->op = parseOperatorArg();
    lx_.expect(",");
    s->args.push_back(parseExpr());
    lx_.expect(")");
  } else if (lx_.peek().is("(")) {
    s->args = parseArgs();
  }
  lx_.expect(";");
  return s;
}

std::vector<StmtPtr> CParser::parseBlockRest() {
  std::vector<StmtPtr> body;
  while (!lx_.peek().is("}")) {
    if (lx_.peek().kind == Token::Kind::End) lx_.failAt(lx_.peek(), "'}'");
    body.push_back(parseStatement());
  }
  lx_.next();
  return body;
}

StmtPtr CParser::parseStatement() {
  DepthGuard guard(*this, lx_.peek());
  return parseStatementInner();
}

StmtPtr CParser::parseStatementInner() {
  const Token t = lx_.peek();
  auto s = std::make_shared<Stmt>();
  s->pos = t.pos;
  if (t.is("{")) {
    lx_.next();
    s->kind = Stmt::Kind::Block;
    s->body = parseBlockRest();
    return s;
  }
  if (t.is(";")) {  // empty statement
    lx_.next();
    s->kind = Stmt::Kind::Block;
    return s;
  }
  if (t.isWord("if") || t.isWord("while")) {
    lx_.next();
    s->kind = t.isWord("if") ? Stmt::Kind::If : Stmt::Kind::While;
    lx_.expect("(");
    s->expr = parseExpr();
    lx_.expect(")");
    s->body.push_back(parseStatement());
    if (s->kind == Stmt::Kind::If && lx_.peek().isWord("else")) {
      lx_.next();
      s->body.push_back(parseStatement());
    }
    return s;
  }
  for (auto word : {"else", "for", "do", "return", "switch", "goto", "break", "continue", "case"})
    if (t.isWord(word)) lx_.fail(t.pos, fmt::format("unsupported statement '{}'", word));
  if (isTypeWord(t)) {
    s->kind = Stmt::Kind::Decl;
    s->type = parseType();
    s->name = std::string(lx_.expectIdent("a variable name").text);
    if (lx_.peek().is("=")) {
      lx_.next();
      s->expr = parseExpr();
    }
    lx_.expect(";");
    return s;
  }
  if (t.is("*")) {
    lx_.next();
    s->kind = Stmt::Kind::Store;
    s->target = parseUnary();
    lx_.expect("=");
    s->expr = parseExpr();
    lx_.expect(";");
    return s;
  }
  if (t.kind == Token::Kind::Ident) {
    if (stmtPrim(t.text)) return parsePrimStmt(lx_.next());
    if (!exprPrim(t.text)) {
      const Token& after = lx_.peek2();
      if (after.is("(")) {
        lx_.next();
        s->kind = Stmt::Kind::Call;
        s->name = std::string(t.text);
        s->args = parseArgs();
        lx_.expect(";");
        return s;
      }
      if (after.is("=")) {
        lx_.next();
        lx_.next();
        s->kind = Stmt::Kind::Assign;
        s->name = std::string(t.text);
        s->expr = parseExpr();
        lx_.expect(";");
        return s;
      }
    }
  }
  if (t.kind == Token::Kind::End) lx_.failAt(t, "a statement");
  s->kind = Stmt::Kind::ExprStmt;
  s->expr = parseExpr();
  lx_.expect(";");
  return s;
}

}  // namespace mcm::litmus
