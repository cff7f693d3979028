#pragma once
// Symbolic execution of one thread into its alternative paths.
//
// herd builds, per thread, one event structure per combination of branch
// outcomes (if/while conditions that are not constants, cmpxchg success or
// failure, trylock, is_locked, add_unless). Each alternative is a ThreadPath:
// its events in creation order with symbolic addresses and values, the
// equations it assumes, and its final register values.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "exec/symbolic.hpp"
#include "litmus/ast.hpp"

namespace mcm::exec {

enum class EventKind : std::uint8_t {
  Read, Write, Fence,
  LockRead, LockWrite, Unlock, LockFail, ReadLocked, ReadUnlocked,  // LKR LKW UL LF RL RU
  SrcuSync,                                                          // __srcu{...}: not a memory access
  ReadWrite,  // one event that reads then writes (a RISC-V AMO): in R and W; `value` is what it writes, `var` what it reads
  InitWrite,                                                         // IW (built by the structure, not by threads)
};

// Read variables an expression's value was computed from (sorted, unique).
using Taint = std::vector<VarId>;

struct PathEvent {
  EventKind kind = EventKind::Fence;
  bool atomic = false;            // R*/W*: an access of an RMW instruction (set RMW)
  std::vector<std::string> tags;  // exact case, as in the .def
  int addr = -1;                  // node of the location's address (-1 for fences)
  int value = -1;                 // node of the value written (Write) or read (Read: a Var)
  VarId var = -1;                 // Read: its variable; Write: set only when later values depend on it
  int stmt = 0;                   // statement index along the path (po between statements)
  Taint addrTaint, valueTaint, ctrlTaint;
  std::vector<int> causes;        // same-statement events (path indices) ordered before this one
  int rmwPartner = -1;            // R* of a successful RMW: its W* (base rmw)
  int herdNumber = 0;             // Read: herd's name S<n> for its value
  int line = 0;                   // source line of the statement that made it (explanations, graphs)
};

// An equation the path assumes: the node's value is non-zero (holds) or zero.
struct Assumption {
  int node = -1;
  bool holds = true;
};

struct ThreadPath {
  std::vector<PathEvent> events;
  std::vector<Assumption> assumptions;
  std::map<std::string, int> registers;  // final value node of every register written or initialised
  // Register reads that copy a read's value: herd names each S<n> (n, the read's variable).
  std::vector<std::pair<int, VarId>> registerCopies;
  bool cutoff = false;                   // needed more loop iterations than the unrolling bound
};

struct ThreadSetup {
  std::string file;                         // for diagnostics
  std::map<std::string, int> symbols;       // location name -> symbol id
  std::map<std::string, Val> initRegisters; // this thread's `N:r=v` init entries and its parameters
  bool lkmmv2 = true;                       // variant lkmmv2: RMW tags on both accesses, no fences
  int unroll = 2;
  long long maxPaths = 10'000'000;          // bound on the alternatives of one thread
};

// Every alternative path of `thread`, in a deterministic order. Throws mcm::Diagnostic
// on constructs herd rejects (unexpanded macro calls, non-location operands).
std::vector<ThreadPath> executeThread(const litmus::Thread& thread, const ThreadSetup& setup, NodePool& pool);

// What an architecture's front end gives the engine: the paths of thread i
// (as executeThread does for C), and the names of the annotation sets its
// model may use even when no event carries the annotation (they are then empty).
struct ThreadSource {
  std::function<std::vector<ThreadPath>(int thread, const ThreadSetup& setup, NodePool& pool)> paths;
  std::vector<std::string> annotationSets;
};

}  // namespace mcm::exec
