#pragma once
// How the workers of one run (`-j N`) agree on what the single-threaded run does.
//
// The walker numbers the candidates in the single-threaded run's order (hand_over.hpp);
// each is judged by one worker. Results that do not depend on order (states, counts,
// flags) merge at the end; what does depend on order follows the single-threaded run:
//  - failures and -speedcheck fast's first witness are placed by Position: the
//    earliest one decides the outcome, and no worker stops before it;
//  - observer calls (graphs) of a candidate wait until every earlier candidate is done.
#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace mcm::exec {

// Where in the single-threaded run something happens: while enumerating up to
// candidate n, while judging candidate n, or while counting it (the walker, when it
// hands n over, only meets the candidate bound there, which n's judge meets first).
using Position = long long;
inline Position beforeCandidate(long long n) { return 3 * n; }
inline Position judging(long long n) { return 3 * n + 1; }
inline Position counting(long long n) { return 3 * n + 2; }
constexpr Position kNowhere = std::numeric_limits<Position>::max();

// Thrown to unwind a worker whose remaining work can no longer change the outcome.
struct Stopped {};

class WorkShare {
 public:
  // Something at `p` (a failure, a fast witness) decides the outcome: work after it is useless.
  void stopAt(Position p);
  bool stoppedBefore(Position p) const { return stop_.load(std::memory_order_relaxed) < p; }

  // Observer turns: candidate n may call the observer once every earlier candidate
  // passed its turn. Throws Stopped if the run stops before n is judged.
  void awaitTurn(long long n);
  void passTurn(long long n);

 private:
  std::atomic<Position> stop_{kNowhere};
  std::mutex mutex_;
  std::condition_variable turned_;
  long long turn_ = 0;
};

// Threads started one at a time with the creating thread's stack size (the cat
// evaluator's recursion limit depends on it); joined by joinAll or the destructor.
// Work run on them must not throw.
class ThreadGroup {
 public:
  ThreadGroup();
  ~ThreadGroup();
  ThreadGroup(const ThreadGroup&) = delete;
  ThreadGroup& operator=(const ThreadGroup&) = delete;
  // False when no thread can be created (the work is then not run).
  bool start(std::function<void()> work);
  void joinAll();

 private:
  std::size_t stackSize_;
  std::vector<std::pair<pthread_t, std::unique_ptr<std::function<void()>>>> threads_;
};

}  // namespace mcm::exec
