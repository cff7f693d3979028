#include "cat/parser.hpp"

#include <set>

#include "cat/lexer.hpp"

namespace mcm::cat {

namespace {

const std::set<std::string, std::less<>> kModelOptions = {"withco", "withoutco", "withinit", "withoutinit",
                                                          "withsc", "withoutsc", "catdep"};

class Parser {
 public:
  Parser(std::vector<Token> toks, const std::string& file) : t_(std::move(toks)), file_(file) {}

  ParsedFile file() {
    ParsedFile out;
    if (at(Tok::String)) {
      out.title = take().text;
    } else if (at(Tok::Ident)) {
      out.title = take().text;
      if (at(Tok::String) || (at(Tok::Ident) && !kModelOptions.count(cur().text))) out.title = take().text;
    }
    while (at(Tok::Ident) && kModelOptions.count(cur().text)) take();
    while (!at(Tok::End)) out.stmts.push_back(stmt());
    return out;
  }

 private:
  // ---- token helpers ----
  const Token& cur() const { return t_[i_]; }
  const Token& ahead(std::size_t k) const { return t_[std::min(i_ + k, t_.size() - 1)]; }
  bool at(Tok k) const { return cur().kind == k; }
  Token take() { return t_[i_ < t_.size() - 1 ? i_++ : i_]; }
  bool accept(Tok k) {
    if (!at(k)) return false;
    take();
    return true;
  }
  [[noreturn]] void fail(const std::string& expected) {
    throw Diagnostic(file_, cur().pos, "syntax error: expected " + expected + ", found " + describe(cur()));
  }
  Token expect(Tok k, const std::string& what) {
    if (!at(k)) fail(what);
    return take();
  }
  std::string ident(const std::string& what = "a name") { return expect(Tok::Ident, what).text; }

  // Bounds the parser's recursion (and so the depth of every syntax tree).
  static constexpr int kMaxNesting = 3000;
  struct Nest {
    Parser& p;
    explicit Nest(Parser& parser) : p(parser) {
      if (++p.nesting_ > kMaxNesting) {
        p.nesting_ = 0;
        throw Diagnostic(p.file_, p.cur().pos, "expression nested too deeply");
      }
    }
    ~Nest() { --p.nesting_; }
  };

  ExprPtr node(ExprKind k, SourcePos p) {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->pos = p;
    if (k == ExprKind::Fun) e->detailToFill().file = file_;
    return e;
  }

  // ---- statements ----
  std::unique_ptr<Stmt> newStmt(StmtKind k, SourcePos p) {
    auto s = std::make_unique<Stmt>();
    s->kind = k;
    s->pos = p;
    s->file = file_;
    return s;
  }

  bool atCheck() const {
    std::size_t k = 0;
    if (ahead(k).kind == Tok::Flag) ++k;
    if (ahead(k).kind == Tok::Tilde) ++k;
    Tok c = ahead(k).kind;
    return c == Tok::Acyclic || c == Tok::Irreflexive || c == Tok::Empty;
  }

  std::unique_ptr<Stmt> stmt() {
    SourcePos p = cur().pos;
    if (at(Tok::Let)) {
      take();
      auto s = newStmt(StmtKind::Let, p);
      s->rec = accept(Tok::Rec);
      s->bindings = bindings();
      accept(Tok::In);
      return s;
    }
    if (atCheck()) return check();
    if (accept(Tok::With)) {
      auto s = newStmt(StmtKind::With, p);
      s->namePos = cur().pos;
      s->name = ident();
      expect(Tok::From, "'from'");
      s->expr = expr();
      return s;
    }
    if (at(Tok::Show) || at(Tok::Unshow)) {
      bool show = take().kind == Tok::Show;
      auto s = newStmt(StmtKind::Show, p);
      if (show && !isVarList()) {  // show EXPR as NAME
        s->expr = base();
        expect(Tok::As, "'as'");
        s->name = ident();
        return s;
      }
      s->negated = !show;  // unshow
      do s->tags.push_back(ident());  // the names drawn in pictures
      while (accept(Tok::Comma));
      return s;
    }
    if (accept(Tok::Include)) {
      auto s = newStmt(StmtKind::Include, p);
      s->name = expect(Tok::String, "a file name string").text;
      return s;
    }
    if (accept(Tok::Enum)) {
      auto s = newStmt(StmtKind::Enum, p);
      s->namePos = cur().pos;
      s->name = ident();
      expect(Tok::Equal, "'='");
      accept(Tok::BarBar);
      do {
        s->tags.push_back(expect(Tok::Tag, "a tag").text);
      } while (accept(Tok::BarBar));
      return s;
    }
    if (at(Tok::Instructions) || at(Tok::Default)) {
      take();
      auto s = newStmt(StmtKind::Instructions, p);
      s->namePos = cur().pos;
      s->name = ident();
      auto set = node(ExprKind::ExplicitSet, expect(Tok::LBracket, "'['").pos);
      if (!at(Tok::RBracket)) {
        do set->args.push_back(base());
        while (accept(Tok::Comma));
      }
      expect(Tok::RBracket, "']'");
      s->expr = std::move(set);
      return s;
    }
    if (accept(Tok::Procedure)) {
      auto s = newStmt(StmtKind::Procedure, p);
      accept(Tok::Rec);
      s->namePos = cur().pos;
      s->name = ident();
      s->param = at(Tok::LParen) ? formals() : Pattern{{pat0()}, false, {}};
      expect(Tok::Equal, "'='");
      while (!at(Tok::End_)) {
        if (at(Tok::End)) fail("'end'");
        s->body.push_back(stmt());
      }
      take();
      return s;
    }
    if (at(Tok::If) && ahead(1).kind == Tok::Variant) {  // if variant "v" ... [else ...] end
      take();
      take();
      auto s = newStmt(StmtKind::IfVariant, p);
      s->name = expect(Tok::String, "a variant name string").text;
      StmtList* into = &s->body;
      for (;;) {
        if (at(Tok::End)) fail("'end'");
        if (accept(Tok::End_)) break;
        if (into == &s->body && accept(Tok::Else)) {
          into = &s->elseBody;
          continue;
        }
        into->push_back(stmt());
      }
      return s;
    }
    if (accept(Tok::Forall)) {
      auto s = newStmt(StmtKind::Forall, p);
      s->namePos = cur().pos;
      s->name = ident();
      s->param.names = {s->name};
      expect(Tok::In, "'in'");
      s->expr = expr();
      expect(Tok::Do, "'do'");
      while (!at(Tok::End_)) {
        if (at(Tok::End)) fail("'end'");
        s->body.push_back(stmt());
      }
      take();
      return s;
    }
    if (accept(Tok::Call)) {
      auto s = newStmt(StmtKind::Call, p);
      s->namePos = cur().pos;
      s->name = ident();
      s->expr = simple();
      if (accept(Tok::As)) ident();
      return s;
    }
    fail("a statement (let, include, a check, with, show, enum, ...)");
  }

  bool isVarList() const {  // `show a, b, c` (names only) versus `show EXPR as NAME`
    std::size_t k = 0;
    for (;;) {
      if (ahead(k).kind != Tok::Ident) return false;
      Tok n = ahead(k + 1).kind;
      if (n != Tok::Comma) return n != Tok::As && !startsArg(n) && !isOperator(n);
      k += 2;
    }
  }

  static bool isOperator(Tok k) {
    switch (k) {
      case Tok::Bar: case Tok::Amp: case Tok::Backslash: case Tok::Semi: case Tok::Star:
      case Tok::Plus: case Tok::Question: case Tok::Inverse: case Tok::PlusPlus:
        return true;
      default:
        return false;
    }
  }

  std::unique_ptr<Stmt> check() {
    auto s = newStmt(StmtKind::Check, cur().pos);
    s->flag = accept(Tok::Flag);
    s->negated = accept(Tok::Tilde);
    Tok k = take().kind;
    s->check = k == Tok::Acyclic ? CheckKind::Acyclic : k == Tok::Irreflexive ? CheckKind::Irreflexive : CheckKind::Empty;
    s->expr = expr();
    if (accept(Tok::As)) {
      s->namePos = cur().pos;
      s->name = ident();
    }
    return s;
  }

  // ---- bindings and patterns ----
  std::string pat0() {
    if (accept(Tok::Underscore)) return "";
    return ident("a parameter name");
  }

  Pattern formals() {  // ( [pat0 {, pat0}] )
    expect(Tok::LParen, "'('");
    Pattern p;
    p.tuple = true;
    if (!at(Tok::RParen)) {
      do p.names.push_back(pat0());
      while (accept(Tok::Comma));
    }
    expect(Tok::RParen, "')'");
    if (p.names.size() == 1) p.tuple = false;
    return p;
  }

  std::vector<Binding> bindings() {
    std::vector<Binding> out;
    do out.push_back(binding());
    while (accept(Tok::And));
    return out;
  }

  Binding binding() {
    Binding b;
    b.pos = cur().pos;
    if (at(Tok::LParen)) {
      b.pat = formals();
      expect(Tok::Equal, "'='");
      b.expr = expr();
      return b;
    }
    std::string name = ident();
    b.pat.names = {name};
    if (accept(Tok::Equal)) {
      b.expr = expr();
      return b;
    }
    auto fn = node(ExprKind::Fun, b.pos);
    fn->name = name;
    fn->detailToFill().param = at(Tok::LParen) ? formals() : Pattern{{pat0()}, false, {}};
    expect(Tok::Equal, "'='");
    fn->args.push_back(expr());
    b.expr = std::move(fn);
    return b;
  }

  // ---- expressions ----
  ExprPtr expr() {
    Nest nest(*this);
    SourcePos p = cur().pos;
    if (accept(Tok::Let)) {
      bool rec = accept(Tok::Rec);
      auto e = node(rec ? ExprKind::LetRec : ExprKind::Let, p);
      e->detailToFill().bindings = bindings();
      expect(Tok::In, "'in'");
      e->args.push_back(expr());
      return e;
    }
    if (accept(Tok::Fun)) {
      auto e = node(ExprKind::Fun, p);
      e->name = "*fun*";
      e->detailToFill().param = at(Tok::LParen) ? formals() : Pattern{{pat0()}, false, {}};
      expect(Tok::Arrow, "'->'");
      e->args.push_back(expr());
      return e;
    }
    if (accept(Tok::Try)) {
      auto e = node(ExprKind::Try, p);
      e->args.push_back(expr());
      expect(Tok::With, "'with'");
      e->args.push_back(expr());
      return e;
    }
    if (accept(Tok::If)) return ifExpr(p);
    if (accept(Tok::Match)) return match(p);
    auto first = base();
    if (!at(Tok::Comma)) return first;
    auto t = node(ExprKind::Tuple, p);
    t->args.push_back(std::move(first));
    while (accept(Tok::Comma)) t->args.push_back(base());
    return t;
  }

  ExprPtr ifExpr(SourcePos p) {
    auto e = node(ExprKind::If, p);
    if (at(Tok::String) || at(Tok::Variant)) {
      accept(Tok::Variant);
      e->cond = CondKind::Variant;
      e->name = expect(Tok::String, "a variant name string").text;
    } else {
      e->args.push_back(base());
      if (accept(Tok::Equal)) e->cond = CondKind::Equal;
      else if (accept(Tok::Subset)) e->cond = CondKind::Subset;
      else if (accept(Tok::In)) e->cond = CondKind::In;
      else fail("'=', 'subset' or 'in'");
      e->args.push_back(base());
    }
    expect(Tok::Then, "'then'");
    e->args.push_back(expr());
    expect(Tok::Else, "'else'");
    e->args.push_back(expr());
    return e;
  }

  ExprPtr match(SourcePos p) {
    auto scrutinee = expr();
    expect(Tok::With, "'with'");
    accept(Tok::BarBar);
    if (at(Tok::Tag) || at(Tok::Underscore)) {
      auto e = node(ExprKind::MatchTag, p);
      e->args.push_back(std::move(scrutinee));
      for (;;) {
        if (accept(Tok::Underscore)) {
          expect(Tok::Arrow, "'->'");
          e->args.push_back(expr());
          e->detailToFill().hasDefault = true;
          break;
        }
        e->detailToFill().tagCases.push_back(expect(Tok::Tag, "a tag or '_'").text);
        expect(Tok::Arrow, "'->'");
        e->args.push_back(expr());
        if (!accept(Tok::BarBar)) break;
      }
      expect(Tok::End_, "'end'");
      return e;
    }
    auto e = node(ExprKind::MatchSet, p);
    e->args.resize(3);
    e->args[0] = std::move(scrutinee);
    for (int clause = 0; clause < 2; ++clause) {
      if (clause == 1) expect(Tok::BarBar, "'||'");
      if (at(Tok::LBrace)) {
        if (e->args[1]) fail("an element clause 'x ++ s -> ...'");
        take();
        expect(Tok::RBrace, "'}'");
        expect(Tok::Arrow, "'->'");
        e->args[1] = expr();
      } else {
        if (e->args[2]) fail("an empty-set clause '{} -> ...'");
        e->detailToFill().eltName = pat0();
        expect(Tok::PlusPlus, "'++'");
        e->detailToFill().restName = pat0();
        expect(Tok::Arrow, "'->'");
        e->args[2] = expr();
      }
    }
    expect(Tok::End_, "'end'");
    return e;
  }

  // Binary operators by increasing precedence; all right-associative but `\`.
  ExprPtr base() { return unionExpr(); }

  ExprPtr binary(BinOp op, SourcePos p, ExprPtr l, ExprPtr r) {
    auto e = node(ExprKind::Binary, p);
    e->binop = op;
    e->args.push_back(std::move(l));
    e->args.push_back(std::move(r));
    return e;
  }

  ExprPtr unionExpr() {
    Nest nest(*this);
    auto l = addExpr();
    if (at(Tok::Bar)) {
      SourcePos p = take().pos;
      return binary(BinOp::Union, p, std::move(l), unionExpr());
    }
    return l;
  }
  ExprPtr addExpr() {
    Nest nest(*this);
    auto l = seqExpr();
    if (at(Tok::PlusPlus)) {
      SourcePos p = take().pos;
      return binary(BinOp::Add, p, std::move(l), addExpr());
    }
    return l;
  }
  ExprPtr seqExpr() {
    Nest nest(*this);
    auto l = diffExpr();
    if (at(Tok::Semi)) {
      SourcePos p = take().pos;
      return binary(BinOp::Seq, p, std::move(l), seqExpr());
    }
    return l;
  }
  ExprPtr diffExpr() {
    auto l = interExpr();
    while (at(Tok::Backslash)) {
      SourcePos p = take().pos;
      l = binary(BinOp::Diff, p, std::move(l), interExpr());
    }
    return l;
  }
  ExprPtr interExpr() {
    Nest nest(*this);
    auto l = productExpr();
    if (at(Tok::Amp)) {
      SourcePos p = take().pos;
      return binary(BinOp::Inter, p, std::move(l), interExpr());
    }
    return l;
  }
  ExprPtr productExpr() {
    auto l = prefixExpr();
    if (at(Tok::Star) && startsArg(ahead(1).kind)) {
      SourcePos p = take().pos;
      return binary(BinOp::Cart, p, std::move(l), prefixExpr());
    }
    return l;
  }
  ExprPtr prefixExpr() {
    Nest nest(*this);
    if (at(Tok::Tilde)) {
      auto e = node(ExprKind::Unary, take().pos);
      e->unop = UnOp::Comp;
      e->args.push_back(prefixExpr());
      return e;
    }
    return postfixExpr();
  }
  ExprPtr postfixExpr() {
    auto e = application();
    for (;;) {
      UnOp op;
      if (at(Tok::Star) && !startsArg(ahead(1).kind)) op = UnOp::Star;
      else if (at(Tok::Plus)) op = UnOp::Plus;
      else if (at(Tok::Question)) op = UnOp::Opt;
      else if (at(Tok::Inverse)) op = UnOp::Inv;
      else return e;
      auto u = node(ExprKind::Unary, take().pos);
      u->unop = op;
      u->args.push_back(std::move(e));
      e = std::move(u);
    }
  }

  static bool startsArg(Tok k) {
    switch (k) {
      case Tok::Ident: case Tok::Zero: case Tok::Tag: case Tok::LBrace: case Tok::Underscore:
      case Tok::LParen: case Tok::Begin: case Tok::LBracket: case Tok::Tilde:
        return true;
      default:
        return false;
    }
  }

  ExprPtr application() {
    if (!at(Tok::Ident)) return simple();
    auto fn = node(ExprKind::Var, cur().pos);
    fn->name = take().text;
    ExprPtr e = std::move(fn);
    while (startsArg(cur().kind) && !at(Tok::Tilde)) {
      auto app = node(ExprKind::App, e->pos);
      ExprPtr arg;
      if (at(Tok::Ident)) {
        arg = node(ExprKind::Var, cur().pos);
        arg->name = take().text;
      } else {
        arg = simple();
      }
      app->args.push_back(std::move(e));
      app->args.push_back(std::move(arg));
      e = std::move(app);
    }
    return e;
  }

  ExprPtr simple() {
    SourcePos p = cur().pos;
    switch (cur().kind) {
      case Tok::Zero:
        take();
        return node(ExprKind::Empty, p);
      case Tok::Underscore:
        take();
        return node(ExprKind::Universe, p);
      case Tok::Tag: {
        auto e = node(ExprKind::Tag, p);
        e->name = take().text;
        return e;
      }
      case Tok::Ident: {
        auto e = node(ExprKind::Var, p);
        e->name = take().text;
        return e;
      }
      case Tok::LBrace: {
        take();
        if (accept(Tok::RBrace)) return node(ExprKind::Empty, p);
        auto e = node(ExprKind::ExplicitSet, p);
        do e->args.push_back(base());
        while (accept(Tok::Comma));
        expect(Tok::RBrace, "'}' or ','");
        return e;
      }
      case Tok::LParen: {
        take();
        if (accept(Tok::RParen)) return node(ExprKind::Tuple, p);
        auto e = expr();
        expect(Tok::RParen, "')'");
        return e;
      }
      case Tok::Begin: {
        take();
        auto e = expr();
        expect(Tok::End_, "'end'");
        return e;
      }
      case Tok::LBracket: {
        take();
        auto e = node(ExprKind::Unary, p);
        e->unop = UnOp::ToId;
        e->args.push_back(expr());
        expect(Tok::RBracket, "']'");
        return e;
      }
      default:
        fail("an expression");
    }
  }

  std::vector<Token> t_;
  const std::string& file_;
  std::size_t i_ = 0;
  int nesting_ = 0;
};

}  // namespace

ParsedFile parseCat(std::string_view text, const std::string& file) { return Parser(lex(text, file), file).file(); }

}  // namespace mcm::cat
