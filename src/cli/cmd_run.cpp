// `mcm run [herd7 options] FILE...`: runs litmus tests and prints herd7's report.
//
// Exit status: 0 when every test ran; 2 when a test could not be run (its error
// goes to stderr as FILE:LINE:COL: error: ..., and the remaining files still run)
// or when the command line, .cfg or model files are bad (nothing runs). herd7
// itself exits 0 on such user errors; a non-zero status lets scripts notice them.
#include <cstdio>
#include <ctime>
#include <iostream>

#include "cat/model.hpp"
#include "cli/commands.hpp"
#include "cli/herd_options.hpp"
#include "exec/engine.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "report/herd_text.hpp"

namespace mcm::cli {
namespace {

// The model and macros every test of one invocation runs with.
struct Setup {
  std::shared_ptr<const cat::Model> model;
  const macros::MacroTable* macros = nullptr;
  macros::MacroTable loadedMacros;
  exec::RunOptions options;
};

std::string mustFind(const std::string& what, const std::string& name, const HerdOptions& opts) {
  auto path = findInDirs(name, opts.includeDirs);
  if (!path) throw OptionError{"cannot find " + what + " file '" + name + "'"};
  return *path;
}

// Files named by options win; whatever is not named comes from the embedded LKMM.
void loadSetup(const HerdOptions& opts, Setup& setup) {
  if (opts.model) {
    std::string path = mustFind("model", *opts.model, opts);
    std::string bell = opts.bell ? mustFind("bell", *opts.bell, opts) : "";
    if (opts.verbose) std::cerr << "mcm: model " << path << (bell.empty() ? "" : ", bell " + bell) << "\n";
    setup.model = cat::loadModel(path, opts.includeDirs, bell);
  } else {
    if (opts.bell) throw OptionError{"-bell needs -model: the embedded model has its own bell part"};
    if (opts.verbose) std::cerr << "mcm: model: embedded LKMM\n";
    setup.model = cat::builtinLkmmModel();
    setup.options.variants.insert("lkmmv2");
  }
  if (opts.macros) {
    std::string path = mustFind("macros", *opts.macros, opts);
    if (opts.verbose) std::cerr << "mcm: macros " << path << "\n";
    setup.loadedMacros = macros::loadDefFile(path);
    setup.macros = &setup.loadedMacros;
  } else {
    if (opts.verbose) std::cerr << "mcm: macros: embedded LKMM\n";
    setup.macros = &macros::builtinLkmmMacros();
  }
  setup.options.variants.insert(opts.variants.begin(), opts.variants.end());
  setup.options.unroll = opts.unroll;
}

// Runs one file; returns false (after printing the error) if it could not be run.
bool runFile(const std::string& file, const Setup& setup, const HerdOptions& opts) {
  std::clock_t start = std::clock();
  try {
    litmus::Test test = litmus::parseLitmusFile(file);
    litmus::Test expanded = macros::expandMacros(test, *setup.macros);
    exec::TestResult result = exec::runTest(expanded, setup.model, setup.options);
    double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
    std::cout << report::renderHerdText(test, result, seconds) << std::flush;
    if (result.loopCutoff && !opts.quiet)
      std::cerr << "Warning: File \"" << file << "\": unrolling limit exceeded at While, legal outcomes may be missing.\n";
    return true;
  } catch (const Diagnostic& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << formatDiagnostic(file, {}, std::string("internal error: ") + e.what()) << "\n";
  }
  return false;
}

}  // namespace

int runHerdCommand(const std::vector<std::string>& args) {
  HerdOptions opts;
  Setup setup;
  try {
    opts = parseHerdArgs(args);
    if (opts.files.empty()) throw OptionError{"no litmus test given"};
    loadSetup(opts, setup);
  } catch (const OptionError& e) {
    std::cerr << "mcm run: " << e.message << "\n";
    return 2;
  } catch (const Diagnostic& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  int status = 0;
  for (const auto& file : opts.files)
    if (!runFile(file, setup, opts)) status = 2;
  return status;
}

void registerRunCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("run", "Run litmus tests with herd7's options and output (mcm run -conf linux-kernel.cfg T.litmus)");
  // herd7's single-dash options are parsed by parseHerdArgs, not by CLI11.
  cmd->prefix_command();
  cmd->footer(
      "herd7 options (one or two dashes):\n"
      "  -conf FILE.cfg      read options from a herd7 .cfg (macros, bell, model, variant, ...;\n"
      "                      graph and display settings in it are ignored)\n"
      "  -I DIR, -set-libdir DIR  where .cfg, .cat, .bell, .def and included files are searched\n"
      "  -model FILE.cat  -bell FILE.bell  -macros FILE.def   (default: the embedded LKMM)\n"
      "  -variant V[,V]  -unroll N (default 2)  -v (name the model files)  -q (no warnings)\n"
      "  -through none  -initwrites true  -show none  -speedcheck false   (defaults only)\n"
      "Other herd7 options (-o, -skipchecks, -graph, ...) are rejected as unsupported.\n"
      "Exit status: 0 if every test ran, 2 if a test or an option was bad.");
  cmd->callback([cmd] {
    int status = runHerdCommand(cmd->remaining());
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
