// herd7's Hash of every test in the oracle outputs: mcm parses the test and must
// print the Hash herd7 7.58 printed (seed, seed-scenarios, kernel and paulmck corpora).
#include <gtest/gtest.h>

#include "litmus/parser.hpp"
#include "report/herd_hash.hpp"
#include "report/oracle_blocks.hpp"

namespace mcm::report {
namespace {

void checkHashes(const std::string& corpus, const std::string& oracle, int expectedWithHash) {
  const std::string root = MCM_SHARED_DIR "/litmus/" + corpus + "/";
  auto blocks = mcm::testing::readOracleBlocks(MCM_SHARED_DIR "/oracle/" + oracle);
  int same = 0, different = 0, errors = 0, withHash = 0;
  for (const auto& [path, lines] : blocks) {
    const std::string expected = mcm::testing::oracleHash(lines);
    if (expected.empty()) continue;  // herd7 could not run it
    ++withHash;
    try {
      std::string actual = herdHash(litmus::parseLitmusFile(root + path));
      if (actual == expected) {
        ++same;
      } else {
        ++different;
        ADD_FAILURE() << path << ": Hash=" << actual << ", herd7 Hash=" << expected;
      }
    } catch (const std::exception& e) {
      ++errors;
      ADD_FAILURE() << path << ": " << e.what();
    }
  }
  std::cout << corpus << ": " << withHash << " tests with a Hash: " << same << " identical, " << different
            << " different, " << errors << " errors\n";
  EXPECT_EQ(withHash, expectedWithHash) << "the oracle file changed";
}

// Expected counts: `grep -c '^Hash=' /work/shared/oracle/<file>.out`.
TEST(HerdHashOracle, Seed) { checkHashes("seed", "herd7-seed.out", 28); }
TEST(HerdHashOracle, SeedScenarios) { checkHashes("seed-scenarios", "herd7-seed-scenarios.out", 14); }
TEST(HerdHashOracle, Kernel) { checkHashes("kernel", "herd7-kernel.out", 53); }
TEST(HerdHashOracle, Paulmck) { checkHashes("paulmck", "herd7-paulmck-dev.out", 2620); }

}  // namespace
}  // namespace mcm::report
