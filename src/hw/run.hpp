#pragma once
// Running a compiled test program and reading back its raw outcome counts.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mcm::hw {

// How the threads start each instance together (litmus7's -barrier names).
enum class Barrier {
  Auto,      // timebase when this machine has one and every thread has its own CPU, else user
  User,      // a per-instance rendezvous in memory (spinning, yielding when CPUs are shared)
  Timebase,  // spin on the CPU's time-stamp counter until the instance's start time
  UserFence, // the user barrier followed by a full fence
  Pthread,   // pthread_barrier_wait
};

// Where the test's locations live (litmus7's memory placement).
enum class Placement {
  Arrays,    // one array per location: an instance's locations on different cache lines,
             // neighbouring instances of a location on the same line
  Padded,    // the same, each cell alone on its 64-byte line
  Together,  // an instance's locations side by side (one line when they fit)
};

// Which CPU each thread is pinned to (litmus7's -affinity).
enum class Affinity {
  None,    // not pinned: the scheduler places the threads
  Incr,    // thread t on the t-th CPU of the list, round-robin
  Random,  // the same over a shuffle of the list (--seed)
};

// This machine's processor has a time-stamp counter the harness can read (x86).
bool hasTimebase();

struct RunOptions {
  unsigned long long iterations = 1000000;  // instances executed in total
  unsigned long long size = 1000;           // instances per run (array length)
  std::vector<int> cpus;                    // round-robin placement; empty: the ones we may use
  unsigned long long seed = 1;              // instance order shuffling
  std::string progressLabel;                // non-empty: show progress on stderr under this name
  unsigned stuckSeconds = 10;               // no progress for that long: HwError (deadlock, endless loop)
  Barrier barrier = Barrier::Auto;          // Auto is resolved by runOnHardware
  unsigned long long period = 1000;         // timebase ticks from one instance's start to the next
  bool preload = true;                      // each thread reads the instance's locations first
  unsigned long long stride = 0;            // instance order: 0 shuffled, else litmus7's -st
  Placement placement = Placement::Arrays;
  Affinity affinity = Affinity::Incr;
  // After the barrier, each thread waits 0..stagger-1 ticks. Unset (auto): runOnHardware staggers
  // a test that calls sys_membarrier() by kMembarrierStagger when there is a time-stamp counter.
  std::optional<unsigned long long> stagger;
};

// sys_membarrier() takes microseconds: without a stagger the thread calling it falls behind and
// the other threads' bodies are over before it (README "Hardware runs" has the measurements).
inline constexpr unsigned long long kMembarrierStagger = 20000;

struct RawOutcome {
  std::vector<long long> values;  // one per Program::recorded entry (see kSymbolBase)
  unsigned long long count = 0;
};

struct RunResult {
  std::vector<RawOutcome> outcomes;
  unsigned long long instances = 0;  // outcomes counted (fewer than asked when interrupted)
  double seconds = 0;                // wall time of the runs
  bool interrupted = false;          // Ctrl-C: the histogram so far
};

// The CPUs this process may run on (its affinity mask), in increasing order.
std::vector<int> availableCpus();

inline constexpr unsigned long long kMaxIterations = 10'000'000'000ULL;
inline constexpr unsigned long long kMaxSize = 1'000'000ULL;

// Throws HwError when the program cannot run or fails (its own message is on stderr),
// HwStuck when it stopped because a thread made no progress.
RunResult runProgram(const std::filesystem::path& executable, const RunOptions& options);

}  // namespace mcm::hw
