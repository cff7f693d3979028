// herd's printing of RISC-V instructions (RISCVBase's dump_instruction), which
// its Hash digests.
#include <fmt/format.h>

#include "riscv/program.hpp"

namespace mcm::riscv {

namespace {

const char* orderText(Order o) {
  switch (o) {
    case Order::Rlx: return "";
    case Order::Acq: return ".aq";
    case Order::Rel: return ".rl";
    case Order::AcqRel: return ".aqrl";
  }
  return "";
}

char widthLetter(Width w) {
  switch (w) {
    case Width::Byte: return 'b';
    case Width::Half: return 'h';
    case Width::Word: return 'w';
    case Width::Double: return 'd';
  }
  return 'w';
}

const char* amoName(AmoOp op) {
  switch (op) {
    case AmoOp::Swap: return "amoswap";
    case AmoOp::Add: return "amoadd";
    case AmoOp::And: return "amoand";
    case AmoOp::Or: return "amoor";
    case AmoOp::Xor: return "amoxor";
  }
  return "amo";
}

}  // namespace

std::string dumpInstruction(const Instruction& i) {
  using K = Instruction::Kind;
  switch (i.kind) {
    case K::AluImm: return fmt::format("{} x{},x{},{}", i.aluName, i.rd, i.rs1, i.imm);
    case K::AluReg: return fmt::format("{} x{},x{},x{}", i.aluName, i.rd, i.rs1, i.rs2);
    case K::Jump: return "j " + i.label;
    case K::Branch: return fmt::format("{} x{},x{},{}", i.aluName, i.rs1, i.rs2, i.label);
    case K::Load:
      return fmt::format("l{}{}{} x{},{}(x{})", widthLetter(i.width), i.isUnsigned ? "u" : "", orderText(i.order), i.rd,
                         i.imm, i.rs1);
    case K::Store:
      return fmt::format("s{}{} x{},{}(x{})", widthLetter(i.width), orderText(i.order), i.rs2, i.imm, i.rs1);
    case K::LoadReserve: return fmt::format("lr.{}{} x{},0(x{})", widthLetter(i.width), orderText(i.order), i.rd, i.rs1);
    case K::StoreConditional:
      return fmt::format("sc.{}{} x{},x{},0(x{})", widthLetter(i.width), orderText(i.order), i.rd, i.rs2, i.rs1);
    case K::Amo:
      return fmt::format("{}.{}{} x{},x{},(x{})", amoName(i.amo), widthLetter(i.width), orderText(i.order), i.rd, i.rs2,
                         i.rs1);
    case K::Fence: {
      // "fence.r.rw" prints "fence r,rw"; fence.tso and fence.i as they are.
      if (i.fence == "fence.tso" || i.fence == "fence.i") return i.fence;
      const std::string sets = i.fence.substr(6);
      const std::size_t dot = sets.find('.');
      return fmt::format("fence {},{}", sets.substr(0, dot), sets.substr(dot + 1));
    }
  }
  return "";
}

}  // namespace mcm::riscv
