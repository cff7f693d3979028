// -j N (RunOptions::threads), and threads joining a run under way (RunOptions::extraThreads,
// what `mcm corpus` grants): one test's candidate executions judged on several
// threads give exactly what one thread gives (states, counts, flags, judged
// branches, loop cut-offs), observer calls in the same order and the same first
// error; and what they give is herd7's result (the oracle).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <utility>

#include "exec/oracle_summary.hpp"
#include "report/oracle_blocks.hpp"  // tests/report: reads the oracle .out blocks

namespace mcm::exec {
namespace {

using namespace summary;

// Everything a run decides, to compare runs with each other.
std::string everything(const TestResult& r) {
  return describe(fromResult(r)) + " judged " + std::to_string(r.candidates) + (r.loopCutoff ? " loop" : "");
}

// Runs the oracle's tests of a corpus (all, or those named) with 1, 2 and 3 threads.
void checkCorpus(const std::string& litmusDir, const std::string& oracle, const std::vector<std::string>& only = {}) {
  const auto model = modelOf("lkmm");
  const auto defs = macrosOf("lkmm");
  std::size_t checked = 0;
  for (const auto& [rel, lines] : testing::readOracleBlocks(kShared + "/oracle/" + oracle + ".out")) {
    if (!only.empty() && std::find(only.begin(), only.end(), rel) == only.end()) continue;
    const Summary expected = fromOracle(lines);
    if (expected.positive < 0) continue;  // herd7 could not run it
    const std::string path = kShared + "/litmus/" + litmusDir + "/" + rel;
    std::string single;
    // {threads, joiners}: joiners (RunOptions::extraThreads) start at the first candidate claimed.
    for (const auto& [threads, joiners] : {std::pair{1, 0}, {2, 0}, {3, 0}, {1, 1}, {1, 2}, {2, 1}}) {
      RunOptions options;
      options.threads = threads;
      const std::atomic<int> extra{joiners};
      if (joiners > 0) options.extraThreads = &extra;
      const std::string config = std::to_string(threads) + " threads and " + std::to_string(joiners) + " joiners";
      const TestResult r = runFile(path, model, defs, true, options);
      EXPECT_EQ(fromResult(r), expected) << rel << " with " << config << ": " << describe(fromResult(r))
                                         << "\n  herd7: " << describe(expected);
      if (threads == 1 && joiners == 0) single = everything(r);
      else EXPECT_EQ(everything(r), single) << rel << " with " << config;
    }
    ++checked;
  }
  if (only.empty()) EXPECT_GT(checked, 0u);
  else EXPECT_EQ(checked, only.size()) << "a named test is missing from " << oracle;
}

TEST(Threads, SeedCorpusAsOneThreadAndHerd7) { checkCorpus("seed", "herd7-seed"); }
TEST(Threads, KernelCorpusAsOneThreadAndHerd7) { checkCorpus("kernel", "herd7-kernel"); }

// Thousands of candidates (RCU chains), lock-protected processes, a data race flag.
TEST(Threads, PaulmckTestsWithManyCandidatesAsOneThreadAndHerd7) {
  checkCorpus("paulmck", "herd7-paulmck-dev",
              {"auto/C-RR-G+RR-R+RR-R+RR-R+RR-R+RR-R.litmus",
               "auto/C-RW-R+RW-R+RW-G+RW-G+RW-G+RW-G+RW-R+RW-R+RW-R+RW-R+RW-G.litmus",
               "manual/absperf/C-SB+l-o-o-u+l-o-o-u+l-o-o-u-XE.litmus", "auto/C-LB-Lwr+R-A+R-D+R-D.litmus"});
}

// A thread granted in the middle of a run (after the 200th candidate's branch is judged)
// joins it: it enumerates from the start and claims what is left; the result is the single
// thread's. The RCU chain has 4,096 candidates.
TEST(Threads, AThreadJoiningMidRunChangesNothing) {
  const std::string path = kShared + "/litmus/paulmck/auto/C-RR-G+RR-R+RR-R+RR-R+RR-R+RR-R.litmus";
  const std::string single = everything(runFile(path, modelOf("lkmm"), macrosOf("lkmm"), true, RunOptions{}));
  std::atomic<int> extra{0};
  std::atomic<int> judged{0};
  RunOptions options;
  options.extraThreads = &extra;
  options.observer = [&](const CandidateView&) {
    if (++judged == 200) extra = 1;
  };
  EXPECT_EQ(everything(runFile(path, modelOf("lkmm"), macrosOf("lkmm"), true, options)), single);
  EXPECT_EQ(extra.load(), 1);
}

// One line per observer call: the candidate's rf, the branch's verdict and final state.
std::vector<std::string> observerCalls(const std::string& path, int threads) {
  std::vector<std::string> calls;
  RunOptions options;
  options.threads = threads;
  options.observer = [&](const CandidateView& v) {
    std::string line = stateLine(v.state) + (v.verdict.allowed ? " allowed" : " fails " + v.verdict.failedCheck) + " rf";
    v.candidate.relations.at("rf").forEach([&](std::size_t w, std::size_t r) {
      line += " " + std::to_string(w) + "->" + std::to_string(r);
    });
    calls.push_back(line);
  };
  runFile(path, modelOf("lkmm"), macrosOf("lkmm"), true, options);
  return calls;
}

TEST(Threads, ObserverCallsComeInCandidateOrder) {
  for (const std::string rel : {"seed/SB+poonceonces.litmus", "paulmck/manual/absperf/C-SB+l-o-o-u+l-o-o-u+l-o-o-u-XE.litmus"}) {
    const auto single = observerCalls(kShared + "/litmus/" + rel, 1);
    EXPECT_GT(single.size(), 3u) << rel;
    for (int threads : {2, 3}) EXPECT_EQ(observerCalls(kShared + "/litmus/" + rel, threads), single) << rel << " with " << threads;
  }
}

// The error of the earliest failing candidate wins, whichever thread meets its error first.
TEST(Threads, TheFirstErrorIsTheOneOfOneThread) {
  // MP's candidates in order: rf from (init, init), (init, x=1), (y=1, init), (y=1, x=1). The second
  // fails at line 5 (its non-init write is followed in po), the third only at line 6. Statically
  // `first` and `second` are relations (the type of the empty case).
  const auto model = cat::loadModelText(R"("errors that depend on the candidate"
let nonInit = domain(rf \ (IW * _))
let first = match nonInit & domain(po) with || {} -> 0 & po || e ++ es -> e end
let second = match nonInit \ domain(po) with || {} -> 0 & po || e ++ es -> e end
acyclic first as one
acyclic second as two
)", "err.cat", {});
  const std::string path = kShared + "/litmus/seed/MP+poonceonces.litmus";
  for (int threads : {1, 2, 3}) {
    RunOptions options;
    options.threads = threads;
    try {
      runFile(path, model, macrosOf("lkmm"), true, options);
      ADD_FAILURE() << "no error with " << threads << " threads";
    } catch (const Diagnostic& e) {
      EXPECT_EQ(std::string(e.what()), "err.cat:5:9: error: expected a relation, found an event") << threads;
    }
  }
}

TEST(Threads, TheCandidateBoundStopsEveryThread) {
  const std::string path = kShared + "/litmus/paulmck/auto/C-RR-G+RR-R+RR-R+RR-R+RR-R+RR-R.litmus";
  for (int threads : {1, 2, 3}) {
    RunOptions options;
    options.threads = threads;
    options.maxCandidates = 1000;
    try {
      runFile(path, modelOf("lkmm"), macrosOf("lkmm"), true, options);
      ADD_FAILURE() << "no error with " << threads << " threads";
    } catch (const Diagnostic& e) {
      EXPECT_NE(std::string(e.what()).find("more than 1000 candidate executions"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace mcm::exec
