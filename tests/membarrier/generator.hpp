#pragma once
// Random litmus tests for the membarrier property test: 2-4 threads of ONCE and
// acquire/release accesses, barrier(), smp_mb(), smp_rmb(), smp_wmb() and
// sys_membarrier(); some with an RCU reader and synchronize_rcu(), some with a
// spin lock. Deterministic in the seed; at most two calls.
#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

namespace mcm::membarrier::testing {

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::string test(unsigned seed) {
    const int threads = pick({2, 2, 2, 3, 3, 4});
    const int maxOps = threads == 4 ? 2 : 3;
    const bool rcu = chance(20);
    const bool lock = !rcu && chance(15);
    int calls = 0;
    std::vector<std::string> regs;
    std::string out = fmt::format("C gen{}\n\n{{}}\n", seed);
    for (int t = 0; t < threads; ++t) {
      std::vector<std::string> body;
      const int ops = 1 + pick({0, 1, 1, 2}) % maxOps;
      for (int i = 0; i < ops; ++i) {
        if (i > 0 || chance(25)) body.push_back(fence(calls));
        body.push_back(access(t, i, regs));
      }
      if (rcu && t == 0) {
        body.insert(body.begin(), "rcu_read_lock();");
        body.push_back("rcu_read_unlock();");
      }
      if (rcu && t == 1) body.insert(body.begin() + pick({0, 1}), "synchronize_rcu();");
      if (lock && t < 2) {
        body.insert(body.begin(), "spin_lock(s);");
        body.insert(body.begin() + 1 + pick({0, 1}) % static_cast<int>(body.size()), "spin_unlock(s);");
      }
      out += fmt::format("\nP{}(int *x, int *y, int *z, spinlock_t *s)\n{{\n", t);
      for (const auto& r : regs)
        if (r.rfind(fmt::format("{}:", t), 0) == 0) out += fmt::format("\tint {};\n", r.substr(r.find(':') + 1));
      for (const auto& s : body) out += "\t" + s + "\n";
      out += "}\n";
    }
    out += "\nlocations [x; y; z;]\nexists (";
    if (regs.empty()) out += "x=1";
    for (std::size_t i = 0; i < regs.size(); ++i) out += (i ? " /\\ " : "") + regs[i] + "=0";
    return out + ")\n";
  }

 private:
  bool chance(int percent) { return std::uniform_int_distribution<int>(0, 99)(rng_) < percent; }
  int pick(std::vector<int> options) {
    return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng_)];
  }
  std::string location() { return std::string(1, "xyz"[pick({0, 0, 1, 1, 2})]); }

  std::string fence(int& calls) {
    const int f = pick({0, 1, 2, 3, 4, 5, 5, 5});
    if (f == 5 && calls < 2) {
      ++calls;
      return chance(50) ? "sys_membarrier();" : "smp_memb();";
    }
    static const char* const fences[] = {"barrier();", "smp_mb();", "smp_rmb();", "smp_wmb();", "barrier();",
                                         "barrier();"};
    return fences[f];
  }

  std::string access(int thread, int index, std::vector<std::string>& regs) {
    const std::string loc = location();
    switch (pick({0, 0, 1, 2, 2, 3})) {
      case 0: return fmt::format("WRITE_ONCE(*{}, {});", loc, thread + 1);
      case 1: return fmt::format("smp_store_release({}, {});", loc, thread + 1);
      case 2:
        regs.push_back(fmt::format("{}:r{}", thread, index));
        return fmt::format("r{} = READ_ONCE(*{});", index, loc);
      default:
        regs.push_back(fmt::format("{}:r{}", thread, index));
        return fmt::format("r{} = smp_load_acquire({});", index, loc);
    }
  }

  std::mt19937 rng_;
};

}  // namespace mcm::membarrier::testing
