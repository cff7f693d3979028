// Relation algebra on small hand-built structures; expected values derived by hand.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <vector>

#include "relation_builders.hpp"
#include "relations/relation.hpp"

namespace {

using mcm::rel::EventSet;
using mcm::rel::Relation;

using mcm::testing::relOf;
using mcm::testing::setOf;

// Two threads: P0 = e0 -> e1, P1 = e2 -> e3 (po), plus rf e1 -> e2.
Relation po4() { return relOf(4, {{0, 1}, {2, 3}}); }
Relation rf4() { return relOf(4, {{1, 2}}); }

TEST(EventSet, BasicOperations) {
  EventSet a = setOf(70, {0, 5, 64, 69});
  EventSet b = setOf(70, {5, 6, 69});
  EXPECT_EQ((a | b), setOf(70, {0, 5, 6, 64, 69}));
  EXPECT_EQ((a & b), setOf(70, {5, 69}));
  EXPECT_EQ((a - b), setOf(70, {0, 64}));
  EXPECT_EQ(a.count(), 4u);
  EXPECT_EQ(a.complement().count(), 66u);  // 70 - 4, no stray bits beyond 70
  EXPECT_TRUE(EventSet(70).empty());
  EXPECT_EQ(EventSet::all(70).count(), 70u);
  EXPECT_EQ(a.elements(), (std::vector<std::size_t>{0, 5, 64, 69}));
}

TEST(EventSet, LargeUniverseUsesHeap) {
  EventSet a = setOf(300, {1, 299});
  EventSet b = a;  // copy of a heap-backed set
  b.insert(150);
  EXPECT_EQ(a.count(), 2u);
  EXPECT_EQ(b.count(), 3u);
  EXPECT_EQ(EventSet::all(300).complement().count(), 0u);
}

// Relations over more than 16 events live in heap blocks that are reused once freed: copies,
// moves and assignments between sizes keep every relation's own pairs, checked against a plain
// set of pairs kept beside each.
TEST(Relation, HeapBlocksReusedKeepTheirOwnPairs) {
  using Pairs = std::set<std::pair<std::size_t, std::size_t>>;
  auto pairsOf = [](const Relation& r) {
    Pairs out;
    r.forEach([&](std::size_t a, std::size_t b) { out.insert({a, b}); });
    return out;
  };
  std::vector<std::pair<Relation, Pairs>> kept;
  unsigned seed = 7;
  auto next = [&] { return (seed = seed * 1103515245u + 12345u) >> 16; };
  for (int round = 0; round < 400; ++round) {
    const std::size_t n = (round % 3 == 0) ? 10 : (round % 3 == 1) ? 40 : 130;  // inline, one word, three words
    Relation r(n);
    Pairs want;
    for (int k = 0; k < 5; ++k) {
      const std::size_t a = next() % n, b = next() % n;
      r.insert(a, b);
      want.insert({a, b});
    }
    switch (next() % 4) {
      case 0: kept.emplace_back(r, want); break;                   // copy
      case 1: kept.emplace_back(std::move(r), want); break;        // move
      case 2:
        if (!kept.empty()) kept[next() % kept.size()] = {r, want};  // assignment, maybe across sizes
        break;
      default:
        if (!kept.empty()) kept.erase(kept.begin() + static_cast<long>(next() % kept.size()));  // frees a block
    }
  }
  ASSERT_GT(kept.size(), 20u);
  for (const auto& [r, want] : kept) EXPECT_EQ(pairsOf(r), want);
}

TEST(Relation, UnionIntersectionDifferenceComplement) {
  Relation po = po4(), rf = rf4();
  EXPECT_EQ(po | rf, relOf(4, {{0, 1}, {1, 2}, {2, 3}}));
  EXPECT_TRUE((po & rf).empty());
  EXPECT_EQ((po | rf) - rf, po);
  EXPECT_EQ(po.complement().count(), 14u);  // 16 pairs minus 2
  EXPECT_FALSE(po.complement().contains(0, 1));
}

TEST(Relation, CompositionOfPoWithRf) {
  // po;rf: 0-po->1-rf->2 gives (0,2); rf;po: 1-rf->2-po->3 gives (1,3).
  EXPECT_EQ(po4().compose(rf4()), relOf(4, {{0, 2}}));
  EXPECT_EQ(rf4().compose(po4()), relOf(4, {{1, 3}}));
}

TEST(Relation, ClosuresOfPoUnionRf) {
  // po|rf is the chain 0->1->2->3; its closure has all 6 forward pairs.
  Relation chain = po4() | rf4();
  EXPECT_EQ(chain.transitiveClosure(), relOf(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}));
  Relation star = chain.reflexiveTransitiveClosure();
  EXPECT_EQ(star.count(), 10u);  // 6 + 4 identity pairs
  EXPECT_TRUE(star.contains(3, 3));
  EXPECT_EQ(chain.reflexive().count(), 7u);
}

TEST(Relation, ClosureAcrossWordBoundary) {
  // A chain 0->1->...->129 spans three words per row: closure has 130*129/2 pairs.
  Relation r(130);
  for (std::size_t i = 0; i + 1 < 130; ++i) r.insert(i, i + 1);
  Relation t = r.transitiveClosure();
  EXPECT_EQ(t.count(), 130u * 129u / 2u);
  EXPECT_TRUE(t.contains(0, 129));
  EXPECT_FALSE(t.contains(129, 0));
  EXPECT_TRUE(r.acyclic());
  r.insert(129, 0);
  EXPECT_FALSE(r.acyclic());
  EXPECT_FALSE(r.transitiveClosure().irreflexive());
}

// Closure, acyclicity and composition on random relations of 1 to 4 and more row words
// (each size has its own code path), against a plain boolean matrix: Floyd-Warshall for the
// closure, and a cycle exactly when the closure meets the diagonal.
TEST(Relation, RandomRelationsAgreeWithABooleanMatrix) {
  std::mt19937 rng(20261130);
  int seen[2] = {0, 0};  // acyclic, cyclic
  for (std::size_t n : {1u, 5u, 63u, 64u, 65u, 100u, 128u, 129u, 190u, 256u, 300u}) {
    for (int trial = 0; trial < 12; ++trial) {
      const double density = std::uniform_real_distribution<double>(0.0, 3.0 / static_cast<double>(n))(rng);
      using Matrix = std::vector<std::vector<bool>>;
      Matrix a(n, std::vector<bool>(n)), b(n, std::vector<bool>(n));
      Relation ra(n), rb(n);
      std::bernoulli_distribution edge(std::min(1.0, density)), pick(0.5);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
          if (edge(rng) && (trial % 3 != 0 || i < j)) a[i][j] = true, ra.insert(i, j);  // every third: acyclic
          if (edge(rng)) b[i][j] = true, rb.insert(i, j);
        }
      Matrix closure = a;
      for (std::size_t k = 0; k < n; ++k)
        for (std::size_t i = 0; i < n; ++i) {
          if (!closure[i][k]) continue;
          for (std::size_t j = 0; j < n; ++j) closure[i][j] = closure[i][j] || closure[k][j];
        }
      bool cyclic = false;
      for (std::size_t i = 0; i < n; ++i) cyclic = cyclic || closure[i][i];
      const Relation t = ra.transitiveClosure(), c = ra.compose(rb);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
          bool composed = false;
          for (std::size_t k = 0; k < n && !composed; ++k) composed = a[i][k] && b[k][j];
          ASSERT_EQ(t.contains(i, j), closure[i][j]) << "closure, n=" << n << " trial " << trial << " " << i << "," << j;
          ASSERT_EQ(c.contains(i, j), composed) << "compose, n=" << n << " trial " << trial << " " << i << "," << j;
        }
      EXPECT_EQ(ra.acyclic(), !cyclic) << "n=" << n << " trial " << trial;
      ++seen[cyclic ? 1 : 0];
    }
  }
  EXPECT_GT(seen[0], 20);  // both answers are exercised
  EXPECT_GT(seen[1], 20);
  // No events at all (a model's definitions run on such a structure too).
  EXPECT_TRUE(Relation(0).acyclic());
  EXPECT_EQ(Relation(0).transitiveClosure(), Relation(0));
  EXPECT_EQ(Relation(0).reflexiveTransitiveClosure(), Relation(0));
}

TEST(Relation, InverseDomainRange) {
  Relation rf = rf4();
  EXPECT_EQ(rf.inverse(), relOf(4, {{2, 1}}));
  EXPECT_EQ(po4().domain(), setOf(4, {0, 2}));
  EXPECT_EQ(po4().range(), setOf(4, {1, 3}));
  EXPECT_EQ(po4().successors(0), setOf(4, {1}));
  EXPECT_EQ(po4().predecessors(3), setOf(4, {2}));
}

TEST(Relation, RestrictionIdentityProduct) {
  Relation chain = po4() | rf4();
  // [{0,1}] ; chain ; [{1,2}] keeps (0,1) and (1,2).
  EXPECT_EQ(chain.restrict(setOf(4, {0, 1}), setOf(4, {1, 2})), relOf(4, {{0, 1}, {1, 2}}));
  EXPECT_EQ(Relation::identity(4).count(), 4u);
  EXPECT_EQ(Relation::identityOn(setOf(4, {1, 3})), relOf(4, {{1, 1}, {3, 3}}));
  EXPECT_EQ(Relation::product(setOf(4, {0, 1}), setOf(4, {3})), relOf(4, {{0, 3}, {1, 3}}));
}

TEST(Relation, AcyclicIrreflexive) {
  Relation chain = po4() | rf4();
  EXPECT_TRUE(chain.acyclic());
  EXPECT_TRUE(chain.irreflexive());
  Relation cyc = chain | relOf(4, {{3, 0}});
  EXPECT_FALSE(cyc.acyclic());
  EXPECT_TRUE(cyc.irreflexive());
  EXPECT_FALSE(relOf(4, {{2, 2}}).irreflexive());
  EXPECT_FALSE(relOf(4, {{2, 2}}).acyclic());
}

TEST(Relation, ForEachRowMajor) {
  std::vector<std::pair<std::size_t, std::size_t>> seen;
  (po4() | rf4()).forEach([&](std::size_t a, std::size_t b) { seen.emplace_back(a, b); });
  EXPECT_EQ(seen, (std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {1, 2}, {2, 3}}));
}

}  // namespace
