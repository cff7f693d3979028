// Macro-table snapshots (macros::saveMacros / restoreMacros): the embedded .def mcm restores
// at start is what its text parses to; damaged bytes are refused. (builtin_def_test.cpp
// checks the restored table against the kernel's own .def, expansion by expansion.)
#include <gtest/gtest.h>

#include <stdexcept>

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
  EXPECT_THROW(mcm::macros::restoreMacros(bytes + '\0', "long"), std::runtime_error);
  const auto back = mcm::macros::restoreMacros(bytes, "whole");
  ASSERT_NE(back.findStatement("f"), nullptr);
  ASSERT_NE(back.findExpression("g"), nullptr);
  EXPECT_EQ(mcm::macros::saveMacros(back), bytes);
}

}  // namespace
