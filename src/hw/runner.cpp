#include "hw/runner.hpp"

#include <fmt/format.h>

#include "models/models.hpp"
#include "report/herd_text.hpp"

namespace mcm::hw {

const macros::MacroTable& hardwareMacros() { return *models::defaultModel().macros(); }

RunOptions resolveAutoOptions(RunOptions run, const Program& program, bool timebaseAvailable) {
  if (run.cpus.empty()) run.cpus = availableCpus();
  if (run.barrier == Barrier::Auto) {
    const bool ownCpus = !run.cpus.empty() && static_cast<std::size_t>(program.threads) <= run.cpus.size();
    run.barrier = timebaseAvailable && ownCpus ? Barrier::Timebase : Barrier::User;
  }
  if (!run.stagger) run.stagger = program.usesMembarrier && timebaseAvailable ? kMembarrierStagger : 0;
  return run;
}

HwResult runOnHardware(const litmus::Test& expanded, const HwOptions& options) {
  HwResult result;
  const std::string name = report::herdTestName(expanded);
  const Program program = generateProgram(expanded);

  const RunOptions run = resolveAutoOptions(options.run, program, hasTimebase());
  if (!run.cpus.empty() && static_cast<std::size_t>(program.threads) > run.cpus.size())
    options.warn(fmt::format(
        "{} has {} threads but only {} CPUs are available: running anyway, threads share CPUs", name,
        program.threads, run.cpus.size()));
  const auto executable = buildProgram(program, name, options.build);
  result.run = runProgram(executable, run);
  for (const RawOutcome& outcome : result.run.outcomes)
    if (outcome.values.size() != program.recorded.size())
      throw HwError(fmt::format("the test program reported {} values per outcome, {} expected",
                                outcome.values.size(), program.recorded.size()));
  if (result.run.interrupted)
    options.warn(fmt::format("{} interrupted: histogram of the first {} iterations", name,
                                          result.run.instances));
  result.histogram = makeHistogram(expanded, program, result.run);
  result.text = renderHistogram(expanded, result.histogram, result.run.seconds);
  return result;
}

}  // namespace mcm::hw
