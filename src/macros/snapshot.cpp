// A macro table as bytes (support/bytes.hpp): every field of each macro and of its syntax
// tree, in the order the structs declare them.
#include "macros/macros.hpp"
#include "support/bytes.hpp"

namespace mcm::macros {

namespace {

using litmus::Expr;
using litmus::ExprPtr;
using litmus::Stmt;
using litmus::StmtPtr;
using litmus::Type;

class Writer {
 public:
  ByteWriter w;

  void type(const Type& t) {
    w.str(t.base);
    w.i(t.pointers);
    w.u(t.isVolatile);
  }
  void expr(const ExprPtr& e) {
    w.u(e != nullptr);
    if (!e) return;
    w.u(static_cast<std::uint64_t>(e->kind));
    w.pos(e->pos);
    w.i(e->value);
    w.str(e->name);
    type(e->type);
    w.u(static_cast<std::uint64_t>(e->op));
    w.u(static_cast<std::uint64_t>(e->prim));
    w.strs(e->tags);
    exprs(e->args);
  }
  void exprs(const std::vector<ExprPtr>& es) {
    w.u(es.size());
    for (const auto& e : es) expr(e);
  }
  void stmts(const std::vector<StmtPtr>& ss) {
    w.u(ss.size());
    for (const auto& s : ss) {
      w.u(static_cast<std::uint64_t>(s->kind));
      w.pos(s->pos);
      type(s->type);
      w.str(s->name);
      expr(s->target);
      expr(s->expr);
      exprs(s->args);
      w.u(static_cast<std::uint64_t>(s->prim));
      w.u(static_cast<std::uint64_t>(s->op));
      w.strs(s->tags);
      stmts(s->body);
    }
  }
  void macro(const Macro& m) {
    w.str(m.name);
    w.strs(m.params);
    w.pos(m.pos);
    w.u(m.isStatement);
    expr(m.expr);
    stmts(m.body);
  }
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : r(bytes) {}
  ByteReader r;

  Type type() {
    Type t;
    t.base = r.str();
    t.pointers = r.small();
    t.isVolatile = r.flag();
    return t;
  }
  ExprPtr expr() {
    if (!r.flag()) return nullptr;
    const auto nested = r.nest();
    auto e = std::make_shared<Expr>();
    e->kind = r.en<Expr::Kind>();
    e->pos = r.pos();
    e->value = r.i();
    e->name = r.str();
    e->type = type();
    e->op = r.en<litmus::BinOp>();
    e->prim = r.en<litmus::PrimExpr>();
    e->tags = r.strs();
    e->args = exprs();
    return e;
  }
  std::vector<ExprPtr> exprs() {
    std::vector<ExprPtr> es(r.count());
    for (auto& e : es) e = expr();
    return es;
  }
  std::vector<StmtPtr> stmts() {
    std::vector<StmtPtr> ss(r.count());
    const auto nested = r.nest();
    for (auto& slot : ss) {
      auto s = std::make_shared<Stmt>();
      s->kind = r.en<Stmt::Kind>();
      s->pos = r.pos();
      s->type = type();
      s->name = r.str();
      s->target = expr();
      s->expr = expr();
      s->args = exprs();
      s->prim = r.en<litmus::PrimStmt>();
      s->op = r.en<litmus::BinOp>();
      s->tags = r.strs();
      s->body = stmts();
      slot = std::move(s);
    }
    return ss;
  }
  Macro macro() {
    Macro m;
    m.name = r.str();
    m.params = r.strs();
    m.pos = r.pos();
    m.isStatement = r.flag();
    m.expr = expr();
    m.body = stmts();
    return m;
  }
};

}  // namespace

// Each macro is its name, then its definition as a part the reader may skip.
std::string saveMacros(const MacroTable& table) {
  Writer out;
  for (const auto* kind : {&table.statements(), &table.expressions()}) {
    out.w.u(kind->size());
    for (const auto& entry : *kind) {
      out.w.str(entry.first);
      out.w.skippable([&] { out.macro(entry.second); });
    }
  }
  return out.w.finish();
}

// The names are read now, each definition when the table is first asked for it (the
// reader, shared by them, is used under the table's lock). A definition must read to the
// end of its part and carry its name.
MacroTable restoreMacros(std::string_view bytes, const std::string& path) {
  auto in = std::make_shared<Reader>(bytes);
  MacroTable table;
  for (bool statement : {true, false})
    for (std::size_t n = in->r.count(); n > 0; --n) {
      const std::string name = in->r.str();
      const std::size_t at = in->r.skip(), end = in->r.position();
      table.addDeferred(statement, name, [in, at, end, name, statement] {
        in->r.seek(at);
        Macro m = in->macro();
        if (in->r.position() != end || m.name != name || m.isStatement != statement) ByteReader::bad();
        return m;
      }, path);
    }
  if (!in->r.done()) ByteReader::bad();
  return table;
}

}  // namespace mcm::macros
