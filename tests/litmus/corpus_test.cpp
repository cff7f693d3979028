// Every C test of the shared corpora parses; every non-C test is rejected as
// "unsupported architecture"; the herd7 oracle's `Condition` lines are reproduced.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "litmus/parser.hpp"
#include "litmus/printer.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kShared = MCM_SHARED_DIR;

struct Census {
  int parsed = 0;
  std::map<std::string, int> unsupported;  // architecture -> files
  std::vector<std::string> failures;
};

Census parseCorpus(const std::string& corpus) {
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(kShared + "/litmus/" + corpus))
    if (entry.is_regular_file() && entry.path().extension() == ".litmus") paths.push_back(entry.path().string());
  Census census;
  const std::string prefix = "unsupported architecture ";
  for (const auto& path : paths) {
    try {
      mcm::litmus::Test test = mcm::litmus::parseLitmusFile(path);
      EXPECT_EQ(test.path, path);
      ++census.parsed;
    } catch (const mcm::Diagnostic& d) {
      if (d.message().rfind(prefix, 0) == 0)
        ++census.unsupported[d.message().substr(prefix.size())];
      else
        census.failures.push_back(d.what());
    }
  }
  return census;
}

// Expected counts come from the first word of each file's first line:
//   for d in seed kernel paulmck; do find $d -name '*.litmus' -print0 |
//     xargs -0 -n1 sh -c 'head -n1 "$0" | awk "{print \$1}"' | sort | uniq -c; done
// gives seed: 28 C; kernel: 55 C; paulmck: 5388 C, 174 LISA, 9 PPC
// (c-dialect-census.md §0 lists the same 5,388 + 174 + 9 for paulmck).
TEST(Corpus, SeedParses) {
  Census c = parseCorpus("seed");
  EXPECT_EQ(c.parsed, 28);
  EXPECT_TRUE(c.unsupported.empty());
  EXPECT_TRUE(c.failures.empty()) << c.failures.front();
}

TEST(Corpus, KernelParses) {
  Census c = parseCorpus("kernel");
  EXPECT_EQ(c.parsed, 55);
  EXPECT_TRUE(c.unsupported.empty());
  EXPECT_TRUE(c.failures.empty()) << c.failures.front();
}

TEST(Corpus, PaulmckParsesAndRejectsOtherArchitectures) {
  Census c = parseCorpus("paulmck");
  EXPECT_EQ(c.parsed, 5388);
  EXPECT_EQ(c.unsupported, (std::map<std::string, int>{{"LISA", 174}, {"PPC", 9}}));
  for (const auto& f : c.failures) ADD_FAILURE() << f;
}

// herd7's own re-printing of each test's condition, from the oracle outputs:
// `#### <path relative to the corpus>` starts a block, `Condition <text>` is the line.
TEST(Corpus, OracleConditionLines) {
  const std::vector<std::pair<std::string, std::string>> outputs = {
      {"herd7-seed.out", "seed"},
      {"herd7-seed-lkmm2018model.out", "seed"},
      {"herd7-seed-scenarios.out", "seed-scenarios"},
      {"herd7-kernel.out", "kernel"},
      {"herd7-paulmck-dev.out", "paulmck"},
  };
  int compared = 0;
  for (const auto& [file, corpus] : outputs) {
    std::ifstream in(kShared + "/oracle/" + file);
    ASSERT_TRUE(in) << file;
    std::string line, path;
    while (std::getline(in, line)) {
      if (line.rfind("#### ", 0) == 0) {
        path = kShared + "/litmus/" + corpus + "/" + line.substr(5);
      } else if (line.rfind("Condition ", 0) == 0 && !path.empty()) {
        mcm::litmus::Test test = mcm::litmus::parseLitmusFile(path);
        ASSERT_TRUE(test.condition) << path;
        EXPECT_EQ(mcm::litmus::renderCondition(*test.condition), line.substr(10)) << path;
        ++compared;
      }
    }
  }
  // `grep -c '^Condition' /work/shared/oracle/*.out`: seed 28, seed-lkmm2018model 28,
  // seed-scenarios 14, kernel 53, paulmck-dev 2620; 2743 in all.
  EXPECT_EQ(compared, 2743);
}

}  // namespace
