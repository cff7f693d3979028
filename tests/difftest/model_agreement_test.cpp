// Differential test: on generated cycle tests (cycle_generator.hpp), the embedded LKMM and the
// kernel's own files (-conf linux-kernel.cfg) print the same text, state for state, flags,
// observation and hash included (all but the Time line).
// Count: MCM_DIFF_COUNT (default 300); the long run is `MCM_DIFF_COUNT=10000 build/tests/difftest/difftest_tests`.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "difftest/cycle_generator.hpp"

namespace {

namespace fs = std::filesystem;
const std::string kShared = MCM_SHARED_DIR;

std::string capture(const std::string& cmd) {
  std::string out;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

// herd7's text of several tests, split per test (keyed by the `Test NAME` line) without Time lines.
std::map<std::string, std::string> blocksByTest(const std::string& text) {
  std::map<std::string, std::string> blocks;
  std::istringstream in(text);
  std::string line, current;
  while (std::getline(in, line)) {
    if (line.rfind("Test ", 0) == 0) current = line.substr(5, line.find(' ', 5) - 5);
    if (line.rfind("Time ", 0) == 0 || current.empty()) continue;
    blocks[current] += line + "\n";
  }
  return blocks;
}

int count() {
  const char* env = std::getenv("MCM_DIFF_COUNT");
  return env ? std::atoi(env) : 300;
}

TEST(ModelAgreement, EmbeddedLkmmAgreesWithTheKernelFilesOnGeneratedTests) {
  const fs::path dir = fs::temp_directory_path() / ("mcm-difftest-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  mcm::testing::CycleGenerator gen(2026);
  const int total = count();
  int compared = 0, errors = 0;
  for (int start = 0; start < total; start += 200) {
    std::string files;
    std::vector<std::string> names;
    for (int i = start; i < std::min(total, start + 200); ++i) {
      names.push_back("gen" + std::to_string(i));
      const fs::path f = dir / (names.back() + ".litmus");
      std::ofstream(f) << gen.test(names.back());
      files += " " + f.string();
    }
    const std::string mcm = MCM_BINARY;
    const auto embedded = blocksByTest(capture(mcm + " run" + files + " 2>/dev/null"));
    const auto kernel = blocksByTest(capture(mcm + " run -conf linux-kernel.cfg -I " + kShared + "/models/lkmm" + files + " 2>/dev/null"));
    for (const auto& name : names) {
      const auto e = embedded.find(name), k = kernel.find(name);
      if (e == embedded.end() || k == kernel.end()) {
        ++errors;
        ADD_FAILURE() << name << ": no result (an error?) in " << (e == embedded.end() ? "embedded" : "kernel") << " run; "
                      << "test kept in " << dir;
        continue;
      }
      ++compared;
      EXPECT_EQ(e->second, k->second) << name << " (test kept in " << dir << ")";
    }
  }
  std::cout << "compared " << compared << " generated tests, " << errors << " without a result\n";
  if (!HasFailure()) fs::remove_all(dir);
}

}  // namespace
