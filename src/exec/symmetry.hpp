#pragma once
// Identical threads. Two threads whose paths are the same program can trade places in any
// candidate execution: the mirror image (every event of one thread for the same event of
// the other) is a candidate too, and no model tells it apart, as a model names no thread;
// its final state is the same but for the two threads' registers, swapped. So the engine
// judges one execution of each mirror pair and counts it for both.
#include <cstddef>
#include <utility>
#include <vector>

#include "exec/solver.hpp"
#include "exec/structure.hpp"
#include "exec/thread_paths.hpp"

namespace mcm::exec {

// Whether two paths are the same program: event by event the same kinds, tags, statements,
// causes, RMW pairs and dependencies, and addresses, values, assumptions and final registers
// the same expressions once one path's read variables are renamed into the other's (source
// lines and herd's names for values may differ).
bool samePrograms(const ThreadPath& a, const ThreadPath& b, const NodePool& pool);

// The pairs of threads (i < j, in order) whose paths are the same programs, path for path
// (their alternatives come in the same order).
std::vector<std::pair<int, int>> identicalThreads(const std::vector<std::vector<ThreadPath>>& perThread,
                                                  const NodePool& pool);

// The swap of threads i and j in a structure where their paths are the same program.
class ThreadSwap {
 public:
  ThreadSwap(const Structure& s, int i, int j);

  // Compares an rf choice whose first `assigned` reads have their write with its mirror image,
  // read by read in the search's order, as far as both are known: negative when the choice
  // comes first, positive when its mirror does, 0 when not known yet or, every read
  // assigned, when the choice is its own mirror.
  int compare(const Candidate& c, std::size_t assigned) const;

 private:
  std::vector<int> event_;          // per event: its mirror
  std::vector<std::size_t> read_;   // per read (index in Structure::reads): its mirror's index
};

}  // namespace mcm::exec
