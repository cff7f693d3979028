// judgelitmus.sh's rules, case by case, and herd7 oracle comparison.
#include <gtest/gtest.h>

#include "corpus/judge.hpp"

using namespace mcm::corpus;
using Kind = Judgement::Kind;

namespace {
TestOutcome ok(const std::string& observation, long long pos, long long neg, std::vector<std::string> flags = {}) {
  TestOutcome o;
  o.observation = observation;
  o.positive = pos;
  o.negative = neg;
  o.states = 1;
  o.flags = std::move(flags);
  return o;
}
}  // namespace

TEST(JudgeAnnotation, PlainWords) {
  EXPECT_EQ(judgeAgainstAnnotation("Never", ok("Never", 0, 3)).kind, Kind::Pass);
  EXPECT_EQ(judgeAgainstAnnotation("Sometimes", ok("Sometimes", 1, 3)).kind, Kind::Pass);
  EXPECT_EQ(judgeAgainstAnnotation("Always", ok("Always", 2, 0)).kind, Kind::Pass);
  EXPECT_EQ(judgeAgainstAnnotation("Never", ok("Sometimes", 1, 3)).kind, Kind::Mismatch);
  EXPECT_EQ(judgeAgainstAnnotation(std::nullopt, ok("Sometimes", 1, 3)).kind, Kind::NoJudgement);
  EXPECT_EQ(judgeAgainstAnnotation("Maybe", ok("Sometimes", 1, 3)).kind, Kind::Pass);
}

TEST(JudgeAnnotation, DataRaceMustBePredictedBothWays) {
  EXPECT_EQ(judgeAgainstAnnotation("Sometimes DATARACE", ok("Sometimes", 1, 1, {"data-race"})).kind, Kind::Pass);
  EXPECT_EQ(judgeAgainstAnnotation("Sometimes DATARACE", ok("Sometimes", 1, 1)).kind, Kind::Mismatch);
  EXPECT_EQ(judgeAgainstAnnotation("Sometimes", ok("Sometimes", 1, 1, {"data-race"})).kind, Kind::Mismatch);
  // A wrong word is forgiven when the race is modeled (and predicted).
  EXPECT_EQ(judgeAgainstAnnotation("Never DATARACE", ok("Sometimes", 1, 1, {"data-race"})).kind, Kind::Forgiven);
}

TEST(JudgeAnnotation, Deadlock) {
  EXPECT_EQ(judgeAgainstAnnotation("DEADLOCK", ok("Never", 0, 0)).kind, Kind::Pass);
  EXPECT_EQ(judgeAgainstAnnotation("DEADLOCK", ok("Never", 0, 2)).kind, Kind::Mismatch);
  // judgelitmus.sh treats an unannounced `Never 0 0` as an unexpected deadlock.
  EXPECT_EQ(judgeAgainstAnnotation("Never", ok("Never", 0, 0)).kind, Kind::Mismatch);
}

TEST(JudgeAnnotation, FlagNeedsThatFlag) {
  EXPECT_EQ(judgeAgainstAnnotation("Flag srcu-bad-nesting", ok("Never", 0, 2, {"srcu-bad-nesting"})).kind, Kind::Pass);
  EXPECT_EQ(judgeAgainstAnnotation("Flag srcu-bad-nesting", ok("Never", 0, 2, {"multiple-srcu-matches"})).kind,
            Kind::Mismatch);
}

TEST(JudgeAnnotation, ErrorsAreMismatches) {
  TestOutcome o;
  o.status = TestOutcome::Status::Timeout;
  EXPECT_EQ(judgeAgainstAnnotation("Never", o).kind, Kind::Mismatch);
}

TEST(JudgeOracle, ComparesObservationStatesAndFlags) {
  OracleRow herd;
  herd.status = "ok";
  herd.observation = "Sometimes";
  herd.positive = 1;
  herd.negative = 3;
  herd.states = 1;
  EXPECT_EQ(judgeAgainstOracle(herd, ok("Sometimes", 1, 3)).kind, Kind::Pass);
  EXPECT_EQ(judgeAgainstOracle(herd, ok("Sometimes", 2, 3)).kind, Kind::Mismatch);
  EXPECT_EQ(judgeAgainstOracle(herd, ok("Sometimes", 1, 3, {"data-race"})).kind, Kind::Mismatch);
  auto moreStates = ok("Sometimes", 1, 3);
  moreStates.states = 2;
  EXPECT_EQ(judgeAgainstOracle(herd, moreStates).kind, Kind::Mismatch);
  herd.status = "timeout";
  EXPECT_EQ(judgeAgainstOracle(herd, ok("Never", 0, 5)).kind, Kind::NoJudgement);
}

TEST(JudgeOracle, ReadsHerdTsv) {
  // Row copied by eye from the oracle: doc/atomic/Atomic-RMW-ops-are-atomic-WRT-atomic_set.litmus ok Never 0 2 1.
  const auto rows = readOracleTsv(MCM_SHARED_DIR "/oracle/herd7-kernel.tsv");
  const auto& row = rows.at("doc/atomic/Atomic-RMW-ops-are-atomic-WRT-atomic_set.litmus");
  EXPECT_EQ(row.status, "ok");
  EXPECT_EQ(row.observation, "Never");
  EXPECT_EQ(row.positive, 0);
  EXPECT_EQ(row.negative, 2);
  EXPECT_EQ(row.states, 1);
  EXPECT_TRUE(row.flags.empty());
  EXPECT_EQ(rows.size(), 55u);  // 56 lines in the file, one of them the header
}

TEST(HerdText, ReadsCountsAndFlags) {
  TestOutcome o;
  readHerdText("Test T Allowed\nStates 2\n0:r0=0;\n0:r0=1;\nOk\nWitnesses\nPositive: 1 Negative: 3\n"
               "Flag mixed-accesses\nFlag data-race\nCondition exists (0:r0=1)\n"
               "Observation T Sometimes 1 3\nTime T 0.01\nHash=00\n\n",
               o);
  EXPECT_EQ(o.states, 2);
  EXPECT_EQ(o.observation, "Sometimes");
  EXPECT_EQ(o.positive, 1);
  EXPECT_EQ(o.negative, 3);
  EXPECT_EQ(o.flags, (std::vector<std::string>{"data-race", "mixed-accesses"}));
}

TEST(JudgeAnnotation, NonCTestsAreNotJudged) {
  TestOutcome o;
  o.status = TestOutcome::Status::Unsupported;
  o.error = "unsupported architecture LISA";
  EXPECT_EQ(judgeAgainstAnnotation("Never", o).kind, Kind::NoJudgement);
}
