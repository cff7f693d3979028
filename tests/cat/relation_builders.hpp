#pragma once
// Building small event sets and relations by hand in tests, and printing them
// readably when an expectation fails.
#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <utility>

#include "relations/relation.hpp"

namespace mcm::rel {
// Readable failures: a relation prints as its pairs.
inline void PrintTo(const Relation& r, std::ostream* os) {
  *os << "{";
  r.forEach([&](std::size_t a, std::size_t b) { *os << "(" << a << "," << b << ")"; });
  *os << "}";
}
}  // namespace mcm::rel

namespace mcm::testing {

inline rel::EventSet setOf(std::size_t n, std::initializer_list<std::size_t> es) {
  rel::EventSet s(n);
  for (auto e : es) s.insert(e);
  return s;
}

inline rel::Relation relOf(std::size_t n, std::initializer_list<std::pair<std::size_t, std::size_t>> ps) {
  rel::Relation r(n);
  for (auto [a, b] : ps) r.insert(a, b);
  return r;
}

}  // namespace mcm::testing
