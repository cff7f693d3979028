// searchChoices against an independent route: every union of one relation per factor,
// the linear orders listed by permutations (primitives_test.cpp checks linearisations()
// that way; here the eager list is built from std::next_permutation again). The pruning
// predicate is a monotone one (the bound holds a chosen "bad" edge): the leaves must be
// exactly the unions without it, each once, and the dropped counts must add up to the
// rest. Random factors, a fixed seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "cat/choice_search.hpp"
#include "orders_by_permutations.hpp"

namespace mcm::cat {
namespace {

using mcm::testing::ordersByPermutations;

struct Case {
  std::size_t n;
  std::vector<rel::EventSet> events;   // per lazy factor
  std::vector<rel::Relation> orders;   // transitively closed, acyclic
  std::vector<SearchFactor> factors;
  std::vector<std::vector<rel::Relation>> listed;  // every factor's relations, eagerly
};

Case randomCase(std::mt19937& rng) {
  Case c;
  c.n = 4 + rng() % 7;
  const std::size_t nFactors = 1 + rng() % 3;
  c.events.reserve(nFactors);
  c.orders.reserve(nFactors);
  std::vector<std::size_t> pool(c.n);
  for (std::size_t e = 0; e < c.n; ++e) pool[e] = e;
  std::shuffle(pool.begin(), pool.end(), rng);
  std::size_t next = 0;
  for (std::size_t f = 0; f < nFactors && next < c.n; ++f) {
    rel::EventSet s(c.n);
    const std::size_t size = 1 + rng() % 5;
    for (std::size_t k = 0; k < size && next < c.n; ++k) s.insert(pool[next++]);
    if (rng() % 3 == 0) {  // listed: two to four random relations over the events
      SearchFactor sf;
      for (std::size_t k = 0, m = 2 + rng() % 3; k < m; ++k) {
        rel::Relation r(c.n);
        for (std::size_t a : s.elements())
          for (std::size_t b : s.elements())
            if (a != b && rng() % 2) r.insert(a, b);
        sf.items.push_back(r);
      }
      c.listed.push_back(sf.items);
      c.factors.push_back(std::move(sf));
      continue;
    }
    // A random order: edges from lower to higher positions of a random permutation.
    std::vector<std::size_t> el = s.elements();
    std::shuffle(el.begin(), el.end(), rng);
    rel::Relation order(c.n);
    for (std::size_t i = 0; i < el.size(); ++i)
      for (std::size_t j = i + 1; j < el.size(); ++j)
        if (rng() % 3 == 0) order.insert(el[i], el[j]);
    c.events.push_back(s);
    c.orders.push_back(order.transitiveClosure());
    c.listed.push_back(ordersByPermutations(s, c.orders.back()));
    SearchFactor sf;
    sf.events = &c.events.back();
    sf.order = &c.orders.back();
    c.factors.push_back(std::move(sf));
  }
  return c;
}

std::vector<rel::Relation> allUnions(const Case& c) {
  std::vector<rel::Relation> out{rel::Relation(c.n)};
  for (const auto& items : c.listed) {
    std::vector<rel::Relation> next;
    for (const auto& u : out)
      for (const auto& r : items) next.push_back(u | r);
    out = std::move(next);
  }
  return out;
}

// A search pruned by "the bound holds the edge a -> b": the leaves without the edge (with
// multiplicity), how many leaves in all and how many branches were dropped.
struct Pruned {
  std::map<rel::Relation, int> kept;
  std::uint64_t leaves = 0, dropped = 0;
};

Pruned searchWithoutEdge(const Case& c, std::size_t a, std::size_t b, PruneHistory* history = nullptr) {
  Pruned p;
  searchChoices(
      c.factors, c.n, 2, [&](const rel::Relation& bound) { return bound.contains(a, b); },
      [&](std::uint64_t k) { p.dropped += k; },
      [&](const rel::Relation& r) {
        ++p.leaves;
        if (!r.contains(a, b)) ++p.kept[r];
      },
      nullptr, history);
  return p;
}

TEST(ChoiceSearch, PrunedSearchKeepsExactlyTheChoicesWithoutTheBadEdge) {
  std::mt19937 rng(29);
  int prunedSomewhere = 0;
  for (int round = 0; round < 400; ++round) {
    const Case c = randomCase(rng);
    const std::size_t a = rng() % c.n, b = rng() % c.n;
    std::map<rel::Relation, int> expected;  // unions without the edge a -> b, with multiplicity
    const auto unions = allUnions(c);
    for (const auto& u : unions)
      if (!u.contains(a, b)) ++expected[u];
    const Pruned p = searchWithoutEdge(c, a, b);
    EXPECT_EQ(p.kept, expected) << "round " << round;
    EXPECT_EQ(p.leaves + p.dropped, unions.size()) << "round " << round;
    prunedSomewhere += p.dropped > 0;
  }
  EXPECT_GT(prunedSomewhere, 50);  // the predicate did prune, in many rounds
}

TEST(ChoiceSearch, WithoutPruningEveryChoiceIsALeaf) {
  std::mt19937 rng(30);
  for (int round = 0; round < 200; ++round) {
    const Case c = randomCase(rng);
    std::map<rel::Relation, int> expected, got;
    for (const auto& u : allUnions(c)) ++expected[u];
    searchChoices(
        c.factors, c.n, 2, [](const rel::Relation&) { return false; }, [](std::uint64_t) { FAIL(); },
        [&](const rel::Relation& r) { ++got[r]; });
    EXPECT_EQ(got, expected) << "round " << round;
  }
}

// A history shared by repeated searches of one set changes only which failed parts are
// dropped whole: the choices reached are the same; questions that never drop anything
// stop being asked (but for the occasional retry).
TEST(ChoiceSearch, AHistoryKeepsTheChoicesAndStopsUselessQuestions) {
  std::mt19937 rng(32);
  for (int round = 0; round < 100; ++round) {
    const Case c = randomCase(rng);
    const std::size_t a = rng() % c.n, b = rng() % c.n;
    std::map<rel::Relation, int> expected;
    const auto unions = allUnions(c);
    for (const auto& u : unions)
      if (!u.contains(a, b)) ++expected[u];
    PruneHistory history;
    for (int again = 0; again < 20; ++again) {
      const Pruned p = searchWithoutEdge(c, a, b, &history);
      EXPECT_EQ(p.kept, expected) << "round " << round << ", search " << again;
      EXPECT_EQ(p.leaves + p.dropped, unions.size()) << "round " << round << ", search " << again;
    }
  }
  // The orders of six unordered events (720 branches) with a question that never drops: a
  // search without a history asks at every part of 2 branches or more, those with at most 4
  // events placed: 1 + 6 + 6*5 + 6*5*4 + 6*5*4*3 = 517 parts. 200 searches sharing a history
  // ask fewer than a sixteenth of 200 such searches.
  rel::EventSet six(6);
  for (std::size_t e = 0; e < 6; ++e) six.insert(e);
  const rel::Relation none(6);
  const std::vector<SearchFactor> factors{SearchFactor{{}, &six, &none}};
  const auto search = [&](PruneHistory* history) {
    int asked = 0, leaves = 0;
    searchChoices(
        factors, 6, 2, [&](const rel::Relation&) { return ++asked, false; }, [](std::uint64_t) { FAIL(); },
        [&](const rel::Relation&) { ++leaves; }, nullptr, history);
    EXPECT_EQ(leaves, 720);
    return asked;
  };
  EXPECT_EQ(search(nullptr), 517);
  PruneHistory history;
  int asked = 0;
  for (int again = 0; again < 200; ++again) asked += search(&history);
  EXPECT_LT(asked, 200 * 517 / 16);
}

// choice_search.hpp: with factors that are all orders of disjoint events, every bound and
// every branch is transitive (the evaluator takes such a bound's closure to be itself).
TEST(ChoiceSearch, BoundsOfOrdersAreTransitive) {
  std::mt19937 rng(31);
  int bounds = 0, rounds = 0;
  for (int round = 0; round < 400; ++round) {
    const Case c = randomCase(rng);
    if (std::any_of(c.factors.begin(), c.factors.end(), [](const SearchFactor& f) { return !f.events; })) continue;
    ++rounds;
    const auto transitive = [](const rel::Relation& r) { return r.transitiveClosure() == r; };
    searchChoices(
        c.factors, c.n, 2,
        [&](const rel::Relation& bound) {
          ++bounds;
          EXPECT_TRUE(transitive(bound)) << "round " << round;
          return false;
        },
        [](std::uint64_t) {}, [&](const rel::Relation& r) { EXPECT_TRUE(transitive(r)) << "round " << round; });
  }
  EXPECT_GT(rounds, 100);
  EXPECT_GT(bounds, 100);
}

}  // namespace
}  // namespace mcm::cat
