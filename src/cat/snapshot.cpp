// A loaded model as bytes (support/bytes.hpp): every field of the syntax trees and of the
// resolution, in the order the structs declare them.
#include "cat/model.hpp"
#include "cat/program.hpp"
#include "support/bytes.hpp"

namespace mcm::cat {

namespace {

class Writer {
 public:
  ByteWriter w;

  void ref(const NameRef& r) {
    w.u(r.kind);
    w.i(r.slot);
    w.u(static_cast<std::uint64_t>(r.builtin));
  }
  void pattern(const Pattern& p) {
    w.strs(p.names);
    w.u(p.tuple);
    w.ints(p.ids);
  }
  void bindings(const std::vector<Binding>& bs) {
    w.u(bs.size());
    for (const auto& b : bs) {
      w.pos(b.pos);
      pattern(b.pat);
      expr(*b.expr);
      w.ints(b.slots);
    }
  }
  void expr(const Expr& e) {
    w.u(static_cast<std::uint64_t>(e.kind));
    w.pos(e.pos);
    w.str(e.name);
    ref(e.ref);
    w.u(static_cast<std::uint64_t>(e.unop));
    w.u(static_cast<std::uint64_t>(e.binop));
    w.u(static_cast<std::uint64_t>(e.cond));
    w.u(e.tryFallback);
    w.u(e.args.size());
    for (const auto& a : e.args) expr(*a);
    w.u(e.detail != nullptr);
    if (!e.detail) return;
    const ExprDetail& d = *e.detail;
    pattern(d.param);
    w.str(d.file);
    bindings(d.bindings);
    w.str(d.eltName);
    w.str(d.restName);
    w.i(d.eltId);
    w.i(d.restId);
    w.strs(d.tagCases);
    w.u(d.hasDefault);
  }
  void stmts(const StmtList& list) {
    w.u(list.size());
    for (const auto& s : list) stmt(*s);
  }
  void stmt(const Stmt& s) {
    w.u(static_cast<std::uint64_t>(s.kind));
    w.pos(s.pos);
    w.str(s.file);
    w.u(s.rec);
    bindings(s.bindings);
    w.u(s.flag);
    w.u(s.negated);
    w.u(static_cast<std::uint64_t>(s.check));
    w.u(s.expr != nullptr);
    if (s.expr) expr(*s.expr);
    w.str(s.name);
    w.pos(s.namePos);
    w.i(s.slot);
    w.strs(s.tags);
    w.ints(s.tagSlots);
    pattern(s.param);
    stmts(s.body);
    stmts(s.elseBody);
    w.u(s.merges.size());
    for (const auto& m : s.merges)
      for (int x : m) w.i(x);
    ref(s.callee);
  }

};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : r(bytes) {}
  ByteReader r;
  std::size_t exprCount = 0;  // expressions read so far: each is numbered as it is read (Expr::id)

  NameRef ref() {
    NameRef n;
    n.kind = r.en<NameRef::Kind>();
    n.slot = r.small();
    n.builtin = r.en<Builtin>();
    return n;
  }
  Pattern pattern() {
    Pattern p;
    p.names = r.strs();
    p.tuple = r.flag();
    p.ids = r.ints();
    return p;
  }
  std::vector<Binding> bindings() {
    std::vector<Binding> bs(r.count());
    for (auto& b : bs) {
      b.pos = r.pos();
      b.pat = pattern();
      b.expr = expr();
      b.slots = r.ints();
    }
    return bs;
  }
  ExprPtr expr() {
    const auto nested = r.nest();
    auto e = std::make_unique<Expr>();
    e->id = static_cast<int>(exprCount++);
    e->kind = r.en<ExprKind>();
    e->pos = r.pos();
    e->name = r.str();
    e->ref = ref();
    e->unop = r.en<UnOp>();
    e->binop = r.en<BinOp>();
    e->cond = r.en<CondKind>();
    e->tryFallback = r.flag();
    e->args.resize(r.count());
    for (auto& a : e->args) a = expr();
    if (r.flag()) {
      ExprDetail& d = e->detailToFill();
      d.param = pattern();
      d.file = r.str();
      d.bindings = bindings();
      d.eltName = r.str();
      d.restName = r.str();
      d.eltId = r.small();
      d.restId = r.small();
      d.tagCases = r.strs();
      d.hasDefault = r.flag();
    }
    return e;
  }
  StmtList stmts() {
    StmtList list(r.count());
    for (auto& s : list) s = stmt();
    return list;
  }
  std::unique_ptr<Stmt> stmt() {
    const auto nested = r.nest();
    auto s = std::make_unique<Stmt>();
    s->kind = r.en<StmtKind>();
    s->pos = r.pos();
    s->file = r.str();
    s->rec = r.flag();
    s->bindings = bindings();
    s->flag = r.flag();
    s->negated = r.flag();
    s->check = r.en<CheckKind>();
    if (r.flag()) s->expr = expr();
    s->name = r.str();
    s->namePos = r.pos();
    s->slot = r.small();
    s->tags = r.strs();
    s->tagSlots = r.ints();
    s->param = pattern();
    s->body = stmts();
    s->elseBody = stmts();
    s->merges.resize(r.count());
    for (auto& m : s->merges)
      for (int& x : m) x = r.small();
    s->callee = ref();
    return s;
  }
};

}  // namespace

std::string saveModel(const Model& m) {
  Writer out;
  ByteWriter& w = out.w;
  w.str(m.title);
  w.u(m.files.size());
  for (const auto& f : m.files) out.stmts(f);
  // The statements in execution order, each as (file, index in that file).
  w.u(m.stmts.size());
  for (const Stmt* s : m.stmts)
    for (std::size_t f = 0; f < m.files.size(); ++f)
      for (std::size_t k = 0; k < m.files[f].size(); ++k)
        if (m.files[f][k].get() == s) {
          w.u(f);
          w.u(k);
        }
  for (const auto* table : {&m.stmtReads, &m.stmtBinds}) {
    w.u(table->size());
    for (const auto& v : *table) w.ints(v);
  }
  w.strs(m.slotNames);
  w.u(m.baseSlots.size());
  for (const auto& [name, slot] : m.baseSlots) {
    w.str(name);
    w.i(slot.first);
    w.u(static_cast<std::uint64_t>(slot.second));
  }
  w.u(m.finalSlots.size());
  for (const auto& [name, slot] : m.finalSlots) {
    w.str(name);
    w.i(slot);
  }
  w.i(m.valuesSlot);
  w.strs(m.idNames);
  w.u(m.ranEveryLet.load());
  return w.finish();
}

std::shared_ptr<const Model> restoreModel(std::string_view bytes) {
  Reader in(bytes);
  ByteReader& r = in.r;
  auto m = std::make_unique<Model>();
  m->title = r.str();
  m->files.resize(r.count());
  for (auto& f : m->files) f = in.stmts();
  m->stmts.resize(r.count());
  for (auto& s : m->stmts) {
    const std::uint64_t f = r.u(), k = r.u();
    if (f >= m->files.size() || k >= m->files[f].size()) ByteReader::bad();
    s = m->files[f][k].get();
  }
  for (auto* table : {&m->stmtReads, &m->stmtBinds}) {
    table->resize(r.count());
    for (auto& v : *table) v = r.ints();
  }
  m->slotNames = r.strs();
  for (std::size_t n = r.count(); n > 0; --n) {
    const std::string& name = r.str();
    const int slot = r.small();
    m->baseSlots[name] = {slot, r.en<BaseKind>()};
  }
  for (std::size_t n = r.count(); n > 0; --n) {
    const std::string& name = r.str();
    m->finalSlots[name] = r.small();
  }
  m->valuesSlot = r.small();
  m->idNames = r.strs();
  m->ranEveryLet = r.flag();
  if (!r.done() || m->stmtReads.size() != m->stmts.size() || m->stmtBinds.size() != m->stmts.size()) ByteReader::bad();
  m->exprCount = in.exprCount;  // numbered as read
  findFixpointOperands(*m);
  return std::shared_ptr<const Model>(std::move(m));
}

}  // namespace mcm::cat
