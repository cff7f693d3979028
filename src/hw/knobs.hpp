#pragma once
// `mcm hw`'s run options as typed on the command line → RunOptions, checked. litmus7's
// names where they mean the same (-s, -r, --barrier, --preload, --stride for -st, --affinity);
// see README "Hardware runs".
#include <stdexcept>
#include <string>
#include <vector>

#include "hw/run.hpp"

namespace mcm::hw {

// A bad option value; the message names the option.
class KnobError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct KnobText {
  unsigned long long iterations = 1000000;  // -n: instances in total
  unsigned long long size = 1000;           // -s: instances per run
  unsigned long long runs = 0;              // -r: when non-zero, -n is size × runs
  std::string cpus;                         // --cpus: "0,2-3"; empty: all available
  std::string barrier = "auto";             // --barrier auto|user|userfence|pthread|timebase
  unsigned long long period = 1000;         // --period: timebase ticks per instance
  std::string preload = "all";              // --preload all|no
  unsigned long long seed = 1;              // --seed
  unsigned long long stride = 0;            // --stride: 0 shuffled order, else litmus7's -st
  std::string place = "arrays";             // --place arrays|padded|together
  std::string affinity = "incr";            // --affinity none|incr|random
  std::string stagger = "auto";             // --stagger auto|T (ticks)
  unsigned stuck = 10;                      // --stuck: seconds without progress before giving up
};

inline constexpr unsigned long long kMaxPeriod = 1'000'000ULL;
inline constexpr unsigned kMaxStuckSeconds = 86'400;

// "0,2-3" -> {0, 2, 3}; empty on a malformed list.
std::vector<int> parseCpuList(const std::string& text);

// Throws KnobError. `timebaseAvailable` is hasTimebase() outside tests.
RunOptions runOptionsFrom(const KnobText& text, bool timebaseAvailable);

}  // namespace mcm::hw
