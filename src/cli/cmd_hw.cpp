// mcm hw FILE...: run litmus tests on this machine's CPUs and print klitmus7's
// histogram of observed outcomes; with --against MODEL (or several tests), set them
// against the states the model allows, as `mcm run` computes them.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sys/utsname.h>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/herd_setup.hpp"
#include "exec/engine.hpp"
#include "hw/against.hpp"
#include "hw/knobs.hpp"
#include "hw/runner.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "report/herd_text.hpp"

namespace mcm::cli {
namespace {

struct HwArgs {
  std::vector<std::string> files;
  hw::KnobText knobs;
  std::string keepSource;
  std::string cacheDir;
  std::string against;  // --against MODEL; "" without it
  std::vector<std::string> includeDirs;
};

// Exit status when a state the model forbids was observed.
constexpr int kForbiddenObserved = 3;

// The model's verdict on the file; nullopt (and why, on stderr) when it cannot judge it.
std::optional<hw::ModelCheck> judge(const std::string& path, const hw::Histogram& histogram, const HerdSetup& model,
                                    const std::string& modelName) {
  try {
    HerdSetup listing = model;
    listing.options.maxCandidates = std::min(listing.options.maxCandidates, hw::kListedCandidates);
    try {
      const FileRun run = runHerdFile(path, listing);
      return hw::checkAgainst(histogram, run.result.states, modelName);
    } catch (const exec::TooManyCandidates&) {
      const litmus::Test expanded = macros::expandMacros(litmus::parseLitmusFile(path), model.macros());
      return hw::checkObservedStates(histogram, expanded, model.model, model.options, modelName);
    }
  } catch (const Diagnostic& d) {
    std::cerr << d.what() << "\n" << path << ": warning: " << modelName << " cannot judge this test\n";
  }
  return std::nullopt;
}

// A test of another architecture (RISC-V, ...) cannot run here: hw compiles C
// tests for this machine's own processor.
void refuseOtherArchitectures(const std::string& path) {
  std::ifstream in(path);
  std::string firstLine;
  if (!in || !std::getline(in, firstLine)) return;  // the parser reports unreadable files
  const std::string arch = litmus::architectureOf(firstLine);
  if (arch.empty() || arch == "C") return;
  utsname machine{};
  uname(&machine);
  throw Diagnostic(path, {1, 1},
                   fmt::format("{} test: mcm hw runs C litmus tests only, compiled for this machine ({}); "
                               "use `mcm run` to check it against a model",
                               arch, machine.machine));
}

int runHw(const HwArgs& args) {
  const auto usageError = [](const std::string& message) {
    std::cerr << "mcm hw: error: " << message << "\n";
    return 2;
  };
  hw::HwOptions options;
  try {
    options.run = hw::runOptionsFrom(args.knobs, hw::hasTimebase());
  } catch (const hw::KnobError& e) {
    return usageError(e.what());
  }
  options.build.cacheDir = args.cacheDir.empty() ? hw::defaultCacheDir() : std::filesystem::path(args.cacheDir);
  options.build.keepSourceDir = args.keepSource;
  if (const char* cxx = std::getenv("CXX"); cxx && *cxx) options.build.compiler = cxx;
  const bool showProgress = isatty(STDERR_FILENO);
  options.warn = [](const std::string& warning) { std::cerr << "warning: " << warning << "\n"; };

  // Several tests get a summary table, which shows the model's states too.
  const bool summary = args.files.size() > 1;
  const std::string modelName = args.against.empty() ? "lkmm" : args.against;
  std::optional<HerdSetup> model;
  if (!args.against.empty() || summary) {
    try {
      model = loadNamedModel(modelName, modelName.ends_with(".cfg"), args.includeDirs);
    } catch (const OptionError& e) {
      return usageError("--against: " + e.message);
    } catch (const Diagnostic& d) {
      std::cerr << d.what() << "\n";
      return 2;
    }
  }

  const macros::MacroTable& table = hw::hardwareMacros();
  int status = 0;
  std::vector<hw::SummaryRow> rows;
  for (const auto& path : args.files) {
    hw::SummaryRow row;
    row.test = path;
    try {
      refuseOtherArchitectures(path);
      const litmus::Test expanded = macros::expandMacros(litmus::parseLitmusFile(path), table);
      row.test = report::herdTestName(expanded);
      if (showProgress) options.run.progressLabel = expanded.name;
      const hw::HwResult result = hw::runOnHardware(expanded, options);
      std::cout << result.text << std::flush;
      if (result.run.interrupted) return 130;  // Ctrl-C: the histogram so far, then stop
      row.iterations = result.run.instances;
      row.positive = result.histogram.positive;
      if (model) row.check = judge(path, result.histogram, *model, modelName);
      if (row.check && !args.against.empty()) std::cout << hw::renderModelCheck(row.test, *row.check) << std::flush;
      if (row.check && !row.check->forbidden.empty()) {
        std::cerr << path << ": error: observed " << row.check->forbidden.size() << " final state(s) " << modelName
                  << " forbids: the model or this runner is wrong\n";
        status = std::max(status, kForbiddenObserved);
      }
    } catch (const hw::HwStuck& e) {
      // A test the model gives no execution (a self-deadlock) is expected to stick.
      std::optional<hw::ModelCheck> check;
      if (model) check = judge(path, hw::Histogram{}, *model, modelName);
      if (check && check->listed && check->allowed == 0) {
        std::cout << fmt::format("Test {} deadlocks: a thread is stuck, and {} allows no execution of it either\n",
                                 row.test, modelName);
        if (!args.against.empty()) std::cout << hw::renderModelCheck(row.test, *check) << std::flush;
        row.check = std::move(check);
      } else {
        std::cerr << path << ": error: " << e.what() << "\n";
        row.error = "failed";
        status = std::max(status, 1);
      }
    } catch (const Diagnostic& d) {
      std::cerr << d.what() << "\n";
      row.error = "rejected";
      status = std::max(status, 2);
    } catch (const std::exception& e) {  // HwError, or the file system refusing the cache
      std::cerr << path << ": error: " << e.what() << "\n";
      row.error = "failed";
      status = std::max(status, 1);
    }
    rows.push_back(std::move(row));
  }
  if (summary) std::cout << "\n" << hw::renderSummaryTable(rows, modelName) << std::flush;
  return status;
}

}  // namespace

void registerHwCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("hw", "Run litmus tests on this machine and print klitmus7 histograms");
  auto args = std::make_shared<HwArgs>();
  cmd->add_option("files", args->files, "Litmus test files")->required();
  hw::KnobText& k = args->knobs;
  auto* iterations = cmd->add_option("-n,--iterations", k.iterations, "Test instances to run in total (default 1000000)");
  cmd->add_option("-s,--size", k.size, "Instances per run, laid out side by side in memory (default 1000)");
  cmd->add_option("-r,--runs", k.runs, "Runs of -s instances each: -n is size x runs (litmus7's -r)")->excludes(iterations);
  cmd->add_option("--cpus", k.cpus, "CPUs to use, e.g. 0,1 or 0-3 (default: all available)");
  cmd->add_option("--barrier", k.barrier,
                  "How threads start each instance together: timebase (spin on the time-stamp counter), user "
                  "(rendezvous in memory), userfence (user then a full fence), pthread (pthread_barrier_wait) or "
                  "auto (timebase when each thread has its own CPU; default)");
  cmd->add_option("--period", k.period, "With the timebase barrier: time-stamp ticks from one instance's start to the next (default 1000)");
  cmd->add_option("--preload", k.preload, "all: before each instance every thread reads its locations (default); no: it does not");
  cmd->add_option("--seed", k.seed, "Seed of the instance shuffling and of --affinity random (default 1)");
  cmd->add_option("--stride", k.stride,
                  "Instance order: 0 shuffled (default), else N as litmus7's -st: 0, N, 2N, ..., then 1, 1+N, ...");
  cmd->add_option("--place", k.place,
                  "Memory placement: arrays (one array per location; default), padded (each cell on its own cache "
                  "line), together (an instance's locations side by side)");
  cmd->add_option("--stagger", k.stagger,
                  "After the barrier, each thread waits a random 0..T-1 time-stamp ticks per instance, so a slow "
                  "primitive meets the other threads before, during and after it (default auto: 20000 for a test "
                  "that calls sys_membarrier(), else 0)");
  cmd->add_option("--stuck", k.stuck,
                  "Seconds without progress after which the run stops with an error: a lock never released, a "
                  "loop that never exits, a test that deadlocks (default 10)");
  cmd->add_option("--affinity", k.affinity,
                  "Thread placement: incr (thread t on the t-th CPU of --cpus; default), random (a seeded shuffle of "
                  "them), none (not pinned)");
  cmd->add_option("--against", args->against,
                  "After each histogram: the states MODEL allows never observed, and any observed state it forbids "
                  "(exit status 3); MODEL as for mcm compare: lkmm, sc, tso, a .cat or .cfg file");
  cmd->add_option("-I", args->includeDirs, "Where --against looks for model files");
  cmd->add_option("--keep-source", args->keepSource, "Also write each generated program (DIR/NAME.cpp) and the harness it links with to DIR");
  cmd->add_option("--cache-dir", args->cacheDir, "Where compiled programs are cached (default ~/.cache/mcm/hw)");
  cmd->callback([args] {
    if (const int status = runHw(*args); status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
