// The mcm command on RISC-V tests: run (herd7's text), hw (refused clearly).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

#include "report/oracle_blocks.hpp"

namespace {

const std::string kShared = MCM_SHARED_DIR;
const std::string kTest = kShared + "/litmus/riscv/non-mixed-size/HAND/2+2Swap.litmus";

struct Result {
  int status = -1;
  std::string out;  // stdout and stderr
};

Result runMcm(const std::string& args) {
  Result r;
  FILE* p = popen((std::string(MCM_BINARY) + " " + args + " 2>&1").c_str(), "r");
  std::array<char, 4096> buf{};
  for (std::size_t n; (n = fread(buf.data(), 1, buf.size(), p)) > 0;) r.out.append(buf.data(), n);
  const int raw = pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

TEST(RiscvCli, RunPrintsHerdsText) {
  const Result r = runMcm("run -model " + kShared + "/models/riscv/riscv.cat " + kTest);
  ASSERT_EQ(r.status, 0) << r.out;
  const auto blocks = mcm::testing::readOracleBlocks(kShared + "/oracle/herd7-riscv-rvwmo-dev.out");
  std::string expected;
  for (const auto& l : blocks.at("non-mixed-size/HAND/2+2Swap.litmus"))
    if (l.rfind("Time ", 0) != 0) expected += l + "\n";
  std::string got;
  std::size_t at = 0;
  for (std::size_t nl; (nl = r.out.find('\n', at)) != std::string::npos; at = nl + 1) {
    const std::string line = r.out.substr(at, nl - at);
    if (line.rfind("Time ", 0) != 0 && !line.empty()) got += line + "\n";
  }
  EXPECT_EQ(got, expected);
}

TEST(RiscvCli, HwRefusesRiscvTests) {
  const Result r = runMcm("hw " + kTest);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("2+2Swap.litmus:1:1: error: RISCV test: mcm hw runs C litmus tests only"), std::string::npos)
      << r.out;
}

}  // namespace
