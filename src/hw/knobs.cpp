#include "hw/knobs.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include <fmt/format.h>

namespace mcm::hw {

std::vector<int> parseCpuList(const std::string& text) {
  std::vector<int> cpus;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    int first = 0, last = 0;
    char dash = 0, extra = 0;
    const int n = std::sscanf(item.c_str(), "%d%c%d%c", &first, &dash, &last, &extra);
    if (n == 1) last = first;
    else if (n != 3 || dash != '-') return {};
    if (first < 0 || last < first || last >= 1024) return {};
    for (int cpu = first; cpu <= last; ++cpu) cpus.push_back(cpu);
    start = comma + 1;
  }
  return cpus;
}

RunOptions runOptionsFrom(const KnobText& text, bool timebaseAvailable) {
  RunOptions run;
  if (text.size < 1 || text.size > kMaxSize)
    throw KnobError(fmt::format("-s: the size must be between 1 and {}", kMaxSize));
  run.size = text.size;
  if (text.runs > 0) {
    if (text.runs > kMaxIterations / text.size)
      throw KnobError(fmt::format("-r: size × runs must be at most {}", kMaxIterations));
    run.iterations = text.size * text.runs;
  } else {
    if (text.iterations < 1 || text.iterations > kMaxIterations)
      throw KnobError(fmt::format("-n: the iteration count must be between 1 and {}", kMaxIterations));
    run.iterations = text.iterations;
  }
  if (!text.cpus.empty()) {
    run.cpus = parseCpuList(text.cpus);
    if (run.cpus.empty()) throw KnobError(fmt::format("--cpus: '{}' is not a CPU list such as 0,1 or 0-3", text.cpus));
  }
  if (text.barrier == "auto") run.barrier = Barrier::Auto;
  else if (text.barrier == "user") run.barrier = Barrier::User;
  else if (text.barrier == "userfence") run.barrier = Barrier::UserFence;
  else if (text.barrier == "pthread") run.barrier = Barrier::Pthread;
  else if (text.barrier == "timebase") run.barrier = Barrier::Timebase;
  else throw KnobError(fmt::format("--barrier: '{}' is not one of auto, user, userfence, pthread, timebase", text.barrier));
  if (run.barrier == Barrier::Timebase && !timebaseAvailable)
    throw KnobError("--barrier timebase: this processor has no time-stamp counter mcm hw can read (x86 only)");
  if (text.period < 1 || text.period > kMaxPeriod)
    throw KnobError(fmt::format("--period: the period must be between 1 and {} ticks", kMaxPeriod));
  run.period = text.period;
  if (text.preload == "all") run.preload = true;
  else if (text.preload == "no") run.preload = false;
  else throw KnobError(fmt::format("--preload: '{}' is not one of all, no", text.preload));
  run.seed = text.seed;
  if (text.stride > kMaxSize) throw KnobError(fmt::format("--stride: the stride must be at most {}", kMaxSize));
  run.stride = text.stride;
  if (text.place == "arrays") run.placement = Placement::Arrays;
  else if (text.place == "padded") run.placement = Placement::Padded;
  else if (text.place == "together") run.placement = Placement::Together;
  else throw KnobError(fmt::format("--place: '{}' is not one of arrays, padded, together", text.place));
  if (text.affinity == "none") run.affinity = Affinity::None;
  else if (text.affinity == "incr") run.affinity = Affinity::Incr;
  else if (text.affinity == "random") run.affinity = Affinity::Random;
  else throw KnobError(fmt::format("--affinity: '{}' is not one of none, incr, random", text.affinity));
  if (text.stagger != "auto") {
    unsigned long long ticks = 0;
    const char* end = text.stagger.data() + text.stagger.size();
    auto [ptr, ec] = std::from_chars(text.stagger.data(), end, ticks);
    if (text.stagger.empty() || ec != std::errc() || ptr != end)
      throw KnobError(fmt::format("--stagger: '{}' is neither auto nor a number of ticks", text.stagger));
    if (ticks > kMaxPeriod) throw KnobError(fmt::format("--stagger: the stagger must be at most {} ticks", kMaxPeriod));
    if (ticks > 0 && !timebaseAvailable)
      throw KnobError("--stagger: this processor has no time-stamp counter mcm hw can read (x86 only)");
    run.stagger = ticks;
  }
  if (text.stuck < 1 || text.stuck > kMaxStuckSeconds)
    throw KnobError(fmt::format("--stuck: the time must be between 1 and {} seconds", kMaxStuckSeconds));
  run.stuckSeconds = text.stuck;
  return run;
}

}  // namespace mcm::hw
