#pragma once
// Litmus test → native C++ program (the test half; the harness half is fixed).
// Works on the macro-EXPANDED tree: primitives __load{ONCE}, __fence{MB}, __xchg{..},
// __lock, ... plus plain accesses, so every macro of the .def is covered uniformly.
// Primitives with no user-space counterpart (SRCU, unknown tags or calls) throw
// mcm::Diagnostic "unsupported on hardware: NAME" at the offending node.
#include <string>
#include <vector>

#include "litmus/ast.hpp"

namespace mcm::hw {

// Each recorded value is an integer, or the token kSymbolBase + k standing for the
// address of globals[k] (of the same instance).
// sys_membarrier() and smp_memb() (not in the kernel's .def) expand to
// __fence{membarrier} (src/macros/lkmm.def).
inline constexpr const char* kMembarrierTag = "membarrier";

// The Linux-kernel primitives (runtime/prims.hpp), included first by every generated
// source; build.cpp precompiles it once.
inline constexpr const char* kPrimsHeader = "mcm-hw-prims.hpp";

inline constexpr long long kSymbolBase = static_cast<long long>(-0x7fffffffffffffffLL - 1);

struct Program {
  std::string source;                      // the test half; includes kPrimsHeader
  std::vector<std::string> globals;        // the test's shared locations, sorted by name
  std::vector<litmus::Location> recorded;  // values each outcome carries, in order
  int threads = 0;
  bool usesRcu = false;                    // link liburcu's memb flavour
  bool usesMembarrier = false;             // calls sys_membarrier()
};

Program generateProgram(const litmus::Test& expanded);

}  // namespace mcm::hw
