// mcm membarrier-expand TEST DIR [--max-placements N]: writes the literal
// expansion of sys_membarrier() (every placement of the IPI handlers) as plain
// LKMM tests, one file per placement, which any LKMM tool (herd7 too) runs.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "litmus/parser.hpp"
#include "membarrier/membarrier.hpp"
#include "support/file_names.hpp"

namespace mcm::cli {

namespace {

struct ExpandArgs {
  std::string test;
  std::string dir;
  long long maxPlacements = membarrier::ExpandOptions{}.maxPlacements;
};

}  // namespace

void registerMembarrierExpandCommand(CLI::App& app) {
  auto args = std::make_shared<ExpandArgs>();
  auto* cmd = app.add_subcommand(
      "membarrier-expand",
      "Write every placement of sys_membarrier()'s IPI handlers in TEST as a plain LKMM test in DIR");
  cmd->add_option("test", args->test, "Litmus test using sys_membarrier() or smp_memb()")->required();
  cmd->add_option("dir", args->dir, "Directory for the expanded tests (created if missing)")->required();
  cmd->add_option("--max-placements", args->maxPlacements, "Stop if the expansion has more placements than this")
      ->capture_default_str();
  cmd->footer(
      "Each call becomes smp_mb(); WRITE_ONCE(*ipi,1); READ_ONCE(*done_Pn) for each other thread Pn; smp_mb();\n"
      "each other thread runs the handler READ_ONCE(*ipi); smp_mb(); WRITE_ONCE(*done_Pn,1); between two of\n"
      "its top-level statements. The condition is restricted to executions where every IPI was seen and\n"
      "completed; an outcome is allowed iff some placement allows it.");
  cmd->callback([args] {
    try {
      const litmus::Test test = litmus::parseLitmusFile(args->test);
      const auto placements = membarrier::expandPlacements(test, {args->maxPlacements});
      std::filesystem::create_directories(args->dir);
      for (const auto& p : placements) {
        const auto path = fileInside(args->dir, p.name, ".litmus");
        std::ofstream out(path, std::ios::binary);
        out << p.text;
        if (!out) throw Diagnostic(path.string(), {}, "cannot write the expanded test");
      }
      std::cout << placements.size() << " placement" << (placements.size() == 1 ? "" : "s") << " of " << test.name
                << " written to " << args->dir << "\n";
    } catch (const Diagnostic& d) {
      std::cerr << d.what() << "\n";
      throw CLI::RuntimeError(2);
    } catch (const std::filesystem::filesystem_error& e) {
      std::cerr << formatDiagnostic(args->dir, {}, e.what()) << "\n";
      throw CLI::RuntimeError(2);
    }
  });
}

}  // namespace mcm::cli
