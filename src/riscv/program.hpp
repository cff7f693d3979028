#pragma once
// A RISC-V litmus test as herd7 reads it: the common test frame (init, threads,
// final condition; registers named canonically `xN`) plus each thread's code,
// a list of labels and instructions in program order.
#include <string>
#include <vector>

#include "litmus/ast.hpp"
#include "support/diagnostic.hpp"

namespace mcm::riscv {

// The `.aq` / `.rl` annotations of an access (herd's mo).
enum class Order { Rlx, Acq, Rel, AcqRel };

enum class Width { Byte, Half, Word, Double };

enum class Alu { Add, Sub, And, Or, Xor, Slt };
enum class Cond { Eq, Ne, Lt, Ge };
enum class AmoOp { Swap, Add, And, Or, Xor };

struct Instruction {
  enum class Kind {
    AluImm,    // op rd,rs1,imm  (li rd,imm is ori rd,x0,imm)
    AluReg,    // op rd,rs1,rs2
    Jump,      // j label
    Branch,    // bcc rs1,rs2,label
    Load,      // l{w,d,...}[.aq][.rl] rd,imm(rs1)
    Store,     // s{w,d,...}[.aq][.rl] rs2,imm(rs1)
    LoadReserve,       // lr.{w,d} rd,(rs1)
    StoreConditional,  // sc.{w,d} rd,rs2,(rs1)
    Amo,               // amo<op>.{w,d} rd,rs2,(rs1)
    Fence,             // fence PRED,SUCC / fence.tso / fence.i
  };
  Kind kind = Kind::Fence;
  SourcePos pos;
  Alu alu = Alu::Add;
  std::string aluName;  // herd's mnemonic of an ALU op ("ori", "xor", ...)
  Cond cond = Cond::Eq;
  AmoOp amo = AmoOp::Swap;
  Width width = Width::Word;
  bool isUnsigned = false;
  Order order = Order::Rlx;
  int rd = 0, rs1 = 0, rs2 = 0;  // register numbers 0..31
  long long imm = 0;
  std::string label;      // Jump / Branch target
  std::string fence;      // Fence: herd's barrier, dotted ("fence.r.rw", "fence.tso", "fence.i")
};

// One item of a thread's code: a label definition or an instruction.
struct CodeItem {
  bool isLabel = false;
  std::string label;
  Instruction instruction;
};

struct Thread {
  std::vector<CodeItem> code;
};

struct Test {
  litmus::Test frame;            // arch "RISCV"; frame.threads holds index and position only
  litmus::Test asWritten;        // the frame with registers named as written (`0:a0`): herd's Hash digests these
  std::vector<Thread> threads;
};

// herd's text of an instruction (`lw.aq x5,0(x6)`, `amoswap.w x0,x5,(x6)`, `fence r,rw`).
std::string dumpInstruction(const Instruction& ins);

}  // namespace mcm::riscv
