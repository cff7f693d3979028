// `mcm select` and the `mselect7` alias, as the kernel's history scripts use them:
// `find litmus -name '*.litmus' | mselect7 -arch C`.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/run_process.hpp"

namespace {

using mcm::test::Outcome;
using mcm::test::run;
namespace fs = std::filesystem;

const std::string kShared = MCM_SHARED_DIR;
const std::string kC = kShared + "/litmus/seed/SB+mbonceonces.litmus";
const std::string kRiscv = kShared + "/litmus/riscv/mixed-size/HAND/LB-mixed1.litmus";

std::string mselect7() { return (fs::path(MCM_BINARY).parent_path() / "mselect7").string(); }

TEST(SelectCommand, KeepsTheTestsOfTheGivenArchitectures) {
  Outcome c = run(std::string(MCM_BINARY) + " select", "-arch C " + kRiscv + " " + kC);
  EXPECT_EQ(c.status, 0) << c.err;
  EXPECT_EQ(c.out, kC + "\n");
  Outcome riscv = run(std::string(MCM_BINARY) + " select", "-arch RISCV " + kRiscv + " " + kC);
  EXPECT_EQ(riscv.out, kRiscv + "\n");
  Outcome both = run(std::string(MCM_BINARY) + " select", "-arch RISCV -arch C " + kRiscv + " " + kC);
  EXPECT_EQ(both.out, kRiscv + "\n" + kC + "\n");
  Outcome any = run(std::string(MCM_BINARY) + " select", kRiscv + " " + kC);
  EXPECT_EQ(any.out, kRiscv + "\n" + kC + "\n");
}

// paulmckrcu/litmus holds 5,388 C tests, 174 LISA and 9 PPC ones (counted
// independently in ../shared/notes/herd7-and-peers.md §1.6 and by `head -1`).
TEST(SelectCommand, Mselect7AliasReadsPathsFromStdin) {
  ASSERT_TRUE(fs::exists(mselect7())) << "the build creates " << mselect7();
  const std::string find = "find " + kShared + "/litmus/paulmck -name '*.litmus' | ";
  Outcome c = run(find + mselect7(), "-arch C | wc -l");
  EXPECT_EQ(c.out, "5388\n");
  EXPECT_EQ(c.err, "");
  Outcome lisa = run(find + mselect7(), "-arch LISA | wc -l");
  EXPECT_EQ(lisa.out, "174\n");
  Outcome ppc = run(find + mselect7(), "-arch PPC | wc -l");
  EXPECT_EQ(ppc.out, "9\n");
}

TEST(SelectCommand, QuietGivesTheFirstTestsVerdictAsStatus) {
  EXPECT_EQ(run(mselect7(), "-q -arch C " + kC).status, 0);
  Outcome no = run(mselect7(), "-q -arch C " + kRiscv);
  EXPECT_EQ(no.status, 1);
  EXPECT_EQ(no.out, "");
}

TEST(SelectCommand, BadInputIsReportedAndSkipped) {
  Outcome o = run(mselect7(), "-arch C /nonexistent/t.litmus " + kC);
  EXPECT_EQ(o.status, 0);
  EXPECT_EQ(o.out, kC + "\n");
  EXPECT_EQ(o.err, "/nonexistent/t.litmus: error: cannot open file\n");
  Outcome arch = run(mselect7(), "-arch Z80 " + kC);
  EXPECT_EQ(arch.status, 2);
  EXPECT_EQ(arch.out, "");
  EXPECT_NE(arch.err.find("-arch Z80: not an architecture"), std::string::npos) << arch.err;
}

}  // namespace
