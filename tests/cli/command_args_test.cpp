// The worker options `mcm corpus` and `mcm compare` share: bad values are
// refused by both with the same message and status 2, before any test runs.
#include <gtest/gtest.h>

#include "cli/run_process.hpp"

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

}  // namespace
