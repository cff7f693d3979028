// RISC-V tests against herd7 7.58 (../shared/oracle/herd7-riscv-{rvwmo,rvtso}-dev):
// every line of herd7's output but Time, Hash included, under the shared
// riscv.cat (RVWMO) and riscv-tso.cat (RVTSO) and under mcm's own embedded
// rvwmo and rvtso, except for the tests listed in
// known-differences.tsv with their reasons. MCM_RISCV_STRIDE picks every Nth
// test herd7 finished (1: the whole dev half).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "cat/model.hpp"
#include "exec/engine.hpp"
#include "models/models.hpp"
#include "report/herd_hash.hpp"
#include "report/herd_text.hpp"
#include "report/oracle_blocks.hpp"
#include "riscv/parser.hpp"
#include "riscv/semantics.hpp"

namespace mcm::riscv {
namespace {

const std::string kShared = MCM_SHARED_DIR;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (l.rfind("Time ", 0) != 0) out.push_back(l);
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

// model name -> path -> reason
std::map<std::string, std::map<std::string, std::string>> knownDifferences() {
  std::map<std::string, std::map<std::string, std::string>> known;
  std::ifstream in(std::string(MCM_SOURCE_DIR) + "/tests/riscv/known-differences.tsv");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string model, path, reason;
    std::getline(fields, model, '\t');
    std::getline(fields, path, '\t');
    std::getline(fields, reason);
    known[model][path] = reason;
  }
  return known;
}

void compareWithOracle(const std::string& modelName, std::shared_ptr<const cat::Model> model, const std::string& oracle) {
  const auto blocks = testing::readOracleBlocks(kShared + "/oracle/" + oracle + ".out");
  const auto known = knownDifferences()[modelName];
  std::ifstream tsv(kShared + "/oracle/" + oracle + ".tsv");
  std::string line;
  std::getline(tsv, line);  // header
  int finished = 0, compared = 0, identical = 0;
  for (; std::getline(tsv, line);) {
    std::istringstream fields(line);
    std::string path, status;
    std::getline(fields, path, '\t');
    std::getline(fields, status, '\t');
    if (status != "ok" || finished++ % MCM_RISCV_STRIDE != 0) continue;
    ++compared;
    std::vector<std::string> got;
    try {
      const riscv::Test t = parseFile(kShared + "/litmus/riscv/" + path);
      const exec::TestResult r = exec::runTest(t.frame, threadSource(t), model, exec::RunOptions{});
      got = lines(report::renderHerdText(t.frame, r, 0, {.hash = report::herdHash(t.asWritten, hashCodeText(t))}));
    } catch (const std::exception& e) {
      got = {std::string("error: ") + e.what()};
    }
    std::vector<std::string> expected = blocks.at(path);
    std::erase_if(expected, [](const std::string& l) { return l.rfind("Time ", 0) == 0; });
    const bool same = got == expected;
    identical += same;
    if (known.count(path)) {
      EXPECT_FALSE(same) << path << " is listed as a known difference but now matches herd7";
      continue;
    }
    if (!same) {
      std::string g, x;
      for (const auto& l : got) g += l + "\n";
      for (const auto& l : expected) x += l + "\n";
      ADD_FAILURE() << modelName << " " << path << "\n--- mcm\n" << g << "--- herd7\n" << x;
    }
  }
  std::cout << modelName << ": " << identical << " of " << compared << " tests identical to herd7\n";
  EXPECT_GT(compared, 0);
}

std::shared_ptr<const cat::Model> sharedModel(const std::string& catFile) {
  return cat::loadModel(kShared + "/models/riscv/" + catFile, {}, "", annotationSets());
}

// herd7's own model files, unmodified.
TEST(RiscvOracle, Rvwmo) { compareWithOracle("rvwmo", sharedModel("riscv.cat"), "herd7-riscv-rvwmo-dev"); }
TEST(RiscvOracle, Rvtso) { compareWithOracle("rvtso", sharedModel("riscv-tso.cat"), "herd7-riscv-rvtso-dev"); }

// mcm's own formulations (src/models/riscv/), selected by name.
TEST(RiscvOracle, EmbeddedRvwmo) {
  compareWithOracle("rvwmo", models::findEmbeddedModel("rvwmo")->model(), "herd7-riscv-rvwmo-dev");
}
TEST(RiscvOracle, EmbeddedRvtso) {
  compareWithOracle("rvtso", models::findEmbeddedModel("rvtso")->model(), "herd7-riscv-rvtso-dev");
}

}  // namespace
}  // namespace mcm::riscv
