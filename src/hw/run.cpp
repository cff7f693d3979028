#include "hw/run.hpp"

#include <cstring>
#include <sched.h>
#include <sstream>

#include <fmt/format.h>

#include "hw/build.hpp"
#include "hw/process.hpp"

namespace mcm::hw {
namespace {

RunResult parseOutput(const std::string& text) {
  RunResult result;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    if (word == "instances") in >> result.instances;
    else if (word == "seconds") in >> result.seconds;
    else if (word == "interrupted") { int flag = 0; in >> flag; result.interrupted = flag != 0; }
    else if (word == "state") {
      RawOutcome outcome;
      in >> outcome.count;
      std::string line;
      std::getline(in, line);
      std::istringstream values(line);
      for (long long v; values >> v;) outcome.values.push_back(v);
      result.outcomes.push_back(std::move(outcome));
    } else {
      throw HwError(fmt::format("unexpected output from the test program: '{}'", word));
    }
  }
  if (!in.eof()) throw HwError("malformed output from the test program");
  return result;
}

// The harness's exit status when a thread made no progress (src/hw/runtime/harness.cpp).
constexpr int kStuckExitCode = 3;

// The harness's names (src/hw/runtime/harness.cpp).
const char* barrierName(Barrier barrier) {
  switch (barrier) {
    case Barrier::Timebase: return "timebase";
    case Barrier::UserFence: return "userfence";
    case Barrier::Pthread: return "pthread";
    case Barrier::Auto:
    case Barrier::User: break;
  }
  return "user";
}

const char* placementName(Placement placement) {
  switch (placement) {
    case Placement::Padded: return "padded";
    case Placement::Together: return "together";
    case Placement::Arrays: break;
  }
  return "arrays";
}

const char* affinityName(Affinity affinity) {
  switch (affinity) {
    case Affinity::None: return "none";
    case Affinity::Random: return "random";
    case Affinity::Incr: break;
  }
  return "incr";
}

}  // namespace

std::vector<int> availableCpus() {
  cpu_set_t set;
  std::vector<int> cpus;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &set)) cpus.push_back(cpu);
  return cpus;
}

bool hasTimebase() {
#if defined(__x86_64__) || defined(__i386__)
  return true;
#else
  return false;
#endif
}

RunResult runProgram(const std::filesystem::path& executable, const RunOptions& options) {
  std::vector<std::string> argv{executable.string(), "-n", std::to_string(options.iterations), "-s",
                                std::to_string(options.size), "-r", std::to_string(options.seed)};
  if (!options.cpus.empty()) {
    std::string list;
    for (int cpu : options.cpus) list += (list.empty() ? "" : ",") + std::to_string(cpu);
    argv.insert(argv.end(), {"-c", list});
  }
  if (!options.progressLabel.empty()) argv.insert(argv.end(), {"-p", options.progressLabel});
  argv.insert(argv.end(), {"-w", std::to_string(options.stuckSeconds)});
  argv.insert(argv.end(), {"-b", barrierName(options.barrier), "-d", std::to_string(options.period), "-l",
                           options.preload ? "1" : "0", "-t", std::to_string(options.stride), "-m",
                           placementName(options.placement), "-a", affinityName(options.affinity), "-g",
                           std::to_string(options.stagger.value_or(0))});

  // Ctrl-C is the test program's business: it stops and prints what it saw.
  const ProcessResult r = runProcess(argv, Capture::StdoutOnly, /*forwardInterrupt=*/true);
  if (!r.started) throw HwError(fmt::format("cannot run {}: {}", executable.string(), r.error));
  if (r.signal != 0) throw HwError(fmt::format("the test program was killed by signal {} ({})", r.signal, strsignal(r.signal)));
  if (r.exitCode == kStuckExitCode)
    throw HwStuck(fmt::format("the test program stopped: a thread is stuck (exit status {}; its message is above)",
                              r.exitCode));
  if (r.exitCode != 0)
    throw HwError(fmt::format("the test program failed (exit status {}; its message is above)", r.exitCode));
  return parseOutput(r.output);
}

}  // namespace mcm::hw
