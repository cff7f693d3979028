#pragma once
// Runs many tests in parallel, each in its own forked process, so that a
// per-test time limit and memory bound can be enforced and a crash or an
// exhausted test never takes the whole corpus run down.
#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "corpus/outcome.hpp"

namespace mcm::corpus {

struct WorkerOptions {
  int jobs = 1;
  double timeoutSeconds = 60;            // wall clock per test; <= 0 means none
  std::size_t memoryLimitBytes = 0;      // address-space bound per test; 0 means none
};

// Runs runOne(item) for every item in a child process (set up before fork,
// so models loaded by the caller are shared copy-on-write). onResult is called
// in the parent, in completion order, for progress reporting; it may take the
// outcome's text (a large test's is hundreds of MB: kept, every later child
// would start that much larger). Returns the outcomes in the order of `items`,
// whatever the number of jobs. Once no item
// waits, the jobs of finished children go to the running ones as extra
// threads (see grantedThreads), one at a time to the child with the fewest.
// In a child of runInWorkers: the threads granted to it beyond its own so far
// (for exec::RunOptions::extraThreads); 0 elsewhere.
const std::atomic<int>& grantedThreads();

std::vector<TestOutcome> runInWorkers(const std::vector<std::string>& items,
                                      const std::function<TestOutcome(const std::string&)>& runOne,
                                      const WorkerOptions& options,
                                      const std::function<void(std::size_t, TestOutcome&)>& onResult);

}  // namespace mcm::corpus
