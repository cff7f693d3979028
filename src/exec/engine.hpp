#pragma once
// The execution engine: every candidate execution of an expanded litmus test,
// judged by a cat model, summarised as herd7 summarises it.
#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cat/model.hpp"
#include "exec/result.hpp"
#include "exec/thread_paths.hpp"
#include "litmus/ast.hpp"
#include "support/diagnostic.hpp"

namespace mcm::exec {

// One event of a judged candidate, for explanations and graphs.
struct EventInfo {
  int thread = -1;                // -1: an init write
  int index = 0;                  // position in its thread (init writes: 0)
  int line = 0;                   // source line of its statement (0: init write)
  std::string kind;               // R W F, LKR LKW UL LF RL RU, SRCU (init writes: W)
  std::vector<std::string> tags;  // annotations as in the .def (`once`, `mb`, ...)
  std::string location;           // "" for fences
  std::string value;              // read or written ("" for fences and values no write determines)
};

// What an observer sees of one judged branch (valid during the call).
struct CandidateView {
  const cat::Verdict& verdict;           // with evidence accessors (see cat::Verdict)
  const FinalState& state;               // the displayed locations' final values
  bool positive;                         // the condition's proposition holds in it
  const std::vector<EventInfo>& events;  // numbered as the model's events
  const cat::Environment& candidate;     // its base names (rf, FW, values)
  const cat::Model& model;               // the model that judged it
};

struct RunOptions {
  std::set<std::string> variants;          // `-variant` names from the cfg, e.g. "lkmmv2"
  int unroll = 2;                          // `while` iterations before a path is cut off
  long long maxCandidates = 10'000'000;    // bound on candidate executions (rf choices x final writes)
  // When set: called for every branch each model judges (models in order), allowed or not, with
  // evidence turned on (explanations, graphs). The counts are unchanged.
  std::function<void(const CandidateView&)> observer;
  // Judge every candidate herd would (-candidates true counts them): no rf choice is
  // abandoned early for failing a check.
  bool countEveryCandidate = false;
  cat::CheckPolicy checks;                 // -skipchecks, -strictskip, -through
  std::string throughFlag;                 // -throughflag F: count only allowed executions flagged F
  // herd's -speedcheck: True judges only the executions that can settle the condition (its
  // proposition holds for exists and ~exists, fails for forall), so only their states are
  // listed and counted; Fast also stops at the first such execution the model allows (with
  // several models, Fast acts as True).
  enum class SpeedCheck { Off, True, Fast };
  SpeedCheck speedcheck = SpeedCheck::Off;
  // Threads judging one test's candidate executions (-j N). The result, the observer's calls
  // and the error thrown (if any) are those of a single thread.
  int threads = 1;
  // When set: up to *extraThreads more threads join the run while it goes on (the count may
  // grow from outside, even from a signal handler: `mcm corpus` raises it when its other
  // workers are idle). Same result as with one thread.
  const std::atomic<int>* extraThreads = nullptr;
};

// A test over RunOptions::maxCandidates: refused before or during its enumeration.
struct TooManyCandidates : Diagnostic {
  using Diagnostic::Diagnostic;
};

// `expanded` must hold no macro calls (see macros/). Throws mcm::Diagnostic on
// bad input: a condition naming a missing thread (`Bad process P5`), a write
// through a non-symbolic address, a read no write can satisfy, more than
// maxCandidates candidates.
TestResult runTest(const litmus::Test& expanded, std::shared_ptr<const cat::Model> model, const RunOptions& options);

// The same for several models judging the same candidate executions: one
// enumeration, one verdict per model per candidate; results in model order.
std::vector<TestResult> runTestModels(const litmus::Test& expanded,
                                      const std::vector<std::shared_ptr<const cat::Model>>& models,
                                      const RunOptions& options);

// The same for any architecture: `test` gives the init state, threads (their
// number), locations and condition; `source` builds each thread's paths.
TestResult runTest(const litmus::Test& test, const ThreadSource& source, std::shared_ptr<const cat::Model> model,
                   const RunOptions& options);
std::vector<TestResult> runTestModels(const litmus::Test& test, const ThreadSource& source,
                                      const std::vector<std::shared_ptr<const cat::Model>>& models,
                                      const RunOptions& options);

}  // namespace mcm::exec
