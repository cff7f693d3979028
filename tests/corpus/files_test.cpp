// File discovery and the oracle's per-test text blocks.
#include <gtest/gtest.h>

#include <fstream>

#include "corpus/corpus.hpp"

using namespace mcm::corpus;

TEST(Files, FindsSeedTestsSortedByKey) {
  const auto files = findLitmusFiles({MCM_SHARED_DIR "/litmus/seed"});
  ASSERT_EQ(files.size(), 28u);  // the 28 tests of the original LKMM patch
  EXPECT_EQ(files.front().key, "CoRR+poonceonce+Once.litmus");
  for (std::size_t i = 1; i < files.size(); ++i) EXPECT_LT(files[i - 1].key, files[i].key);
  EXPECT_THROW(findLitmusFiles({"/nonexistent/dir"}), std::runtime_error);
}

TEST(Files, OracleBlocksWithoutTimeLine) {
  const auto blocks = readOracleOutput(MCM_SHARED_DIR "/oracle/herd7-seed.out");
  EXPECT_EQ(blocks.size(), 28u);
  // The first block of the file, as printed by herd7 (Time line dropped).
  EXPECT_EQ(blocks.at("CoRR+poonceonce+Once.litmus"),
            "Test CoRR+poonceonce+Once Allowed\nStates 3\n1:r0=0; 1:r1=0;\n1:r0=0; 1:r1=1;\n1:r0=1; 1:r1=1;\n"
            "No\nWitnesses\nPositive: 0 Negative: 3\nCondition exists (1:r0=1 /\\ 1:r1=0)\n"
            "Observation CoRR+poonceonce+Once Never 0 3\nHash=9f7826c9f46cf0fb96d6c026baccb4f1\n\n");
}

TEST(KnownDifferences, TurnListedMismatchesIntoKnownOnes) {
  const std::string file = testing::TempDir() + "/known.tsv";
  {
    std::ofstream out(file);
    out << "# comment\nA.litmus\tannotation\texplained\n";
  }
  References refs;
  refs.known = readKnownDifferences(file);
  TestOutcome o;
  o.observation = "Sometimes";
  o.positive = 1;
  o.negative = 1;
  o.annotation = "Never";
  EXPECT_EQ(judge({"a", "A.litmus"}, o, refs).annotation.kind, Judgement::Kind::Known);
  EXPECT_EQ(judge({"b", "B.litmus"}, o, refs).annotation.kind, Judgement::Kind::Mismatch);
  {
    std::ofstream out(file);
    out << "A.litmus\tsomething\texplained\n";
  }
  EXPECT_THROW(readKnownDifferences(file), std::runtime_error);
}
