// The fixed half of every program `mcm hw` generates (compiled once, cached, linked
// with each test). It follows litmus7's design: one thread per litmus thread pinned
// to a CPU; each run executes `size` independent instances of the test, laid out in
// arrays, in a shuffled order; the threads start each instance together; after the
// run, thread 0 records every instance's outcome and resets the memory.
// What makes rare outcomes frequent (measured, see README "Sensitivity"):
// - the timebase barrier: every thread spins on its own CPU's time-stamp counter until
//   the instance's start time (run start + k * period), so threads start within a few
//   cycles of each other without exchanging a cache line (litmus7's -barrier timebase);
// - preloading: before each instance, every thread reads the instance's locations, so
//   each line is shared by all CPUs: stores must wait for invalidations (they linger in
//   the store buffer) while loads hit at once (litmus7's -preload).
// The user barrier (a per-instance rendezvous in memory) serves machines without a
// usable time-stamp counter and threads that share a CPU. userfence (the same with a
// full fence after it) and pthread (pthread_barrier_wait) are litmus7's other modes;
// --stride (litmus7's -st), --place and --affinity vary the order, memory placement and
// CPU placement of the instances.
//
// The test half (generated) defines the functions of namespace mcm_test below.
//
// Command line: -n ITERATIONS -s SIZE -r SEED [-c CPU,CPU,...] [-p LABEL] [-w STUCK_SECONDS]
//               [-b user|userfence|pthread|timebase] [-d PERIOD_TICKS] [-l 0|1 (preload)]
//               [-t STRIDE (0: shuffled)] [-m arrays|padded|together] [-a none|incr|random]
//               [-g STAGGER_TICKS]
// Output (stdout), consumed by `mcm hw`:
//   instances N / seconds S / interrupted 0|1 / `state COUNT V1 V2 ...` per outcome.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <pthread.h>
#include <random>
#include <sched.h>
#include <signal.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace mcm_test {
extern const int kThreads;
extern const int kRecorded;
void processStart();
void threadStart();
void threadEnd();
void allocate(std::size_t size, int placement);  // kPlace* below
void reset(std::size_t instance);
void run(int thread, std::size_t instance);
void record(std::size_t instance, std::intptr_t* out);
void preload(std::size_t instance);  // reads every location of the instance
}  // namespace mcm_test

// Pauses before a spinning thread yields its CPU: at once when threads outnumber
// CPUs (the thread waited for may need this CPU), else after a short while.
unsigned spinsBeforeYield = 128;

// Spin-wait step shared with the generated locks: pause, and yield now and then so
// that threads sharing a CPU still make progress.
void mcmRelax(unsigned& spins) {
  if (++spins < spinsBeforeYield) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield" ::: "memory");
#endif
  } else {
    spins = 0;
    sched_yield();
  }
}

namespace {

// Memory placement of the test's locations (the generated allocate()'s `placement`).
enum Placement { kPlaceArrays = 0, kPlacePadded = 1, kPlaceTogether = 2 };
enum BarrierMode { kUser, kUserFence, kPthread, kTimebase };
enum Affinity { kAffinityNone, kAffinityIncr, kAffinityRandom };

struct Options {
  unsigned long long iterations = 1000000;
  std::size_t size = 1000;
  unsigned long long seed = 1;
  std::vector<int> cpus;
  const char* progressLabel = nullptr;
  unsigned long long stuckSeconds = 10;  // no progress for that long: give up
  BarrierMode barrier = kUser;
  unsigned long long period = 1000;      // timebase ticks between instance starts
  bool preload = true;
  std::size_t stride = 0;                // instance order: 0 shuffled, else i, i+stride, ...
  int placement = kPlaceArrays;
  Affinity affinity = kAffinityIncr;
  unsigned long long stagger = 0;        // after the barrier, each thread waits 0..stagger-1 ticks
};

struct KeyHash {
  std::size_t operator()(const std::vector<std::intptr_t>& key) const {
    std::size_t h = 1469598103934665603ull;
    for (std::intptr_t v : key) h = (h ^ static_cast<std::size_t>(v)) * 1099511628211ull;
    return h;
  }
};

Options options;
std::vector<std::size_t> order;              // instance run at each position of the current run
std::atomic<int>* arrivals = nullptr;        // per position: threads that reached it this run
std::size_t runSize = 0;                     // instances in the current run
bool finished = false;                       // set by thread 0 before the start barrier
unsigned long long instancesDone = 0;        // counted outcomes (thread 0)
std::unordered_map<std::vector<std::intptr_t>, unsigned long long, KeyHash> histogram;
std::mt19937_64 rng;
std::vector<unsigned long long> delays;      // per position and thread: the stagger drawn (ticks)

std::atomic<bool> stopRequested{false};
std::atomic<unsigned long long> heartbeat{0};  // moves whenever thread 0 makes progress
volatile sig_atomic_t interrupts = 0;  // SIGINTs received

// Sense-reversing barrier for the start and end of a run.
struct RunBarrier {
  std::atomic<int> waiting{0};
  std::atomic<int> sense{0};
  void wait(int threads) {
    const int mySense = 1 - sense.load(std::memory_order_relaxed);
    if (waiting.fetch_add(1, std::memory_order_acq_rel) + 1 == threads) {
      waiting.store(0, std::memory_order_relaxed);
      sense.store(mySense, std::memory_order_release);
      return;
    }
    unsigned spins = 0;
    while (sense.load(std::memory_order_acquire) != mySense) mcmRelax(spins);
  }
};
RunBarrier runBarrier;

void collectRun() {
  std::vector<std::intptr_t> key(static_cast<std::size_t>(mcm_test::kRecorded));
  for (std::size_t i = 0; i < runSize; ++i) {
    mcm_test::record(i, key.data());
    ++histogram[key];
  }
  instancesDone += runSize;
}

// Thread 0, between runs: count the finished run, then set up the next one.
void prepareRun(bool first) {
  if (!first) collectRun();
  if (stopRequested.load() || instancesDone >= options.iterations) {
    finished = true;
    return;
  }
  runSize = static_cast<std::size_t>(
      std::min<unsigned long long>(options.size, options.iterations - instancesDone));
  for (std::size_t i = 0; i < runSize; ++i) {
    mcm_test::reset(i);
    order[i] = i;
    arrivals[i].store(0, std::memory_order_relaxed);
  }
  if (options.stagger > 0)
    for (std::size_t i = 0; i < runSize * static_cast<std::size_t>(mcm_test::kThreads); ++i) delays[i] = rng() % options.stagger;
  if (options.stride == 0) {
    for (std::size_t i = runSize; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    return;
  }
  // litmus7's -st: the instances 0, stride, 2*stride, ..., then 1, 1+stride, ...
  std::size_t k = 0;
  for (std::size_t first = 0; first < std::min(options.stride, runSize); ++first)
    for (std::size_t i = first; i < runSize; i += options.stride) order[k++] = i;
}

#if defined(__x86_64__) || defined(__i386__)
inline unsigned long long timebase() { return __builtin_ia32_rdtsc(); }
#else
inline unsigned long long timebase() { return 0; }  // mcm never asks for -b timebase here
#endif

// Start of the current run on the timebase: far enough ahead that every thread is there.
unsigned long long runStart = 0;
constexpr unsigned long long kRunStartDelay = 20000;

pthread_barrier_t instanceBarrier;  // the pthread mode's

void waitForInstance(std::size_t k, int threads) {
  switch (options.barrier) {
    case kTimebase: {
      const unsigned long long start = runStart + k * options.period;
      while (timebase() < start) {
      }
      return;
    }
    case kPthread: pthread_barrier_wait(&instanceBarrier); return;
    case kUser:
    case kUserFence: {
      arrivals[k].fetch_add(1, std::memory_order_acq_rel);
      unsigned spins = 0;
      while (arrivals[k].load(std::memory_order_acquire) < threads) mcmRelax(spins);
      if (options.barrier == kUserFence) std::atomic_thread_fence(std::memory_order_seq_cst);
      return;
    }
  }
}

// CPUs by thread: round-robin over the list (incr), a seeded shuffle of it (random), none.
std::vector<int> threadCpus;

void pinToCpu(int thread) {
  if (threadCpus.empty()) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  const int cpu = threadCpus[static_cast<std::size_t>(thread) % threadCpus.size()];
  CPU_SET(cpu, &set);
  if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0) {
    std::fprintf(stderr, "error: cannot run a thread on CPU %d (not available to this process)\n", cpu);
    std::fflush(stderr);
    std::_Exit(2);
  }
}

void worker(int thread) {
  pinToCpu(thread);
  mcm_test::threadStart();
  const int threads = mcm_test::kThreads;
  for (bool first = true;; first = false) {
    if (thread == 0) {
      prepareRun(first);
      runStart = timebase() + kRunStartDelay;
    }
    runBarrier.wait(threads);
    if (finished) break;
    for (std::size_t k = 0; k < runSize; ++k) {
      if (options.preload) mcm_test::preload(order[k]);
      waitForInstance(k, threads);
      if (options.stagger > 0) {
        // Staggered starts: a slow primitive (sys_membarrier()) still meets the other
        // threads before, during and after it.
        const unsigned long long until = timebase() + delays[k * static_cast<std::size_t>(threads) + static_cast<std::size_t>(thread)];
        while (timebase() < until) {
        }
      }
      mcm_test::run(thread, order[k]);
      if (thread == 0) heartbeat.fetch_add(1, std::memory_order_relaxed);
    }
    runBarrier.wait(threads);
  }
  mcm_test::threadEnd();
}

void onInterrupt(int) { interrupts = interrupts + 1; }

bool parseCpus(const char* text) {
  std::string list(text);
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string item = list.substr(start, comma - start);
    char* end = nullptr;
    const long cpu = std::strtol(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || cpu < 0 || cpu >= CPU_SETSIZE) return false;
    options.cpus.push_back(static_cast<int>(cpu));
    start = comma + 1;
  }
  return true;
}

bool parseOptions(int argc, char** argv) {
  for (int a = 1; a + 1 < argc; a += 2) {
    const std::string flag = argv[a];
    const char* value = argv[a + 1];
    if (flag == "-n") options.iterations = std::strtoull(value, nullptr, 10);
    else if (flag == "-s") options.size = std::strtoull(value, nullptr, 10);
    else if (flag == "-r") options.seed = std::strtoull(value, nullptr, 10);
    else if (flag == "-c") { if (!parseCpus(value)) return false; }
    else if (flag == "-p") options.progressLabel = value;
    else if (flag == "-w") options.stuckSeconds = std::strtoull(value, nullptr, 10);
    else if (flag == "-b") {
      const std::string mode = value;
      if (mode == "user") options.barrier = kUser;
      else if (mode == "userfence") options.barrier = kUserFence;
      else if (mode == "pthread") options.barrier = kPthread;
      else if (mode == "timebase") options.barrier = kTimebase;
      else return false;
    }
    else if (flag == "-d") options.period = std::strtoull(value, nullptr, 10);
    else if (flag == "-l") options.preload = std::string(value) == "1";
    else if (flag == "-g") options.stagger = std::strtoull(value, nullptr, 10);
    else if (flag == "-t") options.stride = static_cast<std::size_t>(std::strtoull(value, nullptr, 10));
    else if (flag == "-m") {
      const std::string place = value;
      if (place == "arrays") options.placement = kPlaceArrays;
      else if (place == "padded") options.placement = kPlacePadded;
      else if (place == "together") options.placement = kPlaceTogether;
      else return false;
    }
    else if (flag == "-a") {
      const std::string affinity = value;
      if (affinity == "none") options.affinity = kAffinityNone;
      else if (affinity == "incr") options.affinity = kAffinityIncr;
      else if (affinity == "random") options.affinity = kAffinityRandom;
      else return false;
    }
    else return false;
  }
  return argc % 2 == 1 && options.iterations > 0 && options.size > 0 && options.stuckSeconds > 0;
}

// The main thread only watches: Ctrl-C, the progress line, and a stuck test.
void watch(const std::atomic<bool>& workersDone) {
  auto lastMove = std::chrono::steady_clock::now();
  unsigned long long lastBeat = heartbeat.load();
  sig_atomic_t seenInterrupts = 0;
  std::chrono::steady_clock::time_point firstInterrupt;
  for (int tick = 0; !workersDone.load(); ++tick) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto now = std::chrono::steady_clock::now();
    // The first Ctrl-C stops at the end of the current run. A terminal's Ctrl-C may
    // reach us twice (directly and forwarded by mcm): only one coming later than
    // half a second after the first stops at once.
    if (interrupts > seenInterrupts) {
      if (seenInterrupts == 0) {
        stopRequested.store(true);
        firstInterrupt = now;
      } else if (now - firstInterrupt > std::chrono::milliseconds(500)) {
        std::fprintf(stderr, "\ninterrupted again: stopping without a histogram\n");
        _exit(130);
      }
      seenInterrupts = interrupts;
    }
    const unsigned long long beat = heartbeat.load(std::memory_order_relaxed);
    if (beat != lastBeat) {
      lastBeat = beat;
      lastMove = now;
    } else if (now - lastMove > std::chrono::seconds(options.stuckSeconds)) {
      std::fprintf(stderr,
                   "error: no progress for %d s: a thread is stuck (a lock that is never released, "
                   "or a loop that never exits)\n", static_cast<int>(options.stuckSeconds));
      std::fflush(stderr);
      _exit(3);
    }
    if (options.progressLabel && tick >= 20 && tick % 4 == 0) {  // long runs only: after 1 s
      std::fprintf(stderr, "\r%s: %3d%%", options.progressLabel,
                   static_cast<int>(100.0 * static_cast<double>(beat) / static_cast<double>(options.iterations)));
      std::fflush(stderr);
    }
  }
  if (options.progressLabel) std::fprintf(stderr, "\r\033[K");
}

}  // namespace

int main(int argc, char** argv) {
  if (!parseOptions(argc, argv)) {
    std::fprintf(stderr, "usage: %s -n ITERATIONS -s SIZE -r SEED [-c CPU,...] [-p LABEL] [-w SECONDS] "
                 "[-b user|userfence|pthread|timebase] [-d PERIOD] [-l 0|1] [-t STRIDE] [-m arrays|padded|together] "
                 "[-a none|incr|random] [-g STAGGER]\n", argv[0]);
    return 2;
  }
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigaction(SIGINT, &action, nullptr);

  if (options.cpus.empty() || static_cast<std::size_t>(mcm_test::kThreads) > options.cpus.size()) spinsBeforeYield = 1;
  mcm_test::processStart();
  options.size = static_cast<std::size_t>(std::min<unsigned long long>(options.size, options.iterations));
  mcm_test::allocate(options.size, options.placement);
  order.resize(options.size);
  arrivals = new std::atomic<int>[options.size];
  rng.seed(options.seed);
  if (options.stagger > 0) delays.resize(options.size * static_cast<std::size_t>(mcm_test::kThreads));
  if (options.barrier == kPthread) pthread_barrier_init(&instanceBarrier, nullptr, static_cast<unsigned>(mcm_test::kThreads));
  if (options.affinity != kAffinityNone) threadCpus = options.cpus;
  if (options.affinity == kAffinityRandom)
    for (std::size_t i = threadCpus.size(); i > 1; --i) std::swap(threadCpus[i - 1], threadCpus[rng() % i]);

  std::atomic<bool> workersDone{false};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < mcm_test::kThreads; ++t) workers.emplace_back(worker, t);
  std::thread watcher([&] { watch(workersDone); });
  for (auto& w : workers) w.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  workersDone.store(true);
  watcher.join();

  std::printf("instances %llu\nseconds %.6f\ninterrupted %d\n", instancesDone, seconds,
              stopRequested.load() ? 1 : 0);
  for (const auto& [key, count] : histogram) {
    std::printf("state %llu", count);
    for (std::intptr_t v : key) std::printf(" %lld", static_cast<long long>(v));
    std::printf("\n");
  }
  return 0;
}
