// File discovery and the oracle's per-test text blocks.
#include <gtest/gtest.h>

#include <algorithm>
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

// Shard I of N holds files I, I+N, I+2N, ... (1-based): the N shards partition
// the files, in order, and differ in size by at most one.
TEST(Shards, PartitionTheFilesRoundRobin) {
  std::vector<CorpusFile> files;
  for (int i = 0; i < 10; ++i) files.push_back({"p" + std::to_string(i), "k" + std::to_string(i)});
  EXPECT_EQ(shardOf(files, 1, 1).size(), 10u);
  const auto second = shardOf(files, 2, 4);
  ASSERT_EQ(second.size(), 3u);
  EXPECT_EQ(second[0].key, "k1");
  EXPECT_EQ(second[1].key, "k5");
  EXPECT_EQ(second[2].key, "k9");
  std::vector<std::string> all;
  for (int i = 1; i <= 4; ++i)
    for (const auto& f : shardOf(files, i, 4)) all.push_back(f.key);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all.size(), 10u);
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
  EXPECT_EQ(shardOf(files, 4, 4).size(), 2u);
  EXPECT_TRUE(shardOf(files, 7, 12).size() == 1u && shardOf(files, 11, 12).empty());
  EXPECT_THROW(shardOf(files, 0, 4), std::invalid_argument);
  EXPECT_THROW(shardOf(files, 5, 4), std::invalid_argument);
}

// A JSON report read back gives the records it was written from.
TEST(Shards, JsonReportsReadBackAndMerge) {
  TestRecord a;
  a.file = {"/x/b.litmus", "b.litmus"};
  a.outcome.observation = "Sometimes";
  a.outcome.positive = 2;
  a.outcome.negative = 1;
  a.outcome.states = 3;
  a.outcome.flags = {"data-race"};
  a.outcome.seconds = 0.125;
  a.outcome.annotation = "Sometimes DATARACE";
  a.annotation = {Judgement::Kind::Pass, ""};
  a.oracle = Judgement{Judgement::Kind::Mismatch, "herd7 says Never"};
  a.herdSeconds = 0.5;
  TestRecord b;
  b.file = {"/x/a.litmus", "a.litmus"};
  b.outcome.status = TestOutcome::Status::Timeout;
  b.outcome.error = "timed out";
  b.annotation = {Judgement::Kind::NoJudgement, "no Result: line"};
  const std::string one = testing::TempDir() + "/shard-1.json", two = testing::TempDir() + "/shard-2.json";
  writeReport(one, {a});
  writeReport(two, {b});
  const auto merged = readJsonReports({one, two});
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].file.key, "a.litmus");  // sorted by key, as one run sorts
  EXPECT_EQ(merged[0].outcome.status, TestOutcome::Status::Timeout);
  EXPECT_EQ(merged[0].outcome.error, "timed out");
  EXPECT_FALSE(merged[0].oracle.has_value());
  const TestRecord& r = merged[1];
  EXPECT_EQ(r.file.key, "b.litmus");
  EXPECT_EQ(r.outcome.observation, "Sometimes");
  EXPECT_EQ(r.outcome.positive, 2);
  EXPECT_EQ(r.outcome.states, 3);
  EXPECT_EQ(r.outcome.flags, std::vector<std::string>{"data-race"});
  EXPECT_EQ(r.outcome.seconds, 0.125);
  EXPECT_EQ(r.outcome.annotation, "Sometimes DATARACE");
  EXPECT_EQ(r.annotation.kind, Judgement::Kind::Pass);
  ASSERT_TRUE(r.oracle.has_value());
  EXPECT_EQ(r.oracle->kind, Judgement::Kind::Mismatch);
  EXPECT_EQ(r.oracle->reason, "herd7 says Never");
  EXPECT_EQ(r.herdSeconds, 0.5);
  EXPECT_THROW(readJsonReports({one, one}), std::runtime_error);
  std::ofstream(two) << "{\"not\": \"a report\"}";
  EXPECT_THROW(readJsonReports({two}), std::runtime_error);
}
