#pragma once
// The literal meaning of sys_membarrier() (also spelled smp_memb()), as plain LKMM.
//
// A call in thread A is expanded into the kernel's steps:
//   smp_mb(); WRITE_ONCE(*ipi, 1); done_B = READ_ONCE(*done_B) for each other thread B; smp_mb();
// and each other thread B runs the IPI handler
//   seen = READ_ONCE(*ipi); smp_mb(); WRITE_ONCE(*done_B, 1);
// at one of its instruction boundaries (between two top-level statements). One
// placement chooses a boundary for every (call, thread) pair; handlers landing at
// the same boundary run in either order. An outcome of the test is allowed iff
// some placement allows it with every handler having seen its IPI and every
// caller having seen every handler finish.
//
// This is the oracle the embedded model's primitive is checked against; it
// multiplies candidates, so it is a tool, not the model.
#include <memory>
#include <string>
#include <vector>

#include "cat/model.hpp"
#include "exec/engine.hpp"
#include "exec/result.hpp"
#include "litmus/ast.hpp"
#include "macros/macros.hpp"

namespace mcm::membarrier {

// `sys_membarrier();` or `smp_memb();` as a statement (before macro expansion).
bool isMembarrierCall(const litmus::Stmt& stmt);
// True if some thread of the test calls the primitive (anywhere in its body).
bool usesMembarrier(const litmus::Test& test);

// The fence tag sys_membarrier() and smp_memb() expand to in the embedded def.
inline constexpr const char* kFenceTag = "membarrier";

// Throws mcm::Diagnostic positioned at the first call when `expanded` (the
// macro-expanded `parsed`) holds a membarrier fence that `model` never reads:
// such a model would silently treat the call as a no-op.
void requireModelSupport(const litmus::Test& parsed, const litmus::Test& expanded, const cat::Model& model);

struct Placement {
  std::string name;  // the test's name with the placement appended: NAME+memb-0-1@2...
  std::string text;  // a plain LKMM litmus test (no sys_membarrier())
};

struct ExpandOptions {
  long long maxPlacements = 100'000;  // bound on the number of placements (the expansion's candidate bound)
};

// Number of placements the test expands into (1 if it does not use the primitive).
long long countPlacements(const litmus::Test& test);

// Every placement, in a deterministic order. Throws mcm::Diagnostic positioned at
// the call on a call with arguments or inside a compound statement (if/while/block),
// and when the number of placements exceeds options.maxPlacements.
std::vector<Placement> expandPlacements(const litmus::Test& test, const ExpandOptions& options = {});

// The union over placements of the final states each allows, restricted to the
// test's own displayed locations, sorted and distinct. Each placement is
// parsed from its text, macro-expanded with `macros` and run with `model`.
std::vector<exec::FinalState> allowedStates(const litmus::Test& test, const macros::MacroTable& macros,
                                            std::shared_ptr<const cat::Model> model,
                                            const exec::RunOptions& run, const ExpandOptions& options = {});

}  // namespace mcm::membarrier
