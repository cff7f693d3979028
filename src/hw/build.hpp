#pragma once
// Compiling a generated program with the system compiler, cached by content: the
// executable lives in CACHE/<sha256 of compiler, flags, harness and source>/test, with its
// own digest in test.sha256 (checked before every run).
#include <filesystem>
#include <stdexcept>
#include <string>

#include "hw/program.hpp"

namespace mcm::hw {

// The machine or its tools cannot run a test (compiler missing or failing, kernel
// feature missing, a run that crashed). Not the test's fault: no file position.
class HwError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The test program stopped because a thread made no progress: a lock never released, a
// loop that never exits, or a test that deadlocks by design (herd7: no execution).
class HwStuck : public HwError {
 public:
  using HwError::HwError;
};

struct BuildOptions {
  std::filesystem::path cacheDir;        // see defaultCacheDir()
  std::string compiler = "g++";          // looked up in PATH
  // When set, NAME.cpp (NAME: the test's name made a safe file name), the harness
  // mcm-hw-harness.cc and the primitives mcm-hw-prims.hpp are also written there
  // (build: g++ -std=c++20 -O2 -pthread NAME.cpp mcm-hw-harness.cc [-lurcu-memb]).
  std::filesystem::path keepSourceDir;
};
// Its extension differs from the tests' (.cpp), so no test name can collide with it.
inline constexpr const char* kKeptHarnessFile = "mcm-hw-harness.cc";

// $XDG_CACHE_HOME/mcm/hw, else $HOME/.cache/mcm/hw, else /tmp/mcm-hw-cache-UID. Created
// private to the user; a root others can write into is refused.
std::filesystem::path defaultCacheDir();

// Flags every generated source is compiled with: warnings are errors, so a generator
// bug cannot silently produce a wrong program. A test's own condition may be constant on
// purpose (`if (r1 | 1)` in LB-ctls-diffvals-det: a control dependency a compiler can
// remove), so that warning is not one.
inline constexpr const char* kCompileFlags[] = {"-std=c++20", "-O2",      "-Wall", "-Wextra", "-Werror",
                                                "-Wno-tautological-compare", "-pthread"};

// Returns the path of the executable; throws HwError.
std::filesystem::path buildProgram(const Program& program, const std::string& testName, const BuildOptions& options);

}  // namespace mcm::hw
