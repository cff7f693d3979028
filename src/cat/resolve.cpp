// Name resolution and static type checks of a loaded model: every name
// becomes a global slot, a local or a primitive; a set where a relation is
// required (or the reverse) is a positioned error when the types are known.
#include "cat/resolve.hpp"

#include <map>
#include <set>

namespace mcm::cat {

namespace {

// ---- static types ---------------------------------------------------------

enum class Ty { Unknown, Empty, Universe, Set, Rel, Event, Pair, Tag, Tuple, ValSet, Func };

struct Type {
  Ty ty = Ty::Unknown;
  Ty ret = Ty::Unknown;  // Func: type of its result
};

bool polymorphic(Ty t) { return t == Ty::Empty || t == Ty::Universe || t == Ty::Unknown; }
bool setLike(Ty t) { return t == Ty::Set || t == Ty::Event || polymorphic(t); }
bool relLike(Ty t) { return t == Ty::Rel || t == Ty::Pair || polymorphic(t); }
Ty normal(Ty t) { return t == Ty::Event ? Ty::Set : t == Ty::Pair ? Ty::Rel : t; }

const char* tyName(Ty t) {
  switch (t) {
    case Ty::Set: return "a set of events";
    case Ty::Rel: return "a relation";
    case Ty::Event: return "an event";
    case Ty::Pair: return "a pair of events";
    case Ty::Tag: return "a tag";
    case Ty::Tuple: return "a tuple";
    case Ty::ValSet: return "a set of values";
    case Ty::Func: return "a function";
    default: return "a value";
  }
}

struct PrimitiveInfo {
  Builtin which;
  Ty arg;  // Ty::Unknown: no check
  Ty ret;
};

const std::map<std::string, PrimitiveInfo>& primitives() {
  static const std::map<std::string, PrimitiveInfo> p = {
      {"domain", {Builtin::Domain, Ty::Rel, Ty::Set}},
      {"range", {Builtin::Range, Ty::Rel, Ty::Set}},
      {"linearisations", {Builtin::Linearisations, Ty::Tuple, Ty::ValSet}},
      {"cross", {Builtin::Cross, Ty::Unknown, Ty::ValSet}},
      {"classes-loc", {Builtin::ClassesLoc, Ty::Set, Ty::ValSet}},
      {"different-values", {Builtin::DifferentValues, Ty::Rel, Ty::Rel}},
      {"same-values", {Builtin::SameValues, Ty::Rel, Ty::Rel}},
      // map f s: the set of f x for every x of s (curried: `map f` is a function).
      {"map", {Builtin::Map, Ty::Unknown, Ty::Func}},
      // orders-per-location(s, pco): cross(co_locs(pco, partition(s))) of herd's cross.cat, built
      // directly (every candidate asks for its coherence orders).
      {"orders-per-location", {Builtin::OrdersPerLocation, Ty::Tuple, Ty::ValSet}},
  };
  return p;
}

const std::vector<std::pair<std::string, BaseKind>>& predefinedBases() {
  static const std::vector<std::pair<std::string, BaseKind>> b = {
      {"W", BaseKind::Set},    {"R", BaseKind::Set},    {"M", BaseKind::Set},    {"IW", BaseKind::Set},
      {"FW", BaseKind::Set},   {"B", BaseKind::Set},    {"RMW", BaseKind::Set},  {"F", BaseKind::Set},
      {"LKR", BaseKind::Set},  {"LKW", BaseKind::Set},  {"UL", BaseKind::Set},   {"LF", BaseKind::Set},
      {"RL", BaseKind::Set},   {"RU", BaseKind::Set},
      {"po", BaseKind::Relation},   {"addr", BaseKind::Relation}, {"data", BaseKind::Relation},
      {"ctrl", BaseKind::Relation}, {"rmw", BaseKind::Relation},  {"amo", BaseKind::Relation},
      {"id", BaseKind::Relation},   {"loc", BaseKind::Relation},  {"ext", BaseKind::Relation},
      {"int", BaseKind::Relation},  {"rf", BaseKind::Relation},
  };
  return b;
}

// herd's naming rule for the event set of an annotation tag: first letter upper-cased.
std::string tagSetName(const std::string& tag) {
  std::string s = tag;
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// ---- name resolution and type checking ------------------------------------

// The global slots a statement binds (a variant's bodies included).
std::vector<int> boundSlots(const Stmt& s) {
  std::vector<int> out;
  for (const auto& b : s.bindings) out.insert(out.end(), b.slots.begin(), b.slots.end());
  if (s.slot >= 0) out.push_back(s.slot);
  for (const auto* body : {&s.body, &s.elseBody})
    if (s.kind == StmtKind::IfVariant)
      for (const auto& st : *body) {
        auto inner = boundSlots(*st);
        out.insert(out.end(), inner.begin(), inner.end());
      }
  for (const auto& m : s.merges) out.push_back(m[0]);
  return out;
}

class Resolver {
 public:
  Resolver(Model& m, const std::vector<std::string>& architectureSets) : m_(m) {
    for (const auto& [name, kind] : predefinedBases()) addBase(name, kind);
    for (const auto& name : architectureSets) addBase(name, BaseKind::Set);
    m_.valuesSlot = newSlot("%values", Type{});  // not a name a model can write
  }

  void run() {
    m_.stmtReads.resize(m_.stmts.size());
    m_.stmtBinds.resize(m_.stmts.size());
    for (std::size_t i = 0; i < m_.stmts.size(); ++i) {
      reads_.clear();
      topStmt(const_cast<Stmt&>(*m_.stmts[i]));
      m_.stmtReads[i].assign(reads_.begin(), reads_.end());
      m_.stmtBinds[i] = boundSlots(*m_.stmts[i]);
    }
    for (const auto& [name, slot] : globals_) m_.finalSlots[name] = slot;
  }

 private:
  struct Local {
    std::string name;
    int id;
    Type type;
  };

  int addBase(const std::string& name, BaseKind kind) {
    auto it = m_.baseSlots.find(name);
    if (it != m_.baseSlots.end()) {
      globals_[name] = it->second.first;
      return it->second.first;
    }
    int slot = newSlot(name, Type{kind == BaseKind::Set ? Ty::Set : Ty::Rel});
    m_.baseSlots[name] = {slot, kind};
    return slot;
  }

  int newSlot(const std::string& name, Type t) {
    int slot = static_cast<int>(m_.slotNames.size());
    m_.slotNames.push_back(name);
    slotTypes_.push_back(t);
    globals_[name] = slot;
    return slot;
  }

  int intern(const std::string& name) {
    auto [it, fresh] = ids_.try_emplace(name, static_cast<int>(m_.idNames.size()));
    if (fresh) m_.idNames.push_back(name);
    return it->second;
  }

  [[noreturn]] void fail(SourcePos p, const std::string& msg) { throw Diagnostic(file_, p, msg); }

  void expectSet(const Expr& e, Type t, const std::string& what) {
    if (!setLike(t.ty)) fail(e.pos, what + " expects a set of events, found " + tyName(t.ty));
  }
  void expectRel(const Expr& e, Type t, const std::string& what) {
    if (!relLike(t.ty)) fail(e.pos, what + " expects a relation, found " + tyName(t.ty));
  }

  // -- statements --
  void topStmt(Stmt& s) {
    file_ = s.file;
    switch (s.kind) {
      case StmtKind::Let: {
        if (s.rec) {
          for (auto& b : s.bindings) {
            b.slots.clear();
            for (const auto& n : b.pat.names) b.slots.push_back(newSlot(n, Type{}));
          }
          for (auto& b : s.bindings) {
            Type t = expr(*b.expr);
            if (b.slots.size() == 1 && !b.pat.tuple) slotTypes_[b.slots[0]] = t;
          }
        } else {
          std::vector<Type> types;
          for (auto& b : s.bindings) types.push_back(expr(*b.expr));
          for (std::size_t i = 0; i < s.bindings.size(); ++i) {
            auto& b = s.bindings[i];
            b.slots.clear();
            for (const auto& n : b.pat.names)
              b.slots.push_back(newSlot(n, b.pat.tuple ? Type{} : types[i]));
          }
        }
        return;
      }
      case StmtKind::Check: {
        Type t = expr(*s.expr);
        if (s.check != CheckKind::Empty) expectRel(*s.expr, t, s.check == CheckKind::Acyclic ? "acyclic" : "irreflexive");
        return;
      }
      case StmtKind::With:
        expr(*s.expr);
        s.slot = newSlot(s.name, Type{});
        return;
      case StmtKind::Show:
        if (s.expr) expr(*s.expr);
        return;
      case StmtKind::Enum:
        s.tagSlots.clear();
        for (const auto& t : s.tags) {
          tags_.insert(t);
          s.tagSlots.push_back(addBase(tagSetName(t), BaseKind::Set));
        }
        s.slot = newSlot(s.name, Type{Ty::ValSet});
        return;
      case StmtKind::Instructions:
        expr(*s.expr);
        return;
      case StmtKind::Procedure: {
        std::set<int> outer;
        outer.swap(reads_);
        std::size_t mark = locals_.size();
        s.param.ids.clear();
        for (const auto& n : s.param.names) {
          s.param.ids.push_back(intern(n));
          locals_.push_back({n, s.param.ids.back(), {}});
        }
        for (auto& b : s.body) procStmt(*b);
        locals_.resize(mark);
        procReads_[s.name] = reads_;
        reads_.insert(outer.begin(), outer.end());
        s.slot = newSlot(s.name, Type{Ty::Func});
        return;
      }
      case StmtKind::Call:
        callStmt(s);
        return;
      case StmtKind::Forall:
        forallStmt(s);
        return;
      case StmtKind::IfVariant:
        ifVariant(s);
        return;
      case StmtKind::Include:
        return;
    }
  }

  // Both branches are resolved from the same bindings; a name either binds
  // (or that was bound before) gets a merged slot after the statement.
  void ifVariant(Stmt& s) {
    const std::map<std::string, int> before = globals_;
    auto branch = [&](StmtList& body) {
      for (auto& st : body) {
        if (st->kind == StmtKind::With || st->kind == StmtKind::Include || st->kind == StmtKind::Procedure)
          fail(st->pos, "with, include and procedure are not supported inside 'if variant'");
        topStmt(*st);
      }
      std::map<std::string, int> after = globals_;
      globals_ = before;
      return after;
    };
    std::map<std::string, int> thenNames = branch(s.body);
    std::map<std::string, int> elseNames = branch(s.elseBody);
    file_ = s.file;
    s.merges.clear();
    for (const auto& [name, thenSlot] : thenNames) {
      auto e = elseNames.find(name);
      if (e == elseNames.end()) continue;
      auto b = before.find(name);
      if (b != before.end() && b->second == thenSlot && b->second == e->second) continue;
      int merged = newSlot(name, thenSlot == e->second ? slotTypes_[thenSlot] : Type{});
      s.merges.push_back({merged, thenSlot, e->second});
    }
  }

  void callStmt(Stmt& s) {
    auto it = globals_.find(s.name);
    if (it == globals_.end() || !procReads_.count(s.name)) fail(s.namePos, "unknown procedure '" + s.name + "'");
    s.callee = {NameRef::Global, it->second, Builtin::None};
    reads_.insert(it->second);
    reads_.insert(procReads_[s.name].begin(), procReads_[s.name].end());
    expr(*s.expr);
  }

  // `forall x in S do ... end`: the body sees x as a local.
  void forallStmt(Stmt& s) {
    expr(*s.expr);
    std::size_t mark = locals_.size();
    s.param.ids = {intern(s.name)};
    locals_.push_back({s.name, s.param.ids[0], {}});
    for (auto& b : s.body) procStmt(*b);
    locals_.resize(mark);
    file_ = s.file;
  }

  // Inside a procedure or forall body: lets bind locals for the rest of the body.
  void procStmt(Stmt& s) {
    file_ = s.file;
    switch (s.kind) {
      case StmtKind::Let: {
        if (s.rec) fail(s.pos, "'let rec' is not supported inside a procedure");
        for (auto& b : s.bindings) {
          Type t = expr(*b.expr);
          b.pat.ids.clear();
          for (const auto& n : b.pat.names) {
            b.pat.ids.push_back(intern(n));
            locals_.push_back({n, b.pat.ids.back(), b.pat.tuple ? Type{} : t});
          }
        }
        return;
      }
      case StmtKind::Check: {
        Type t = expr(*s.expr);
        if (s.check != CheckKind::Empty) expectRel(*s.expr, t, "this check");
        return;
      }
      case StmtKind::Call:
        callStmt(s);
        return;
      case StmtKind::Forall:
        forallStmt(s);
        return;
      default:
        fail(s.pos, "only let, checks, call and forall are supported inside a procedure or forall");
    }
  }

  // -- expressions --
  const Local* findLocal(const std::string& name) const {
    for (auto it = locals_.rbegin(); it != locals_.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  }

  void bindPattern(Pattern& p, Type t) {
    p.ids.clear();
    for (const auto& n : p.names) {
      p.ids.push_back(intern(n));
      locals_.push_back({n, p.ids.back(), p.tuple ? Type{} : t});
    }
  }

  Type var(Expr& e) {
    if (const Local* l = findLocal(e.name)) {
      e.ref = {NameRef::Local, l->id, Builtin::None};
      return l->type;
    }
    if (auto it = globals_.find(e.name); it != globals_.end()) {
      e.ref = {NameRef::Global, it->second, Builtin::None};
      reads_.insert(it->second);
      return slotTypes_[it->second];
    }
    if (auto it = primitives().find(e.name); it != primitives().end()) {
      e.ref = {NameRef::Primitive, -1, it->second.which};
      // What a primitive reads besides its argument, for staging.
      if (it->second.which == Builtin::DifferentValues || it->second.which == Builtin::SameValues)
        reads_.insert(m_.valuesSlot);
      if (it->second.which == Builtin::ClassesLoc || it->second.which == Builtin::OrdersPerLocation)
        reads_.insert(m_.baseSlots.at("loc").first);
      return Type{Ty::Func, it->second.ret};
    }
    fail(e.pos, "unbound name '" + e.name + "'");
  }

  Type expr(Expr& e) {
    switch (e.kind) {
      case ExprKind::Var: return var(e);
      case ExprKind::Empty: return {Ty::Empty};
      case ExprKind::Universe: return {Ty::Universe};
      case ExprKind::Tag:
        if (!tags_.count(e.name)) fail(e.pos, "unknown tag '" + e.name + " (not declared by an enum)");
        return {Ty::Tag};
      case ExprKind::ExplicitSet: {
        Ty elt = Ty::Unknown;
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          Ty t = expr(*e.args[i]).ty;
          elt = i == 0 ? t : (t == elt ? elt : Ty::Unknown);
        }
        return {elt == Ty::Event ? Ty::Set : elt == Ty::Pair ? Ty::Rel : elt == Ty::Unknown ? Ty::Unknown : Ty::ValSet};
      }
      case ExprKind::Tuple:
        for (auto& a : e.args) expr(*a);
        return {Ty::Tuple};
      case ExprKind::Unary: return unary(e);
      case ExprKind::Binary: return binary(e);
      case ExprKind::App: return app(e);
      case ExprKind::Fun: return fun(e);
      case ExprKind::Let: {
        std::vector<Type> types;
        for (auto& b : e.detailToFill().bindings) types.push_back(expr(*b.expr));
        std::size_t mark = locals_.size();
        for (std::size_t i = 0; i < e.detailToFill().bindings.size(); ++i) bindPattern(e.detailToFill().bindings[i].pat, types[i]);
        Type t = expr(*e.args[0]);
        locals_.resize(mark);
        return t;
      }
      case ExprKind::LetRec: {
        std::size_t mark = locals_.size();
        for (auto& b : e.detailToFill().bindings) bindPattern(b.pat, Type{});
        for (auto& b : e.detailToFill().bindings) {
          Type t = expr(*b.expr);
          if (!b.pat.tuple && b.pat.ids.size() == 1)
            for (auto it = locals_.rbegin(); it != locals_.rend(); ++it)
              if (it->id == b.pat.ids[0]) {
                it->type = t;
                break;
              }
        }
        Type t = expr(*e.args[0]);
        locals_.resize(mark);
        return t;
      }
      case ExprKind::MatchSet: {
        Type s = expr(*e.args[0]);
        Type empty = expr(*e.args[1]);
        std::size_t mark = locals_.size();
        e.detailToFill().eltId = intern(e.detailToFill().eltName);
        e.detailToFill().restId = intern(e.detailToFill().restName);
        Ty elt = s.ty == Ty::Set ? Ty::Event : s.ty == Ty::Rel ? Ty::Rel : Ty::Unknown;
        locals_.push_back({e.detailToFill().eltName, e.detailToFill().eltId, {elt == Ty::Rel ? Ty::Pair : elt}});
        locals_.push_back({e.detailToFill().restName, e.detailToFill().restId, s});
        Type full = expr(*e.args[2]);
        locals_.resize(mark);
        return empty.ty == Ty::Unknown || empty.ty == Ty::Empty ? full : empty;
      }
      case ExprKind::MatchTag: {
        expr(*e.args[0]);
        Type t;
        for (const auto& tag : e.detailToFill().tagCases)
          if (!tags_.count(tag)) fail(e.pos, "unknown tag '" + tag + " (not declared by an enum)");
        for (std::size_t i = 1; i < e.args.size(); ++i) t = expr(*e.args[i]);
        return t;
      }
      case ExprKind::Try: {
        std::size_t mark = locals_.size();
        std::set<int> saved = reads_;
        try {
          return expr(*e.args[0]);
        } catch (const Diagnostic&) {
          locals_.resize(mark);
          reads_ = saved;
          e.tryFallback = true;
          return expr(*e.args[1]);
        }
      }
      case ExprKind::If: {
        for (std::size_t i = 0; i + 2 < e.args.size(); ++i) expr(*e.args[i]);
        Type a = expr(*e.args[e.args.size() - 2]);
        Type b = expr(*e.args[e.args.size() - 1]);
        return polymorphic(a.ty) ? b : a;
      }
    }
    return {};
  }

  Type unary(Expr& e) {
    Type t = expr(*e.args[0]);
    switch (e.unop) {
      case UnOp::Star: expectRel(*e.args[0], t, "'*'"); return {Ty::Rel};
      case UnOp::Plus: expectRel(*e.args[0], t, "'+'"); return {Ty::Rel};
      case UnOp::Opt: expectRel(*e.args[0], t, "'?'"); return {Ty::Rel};
      case UnOp::Inv: expectRel(*e.args[0], t, "'^-1'"); return {Ty::Rel};
      case UnOp::ToId: expectSet(*e.args[0], t, "'[...]'"); return {Ty::Rel};
      case UnOp::Comp:
        if (!setLike(t.ty) && !relLike(t.ty))
          fail(e.args[0]->pos, std::string("'~' expects a set of events or a relation, found ") + tyName(t.ty));
        return {normal(t.ty)};
    }
    return {};
  }

  Type binary(Expr& e) {
    Type l = expr(*e.args[0]);
    Type r = expr(*e.args[1]);
    Ty a = normal(l.ty), b = normal(r.ty);
    switch (e.binop) {
      case BinOp::Seq:
        expectRel(*e.args[0], l, "';'");
        expectRel(*e.args[1], r, "';'");
        return {Ty::Rel};
      case BinOp::Cart:
        expectSet(*e.args[0], l, "'*'");
        expectSet(*e.args[1], r, "'*'");
        return {Ty::Rel};
      case BinOp::Add:
        if (b == Ty::Set || b == Ty::Rel || b == Ty::ValSet) return {b};
        if (b == Ty::Empty) return {l.ty == Ty::Event ? Ty::Set : l.ty == Ty::Pair ? Ty::Rel : l.ty == Ty::Unknown ? Ty::Unknown : Ty::ValSet};
        return {};
      case BinOp::Union: case BinOp::Inter: case BinOp::Diff: {
        const char* op = e.binop == BinOp::Union ? "'|'" : e.binop == BinOp::Inter ? "'&'" : "'\\'";
        bool known = (a == Ty::Set || a == Ty::Rel || a == Ty::ValSet) && (b == Ty::Set || b == Ty::Rel || b == Ty::ValSet);
        if (known && a != b)
          fail(e.args[1]->pos, std::string(op) + " expects " + tyName(a) + " on its right (like its left), found " + tyName(b));
        for (Ty t : {a, b})
          if (t == Ty::Tag || t == Ty::Tuple || t == Ty::Func)
            fail(e.pos, std::string(op) + " expects sets or relations, found " + tyName(t));
        return {polymorphic(a) ? b : a};
      }
    }
    return {};
  }

  Type app(Expr& e) {
    Type f = expr(*e.args[0]);
    Type x = expr(*e.args[1]);
    if (f.ty != Ty::Func && f.ty != Ty::Unknown)
      fail(e.args[0]->pos, std::string("this is ") + tyName(f.ty) + ", not a function: it cannot be applied");
    if (e.args[0]->kind == ExprKind::Var && e.args[0]->ref.kind == NameRef::Primitive) {
      const PrimitiveInfo& p = primitives().at(e.args[0]->name);
      if (p.arg == Ty::Rel) expectRel(*e.args[1], x, "'" + e.args[0]->name + "'");
      if (p.arg == Ty::Set) expectSet(*e.args[1], x, "'" + e.args[0]->name + "'");
    }
    return {f.ret};
  }

  Type fun(Expr& e) {
    std::size_t mark = locals_.size();
    bindPattern(e.detailToFill().param, Type{});
    Type body = expr(*e.args[0]);
    locals_.resize(mark);
    return {Ty::Func, body.ty};
  }

  Model& m_;
  std::string file_;
  std::map<std::string, int> globals_;
  std::vector<Type> slotTypes_;
  std::vector<Local> locals_;
  std::map<std::string, int> ids_;
  std::set<std::string> tags_;
  std::set<int> reads_;
  std::map<std::string, std::set<int>> procReads_;
};

}  // namespace

void resolveModel(Model& m, const std::vector<std::string>& architectureSets) {
  Resolver(m, architectureSets).run();
}

}  // namespace mcm::cat
