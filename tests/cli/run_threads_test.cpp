// `mcm run -j N`: one test's candidate executions on N threads print exactly what
// one thread prints (text, graphs, JSON), whatever the options.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

#include "cli/run_process.hpp"

namespace {

using mcm::test::Outcome;
namespace fs = std::filesystem;
const std::string kShared = MCM_SHARED_DIR;

Outcome mcmRun(const std::string& args) { return mcm::test::run(std::string(MCM_BINARY) + " run", args); }

std::string withoutTimes(const std::string& s) {
  static const std::regex time("(^|\n)Time [^\n]*|\"time\": [0-9.e+-]+");
  return std::regex_replace(s, time, "$1");
}

// Seed and kernel tests, and Paul McKenney's with thousands of candidates, locks, a data race.
const std::string kTests = kShared + "/litmus/seed/*.litmus " + kShared + "/litmus/kernel/*/*.litmus " + kShared +
                           "/litmus/paulmck/auto/C-RR-G+RR-R+RR-R+RR-R+RR-R+RR-R.litmus " + kShared +
                           "/litmus/paulmck/manual/absperf/C-SB+l-o-o-u+l-o-o-u+l-o-o-u-XE.litmus " + kShared +
                           "/litmus/paulmck/auto/C-LB-Lwr+R-A+R-D+R-D.litmus";

TEST(RunThreads, TextIsTheSameWithAnyNumberOfThreads) {
  for (const std::string options : {"", "-speedcheck true", "-speedcheck fast -candidates true"}) {
    const Outcome single = mcmRun(options + " " + kTests);
    EXPECT_NE(single.out.find("Observation auto/C-RR-G+RR-R+RR-R+RR-R+RR-R+RR-R "), std::string::npos)
        << options << ": " << single.out;
    for (const char* threads : {"2", "3"}) {
      const Outcome o = mcmRun(options + " -j " + threads + " " + kTests);
      EXPECT_EQ(o.status, single.status) << options << " -j " << threads;
      EXPECT_EQ(o.err, single.err) << options << " -j " << threads;
      EXPECT_EQ(withoutTimes(o.out), withoutTimes(single.out)) << options << " -j " << threads;
    }
  }
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The graphs of every allowed execution come in candidate order, as with one thread.
TEST(RunThreads, GraphsAndJsonAreTheSame) {
  const std::string test = kShared + "/litmus/paulmck/manual/absperf/C-SB+l-o-o-u+l-o-o-u+l-o-o-u-XE.litmus";
  std::string graphs[2], json[2];
  for (int i = 0; i < 2; ++i) {
    const fs::path dir = fs::temp_directory_path() / ("mcm-threads-" + std::to_string(::getpid()) + "-" + std::to_string(i));
    fs::create_directories(dir);
    const Outcome o = mcmRun("-j " + std::to_string(i + 1) + " -o " + dir.string() + " -show all " + test);
    EXPECT_EQ(o.status, 0) << o.err;
    graphs[i] = slurp(dir / "C-SB+l-o-o-u+l-o-o-u+l-o-o-u-XE.dot");
    fs::remove_all(dir);
    json[i] = withoutTimes(mcmRun("-j " + std::to_string(i + 1) + " --json " + test).out);
  }
  EXPECT_GT(graphs[0].size(), 10000u);
  EXPECT_EQ(graphs[1], graphs[0]);
  EXPECT_NE(json[0].find("\"positive\""), std::string::npos) << json[0];
  EXPECT_EQ(json[1], json[0]);
}

TEST(RunThreads, BadThreadCountIsRefused) {
  const Outcome o = mcmRun("-j 0 " + kShared + "/litmus/seed/SB+poonceonces.litmus");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err, "mcm run: -j needs a positive number of threads, not '0'\n");
  // More threads than cores run as one per core.
  const Outcome many = mcmRun("-j 1000 " + kShared + "/litmus/seed/SB+poonceonces.litmus");
  EXPECT_EQ(many.status, 0) << many.err;
  EXPECT_NE(many.out.find("Observation SB+poonceonces Sometimes"), std::string::npos) << many.out;
}

}  // namespace
