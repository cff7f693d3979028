#pragma once
// The programs the bounded comparison runs: every program of N events over a vocabulary of
// instructions, each exactly once up to the order of its threads and the names of its
// locations. A fence stands only between two accesses of its thread (never first, last or
// after another fence): elsewhere it orders nothing.
#include <functional>
#include <string>
#include <vector>

namespace mcm::compare {

// One instruction of the vocabulary, as litmus text of its architecture.
struct Instruction {
  std::string name;    // as --vocabulary names it: once-read, mb, sw.rl, ...
  int events = 1;      // events it makes (a C RMW makes two, a RISC-V AMO one)
  bool reads = false;  // it returns a value into a register
  bool writes = false;
  bool access = true;  // false for fences
  std::string text;    // with $r (register), $x (location), $v (value) placeholders
  std::string arch = "C";  // "C" or "RISCV" (then $x and $v are registers holding them)
};

// The default vocabulary of an architecture: for C READ_ONCE, WRITE_ONCE,
// smp_load_acquire, smp_store_release, smp_mb, smp_rmb, smp_wmb; for RISCV
// lw, sw, lw.aq, sw.rl, fence rw,rw, fence r,r, fence w,w, fence.tso.
std::vector<Instruction> defaultVocabulary(const std::string& arch = "C");
// Every instruction mcm knows by name (the default ones, xchg, xchg_relaxed, amoswap.w, ...).
std::vector<Instruction> knownInstructions();

struct Step {
  int instruction;  // index in the vocabulary
  int location;     // 0, 1, ...; -1 for a fence
  friend auto operator<=>(const Step&, const Step&) = default;
};
using ThreadCode = std::vector<Step>;
using Program = std::vector<ThreadCode>;

// Calls visit(program, locations) for every program of exactly `events` events, in a fixed
// order; locations are 0..locations-1. Stops, returning false, when visit returns false.
bool forEachProgram(const std::vector<Instruction>& vocabulary, int events,
                    const std::function<bool(const Program&, int locations)>& visit);

}  // namespace mcm::compare
