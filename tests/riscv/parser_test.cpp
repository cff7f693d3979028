// The RISC-V front end: what it reads from herd's assembly format, and the
// positioned errors it gives on bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "riscv/parser.hpp"
#include "riscv/semantics.hpp"
#include "support/diagnostic.hpp"

namespace mcm::riscv {
namespace {

const char* kMp = R"(RISCV MP+test
"doc"
{
0:x6=x; 0:a0=y;
1:x6=y; 1:s1=x;
}
 P0          | P1               ;
 ori x5,x0,1 | lw.aq x5,0(x6)   ;
 sw x5,0(x6) | bne x5,x0,LC00   ;
 fence w,w   | LC00:            ;
 sw.rl x5,0(a0) | amoswap.w.aq.rl x7,x5,(s1) ;
 fence.tso   | lr.w x1,0(x6)    ;
 li t0,2     | sc.w.rl x2,x1,0(x6) ;
exists (1:x5=1 /\ 1:a1=0 /\ x=1)
)";

TEST(RiscvParser, ReadsInitCodeAndCondition) {
  const riscv::Test t = parseText(kMp, "mp.litmus");
  EXPECT_EQ(t.frame.arch, "RISCV");
  EXPECT_EQ(t.frame.name, "MP+test");
  ASSERT_EQ(t.frame.threads.size(), 2u);
  ASSERT_EQ(t.threads.size(), 2u);
  // ABI register names are read as herd reads them and named xN.
  ASSERT_EQ(t.frame.init.size(), 4u);
  EXPECT_EQ(t.frame.init[1].loc.name, "x10");
  EXPECT_EQ(t.frame.init[1].loc.rank, 10);
  EXPECT_EQ(t.frame.init[3].loc.name, "x9");
  std::vector<std::string> p0, p1;
  for (const auto& item : t.threads[0].code) p0.push_back(item.isLabel ? item.label + ":" : dumpInstruction(item.instruction));
  for (const auto& item : t.threads[1].code) p1.push_back(item.isLabel ? item.label + ":" : dumpInstruction(item.instruction));
  // herd's printing: li is ori from x0, .aq.rl prints .aqrl, amo has no offset.
  EXPECT_EQ(p0, (std::vector<std::string>{"ori x5,x0,1", "sw x5,0(x6)", "fence w,w", "sw.rl x5,0(x10)", "fence.tso",
                                          "ori x5,x0,2"}));
  EXPECT_EQ(p1, (std::vector<std::string>{"lw.aq x5,0(x6)", "bne x5,x0,LC00", "LC00:", "amoswap.w.aqrl x7,x5,(x9)",
                                          "lr.w x1,0(x6)", "sc.w.rl x2,x1,0(x6)"}));
  ASSERT_TRUE(t.frame.condition.has_value());
  EXPECT_EQ(t.frame.condition->prop->args[1]->lhs.name, "x11");
}

// The hash's code text: labels renamed in name order, columns padded, rows ` a | b ;`.
TEST(RiscvParser, HashCodeTextIsHerdsTable) {
  const riscv::Test t = parseText(R"(RISCV T
{ }
 P0          | P1 ;
 bne x5,x0,Z | j A ;
 Z:          | A: ;
exists (0:x5=0)
)",
                           "t.litmus");
  EXPECT_EQ(hashCodeText(t), " bne x5,x0,L01 | j L00 ;\n L01:          | L00:  ;\n");
}

void expectError(const std::string& text, int line, int col, const std::string& fragment) {
  try {
    parseText(text, "bad.litmus");
    FAIL() << "no error for:\n" << text;
  } catch (const Diagnostic& e) {
    EXPECT_EQ(e.pos().line, line) << e.what();
    EXPECT_EQ(e.pos().col, col) << e.what();
    EXPECT_NE(e.message().find(fragment), std::string::npos) << e.what();
  }
}

TEST(RiscvParser, PositionedErrors) {
  const std::string head = "RISCV T\n{ 0:x5=x; }\n P0 | P1 ;\n";
  expectError(head + " lw x1,0(x5) | frob x1,x2 ;\nexists (0:x1=0)\n", 4, 16, "unknown instruction 'frob x1,x2'");
  expectError(head + " lw x1,0(x5) | lw x1,0(q7) ;\nexists (0:x1=0)\n", 4, 24, "expected a register");
  expectError(head + " lw x1,0(x5) ;\nexists (0:x1=0)\n", 4, 2, "malformed row: 1 columns, but 2 threads");
  expectError(head + " bne x1,x0,L9 | ori x1,x0,1 ;\nexists (0:x1=0)\n", 4, 2, "label L9 is not defined");
  expectError(head + " fence r,q | ori x1,x0,1 ;\nexists (0:x1=0)\n", 4, 2, "bad fence");
  expectError(head + " amoswap.w x1,x2,4(x5) | ori x1,x0,1 ;\nexists (0:x1=0)\n", 4, 18, "takes no offset");
  expectError(head + " lw x1,0(x5) | ori x1,x0,1 ;\nexists (0:q1=0)\n", 5, 9, "unknown RISC-V register q1");
  expectError("RISCV T\n{ 0:x5=x; }\n P0 | P2 ;\n", 3, 7, "expected thread name P1");
  expectError("RISCV T\n{ 0:x5=x; 0:t0=y; }\n P0 ;\n ori x1,x0,1 ;\nexists (0:x1=0)\n", 2, 11, "initialised twice");
}

// Every test of the suite is read but six, each refused with herd7's reason or (64-bit
// constants in mixed-size tests) an equally clear one.
TEST(RiscvParser, ReadsTheWholeSuite) {
  namespace fs = std::filesystem;
  const std::map<std::string, std::string> refusals = {
      {"MP+fence.rw.rw+poxx.litmus", "location ok is initialised twice"},
      {"MP+poxx+addr.litmus", "location ok is initialised twice"},
      {"MP+fence.rw.rw+ctrlind.litmus", "expected ';', found ':'"},     // a label as a value: herd refuses it too
      {"MP+fence.rw.rw+ctrlindaddr.litmus", "expected ';', found ':'"},
      {"LR-SC-mixed1.litmus", "does not fit in 32 bits"},
      {"LR-SC-mixed2.litmus", "does not fit in 32 bits"},
  };
  int files = 0;
  std::map<std::string, std::string> refused;
  for (const auto& e : fs::recursive_directory_iterator(std::string(MCM_SHARED_DIR) + "/litmus/riscv")) {
    if (e.path().extension() != ".litmus") continue;
    ++files;
    try {
      parseFile(e.path().string());
    } catch (const Diagnostic& d) {
      refused[e.path().filename().string()] = d.message();
    }
  }
  EXPECT_EQ(files, 7925);
  EXPECT_EQ(refused.size(), refusals.size());
  for (const auto& [file, message] : refused) {
    ASSERT_TRUE(refusals.count(file)) << file << ": " << message;
    EXPECT_NE(message.find(refusals.at(file)), std::string::npos) << file << ": " << message;
  }
}

}  // namespace
}  // namespace mcm::riscv
