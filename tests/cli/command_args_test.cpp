// The worker options `mcm corpus` and `mcm compare` share: bad values are
// refused by both with the same message and status 2, before any test runs.
#include <gtest/gtest.h>

#include <unistd.h>

#include "cli/run_process.hpp"

#include <filesystem>
#include <fstream>

namespace {

using mcm::test::Outcome;
using mcm::test::run;
const std::string kSeed = std::string(MCM_SHARED_DIR) + "/litmus/seed";

Outcome mcm(const std::string& args) { return run(std::string(MCM_BINARY), args); }

TEST(CommandArgs, BadWorkerOptionsAreRefusedByCorpusAndCompare) {
  for (const std::string command : {"corpus", "compare sc tso"}) {
    Outcome zeroJobs = mcm(command + " -j 0 " + kSeed);
    EXPECT_EQ(zeroJobs.status, 2) << command;
    EXPECT_NE(zeroJobs.err.find("-j needs a number >= 1, got '0'"), std::string::npos) << zeroJobs.err;
    Outcome badTimeout = mcm(command + " " + kSeed + " --timeout soon");
    EXPECT_EQ(badTimeout.status, 2) << command;
    EXPECT_NE(badTimeout.err.find("--timeout needs a number >= 0, got 'soon'"), std::string::npos) << badTimeout.err;
    Outcome smallMemory = mcm(command + " --memory 10 " + kSeed);
    EXPECT_NE(smallMemory.err.find("--memory needs a number >= 64, got '10'"), std::string::npos) << smallMemory.err;
    Outcome noValue = mcm(command + " " + kSeed + " --jobs");
    EXPECT_EQ(noValue.status, 2) << command;
    EXPECT_NE(noValue.err.find("--jobs needs a value"), std::string::npos) << noValue.err;
  }
}

// A model without checks allows everything: compare refuses it by name; a flag
// alone is not a check, and a check inside a procedure is one.
TEST(CommandArgs, CompareRefusesAModelWithoutChecks) {
  const auto dir = std::filesystem::temp_directory_path() / ("mcm-nochecks-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "flagonly.cat") << "\"flag only\"\nflag ~empty po as has-po\n";
  std::ofstream(dir / "inproc.cat") << "\"in a procedure\"\nprocedure p(r) = acyclic r as cyc end\ncall p(po | rf)\n";
  const std::string sb = kSeed + "/SB+poonceonces.litmus";
  Outcome flagOnly = mcm("compare " + (dir / "flagonly.cat").string() + " sc " + sb);
  EXPECT_EQ(flagOnly.status, 2);
  EXPECT_NE(flagOnly.err.find("flagonly.cat' defines no checks"), std::string::npos) << flagOnly.err;
  Outcome inProc = mcm("compare " + (dir / "inproc.cat").string() + " sc " + sb);
  EXPECT_EQ(inProc.status, 0) << inProc.err;
  EXPECT_NE(inProc.out.find("Verdict: "), std::string::npos) << inProc.out;
  std::filesystem::remove_all(dir);
}

// --exhaustive prints the proof the models' text gives (no program run, any size), and
// --enumerate runs the programs all the same.
TEST(CommandArgs, CompareExhaustiveProvesFromTheModelsOrEnumerates) {
  Outcome proof = mcm("compare sc tso --exhaustive 6");
  EXPECT_EQ(proof.status, 0) << proof.err;
  EXPECT_EQ(proof.out.rfind("sc is stronger than tso for every execution of at most 6 events, and of any size "
                            "(proved from the models' text: 0 executions checked)\nWhy:\n",
                            0),
            0u)
      << proof.out;
  EXPECT_NE(proof.out.find("tso's check `acyclic tso-order as tso` follows from sc's check"), std::string::npos)
      << proof.out;
  Outcome counted = mcm("compare sc tso --exhaustive 3 --enumerate -j 1");
  EXPECT_EQ(counted.status, 0) << counted.err;
  EXPECT_EQ(counted.out.rfind("sc is stronger than tso for every execution of at most 3 events (", 0), 0u) << counted.out;
  EXPECT_EQ(counted.out.find("Why:"), std::string::npos) << counted.out;
  Outcome counterexample = mcm("compare tso sc --exhaustive 6 -j 1");
  EXPECT_EQ(counterexample.out.rfind("Counterexample: tso allows, sc forbids, with 4 events:", 0), 0u)
      << counterexample.out;
}

}  // namespace
