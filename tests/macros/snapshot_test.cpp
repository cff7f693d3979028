// Macro-table snapshots (macros::saveMacros / restoreMacros): the embedded .def mcm restores
// at start is what its text parses to; damaged bytes are refused. (builtin_def_test.cpp
// checks the restored table against the kernel's own .def, expansion by expansion.)
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "macros/macros.hpp"
#include "models/models.hpp"

namespace {

TEST(MacroSnapshot, TheEmbeddedDefIsRestoredAsItsTextParses) {
  const auto& lkmm = mcm::models::defaultModel();
  const auto restored = lkmm.macros();  // from the snapshot taken when mcm was built
  const auto parsed = lkmm.loadDef();
  EXPECT_EQ(restored->statements().size(), parsed.statements().size());
  EXPECT_EQ(restored->expressions().size(), parsed.expressions().size());
  EXPECT_GT(parsed.statements().size() + parsed.expressions().size(), 50u);
  EXPECT_EQ(mcm::macros::saveMacros(*restored), mcm::macros::saveMacros(parsed));
}

TEST(MacroSnapshot, DamagedBytesAreRefused) {
  const auto table = mcm::macros::parseDefText("f(X) { __fence{mb}; }\ng(X) __load{once}(X)\n", "small.def");
  const std::string bytes = mcm::macros::saveMacros(table);
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_THROW(mcm::macros::restoreMacros(std::string_view(bytes).substr(0, n), "cut"), std::runtime_error) << n;
  const std::string longer = bytes + '\0';
  EXPECT_THROW(mcm::macros::restoreMacros(longer, "long"), std::runtime_error);
  const auto back = mcm::macros::restoreMacros(bytes, "whole");
  ASSERT_NE(back.findStatement("f"), nullptr);
  ASSERT_NE(back.findExpression("g"), nullptr);
  EXPECT_EQ(mcm::macros::saveMacros(back), bytes);
}

// Definitions are read when first looked up: a damaged one is refused then, by name, and
// the others still read.
TEST(MacroSnapshot, ADamagedDefinitionIsRefusedWhenLookedUp) {
  const auto table = mcm::macros::parseDefText("f(X) { __fence{mb}; }\ng(X) __load{once}(X)\n", "small.def");
  std::string bytes = mcm::macros::saveMacros(table);
  const auto intact = mcm::macros::restoreMacros(bytes, "intact");
  ASSERT_NE(intact.findStatement("f"), nullptr);
  int refused = 0;
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x40);
    try {
      const auto back = mcm::macros::restoreMacros(damaged, "damaged");
      back.findStatement("f");
      back.findExpression("g");
      (void)back.statements();
    } catch (const std::exception&) {  // unreadable bytes, or a name defined twice
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
}

// Threads looking the same macros up at once get the same definitions.
TEST(MacroSnapshot, ConcurrentLookupsAgree) {
  const std::string bytes = mcm::macros::saveMacros(mcm::models::defaultModel().loadDef());  // outlives the table
  const auto restored = mcm::macros::restoreMacros(bytes, "def");
  std::vector<const mcm::macros::Macro*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] { seen[t] = restored.findExpression("READ_ONCE"); });
  for (auto& th : threads) th.join();
  ASSERT_NE(seen[0], nullptr);
  for (const auto* m : seen) EXPECT_EQ(m, seen[0]);
  EXPECT_EQ(seen[0]->name, "READ_ONCE");
}

}  // namespace
