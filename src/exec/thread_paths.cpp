#include "exec/thread_paths.hpp"

#include <algorithm>
#include <iterator>

#include "support/diagnostic.hpp"

namespace mcm::exec {

using litmus::BinOp;
using litmus::Expr;
using litmus::PrimExpr;
using litmus::PrimStmt;
using litmus::Stmt;

namespace {

Taint unite(const Taint& a, const Taint& b) {
  Taint out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

struct Register {
  int node = -1;
  Taint taint;
};

// One path under construction.
struct State {
  ThreadPath path;
  std::map<std::string, Register> regs;
  std::vector<Taint> ctrl;  // taints of the enclosing branch conditions
  int stmt = 0;
  int line = 0;  // of the statement being executed
};

struct Value {
  int node = -1;
  Taint taint;
  bool literal = false;  // built from integer literals only (herd reads every register into a fresh variable)
};

struct Alt {
  State state;
  Value value;
};

bool contains(const std::vector<std::string>& tags, const char* t) {
  return std::find(tags.begin(), tags.end(), t) != tags.end();
}

// Which RMW shape an instruction builds.
enum class RmwKind { Exchange, Compare, OpReturn, FetchOp, VoidOp, AddUnless };

class Executor {
 public:
  Executor(const ThreadSetup& setup, NodePool& pool) : setup_(setup), pool_(pool) {}

  std::vector<ThreadPath> run(const litmus::Thread& thread) {
    State init;
    for (const auto& [name, v] : setup_.initRegisters) init.regs[name] = {pool_.constant(v), {}};
    std::vector<State> states;
    execSequence(std::move(init), thread.body, 0, states);
    std::vector<ThreadPath> out;
    for (auto& st : states) {
      for (const auto& [name, r] : st.regs) st.path.registers[name] = r.node;
      out.push_back(std::move(st.path));
    }
    return out;
  }

 private:
  [[noreturn]] void fail(SourcePos pos, const std::string& msg) const { throw Diagnostic(setup_.file, pos, msg); }

  // Runs stmts[i..]. As in herd, the head statement is built with all its
  // alternatives first, then the rest once per alternative (this order decides
  // herd's variable numbers, see NodePool::nextHerdNumber).
  void execSequence(State st, const std::vector<litmus::StmtPtr>& stmts, std::size_t i, std::vector<State>& out) {
    if (i == stmts.size() || st.path.cutoff) {
      if (static_cast<long long>(out.size()) >= setup_.maxPaths)
        fail(stmts.empty() ? SourcePos{} : stmts.back()->pos,
             "more than " + std::to_string(setup_.maxPaths) + " alternative paths in one thread");
      out.push_back(std::move(st));
      return;
    }
    for (auto& next : exec(std::move(st), *stmts[i])) execSequence(std::move(next), stmts, i + 1, out);
  }

  int addEvent(State& st, PathEvent ev, bool ctrlTarget = true) {
    ev.stmt = st.stmt;
    ev.line = st.line;
    if (ctrlTarget)
      for (const auto& t : st.ctrl) ev.ctrlTaint = unite(ev.ctrlTaint, t);
    st.path.events.push_back(std::move(ev));
    return static_cast<int>(st.path.events.size()) - 1;
  }

  // A memory read at `addr`; returns the read's value.
  // The part every memory access shares: kind, tags and address.
  static PathEvent memoryAccess(EventKind kind, const Value& addr, std::vector<std::string> tags, bool atomic) {
    PathEvent ev;
    ev.kind = kind;
    ev.atomic = atomic;
    ev.tags = std::move(tags);
    ev.addr = addr.node;
    ev.addrTaint = addr.taint;
    return ev;
  }

  Value read(State& st, const Value& addr, std::vector<std::string> tags, bool atomic) {
    PathEvent ev = memoryAccess(EventKind::Read, addr, std::move(tags), atomic);
    ev.var = pool_.freshVar();
    ev.value = pool_.variable(ev.var);
    ev.herdNumber = pool_.nextHerdNumber();
    const int node = ev.value;
    const VarId var = ev.var;
    addEvent(st, std::move(ev));
    return {node, Taint{var}};
  }

  int write(State& st, const Value& addr, const Value& val, std::vector<std::string> tags, bool atomic) {
    PathEvent ev = memoryAccess(EventKind::Write, addr, std::move(tags), atomic);
    ev.value = val.node;
    ev.valueTaint = val.taint;
    return addEvent(st, std::move(ev));
  }

  int simple(State& st, EventKind kind, const Value& addr, std::vector<std::string> tags = {}) {
    PathEvent ev;
    ev.kind = kind;
    ev.tags = std::move(tags);
    ev.addr = addr.node;
    ev.addrTaint = addr.taint;
    return addEvent(st, std::move(ev), kind != EventKind::SrcuSync);
  }

  int fence(State& st, std::vector<std::string> tags) {
    PathEvent ev;
    ev.kind = EventKind::Fence;
    ev.tags = std::move(tags);
    return addEvent(st, std::move(ev));
  }

  // The address denoted by an lvalue operand of __load/__store: `*p` or `*(e)`.
  std::vector<Alt> lvalueAddress(State st, const Expr& e) {
    const Expr* x = &e;
    while (x->kind == Expr::Kind::Cast) x = x->args[0].get();
    if (x->kind != Expr::Kind::Deref) fail(e.pos, "expected a memory location `*p` as the operand of a load or store");
    return eval(std::move(st), *x->args[0]);
  }

  static Value constantOf(int node) { return {node, {}}; }

  std::vector<Alt> eval(State st, const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::Int:
        return {Alt{std::move(st), Value{pool_.constant(Val::integer(static_cast<std::int32_t>(e.value))), {}, true}}};
      case Expr::Kind::Name: {
        const int herdNumber = pool_.nextHerdNumber();
        auto it = st.regs.find(e.name);
        // A register read before any write holds 0 (herd has no scoping and no undeclared-register error).
        Value v = it != st.regs.end() ? Value{it->second.node, it->second.taint} : constantOf(pool_.constant(Val::integer(0)));
        if (pool_[v.node].kind == Node::Kind::Var) st.path.registerCopies.push_back({herdNumber, pool_[v.node].var});
        return {Alt{std::move(st), v}};
      }
      case Expr::Kind::Cast:
        return eval(std::move(st), *e.args[0]);
      case Expr::Kind::Deref: {
        std::vector<Alt> out;
        for (auto& a : eval(std::move(st), *e.args[0])) {
          Value v = read(a.state, a.value, {}, false);
          out.push_back({std::move(a.state), v});
        }
        return out;
      }
      case Expr::Kind::Binary: {
        std::vector<Alt> out;
        for (auto& l : eval(std::move(st), *e.args[0])) {
          for (auto& r : eval(std::move(l.state), *e.args[1])) {
            Value v{pool_.binary(e.op, l.value.node, r.value.node), unite(l.value.taint, r.value.taint),
                    l.value.literal && r.value.literal};
            // An operation on a register holding a constant is folded here, but herd names its result.
            if (!v.literal && pool_.isConstant(l.value.node) && pool_.isConstant(r.value.node)) pool_.nextHerdNumber();
            out.push_back({std::move(r.state), v});
          }
        }
        return out;
      }
      case Expr::Kind::Call:
        fail(e.pos, "unexpanded macro call `" + e.name + "`");
      case Expr::Kind::Prim:
        return evalPrim(std::move(st), e);
    }
    return {};
  }

  // Evaluates args left to right; calls k(state, values) for every combination.
  template <class K>
  std::vector<Alt> withArgs(State st, const std::vector<litmus::ExprPtr>& args, std::size_t from, bool firstIsLvalue,
                            std::vector<Value>& vals, K&& k) {
    if (from == args.size()) return k(std::move(st), vals);
    std::vector<Alt> out;
    auto alts = (from == 0 && firstIsLvalue) ? lvalueAddress(std::move(st), *args[0]) : eval(std::move(st), *args[from]);
    for (auto& a : alts) {
      vals.push_back(a.value);
      for (auto& r : withArgs(std::move(a.state), args, from + 1, firstIsLvalue, vals, k)) out.push_back(std::move(r));
      vals.pop_back();
    }
    return out;
  }

  void arity(const Expr& e, std::size_t n) const {
    if (e.args.size() != n) fail(e.pos, "primitive expects " + std::to_string(n) + " arguments");
  }

  std::vector<Alt> evalPrim(State st, const Expr& e) {
    std::vector<Value> vals;
    switch (e.prim) {
      case PrimExpr::Load:
        arity(e, 1);
        return withArgs(std::move(st), e.args, 0, true, vals, [&](State s, std::vector<Value>& v) {
          Value r = read(s, v[0], e.tags, false);
          return std::vector<Alt>{{std::move(s), r}};
        });
      case PrimExpr::Xchg:
        arity(e, 2);
        return withArgs(std::move(st), e.args, 0, false, vals, [&](State s, std::vector<Value>& v) {
          return rmw(std::move(s), RmwKind::Exchange, e, v[0], v[1], {});
        });
      case PrimExpr::Cmpxchg:
        arity(e, 3);
        return withArgs(std::move(st), e.args, 0, false, vals, [&](State s, std::vector<Value>& v) {
          return rmw(std::move(s), RmwKind::Compare, e, v[0], v[2], v[1]);
        });
      case PrimExpr::AtomicOpReturn:
      case PrimExpr::AtomicFetchOp:
        arity(e, 2);
        return withArgs(std::move(st), e.args, 0, false, vals, [&](State s, std::vector<Value>& v) {
          return rmw(std::move(s), e.prim == PrimExpr::AtomicOpReturn ? RmwKind::OpReturn : RmwKind::FetchOp, e, v[0],
                     v[1], {});
        });
      case PrimExpr::AtomicAddUnless:
        arity(e, 3);
        return withArgs(std::move(st), e.args, 0, false, vals, [&](State s, std::vector<Value>& v) {
          return rmw(std::move(s), RmwKind::AddUnless, e, v[0], v[1], v[2]);
        });
      case PrimExpr::Trylock:
        arity(e, 1);
        return withArgs(std::move(st), e.args, 0, false, vals, [&](State s, std::vector<Value>& v) {
          State failed = s;
          lockPair(s, v[0]);
          simple(failed, EventKind::LockFail, v[0]);
          return std::vector<Alt>{{std::move(s), constantOf(pool_.constant(Val::integer(1)))},
                                  {std::move(failed), constantOf(pool_.constant(Val::integer(0)))}};
        });
      case PrimExpr::Islocked:
        arity(e, 1);
        return withArgs(std::move(st), e.args, 0, false, vals, [&](State s, std::vector<Value>& v) {
          State unlocked = s;
          simple(s, EventKind::ReadLocked, v[0]);
          simple(unlocked, EventKind::ReadUnlocked, v[0]);
          return std::vector<Alt>{{std::move(s), constantOf(pool_.constant(Val::integer(1)))},
                                  {std::move(unlocked), constantOf(pool_.constant(Val::integer(0)))}};
        });
      case PrimExpr::Srcu:
        return withArgs(std::move(st), e.args, 0, false, vals, [&](State s, std::vector<Value>& v) {
          if (v.empty()) fail(e.pos, "__srcu expects a location argument");
          simple(s, EventKind::SrcuSync, v[0], e.tags);
          return std::vector<Alt>{{std::move(s), constantOf(pool_.constant(Val::integer(0)))}};
        });
    }
    return {};
  }

  void lockPair(State& s, const Value& addr) {
    const int r = simple(s, EventKind::LockRead, addr);
    const int w = simple(s, EventKind::LockWrite, addr);
    s.path.events[w].causes.push_back(r);
  }

  // Tags of an RMW's accesses (herd-semantics §2.3).
  struct RmwTags {
    std::vector<std::string> read, write, failedRead;
    bool fences = false;  // lkmmv1 `mb`: F[mb] before and after a successful RMW
  };
  RmwTags rmwTags(RmwKind kind, const std::vector<std::string>& tags) const {
    if (setup_.lkmmv2) return {tags, tags, tags, false};
    RmwTags t;
    t.read = {contains(tags, "acquire") ? "acquire" : "once"};
    t.write = {contains(tags, "release") ? "release" : "once"};
    t.failedRead = {"once"};
    if (kind == RmwKind::VoidOp) t.read = {"noreturn"};
    t.fences = kind != RmwKind::VoidOp && contains(tags, "mb");
    return t;
  }

  // One successful RMW: [F] R* W* [F] where the W* stores storedOf(value read);
  // returns the R*'s value.
  template <class StoredOf>
  Value rmwPair(State& s, const RmwTags& tags, const Value& addr, StoredOf storedOf, int* readIndex) {
    int before = tags.fences ? fence(s, {"mb"}) : -1;
    Value old = read(s, addr, tags.read, true);
    const int r = static_cast<int>(s.path.events.size()) - 1;
    const int w = write(s, addr, storedOf(old), tags.write, true);
    auto& evs = s.path.events;
    evs[w].causes.push_back(r);
    evs[r].rmwPartner = w;
    if (before >= 0) {
      evs[r].causes.push_back(before);
      evs[w].causes.push_back(before);
    }
    if (tags.fences) {
      const int after = fence(s, {"mb"});
      s.path.events[after].causes = {r, w};
    }
    if (readIndex) *readIndex = r;
    return old;
  }

  Value rmwSuccess(State& s, const RmwTags& tags, const Value& addr, const Value& stored) {
    return rmwPair(s, tags, addr, [&](const Value&) { return stored; }, nullptr);
  }

  std::vector<Alt> rmw(State st, RmwKind kind, const Expr& e, const Value& addr, const Value& operand,
                       const Value& other) {
    const RmwTags tags = rmwTags(kind, e.tags);
    std::vector<Alt> out;
    switch (kind) {
      case RmwKind::Exchange: {
        Value old = rmwSuccess(st, tags, addr, operand);
        out.push_back({std::move(st), old});
        break;
      }
      case RmwKind::Compare: {
        // Success assumes old == expected, failure the opposite; `expected` creates no dependency.
        State failed = st;
        Value oldS = rmwSuccessCompare(st, tags, addr, operand, other, true);
        out.push_back({std::move(st), oldS});
        Value oldF = rmwSuccessCompare(failed, tags, addr, operand, other, false);
        out.push_back({std::move(failed), oldF});
        break;
      }
      case RmwKind::OpReturn:
      case RmwKind::FetchOp:
      case RmwKind::VoidOp: {
        // The W stores old op operand: data from the R* to the W*.
        int r = -1;
        Value old = rmwOp(st, tags, addr, e.op, operand, &r);
        if (kind == RmwKind::OpReturn) {
          const auto& w = st.path.events[st.path.events[r].rmwPartner];
          out.push_back({std::move(st), Value{w.value, w.valueTaint}});
        } else {
          out.push_back({std::move(st), old});
        }
        break;
      }
      case RmwKind::AddUnless: {
        // Success (old != unless) adds `operand` and returns 1; failure reads only and returns 0.
        State failed = st;
        int r = -1;
        Value old = rmwOp(st, tags, addr, BinOp::Add, operand, &r);
        st.path.assumptions.push_back({pool_.binary(BinOp::Eq, old.node, other.node), false});
        out.push_back({std::move(st), constantOf(pool_.constant(Val::integer(1)))});
        Value oldF = read(failed, addr, tags.failedRead, true);
        failed.path.assumptions.push_back({pool_.binary(BinOp::Eq, oldF.node, other.node), true});
        out.push_back({std::move(failed), constantOf(pool_.constant(Val::integer(0)))});
        break;
      }
    }
    return out;
  }

  // R* then W* storing (old op operand).
  Value rmwOp(State& s, const RmwTags& tags, const Value& addr, BinOp op, const Value& operand, int* readIndex) {
    return rmwPair(
        s, tags, addr,
        [&](const Value& old) { return Value{pool_.binary(op, old.node, operand.node), unite(old.taint, operand.taint)}; },
        readIndex);
  }

  Value rmwSuccessCompare(State& s, const RmwTags& tags, const Value& addr, const Value& desired, const Value& expected,
                          bool success) {
    if (success) {
      Value old = rmwSuccess(s, tags, addr, desired);
      s.path.assumptions.push_back({pool_.binary(BinOp::Eq, old.node, expected.node), true});
      return old;
    }
    Value old = read(s, addr, tags.failedRead, true);
    s.path.assumptions.push_back({pool_.binary(BinOp::Eq, old.node, expected.node), false});
    return old;
  }

  // ---- statements -------------------------------------------------------------------

  std::vector<State> exec(State st, const Stmt& s) {
    if (s.kind == Stmt::Kind::Block) {
      std::vector<State> states;
      execSequence(std::move(st), s.body, 0, states);
      return states;
    }
    ++st.stmt;
    st.line = s.pos.line;
    std::vector<State> out;
    switch (s.kind) {
      case Stmt::Kind::Block: break;
      case Stmt::Kind::Decl:
        if (!s.expr) return {std::move(st)};  // `int r;` does nothing
        [[fallthrough]];
      case Stmt::Kind::Assign:
        for (auto& a : eval(std::move(st), *s.expr)) {
          a.state.regs[s.name] = {a.value.node, a.value.taint};
          out.push_back(std::move(a.state));
        }
        return out;
      case Stmt::Kind::Store:  // the address is evaluated before the value, as herd does
        for (auto& p : eval(std::move(st), *s.target))
          for (auto& v : eval(std::move(p.state), *s.expr)) {
            write(v.state, p.value, v.value, {}, false);
            out.push_back(std::move(v.state));
          }
        return out;
      case Stmt::Kind::ExprStmt:
        for (auto& a : eval(std::move(st), *s.expr)) out.push_back(std::move(a.state));
        return out;
      case Stmt::Kind::Call:
        fail(s.pos, "unexpanded macro call `" + s.name + "`");
      case Stmt::Kind::If:
        return branch(std::move(st), s, s.body.size() > 0 ? s.body[0].get() : nullptr,
                      s.body.size() > 1 ? s.body[1].get() : nullptr);
      case Stmt::Kind::While:
        return loop(std::move(st), s, 0);
      case Stmt::Kind::Prim:
        return execPrim(std::move(st), s);
    }
    return out;
  }

  // Runs `body` (may be null) under the control of `cond`'s reads.
  std::vector<State> guarded(State st, const Taint& cond, const Stmt* body, bool constant) {
    if (!body) return {std::move(st)};
    if (constant) return exec(std::move(st), *body);
    st.ctrl.push_back(cond);
    auto states = exec(std::move(st), *body);
    for (auto& s : states) s.ctrl.pop_back();
    return states;
  }

  // Splits on a condition: a constant picks one side, otherwise both sides are
  // built with the assumption that the condition holds / fails.
  template <class Then, class Else>
  std::vector<State> split(State st, const Expr& cond, Then&& onTrue, Else&& onFalse) {
    std::vector<State> out;
    for (auto& a : eval(std::move(st), cond)) {
      const int node = a.value.node;
      if (pool_.isConstant(node)) {
        const bool holds = !(pool_[node].value == Val::integer(0));
        for (auto& s : holds ? onTrue(std::move(a.state), a.value.taint, true)
                             : onFalse(std::move(a.state), a.value.taint, true))
          out.push_back(std::move(s));
        continue;
      }
      // The then side is built first, but herd continues with the else side's
      // alternatives first.
      State no = a.state;
      a.state.path.assumptions.push_back({node, true});
      no.path.assumptions.push_back({node, false});
      auto yes = onTrue(std::move(a.state), a.value.taint, false);
      for (auto& s : onFalse(std::move(no), a.value.taint, false)) out.push_back(std::move(s));
      for (auto& s : yes) out.push_back(std::move(s));
    }
    return out;
  }

  std::vector<State> branch(State st, const Stmt& s, const Stmt* thenS, const Stmt* elseS) {
    return split(
        std::move(st), *s.expr,
        [&](State x, const Taint& t, bool c) { return guarded(std::move(x), t, thenS, c); },
        [&](State x, const Taint& t, bool c) { return guarded(std::move(x), t, elseS, c); });
  }

  // `while` unrolled `unroll` times, as nested ifs: each later iteration lies
  // inside the branch of the previous condition (and under its ctrl). A path
  // needing one more iteration is cut off.
  std::vector<State> loop(State st, const Stmt& s, int iteration) {
    return split(
        std::move(st), *s.expr,
        [&](State x, const Taint& t, bool c) {
          if (iteration >= setup_.unroll) {
            x.path.cutoff = true;
            return std::vector<State>{std::move(x)};
          }
          if (!c) x.ctrl.push_back(t);
          auto states = s.body.empty() ? std::vector<State>{std::move(x)} : exec(std::move(x), *s.body[0]);
          std::vector<State> out;
          for (auto& y : states) {
            if (y.path.cutoff) {
              out.push_back(std::move(y));
              continue;
            }
            ++y.stmt;
            for (auto& z : loop(std::move(y), s, iteration + 1)) out.push_back(std::move(z));
          }
          if (!c)
            for (auto& z : out) z.ctrl.pop_back();
          return out;
        },
        [&](State x, const Taint&, bool) { return std::vector<State>{std::move(x)}; });
  }

  std::vector<State> execPrim(State st, const Stmt& s) {
    std::vector<Value> vals;
    auto one = [](State x) { return std::vector<Alt>{{std::move(x), Value{}}}; };
    auto need = [&](std::size_t n) {
      if (s.args.size() != n) fail(s.pos, "primitive expects " + std::to_string(n) + " arguments");
    };
    std::vector<Alt> alts;
    switch (s.prim) {
      case PrimStmt::Store:
        need(2);
        alts = withArgs(std::move(st), s.args, 0, true, vals, [&](State x, std::vector<Value>& v) {
          write(x, v[0], v[1], s.tags, false);
          return one(std::move(x));
        });
        break;
      case PrimStmt::Fence:
        fence(st, s.tags);
        return {std::move(st)};
      case PrimStmt::Lock:
        need(1);
        alts = withArgs(std::move(st), s.args, 0, false, vals, [&](State x, std::vector<Value>& v) {
          lockPair(x, v[0]);
          return one(std::move(x));
        });
        break;
      case PrimStmt::Unlock:
        need(1);
        alts = withArgs(std::move(st), s.args, 0, false, vals, [&](State x, std::vector<Value>& v) {
          simple(x, EventKind::Unlock, v[0]);
          return one(std::move(x));
        });
        break;
      case PrimStmt::AtomicOp:
        need(2);
        alts = withArgs(std::move(st), s.args, 0, false, vals, [&](State x, std::vector<Value>& v) {
          const RmwTags tags = rmwTags(RmwKind::VoidOp, s.tags);
          int r = -1;
          rmwOp(x, tags, v[0], s.op, v[1], &r);
          return one(std::move(x));
        });
        break;
      case PrimStmt::Srcu:
        if (s.args.empty()) fail(s.pos, "__srcu expects a location argument");
        alts = withArgs(std::move(st), s.args, 0, false, vals, [&](State x, std::vector<Value>& v) {
          simple(x, EventKind::SrcuSync, v[0], s.tags);
          return one(std::move(x));
        });
        break;
    }
    std::vector<State> out;
    for (auto& a : alts) out.push_back(std::move(a.state));
    return out;
  }

  const ThreadSetup& setup_;
  NodePool& pool_;
};

}  // namespace

std::vector<ThreadPath> executeThread(const litmus::Thread& thread, const ThreadSetup& setup, NodePool& pool) {
  return Executor(setup, pool).run(thread);
}

}  // namespace mcm::exec
