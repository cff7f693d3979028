// Damaged models never crash or hang the loader: each one either loads or is a
// positioned diagnostic. Mutations of the kernel's own files, fixed seed.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "cat/model.hpp"

namespace {

std::string readShared(const std::string& rel) {
  std::ifstream in(std::string(MCM_SHARED_DIR) + "/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CatRobustness, MutatedKernelModelsLoadOrFailWithAPosition) {
  // The bell and the cat (without its title line) concatenated: the cat uses
  // names the bell defines.
  std::string cat = readShared("models/lkmm/linux-kernel.cat");
  const std::string title = "\"Linux-kernel memory consistency model\"";
  ASSERT_NE(cat.find(title), std::string::npos);
  cat.erase(cat.find(title), title.size());
  const std::string original = readShared("models/lkmm/linux-kernel.bell") + "\n" + cat;
  EXPECT_NO_THROW(mcm::cat::loadModelText(original, "original.cat", {std::string(MCM_SHARED_DIR) + "/models/lkmm"}));
  ASSERT_GT(original.size(), 1000u);
  const std::string alphabet = "()[]{}|&\\;*+?~^-1,='\"_ \nabcRWletrecandinwith";
  std::mt19937 rng(7);
  int loaded = 0, rejected = 0;
  for (int i = 0; i < 300; ++i) {
    std::string text = original;
    for (int m = 0; m < 1 + static_cast<int>(rng() % 4); ++m) {
      std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.erase(at, 1 + rng() % 8); break;
        case 1: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        default: text[at] = alphabet[rng() % alphabet.size()]; break;
      }
    }
    try {
      mcm::cat::loadModelText(text, "mutated.cat", {std::string(MCM_SHARED_DIR) + "/models/lkmm"});
      ++loaded;
    } catch (const mcm::Diagnostic& d) {
      ++rejected;
      EXPECT_EQ(d.file().empty(), false) << d.what();
    }
  }
  // Both outcomes occur: a comment or blank hit still loads, most damage does not.
  EXPECT_GT(loaded, 0);
  EXPECT_GT(rejected, 0);
}

}  // namespace
