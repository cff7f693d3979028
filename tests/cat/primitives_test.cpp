// linearisations() against an independent route: every permutation of the set's events,
// in lexicographic order (std::next_permutation), kept when it puts each ordered pair first;
// the primitive must give exactly those total orders, in that order (the order `with`
// branches are taken in). Random orders over sets of up to 6 events, a fixed seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "cat/primitives.hpp"
#include "orders_by_permutations.hpp"

namespace mcm::cat {
namespace {

using mcm::testing::ordersByPermutations;

TEST(Primitives, LinearisationsAreThePermutationsThatFitTheOrder) {
  std::mt19937 rng(8);
  for (int round = 0; round < 500; ++round) {
    const std::size_t n = 2 + rng() % 9;  // events 0..n-1
    rel::EventSet s(n);
    for (std::size_t e = 0; e < n; ++e)
      if (s.elements().size() < 6 && rng() % 2) s.insert(e);
    rel::Relation order(n);
    const unsigned density = 1 + rng() % 6;  // sparse to dense; pairs outside s too
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b)
        if (a != b && rng() % (density * 3) == 0) order.insert(a, b);
    if (rng() % 20 == 0 && !s.empty()) order.insert(s.elements().front(), s.elements().front());  // reflexive: none
    const auto expected = ordersByPermutations(s, order);
    const auto got = linearisations(s, order);
    ASSERT_EQ(got.size(), expected.size()) << "round " << round;
    for (std::size_t k = 0; k < got.size(); ++k) EXPECT_TRUE(got[k] == expected[k]) << "round " << round << " order " << k;
  }
}

// orderOn against the whole-universe closure of the restriction and the list of orders:
// nullopt exactly when there is none, `total` exactly when there is one.
TEST(Primitives, OrderOnIsTheClosureWithinTheSet) {
  std::mt19937 rng(9);
  for (int round = 0; round < 500; ++round) {
    const std::size_t n = 2 + rng() % 9;
    rel::EventSet s(n);
    for (std::size_t e = 0; e < n; ++e)
      if (rng() % 2) s.insert(e);
    rel::Relation order(n);
    const unsigned density = 1 + rng() % 6;
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b)
        if (a != b && rng() % (density * 2) == 0) order.insert(a, b);
    const rel::Relation closed = order.restrict(s, s).transitiveClosure();
    const auto orders = ordersByPermutations(s, order);
    const auto got = orderOn(s, order);
    ASSERT_EQ(got.has_value(), !orders.empty()) << "round " << round;
    if (!got) continue;
    EXPECT_TRUE(got->order == closed) << "round " << round;
    EXPECT_EQ(got->total, orders.size() == 1) << "round " << round;
  }
}

}  // namespace
}  // namespace mcm::cat
