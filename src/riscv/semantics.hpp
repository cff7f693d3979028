#pragma once
// herd7's RISC-V semantics, for the common engine (exec/):
//   events   plain loads/stores (annotated Acq, Rel, AcqRel from .aq/.rl); lr/sc
//            accesses and AMOs are also in X; an AMO is one event in both R and W;
//            fences carry their barrier as a set (Fence.r.rw, ..., Fence.tso, Fence.i);
//   rmw      an lr and the successful sc that consumes its reservation;
//   deps     addr/data through registers; ctrl from the reads a branch tests to
//            every later event of the thread.
// A successful sc stores to the reserved address (an equation) and writes 0 to
// its result register; a failed one writes 1 and accesses no memory.
#include <string>
#include <vector>

#include "exec/thread_paths.hpp"
#include "riscv/annotations.hpp"
#include "riscv/program.hpp"

namespace mcm::riscv {

exec::ThreadSource threadSource(const Test& test);


// The code text herd's Hash digests (see report::herdHash).
std::string hashCodeText(const Test& test);

}  // namespace mcm::riscv
