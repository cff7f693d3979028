// Soundness of the hardware runner on this machine: every state a test shows on the
// CPU must be one herd7 allows (../shared/oracle), or, for the sys_membarrier() tests
// herd7's model does not know (membarrier/ and paulmck's manual/memb/), one the embedded
// model allows, and the test's `Result:` line must hold. Tests needing a
// primitive with no user-space counterpart are skipped and say which.
// Also the sensitivity the issue asks for: store buffering is observable without
// fences and with compiler barriers only, and never with smp_mb() or sys_membarrier().
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "hw/runner.hpp"
#include "exec/engine.hpp"
#include "litmus/parser.hpp"
#include "models/models.hpp"
#include "report/herd_text.hpp"

namespace mcm::hw {
namespace {

namespace fs = std::filesystem;

const std::string kShared = MCM_SHARED_DIR;

struct Case {
  std::string corpus;   // seed, kernel, membarrier or paulmck/manual/memb
  std::string path;     // relative to the corpus directory, as in the oracle
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.corpus << "/" << c.path; }

std::vector<Case> corpusCases() {
  std::vector<Case> cases;
  for (const std::string corpus : {"seed", "kernel", "membarrier", "paulmck/manual/memb"}) {
    const fs::path root = fs::path(kShared) / "litmus" / corpus;
    std::vector<std::string> paths;
    for (const auto& entry : fs::recursive_directory_iterator(root))
      if (entry.path().extension() == ".litmus") paths.push_back(fs::relative(entry.path(), root).string());
    std::sort(paths.begin(), paths.end());
    for (auto& p : paths) cases.push_back({corpus, p});
  }
  return cases;
}

// herd7's allowed states per test: the lines between `States N` and the verdict.
std::map<std::string, std::set<std::string>> oracleStates(const std::string& outFile) {
  std::map<std::string, std::set<std::string>> states;
  std::ifstream in(outFile);
  std::string path, line;
  int remaining = 0;
  while (std::getline(in, line)) {
    if (line.rfind("#### ", 0) == 0) {
      path = line.substr(5);
      remaining = 0;
    } else if (line.rfind("States ", 0) == 0) {
      remaining = std::stoi(line.substr(7));
      states[path];  // a test with no states still has an (empty) entry
    } else if (remaining > 0) {
      states[path].insert(line);
      --remaining;
    }
  }
  return states;
}

const std::map<std::string, std::set<std::string>>& oracleFor(const std::string& corpus) {
  static const auto seed = oracleStates(kShared + "/oracle/herd7-seed.out");
  static const auto kernel = oracleStates(kShared + "/oracle/herd7-kernel.out");
  return corpus == "seed" ? seed : kernel;
}

HwOptions options(unsigned long long iterations) {
  HwOptions o;
  o.build.cacheDir = MCM_HW_CACHE;
  o.run.iterations = iterations;
  o.run.size = 1000;
  return o;
}

// Parses, expands and runs; skips the test when a primitive cannot run on hardware.
std::optional<HwResult> runCorpusTest(const std::string& file, unsigned long long iterations) {
  const litmus::Test expanded = macros::expandMacros(litmus::parseLitmusFile(file), hardwareMacros());
  try {
    return runOnHardware(expanded, options(iterations));
  } catch (const Diagnostic& d) {
    if (d.message().rfind("unsupported on hardware: ", 0) != 0) throw;
    return std::nullopt;
  }
}

class HwSoundness : public ::testing::TestWithParam<Case> {};

TEST_P(HwSoundness, ObservedStatesAreAllowed) {
  const Case& c = GetParam();
  const std::string file = kShared + "/litmus/" + c.corpus + "/" + c.path;
  const litmus::Test test = litmus::parseLitmusFile(file);
  std::set<std::string> allowed;
  const bool usesMembarrier = c.corpus == "membarrier" || c.corpus == "paulmck/manual/memb";
  if (usesMembarrier) {
    exec::RunOptions run;
    run.variants = {"lkmmv2"};
    const auto& model = models::defaultModel();
    for (const auto& st : exec::runTest(macros::expandMacros(test, *model.macros()), model.model(), run).states)
      allowed.insert(report::renderStateLine(st));
  } else {
    const auto& oracle = oracleFor(c.corpus);
    const auto it = oracle.find(c.path);
    if (it == oracle.end()) GTEST_SKIP() << "herd7 gave no result for " << c.path;
    allowed = it->second;
  }
  const std::optional<HwResult> result = runCorpusTest(file, 20000);
  if (!result) GTEST_SKIP() << "needs a primitive with no user-space counterpart";
  if (usesMembarrier) {
    // README: the Result: line is the verdict of a model that knows sys_membarrier().
    ASSERT_TRUE(test.result);
    if (test.result->rfind("Never", 0) == 0) EXPECT_EQ(result->histogram.positive, 0u) << result->text;
  }
  int violations = 0;
  for (const auto& line : result->histogram.lines) {
    const std::string state = report::renderStateLine(line.state);
    if (!allowed.count(state)) {
      ++violations;
      ADD_FAILURE() << c.path << ": observed " << line.count << " x '" << state << "', which "
                    << (usesMembarrier ? "the embedded model" : "herd7") << " forbids";
    }
  }
  EXPECT_EQ(violations, 0) << result->text;
}

std::string caseName(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.corpus + "_" + info.param.path;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpora, HwSoundness, ::testing::ValuesIn(corpusCases()), caseName);

// ---- sensitivity ----

unsigned long long weakOutcomes(const std::string& corpusPath, unsigned long long iterations) {
  const auto result = runCorpusTest(kShared + "/litmus/" + corpusPath, iterations);
  EXPECT_TRUE(result.has_value());
  return result ? result->histogram.positive : 0;
}

TEST(HwSensitivity, StoreBufferingShowsWithoutFences) {
  // About 8% of the iterations on this machine (2-CPU x86), so 200000 leave no doubt.
  EXPECT_GT(weakOutcomes("seed/SB+poonceonces.litmus", 200000), 0u);
  EXPECT_GT(weakOutcomes("membarrier/SB+barrier+barrier.litmus", 200000), 0u);
}

TEST(HwSensitivity, StoreBufferingNeverShowsWithFullBarriers) {
  EXPECT_EQ(weakOutcomes("seed/SB+mbonceonces.litmus", 100000), 0u);
  EXPECT_EQ(weakOutcomes("membarrier/SB+membarrier+barrier.litmus", 100000), 0u);
}

}  // namespace
}  // namespace mcm::hw
