#include "riscv/semantics.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>

#include <fmt/format.h>

#include "riscv/offsets.hpp"
#include "riscv/parser.hpp"
#include "support/diagnostic.hpp"

namespace mcm::riscv {

using exec::EventKind;
using exec::NodePool;
using exec::PathEvent;
using exec::Taint;
using exec::ThreadPath;
using exec::Val;
using litmus::BinOp;

namespace {

Taint unite(const Taint& a, const Taint& b) {
  Taint out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

struct Value {
  int node = -1;
  Taint taint;
};

struct State {
  ThreadPath path;
  std::array<Value, 32> regs;
  std::array<bool, 32> written{};  // registers to report as final values
  Value reservation;               // lr's address, 0 when none
  int reservingRead = -1;          // the lr's event (path index)
  Taint ctrl;                      // reads tested by the branches taken so far
  std::size_t pc = 0;
  int stmt = 0;
  std::map<std::size_t, int> backJumps;  // per branch: backward jumps taken (bounded by unroll)
};

std::vector<std::string> orderTags(Order o) {
  switch (o) {
    case Order::Rlx: return {};
    case Order::Acq: return {"Acq"};
    case Order::Rel: return {"Rel"};
    case Order::AcqRel: return {"AcqRel"};
  }
  return {};
}

std::vector<std::string> atomicTags(Order o) {
  std::vector<std::string> tags = orderTags(o);
  tags.insert(tags.begin(), "X");
  return tags;
}

BinOp aluOp(Alu a) {
  switch (a) {
    case Alu::Add: return BinOp::Add;
    case Alu::Sub: return BinOp::Sub;
    case Alu::And: return BinOp::BitAnd;
    case Alu::Or: return BinOp::BitOr;
    case Alu::Xor: return BinOp::BitXor;
    case Alu::Slt: return BinOp::Lt;
  }
  return BinOp::Add;
}

BinOp condOp(Cond c) {
  switch (c) {
    case Cond::Eq: return BinOp::Eq;
    case Cond::Ne: return BinOp::Ne;
    case Cond::Lt: return BinOp::Lt;
    case Cond::Ge: return BinOp::Ge;
  }
  return BinOp::Eq;
}

BinOp amoOp(AmoOp a) {
  switch (a) {
    case AmoOp::Add: return BinOp::Add;
    case AmoOp::And: return BinOp::BitAnd;
    case AmoOp::Or: return BinOp::BitOr;
    case AmoOp::Xor: return BinOp::BitXor;
    case AmoOp::Swap: break;
  }
  return BinOp::Add;
}

class Executor {
 public:
  Executor(const Thread& thread, const exec::ThreadSetup& setup, NodePool& pool)
      : thread_(thread), setup_(setup), pool_(pool) {
    for (std::size_t i = 0; i < thread.code.size(); ++i)
      if (thread.code[i].isLabel) labels_[thread.code[i].label] = i;
    for (const auto& [name, id] : setup.symbols) symbolNames_[id] = name;
  }

  std::vector<ThreadPath> run() {
    State init;
    const int zero = pool_.constant(Val::integer(0));
    for (auto& r : init.regs) r = {zero, {}};
    init.reservation = {zero, {}};
    for (const auto& [name, v] : setup_.initRegisters) {
      const int n = registerNumber(name);
      if (n <= 0) continue;
      init.regs[n] = {pool_.constant(v), {}};
      init.written[n] = true;
    }
    std::vector<State> work{std::move(init)};
    std::vector<ThreadPath> out;
    while (!work.empty()) {
      State st = std::move(work.back());
      work.pop_back();
      if (st.pc >= thread_.code.size() || st.path.cutoff) {
        for (int r = 1; r < 32; ++r)
          if (st.written[r]) st.path.registers[fmt::format("x{}", r)] = st.regs[r].node;
        if (static_cast<long long>(out.size()) >= setup_.maxPaths)
          throw Diagnostic(setup_.file, {}, fmt::format("more than {} alternative paths in one thread", setup_.maxPaths));
        out.push_back(std::move(st.path));
        continue;
      }
      const CodeItem& item = thread_.code[st.pc];
      if (item.isLabel) {
        ++st.pc;
        work.push_back(std::move(st));
        continue;
      }
      ++st.stmt;
      // Alternatives are pushed in reverse so that the first one is continued first.
      std::vector<State> next = step(std::move(st), item.instruction);
      for (auto it = next.rbegin(); it != next.rend(); ++it) work.push_back(std::move(*it));
    }
    return out;
  }

 private:
  Value reg(const State& st, int r) const { return st.regs[r]; }
  void setReg(State& st, int r, Value v) const {
    if (r == 0) return;
    st.regs[r] = std::move(v);
    st.written[r] = true;
  }
  Value constant(long long v) { return {pool_.constant(Val::integer(static_cast<std::int32_t>(v))), {}}; }
  Value binary(BinOp op, const Value& a, const Value& b) {
    return {pool_.binary(op, a.node, b.node), unite(a.taint, b.taint)};
  }

  int addEvent(State& st, PathEvent ev) {
    ev.stmt = st.stmt;
    ev.ctrlTaint = st.ctrl;
    st.path.events.push_back(std::move(ev));
    return static_cast<int>(st.path.events.size()) - 1;
  }

  PathEvent access(EventKind kind, const Value& addr, std::vector<std::string> tags) {
    PathEvent ev;
    ev.kind = kind;
    ev.tags = std::move(tags);
    ev.addr = addr.node;
    ev.addrTaint = addr.taint;
    if (kind != EventKind::Write) {
      ev.var = pool_.freshVar();
      ev.herdNumber = pool_.nextHerdNumber();
    }
    return ev;
  }

  // A read; returns its value and (through `index`) its event.
  Value read(State& st, const Value& addr, std::vector<std::string> tags, int* index = nullptr) {
    PathEvent ev = access(EventKind::Read, addr, std::move(tags));
    ev.value = pool_.variable(ev.var);
    Value v{ev.value, Taint{ev.var}};
    const int i = addEvent(st, std::move(ev));
    if (index) *index = i;
    return v;
  }

  int write(State& st, const Value& addr, const Value& data, std::vector<std::string> tags) {
    PathEvent ev = access(EventKind::Write, addr, std::move(tags));
    ev.value = data.node;
    ev.valueTaint = data.taint;
    return addEvent(st, std::move(ev));
  }

  // Follows a jump to `label` taken by the instruction at st.pc. As herd, a path
  // taking one backward jump more than `unroll` times is cut off.
  void jump(State& st, const std::string& label) {
    const std::size_t target = labels_.at(label);
    if (target <= st.pc && ++st.backJumps[st.pc] > setup_.unroll) st.path.cutoff = true;
    st.pc = target;
  }

  // rs1 + imm. An offset from a location is the location of its own that the
  // test writes (see riscv/offsets.hpp); any other is a mixed-size access, which
  // herd7 runs only with -variant mixed: refused rather than silently dropped.
  Value effectiveAddress(const State& st, const Instruction& ins) {
    const Value base = reg(st, ins.rs1);
    if (ins.imm != 0 && pool_.isConstant(base.node) && pool_[base.node].value.isSym()) {
      const std::string name = offsetLocationName(symbolNames_.at(pool_[base.node].value.n), ins.imm);
      const auto it = setup_.symbols.find(name);
      if (it == setup_.symbols.end())
        throw Diagnostic(setup_.file, ins.pos,
                         fmt::format("mixed-size access to {}, which no thread writes through a register of the "
                                     "init block: not supported (herd7 needs -variant mixed)", name));
      return {pool_.constant(Val::symbol(it->second)), base.taint};
    }
    return binary(BinOp::Add, base, constant(ins.imm));
  }

  std::vector<State> step(State st, const Instruction& ins) {
    using K = Instruction::Kind;
    switch (ins.kind) {
      case K::AluImm:
        setReg(st, ins.rd, binary(aluOp(ins.alu), reg(st, ins.rs1), constant(ins.imm)));
        break;
      case K::AluReg:
        setReg(st, ins.rd, binary(aluOp(ins.alu), reg(st, ins.rs1), reg(st, ins.rs2)));
        break;
      case K::Jump:
        jump(st, ins.label);
        return {std::move(st)};
      case K::Branch: {
        const Value cond = binary(condOp(ins.cond), reg(st, ins.rs1), reg(st, ins.rs2));
        // What the test depends on controls every later event, even when its outcome is known.
        st.ctrl = unite(st.ctrl, cond.taint);
        if (pool_.isConstant(cond.node)) {
          if (pool_[cond.node].value == Val::integer(0)) ++st.pc;
          else jump(st, ins.label);
          return {std::move(st)};
        }
        State taken = st;
        st.path.assumptions.push_back({cond.node, false});
        ++st.pc;
        taken.path.assumptions.push_back({cond.node, true});
        jump(taken, ins.label);
        std::vector<State> out;
        out.push_back(std::move(st));
        out.push_back(std::move(taken));
        return out;
      }
      case K::Load:
        setReg(st, ins.rd, read(st, effectiveAddress(st, ins), orderTags(ins.order)));
        break;
      case K::Store:
        write(st, effectiveAddress(st, ins), reg(st, ins.rs2), orderTags(ins.order));
        break;
      case K::LoadReserve: {
        const Value addr = reg(st, ins.rs1);
        int index = -1;
        setReg(st, ins.rd, read(st, addr, atomicTags(ins.order), &index));
        st.reservation = addr;
        st.reservingRead = index;
        break;
      }
      case K::StoreConditional:
        return storeConditional(std::move(st), ins);
      case K::Amo: {
        const Value addr = reg(st, ins.rs1), operand = reg(st, ins.rs2);
        PathEvent ev = access(EventKind::ReadWrite, addr, atomicTags(ins.order));
        const Value old{pool_.variable(ev.var), Taint{ev.var}};
        // What it stores depends on what it reads within the one event: no dependency on itself.
        ev.value = ins.amo == AmoOp::Swap ? operand.node : pool_.binary(amoOp(ins.amo), old.node, operand.node);
        ev.valueTaint = operand.taint;
        addEvent(st, std::move(ev));
        setReg(st, ins.rd, old);
        break;
      }
      case K::Fence: {
        PathEvent ev;
        ev.kind = EventKind::Fence;
        ev.tags = {"F" + ins.fence.substr(1)};
        addEvent(st, std::move(ev));
        break;
      }
    }
    ++st.pc;
    return {std::move(st)};
  }

  std::vector<State> storeConditional(State st, const Instruction& ins) {
    const Value addr = reg(st, ins.rs1), data = reg(st, ins.rs2);
    const Value reservation = st.reservation;
    const int reserving = st.reservingRead;
    st.reservation = constant(0);
    st.reservingRead = -1;
    ++st.pc;
    std::vector<State> out;
    State failed = st;
    setReg(failed, ins.rd, constant(1));
    out.push_back(std::move(failed));
    // Success: the store is at the reserved address.
    const int same = pool_.binary(BinOp::Eq, addr.node, reservation.node);
    if (pool_.isConstant(same) && pool_[same].value == Val::integer(0)) return out;
    if (!pool_.isConstant(same)) st.path.assumptions.push_back({same, true});
    const int w = write(st, addr, data, atomicTags(ins.order));
    if (reserving >= 0) st.path.events[reserving].rmwPartner = w;
    // herd: the result register of a successful sc depends on the address and reservation
    // registers and on the store itself (so on its data too): dependencies may start at
    // this write. Its variable only names it as a source of dependencies.
    const exec::VarId self = pool_.freshVar();
    st.path.events[w].var = self;
    Value result = constant(0);
    result.taint = unite(unite(addr.taint, reservation.taint), unite(data.taint, Taint{self}));
    setReg(st, ins.rd, result);
    out.push_back(std::move(st));
    return out;
  }

  const Thread& thread_;
  const exec::ThreadSetup& setup_;
  NodePool& pool_;
  std::map<std::string, std::size_t> labels_;
  std::map<int, std::string> symbolNames_;  // symbol id -> location name
};

}  // namespace

exec::ThreadSource threadSource(const Test& test) {
  exec::ThreadSource source;
  source.paths = [&test](int i, const exec::ThreadSetup& setup, NodePool& pool) {
    return Executor(test.threads[i], setup, pool).run();
  };
  source.annotationSets = annotationSets();
  return source;
}


}  // namespace mcm::riscv
