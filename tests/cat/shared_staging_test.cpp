// Staging shared between models: an evaluator takes the statements its model has in common
// with another's (the same included files) from an evaluator of that model, and judges
// exactly as one that evaluated them itself.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cat/model.hpp"
#include "cat/shared_prefix.hpp"
#include "models/models.hpp"
#include "random_structure.hpp"

namespace {

using mcm::cat::Evaluator;
using mcm::cat::Model;
using mcm::cat::test::randomStructure;
using mcm::cat::test::verdicts;

std::shared_ptr<const Model> embedded(const char* name) { return mcm::models::findEmbeddedModel(name)->model(); }

std::shared_ptr<const Model> kernelFiles() {
  const std::string dir = std::string(MCM_SHARED_DIR) + "/models/lkmm/";
  return mcm::cat::loadModel(dir + "linux-kernel.cat", {}, dir + "linux-kernel.bell");
}

// sc.cat and tso.cat are the kernel model (lkmm.bell, lkmm.cat and what it includes) plus a
// check of their own.
TEST(SharedPrefix, TheKernelModelIsSharedWhole) {
  const auto lkmm = embedded("lkmm"), sc = embedded("sc"), tso = embedded("tso");
  const std::size_t all = lkmm->stmts.size();
  EXPECT_EQ(mcm::cat::sharedPrefix(lkmm, *tso), all);
  EXPECT_EQ(mcm::cat::sharedPrefix(sc, *tso), all);
  EXPECT_EQ(mcm::cat::sharedPrefix(tso, *lkmm), all);
  EXPECT_GT(tso->stmts.size(), all);
  // The kernel's own files are other texts: only our standard library comes first in both.
  const std::size_t kernel = mcm::cat::sharedPrefix(kernelFiles(), *lkmm);
  EXPECT_GT(kernel, 0u);
  EXPECT_LT(kernel, all / 2);
}

TEST(SharedStaging, VerdictsAreThoseOfAnEvaluatorThatStagedEverything) {
  const std::vector<std::pair<std::shared_ptr<const Model>, std::shared_ptr<const Model>>> pairs = {
      {embedded("lkmm"), embedded("tso")},
      {embedded("sc"), embedded("tso")},
      {embedded("tso"), embedded("lkmm")},
      {kernelFiles(), embedded("lkmm")},
  };
  std::mt19937 rng(20261130);
  std::size_t allowed = 0, failed = 0;
  for (int i = 0; i < 300; ++i) {
    const auto st = randomStructure(rng);
    for (const auto& [first, second] : pairs) {
      const Evaluator staged(first, st.program);
      const auto want = verdicts(second, st);
      ASSERT_EQ(verdicts(second, st, &staged), want) << "structure " << i;
      for (const auto& v : want) (v.rfind("allowed", 0) == 0 ? allowed : failed) += 1;
    }
  }
  EXPECT_GT(allowed, 100u);
  EXPECT_GT(failed, 100u);
}

// The same once the evaluators have judged enough candidates to prune their definitions and
// keep the operands every candidate shares: a function the second model takes from the first
// one's staging runs the first model's syntax, which must not meet what the second kept for
// its own.
TEST(SharedStaging, VerdictsHoldOnceDefinitionsArePruned) {
  const std::vector<std::pair<std::shared_ptr<const Model>, std::shared_ptr<const Model>>> pairs = {
      {embedded("lkmm"), embedded("tso")}, {kernelFiles(), embedded("lkmm")}};
  std::mt19937 rng(20261130);
  for (int i = 0; i < 300; ++i) {
    const auto st = randomStructure(rng);
    const int rounds = 33 / static_cast<int>(std::max<std::size_t>(st.candidates.size(), 1)) + 1;  // > 32 runs
    for (const auto& [first, second] : pairs) {
      const Evaluator staged(first, st.program);
      const auto want = verdicts(second, st);
      ASSERT_EQ(verdicts(second, st, &staged, rounds), want) << "structure " << i;
    }
  }
}

// The first model binds `a` again after the shared file: the second must still see the
// shared file's `a`.
TEST(SharedStaging, ANameTheFirstModelBindsAgainIsNotTaken) {
  const auto dir = std::filesystem::temp_directory_path() / ("mcm-shared-staging-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto write = [&](const char* name, const char* text) { std::ofstream(dir / name) << text; };
  write("common.cat", "let a = po\n");
  write("first.cat", "\"first\"\ninclude \"common.cat\"\nlet a = po^-1\nacyclic a | rf as first\n");
  write("second.cat", "\"second\"\ninclude \"common.cat\"\nacyclic a | rf as second\n");
  const auto first = mcm::cat::loadModel((dir / "first.cat").string(), {});
  const auto second = mcm::cat::loadModel((dir / "second.cat").string(), {});
  std::mt19937 rng(7);
  std::size_t differ = 0;
  for (int i = 0; i < 100; ++i) {
    const auto st = randomStructure(rng);
    const Evaluator staged(first, st.program);
    const auto want = verdicts(second, st);
    ASSERT_EQ(verdicts(second, st, &staged), want) << "structure " << i;
    differ += verdicts(first, st) != want;
  }
  EXPECT_GT(differ, 0u);  // the two `a`s judge differently: taking the wrong one would show
  std::filesystem::remove_all(dir);
}

}  // namespace
