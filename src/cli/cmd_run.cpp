// `mcm run [herd7 options] FILE...`: runs litmus tests and prints herd7's report.
//
// Exit status: 0 when every test ran; 2 when a test could not be run (its error
// goes to stderr as FILE:LINE:COL: error: ..., and the remaining files still run)
// or when the command line, .cfg or model files are bad (nothing runs). herd7
// itself exits 0 on such user errors; a non-zero status lets scripts notice them.
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/herd_options.hpp"
#include "cli/herd_setup.hpp"
#include "report/run_json.hpp"

namespace mcm::cli {
namespace {

// Runs one file; returns false (after printing the error) if it could not be run.
// With --json its result is appended to `tests` instead of printed.
bool runFile(const std::string& file, const HerdSetup& setup, const HerdOptions& opts, nlohmann::json& tests) {
  try {
    const FileRun run = runHerdFile(file, setup);
    if (opts.json) tests.push_back(report::runJson(run.test, run.result, setup.modelName, run.seconds));
    else std::cout << run.text << std::flush;
    if (run.result.loopCutoff && !opts.quiet)
      std::cerr << "Warning: File \"" << file << "\": unrolling limit exceeded at While, legal outcomes may be missing.\n";
    return true;
  } catch (const Diagnostic& e) {
    std::cerr << e.what() << "\n";
    // herd7's line too, for the scripts that grep for it.
    if (const std::string herd = herdWarning(e); !herd.empty()) std::cerr << herd << "\n";
  } catch (const std::exception& e) {
    std::cerr << formatDiagnostic(file, {}, std::string("internal error: ") + e.what()) << "\n";
  }
  return false;
}

}  // namespace

int runHerdCommand(const std::vector<std::string>& args) {
  HerdOptions opts;
  HerdSetup setup;
  try {
    opts = parseHerdArgs(args);
    if (opts.files.empty()) throw OptionError{"no litmus test given"};
    setup = loadHerdSetup(opts);
  } catch (const OptionError& e) {
    std::cerr << "mcm run: " << e.message << "\n";
    return 2;
  } catch (const Diagnostic& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  int status = 0;
  nlohmann::json tests = nlohmann::json::array();
  for (const auto& file : opts.files)
    if (!runFile(file, setup, opts, tests)) status = 2;
  if (opts.json) std::cout << nlohmann::json{{"tests", std::move(tests)}}.dump(2) << "\n";
  return status;
}

void registerRunCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("run", "Run litmus tests with herd7's options and output (mcm run -conf linux-kernel.cfg T.litmus)");
  // herd7's single-dash options are parsed by parseHerdArgs, not by CLI11.
  cmd->prefix_command();
  cmd->footer(
      "herd7 options (-opt VALUE, --opt VALUE or --opt=VALUE):\n"
      "  -conf FILE.cfg      read options from a herd7 .cfg (macros, bell, model, variant, ...;\n"
      "                      graph and display settings in it are ignored)\n"
      "  -I DIR, -set-libdir DIR  where .cfg, .cat, .bell, .def and included files are searched\n"
      "  -model FILE.cat  -bell FILE.bell  -macros FILE.def   (default: the embedded LKMM)\n"
      "  -variant V[,V]  -unroll N (default 2)  -v (name the model files)  -q (no warnings)\n"
      "  --json              one JSON document {\"tests\": [...]} (schema/run.schema.json) instead of text\n"
      "  -through none  -initwrites true  -show none  -speedcheck false   (defaults only)\n"
      "Other herd7 options (-o, -skipchecks, -graph, ...) are rejected as unsupported.\n"
      "Exit status: 0 if every test ran, 2 if a test or an option was bad.");
  cmd->callback([cmd] {
    int status = runHerdCommand(cmd->remaining());
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
