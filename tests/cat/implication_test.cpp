// provenIncluded: a proof from the models' text that every candidate one model allows, the other
// allows. Each proof is checked against both models' verdicts on random event structures (an
// independent route: evaluation), and models where the inclusion fails are shown to fail there
// too, so the check can catch an unsound proof.
#include <gtest/gtest.h>

#include <random>

#include "cat/model.hpp"
#include "models/models.hpp"
#include "random_structure.hpp"

namespace {

using mcm::cat::Evaluator;
using mcm::cat::Model;
using mcm::cat::Verdict;
using mcm::cat::test::randomStructure;

std::shared_ptr<const Model> embedded(const char* name) { return mcm::models::findEmbeddedModel(name)->model(); }

// Our library's coherence (a `with co from ...`) and then the text: the models below share it.
std::shared_ptr<const Model> small(const std::string& checks) {
  return mcm::cat::loadModelText("\"test\"\ninclude \"cos-opt.cat\"\n" + checks, "test.cat", {});
}

bool proven(const std::shared_ptr<const Model>& a, const std::shared_ptr<const Model>& b) {
  return mcm::cat::provenIncluded(a, b, "A", "B").has_value();
}

// Candidates of random structures that `a` allows (in some branch) and `b` forbids (in all).
// Fails the test when `a` allows too few candidates for that to say anything.
int violations(const std::shared_ptr<const Model>& a, const std::shared_ptr<const Model>& b, int structures = 300) {
  std::mt19937 rng(1130);
  int found = 0, allowed = 0;
  for (int i = 0; i < structures; ++i) {
    const auto st = randomStructure(rng);
    Evaluator ea(a, st.program), eb(b, st.program);
    for (const auto& c : st.candidates) {
      bool allowedA = false, allowedB = false;
      ea.run(c, [&](const Verdict& v) { allowedA = allowedA || v.allowed; });
      eb.run(c, [&](const Verdict& v) { allowedB = allowedB || v.allowed; });
      found += allowedA && !allowedB;
      allowed += allowedA;
    }
  }
  EXPECT_GE(allowed, structures / 10);
  return found;
}

const char* const kSc = "acyclic po | rf | co | fr as a\n";

TEST(ProvenIncluded, ChecksThatArePathsOfTheOtherModelsCheckFollowFromIt) {
  const auto a = small(kSc);
  for (const char* b : {
           "acyclic (([M] ; po ; [M]) \\ (W * R)) | rfe | co | fr as b\n",  // TSO's order
           "acyclic fencerel(F) | rfe as b\n",                                // through a library function
           "let x = po ; po? ; [W]\nirreflexive x & loc as b\n",              // through a definition
           "acyclic (po | rf)+ ; [R] as b\nacyclic co as c\n",
           "flag ~empty po as f\n",                                           // a flag forbids nothing
       }) {
    SCOPED_TRACE(b);
    const auto mb = small(b);
    EXPECT_TRUE(proven(a, mb));
    EXPECT_EQ(violations(a, mb), 0);
  }
}

TEST(ProvenIncluded, NoProofWhereTheInclusionFails) {
  const auto a = small(kSc);
  // Each of these forbids candidates `a` allows: the random structures find some.
  for (const char* b : {
           "acyclic po | rf^-1 as b\n",      // a read of a po-earlier write of its thread is a cycle
           "acyclic po | loc as b\n",        // loc is symmetric: never acyclic with two accesses
           "irreflexive po? as b\n",         // the identity is in po?
           "empty rf as b\n",
           "acyclic (po | rf | co | fr) \\ (W * W) | (rf ; rf^-1) as b\n",
       }) {
    SCOPED_TRACE(b);
    const auto mb = small(b);
    EXPECT_FALSE(proven(a, mb));
    EXPECT_GT(violations(a, mb), 0);
  }
}

TEST(ProvenIncluded, OnlyWhatTheArgumentCovers) {
  const auto a = small(kSc);
  // True, but not shown this way: a negated check, a recursive definition, a `with` after the
  // shared statements.
  EXPECT_FALSE(proven(a, small("~acyclic po^-1 as b\n")));
  EXPECT_FALSE(proven(a, small("let rec z = po | (z ; po)\nacyclic z as b\n")));
  EXPECT_FALSE(proven(small("with x from W\n" + std::string(kSc)), small("acyclic po as b\n")));
  // The first model's check must be an acyclic check of its own.
  EXPECT_FALSE(proven(small("irreflexive (po | rf | co | fr)+ as a\n"), small("acyclic po as b\n")));
  EXPECT_FALSE(proven(small("flag ~acyclic po | rf | co | fr as a\n"), small("acyclic po as b\n")));
}

TEST(ProvenIncluded, TheEmbeddedModels) {
  const auto sc = embedded("sc"), tso = embedded("tso"), lkmm = embedded("lkmm");
  EXPECT_TRUE(proven(sc, tso));
  EXPECT_TRUE(proven(tso, lkmm));
  EXPECT_TRUE(proven(sc, lkmm));
  EXPECT_TRUE(proven(lkmm, lkmm));
  EXPECT_FALSE(proven(tso, sc));
  EXPECT_FALSE(proven(lkmm, tso));
  EXPECT_FALSE(proven(lkmm, sc));
  EXPECT_EQ(violations(sc, tso, 150), 0);
  EXPECT_EQ(violations(tso, lkmm, 150), 0);
  EXPECT_GT(violations(lkmm, sc, 150), 0);  // the check can fail on these models too
}

}  // namespace
