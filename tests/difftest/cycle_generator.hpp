#pragma once
// Random well-formed C litmus tests in the style of diy: a cycle through 2-4 threads.
// Each thread has a first and a last access joined by a program-order edge (plain, a
// fence, a dependency, acquire/release, RCU or a lock around it); the last access of
// thread i and the first of thread i+1 are joined by a communication edge (rf, fr or co)
// on a location of their own. The exists clause asks for the whole cycle.
// Deterministic in the seed.
#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

namespace mcm::testing {

class CycleGenerator {
 public:
  explicit CycleGenerator(unsigned seed) : rng_(seed) {}

  std::string test(const std::string& name) {
    const int n = pick({2, 2, 2, 3, 3, 4});
    // Communication edge i joins thread i's last access to thread i+1's first, on location Li.
    std::vector<Comm> comms(n);
    for (auto& c : comms) c = static_cast<Comm>(pick({0, 1, 2}));
    const bool rcu = chance(20);
    const bool locked = !rcu && chance(15);
    std::vector<std::string> cond;
    std::string out = fmt::format("C {}\n\n{{}}\n", name);
    for (int t = 0; t < n; ++t) {
      const Comm in = comms[(t + n - 1) % n], outEdge = comms[t];
      const std::string inLoc = loc((t + n - 1) % n), outLoc = loc(t);
      // The first access is the target of the incoming edge, the last the source of the outgoing one.
      const bool firstIsRead = in == Comm::Rf;
      const bool lastIsRead = outEdge == Comm::Fr;
      std::vector<std::string> body;
      std::string firstReg;
      if (firstIsRead) {
        firstReg = "r0";
        body.push_back(read("r0", inLoc));
        cond.push_back(fmt::format("{}:r0=1", t));
      } else {
        // Co target writes 2 (co-after the source's 1), fr target writes 1 (read saw 0 before it).
        body.push_back(write(inLoc, in == Comm::Co ? 2 : 1, ""));
      }
      const std::string between = poEdge(firstIsRead, lastIsRead, rcu && t == 1);
      if (!between.empty() && between != kCtrl) body.push_back(between);
      std::string last;
      if (lastIsRead) {
        last = read("r1", outLoc);
        cond.push_back(fmt::format("{}:r1=0", t));
      } else {
        last = write(outLoc, 1, firstIsRead && chance(40) ? firstReg : "");
      }
      body.push_back(between == kCtrl ? "if (r0 == 1) { " + last + " }" : last);
      if (rcu && t == 0) {
        body.insert(body.begin(), "rcu_read_lock();");
        body.push_back("rcu_read_unlock();");
      }
      if (locked && t < 2) {
        body.insert(body.begin(), "spin_lock(s);");
        body.push_back("spin_unlock(s);");
      }
      out += fmt::format("\nP{}(int *a, int *b, int *c, int *d, spinlock_t *s)\n{{\n", t);
      out += "\tint r0;\n\tint r1;\n\tint r2;\n";
      for (const auto& s : body) out += "\t" + s + "\n";
      out += "}\n";
    }
    for (int i = 0; i < n; ++i)
      if (comms[i] == Comm::Co) cond.push_back(fmt::format("{}=2", loc(i)));
    out += "\nexists (";
    for (std::size_t i = 0; i < cond.size(); ++i) out += (i ? " /\\ " : "") + cond[i];
    return out + ")\n";
  }

 private:
  enum class Comm { Rf, Fr, Co };
  static constexpr const char* kCtrl = "ctrl";  // the last access under `if (r0 == 1)`

  bool chance(int percent) { return std::uniform_int_distribution<int>(0, 99)(rng_) < percent; }
  int pick(const std::vector<int>& options) {
    return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng_)];
  }
  static std::string loc(int i) { return std::string(1, "abcd"[i]); }

  std::string read(const std::string& reg, const std::string& l) {
    switch (pick({0, 0, 0, 1, 2, 3, 4})) {
      case 0: return fmt::format("{} = READ_ONCE(*{});", reg, l);
      case 4: return fmt::format("{} = *{};", reg, l);  // plain: may race (a flag)
      case 1: return fmt::format("{} = smp_load_acquire({});", reg, l);
      case 2: return fmt::format("{} = xchg_relaxed({}, 3);", reg, l);
      default: return fmt::format("{} = atomic_fetch_add(0, {});", reg, l);
    }
  }

  // `dependsOn`: a register the written value depends on (a data dependency).
  std::string write(const std::string& l, int value, const std::string& dependsOn) {
    const std::string v = dependsOn.empty() ? std::to_string(value)
                                            : fmt::format("{} + {} - {}", dependsOn, value, dependsOn);
    switch (pick({0, 0, 0, 1, 2, 3})) {
      case 0: return fmt::format("WRITE_ONCE(*{}, {});", l, v);
      case 3: return fmt::format("*{} = {};", l, v);  // plain: may race (a flag)
      case 1: return fmt::format("smp_store_release({}, {});", l, v);
      default: return fmt::format("r2 = xchg({}, {});", l, v);
    }
  }

  // What sits between the two accesses of a thread ("" for plain program order, kCtrl for a
  // control dependency from the first, a read).
  std::string poEdge(bool fromRead, bool toRead, bool graceful) {
    if (graceful) return "synchronize_rcu();";
    switch (pick({0, 1, 1, 2, 3, 4, 5})) {
      case 0: return "";
      case 1: return "smp_mb();";
      case 2: return "barrier();";
      case 3: return fromRead && toRead ? "smp_rmb();" : !fromRead && !toRead ? "smp_wmb();" : "smp_mb();";
      case 4: return fromRead ? "smp_mb__after_atomic();" : "smp_mb__before_atomic();";
      default: return fromRead ? kCtrl : "";
    }
  }

  std::mt19937 rng_;
};

}  // namespace mcm::testing
