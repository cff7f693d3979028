// Model snapshots (cat::saveModel / restoreModel): what mcm restores at start is what its
// texts load to, field for field and verdict for verdict; damaged bytes are refused.
#include <gtest/gtest.h>

#include <stdexcept>

#include "cat/model.hpp"
#include "cat/program.hpp"
#include "cat/shared_prefix.hpp"
#include "models/models.hpp"
#include "random_structure.hpp"

namespace {

using mcm::cat::test::randomStructure;
using mcm::cat::test::verdicts;

TEST(Snapshot, EveryEmbeddedModelIsRestoredAsItsTextsLoad) {
  std::mt19937 rng(20261130);
  for (const auto& m : mcm::models::embeddedModels()) {
    const auto restored = m.model();  // from the snapshot taken when mcm was built
    const auto parsed = m.loadTexts();
    ASSERT_NE(restored, parsed);
    // The build ran it once over an empty program: its first run here skips unused definitions.
    EXPECT_TRUE(restored->ranEveryLet) << m.name;
    parsed->ranEveryLet = restored->ranEveryLet.load();
    EXPECT_TRUE(mcm::cat::saveModel(*restored) == mcm::cat::saveModel(*parsed)) << m.name;
    // Field by field, by the comparison shared staging relies on (not the snapshot's own code).
    EXPECT_EQ(mcm::cat::sharedPrefix(parsed, *restored), parsed->stmts.size()) << m.name;
    EXPECT_EQ(mcm::cat::modelTitle(*restored), mcm::cat::modelTitle(*parsed));
    for (int i = 0; i < 100; ++i) {
      const auto st = randomStructure(rng);
      ASSERT_EQ(verdicts(restored, st), verdicts(parsed, st)) << m.name << ", structure " << i;
    }
  }
}

TEST(Snapshot, ARoundTripKeepsEveryByte) {
  const auto parsed = mcm::models::findEmbeddedModel("tso")->loadTexts();
  const std::string bytes = mcm::cat::saveModel(*parsed);
  EXPECT_EQ(mcm::cat::saveModel(*mcm::cat::restoreModel(bytes)), bytes);
}

// Cut anywhere, or with a byte too many, a snapshot is refused with an error, never misread.
TEST(Snapshot, DamagedBytesAreRefused) {
  const auto model = mcm::cat::loadModelText("let a = po ; rf\nacyclic a as c\n", "small.cat", {});
  const std::string bytes = mcm::cat::saveModel(*model);
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_THROW(mcm::cat::restoreModel(std::string_view(bytes).substr(0, n)), std::runtime_error) << n;
  EXPECT_THROW(mcm::cat::restoreModel(bytes + '\0'), std::runtime_error);
  EXPECT_NO_THROW(mcm::cat::restoreModel(bytes));
}

}  // namespace
