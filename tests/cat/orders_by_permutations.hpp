#pragma once
// An independent route to linearisations() for tests: every permutation of the set's
// events, in lexicographic order (std::next_permutation), kept when it puts each ordered
// pair first, as a transitive total order.
#include <algorithm>
#include <vector>

#include "relations/relation.hpp"

namespace mcm::testing {

inline std::vector<rel::Relation> ordersByPermutations(const rel::EventSet& s, const rel::Relation& order) {
  std::vector<std::size_t> perm = s.elements();
  std::vector<rel::Relation> out;
  do {
    bool fits = true;
    for (std::size_t i = 0; i < perm.size() && fits; ++i)
      for (std::size_t j = 0; j <= i && fits; ++j) fits = !order.contains(perm[i], perm[j]);
    if (!fits) continue;
    rel::Relation r(s.universe());
    for (std::size_t i = 0; i < perm.size(); ++i)
      for (std::size_t j = i + 1; j < perm.size(); ++j) r.insert(perm[i], perm[j]);
    out.push_back(std::move(r));
  } while (std::next_permutation(perm.begin(), perm.end()));
  return out;
}

}  // namespace mcm::testing
