// Accesses at an offset from a location, as herd7 7.58 runs them without
// -variant mixed: `x+k` is a location of its own with no initial value; a test
// reading one that no thread writes is refused (herd7: "mixed-size test rejected").
#include <gtest/gtest.h>

#include "exec/engine.hpp"
#include "riscv/offsets.hpp"
#include "riscv/parser.hpp"
#include "riscv/semantics.hpp"
#include "support/diagnostic.hpp"

namespace mcm::riscv {
namespace {

const std::string kShared = MCM_SHARED_DIR;

// P1 reads x+1, which only P0 writes: with no initial value it reads 0x11, never 0.
const char* kOffsetRead = R"(RISCV offset-read
{
uint32_t x;
0:x4=x; 0:x1=0x11;
1:x4=x;
}
 P0          | P1          ;
 sb x1,1(x4) | lb x2,1(x4) ;
exists (1:x2=0)
)";

TEST(RiscvOffsets, AnOffsetIsALocationWithoutInitialValue) {
  const riscv::Test t = parseText(kOffsetRead, "offset.litmus");
  EXPECT_EQ(t.frame.uninitialised, std::vector<std::string>{"x+1"});
  const exec::TestResult r =
      exec::runTest(t.frame, threadSource(t), cat::loadModel(kShared + "/models/riscv/riscv.cat", {}, "", annotationSets()),
                    exec::RunOptions{});
  // One final state (1:x2=17), not satisfying the condition.
  ASSERT_EQ(r.states.size(), 1u);
  EXPECT_EQ(r.positive, 0);
}

TEST(RiscvOffsets, OnlyRegistersTheThreadNeverRedefines) {
  const riscv::Test t = parseText(R"(RISCV redefined
{
0:x4=x; 0:x5=y;
}
 P0           ;
 sb x1,1(x4)  ;
 addi x5,x5,0 ;
 sb x1,2(x5)  ;
exists (x=0)
)", "redefined.litmus");
  EXPECT_EQ(writtenOffsetLocations(t), std::vector<std::string>{"x+1"});
}

// herd7's rejections of the suite (../shared/oracle/herd7-riscv-rvwmo.err): the
// same tests are refused, at the instruction, naming herd7's symbol.
TEST(RiscvOffsets, RefusesWhatHerdRejects) {
  const std::vector<std::pair<std::string, std::string>> rejected = {
      {"mixed-size/HAND/LB-mixed1.litmus", "z+4"},
      {"mixed-size/HAND/LB-mixed3.litmus", "y+2"},
      {"mixed-size/SF_THESIS/HAND/MP+fence.rw.rw+si-pos-addr.litmus", "y+1"},
      {"mixed-size/SF_THESIS/HAND/MP+si+fence.rw.rw.litmus", "x+1"},
      {"mixed-size/SF_THESIS/HAND/MP+si1+fence.rw.rw.litmus", "x+2"},
      {"mixed-size/SF_THESIS/HAND/S+fence.rw.rw+si-pos-addr.litmus", "y+1"},
  };
  const auto model = cat::loadModel(kShared + "/models/riscv/riscv.cat", {}, "", annotationSets());
  for (const auto& [path, symbol] : rejected) {
    const riscv::Test t = parseFile(kShared + "/litmus/riscv/" + path);
    try {
      exec::runTest(t.frame, threadSource(t), model, exec::RunOptions{});
      ADD_FAILURE() << path << " runs";
    } catch (const Diagnostic& d) {
      const std::string what = d.what();
      EXPECT_NE(what.find("mixed-size access to " + symbol + ","), std::string::npos) << what;
      EXPECT_GT(d.pos().line, 0) << what;
    }
  }
}

}  // namespace
}  // namespace mcm::riscv
