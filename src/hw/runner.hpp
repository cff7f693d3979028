#pragma once
// One litmus test on this machine, end to end: generate, compile (cached), run,
// count. This is what `mcm hw` and the hardware soundness test call.
#include <functional>
#include <string>

#include "hw/build.hpp"
#include "hw/histogram.hpp"
#include "hw/program.hpp"
#include "hw/run.hpp"
#include "litmus/ast.hpp"
#include "macros/macros.hpp"

namespace mcm::hw {

struct HwOptions {
  BuildOptions build;
  RunOptions run;  // an empty cpu list means availableCpus()
  // Told at once, before the run: more threads than CPUs (the test runs anyway), or
  // an interrupted run.
  std::function<void(const std::string&)> warn = [](const std::string&) {};
};

struct HwResult {
  RunResult run;
  Histogram histogram;
  std::string text;                   // klitmus7's report
};

// The embedded LKMM macros: the kernel's .def plus sys_membarrier()/smp_memb()
// (membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)), which the hardware runs for real.
const macros::MacroTable& hardwareMacros();

// The run options left to mcm, chosen for this program: the CPUs (availableCpus()), the barrier
// (timebase when there is a time-stamp counter and each thread has its own CPU, else user) and
// the stagger (kMembarrierStagger for a test that calls sys_membarrier() and a time-stamp counter).
RunOptions resolveAutoOptions(RunOptions run, const Program& program, bool timebaseAvailable);

// `expanded` is the test after .def macro expansion. Throws mcm::Diagnostic for a test
// that cannot run on hardware (unsupported primitive) and HwError for a machine that
// cannot run it (compiler, kernel).
HwResult runOnHardware(const litmus::Test& expanded, const HwOptions& options);

}  // namespace mcm::hw
