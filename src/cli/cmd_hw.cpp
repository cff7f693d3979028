// mcm hw FILE...: run litmus tests on this machine's CPUs and print klitmus7's
// histogram of observed outcomes.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sys/utsname.h>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "hw/runner.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"

namespace mcm::cli {
namespace {

struct HwArgs {
  std::vector<std::string> files;
  unsigned long long iterations = 1000000;
  unsigned long long size = 1000;
  std::string cpus;
  unsigned long long seed = 1;
  std::string keepSource;
  std::string cacheDir;
};

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

// "0,2-3" -> {0, 2, 3}; empty on a malformed list.
std::vector<int> parseCpuList(const std::string& text) {
  std::vector<int> cpus;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    int first = 0, last = 0;
    char dash = 0, extra = 0;
    const int n = std::sscanf(item.c_str(), "%d%c%d%c", &first, &dash, &last, &extra);
    if (n == 1) last = first;
    else if (n != 3 || dash != '-') return {};
    if (first < 0 || last < first || last >= 1024) return {};
    for (int cpu = first; cpu <= last; ++cpu) cpus.push_back(cpu);
    start = comma + 1;
  }
  return cpus;
}

int runHw(const HwArgs& args) {
  const auto usageError = [](const std::string& message) {
    std::cerr << "mcm hw: error: " << message << "\n";
    return 2;
  };
  if (args.iterations < 1 || args.iterations > hw::kMaxIterations)
    return usageError(fmt::format("-n: the iteration count must be between 1 and {}", hw::kMaxIterations));
  if (args.size < 1 || args.size > hw::kMaxSize)
    return usageError(fmt::format("-s: the size must be between 1 and {}", hw::kMaxSize));

  hw::HwOptions options;
  options.run.iterations = args.iterations;
  options.run.size = args.size;
  options.run.seed = args.seed;
  if (!args.cpus.empty()) {
    options.run.cpus = parseCpuList(args.cpus);
    if (options.run.cpus.empty())
      return usageError(fmt::format("--cpus: '{}' is not a CPU list such as 0,1 or 0-3", args.cpus));
  }
  options.build.cacheDir = args.cacheDir.empty() ? hw::defaultCacheDir() : std::filesystem::path(args.cacheDir);
  options.build.keepSourceDir = args.keepSource;
  if (const char* cxx = std::getenv("CXX"); cxx && *cxx) options.build.compiler = cxx;
  const bool showProgress = isatty(STDERR_FILENO);
  options.warn = [](const std::string& warning) { std::cerr << "warning: " << warning << "\n"; };

  const macros::MacroTable& table = hw::hardwareMacros();
  int status = 0;
  for (const auto& path : args.files) {
    try {
      refuseOtherArchitectures(path);
      const litmus::Test expanded = macros::expandMacros(litmus::parseLitmusFile(path), table);
      if (showProgress) options.run.progressLabel = expanded.name;
      const hw::HwResult result = hw::runOnHardware(expanded, options);
      std::cout << result.text << std::flush;
      if (result.run.interrupted) return 130;  // Ctrl-C: the histogram so far, then stop
    } catch (const Diagnostic& d) {
      std::cerr << d.what() << "\n";
      status = 2;
    } catch (const std::exception& e) {  // HwError, or the file system refusing the cache
      std::cerr << path << ": error: " << e.what() << "\n";
      status = std::max(status, 1);
    }
  }
  return status;
}

}  // namespace

void registerHwCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("hw", "Run litmus tests on this machine and print klitmus7 histograms");
  auto args = std::make_shared<HwArgs>();
  cmd->add_option("files", args->files, "Litmus test files")->required();
  cmd->add_option("-n,--iterations", args->iterations, "Test instances to run in total (default 1000000)");
  cmd->add_option("-s,--size", args->size, "Instances per run, laid out side by side in memory (default 1000)");
  cmd->add_option("--cpus", args->cpus, "CPUs to use, e.g. 0,1 or 0-3 (default: all available)");
  cmd->add_option("--seed", args->seed, "Seed of the instance shuffling (default 1)");
  cmd->add_option("--keep-source", args->keepSource, "Also write each generated program (DIR/NAME.cpp) and the harness it links with to DIR");
  cmd->add_option("--cache-dir", args->cacheDir, "Where compiled programs are cached (default ~/.cache/mcm/hw)");
  cmd->callback([args] {
    if (const int status = runHw(*args); status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
