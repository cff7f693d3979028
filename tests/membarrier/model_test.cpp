// The embedded model's sys_membarrier(): every Result: line of the shared
// membarrier tests and paulmck's manual/memb tests, and the error for a model
// that does not define the primitive.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cat/model.hpp"
#include "exec/engine.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "membarrier/membarrier.hpp"
#include "models/models.hpp"

namespace mcm::membarrier {
namespace {

const std::string kShared = MCM_SHARED_DIR;

std::vector<std::string> testsIn(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(kShared + "/litmus/" + dir))
    if (e.path().extension() == ".litmus") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(MembarrierModel, EveryResultLineMatches) {
  exec::RunOptions run;
  run.variants = {"lkmmv2"};
  int checked = 0;
  for (const std::string dir : {"membarrier", "paulmck/manual/memb"})
    for (const auto& file : testsIn(dir)) {
      const litmus::Test test = litmus::parseLitmusFile(file);
      ASSERT_TRUE(test.result) << file;
      const auto result = exec::runTest(macros::expandMacros(test, *models::defaultModel().macros()),
                                        models::defaultModel().model(), run);
      const bool never = test.result->rfind("Never", 0) == 0;
      EXPECT_EQ(result.positive == 0, never) << file << ": Result: " << *test.result;
      ++checked;
    }
  EXPECT_EQ(checked, 13);
}

// A model that never reads the 'membarrier fence (here the kernel's own files)
// would treat the call as a no-op: mcm run refuses, naming the call.
TEST(MembarrierModel, ModelWithoutThePrimitiveIsAnError) {
  const std::string dir = kShared + "/models/lkmm";
  const std::string out = ::testing::TempDir() + "/memb-model.err";
  const std::string cmd = std::string(MCM_BINARY) + " run -model " + dir + "/linux-kernel.cat -bell " + dir +
                          "/linux-kernel.bell -I " + dir + " " + kShared +
                          "/litmus/paulmck/manual/memb/C-Goldblatt-memb-1.litmus 2> " + out;
  EXPECT_NE(std::system(cmd.c_str()), 0);
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  EXPECT_NE(line.find("C-Goldblatt-memb-1.litmus:19:2: error: smp_memb() is not defined by the model"),
            std::string::npos)
      << line;
}

}  // namespace
}  // namespace mcm::membarrier
