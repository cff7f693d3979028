// Differential test, model against machine: generated cycle tests (tests/difftest) run on this CPU
// never show a state the embedded LKMM forbids. Racy tests (a data-race flag) are left out: for
// them the model promises nothing. Count: MCM_DIFF_HW_COUNT (default 6, each test is compiled);
// the long run is `MCM_DIFF_HW_COUNT=500 build/tests/hw/hw_tests --gtest_filter='HwGenerated*'`.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "difftest/cycle_generator.hpp"
#include "hw/runner.hpp"
#include "litmus/parser.hpp"
#include "report/herd_text.hpp"

namespace mcm::hw {
namespace {

namespace fs = std::filesystem;

struct ModelVerdict {
  bool racy = false;
  std::set<std::string> states;
};

// The embedded model's states for one test, from `mcm run`'s herd7 text.
ModelVerdict embeddedModelStates(const fs::path& file) {
  std::string text;
  FILE* pipe = ::popen((std::string(MCM_BINARY) + " run " + file.string() + " 2>&1").c_str(), "r");
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) text.append(buf, n);
  ::pclose(pipe);
  ModelVerdict v;
  std::istringstream in(text);
  std::string line;
  int remaining = 0;
  while (std::getline(in, line)) {
    if (line.rfind("States ", 0) == 0) {
      remaining = std::stoi(line.substr(7));
    } else if (remaining > 0) {
      v.states.insert(line);
      --remaining;
    } else if (line.rfind("Flag data-race", 0) == 0) {
      v.racy = true;
    }
  }
  EXPECT_FALSE(v.states.empty()) << file << ": " << text;
  return v;
}

int count() {
  const char* env = std::getenv("MCM_DIFF_HW_COUNT");
  return env ? std::atoi(env) : 6;
}

TEST(HwGenerated, ObservedStatesOfGeneratedTestsAreAllowed) {
  const fs::path dir = fs::temp_directory_path() / ("mcm-hwgen-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  mcm::testing::CycleGenerator gen(16);
  int ran = 0, racy = 0, skipped = 0;
  for (int i = 0; ran < count() && i < 20 * count(); ++i) {
    const std::string name = "hwgen" + std::to_string(i);
    const fs::path file = dir / (name + ".litmus");
    std::ofstream(file) << gen.test(name);
    const ModelVerdict model = embeddedModelStates(file);
    if (model.racy) {
      ++racy;
      continue;
    }
    HwOptions options;
    options.build.cacheDir = MCM_HW_CACHE;
    options.run.iterations = 20000;
    options.run.size = 1000;
    std::optional<HwResult> result;
    try {
      result = runOnHardware(macros::expandMacros(litmus::parseLitmusFile(file.string()), hardwareMacros()), options);
    } catch (const Diagnostic& d) {
      if (d.message().rfind("unsupported on hardware: ", 0) != 0) throw;
      ++skipped;
      continue;
    }
    ++ran;
    for (const auto& line : result->histogram.lines) {
      const std::string state = report::renderStateLine(line.state);
      EXPECT_TRUE(model.states.count(state)) << name << ": observed " << line.count << " x '" << state
                                             << "', which the model forbids (test kept in " << dir << ")";
    }
  }
  std::cout << "ran " << ran << " generated tests on hardware (" << racy << " racy and " << skipped
            << " unsupported left out)\n";
  EXPECT_EQ(ran, count());
  if (!HasFailure()) fs::remove_all(dir);
}

}  // namespace
}  // namespace mcm::hw
