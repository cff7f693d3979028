#include "cat/primitives.hpp"

namespace mcm::cat {

namespace {

// Picks, in ascending order, each remaining event with no remaining predecessor;
// its row in `out` is everything still remaining after it.
void extend(const std::vector<rel::EventSet>& preds, rel::EventSet& remaining, rel::Relation& out,
            std::vector<rel::Relation>& results) {
  if (remaining.empty()) {
    results.push_back(out);
    return;
  }
  for (std::size_t x : remaining.elements()) {
    rel::EventSet p = preds[x];
    p &= remaining;
    if (!p.empty()) continue;
    remaining.erase(x);
    std::copy(remaining.words(), remaining.words() + remaining.wordCount(), out.row(x));
    extend(preds, remaining, out, results);
    remaining.insert(x);
  }
}

}  // namespace

std::vector<rel::Relation> linearisations(const rel::EventSet& s, const rel::Relation& order) {
  const std::size_t n = s.universe();
  std::vector<rel::EventSet> preds(n, rel::EventSet(n));
  rel::Relation within = order.restrict(s, s);
  within.forEach([&](std::size_t a, std::size_t b) { preds[b].insert(a); });
  std::vector<rel::Relation> results;
  rel::EventSet remaining = s;
  rel::Relation out(n);
  extend(preds, remaining, out, results);
  return results;
}

std::vector<rel::EventSet> classesOf(const rel::EventSet& s, const rel::Relation& loc) {
  std::vector<rel::EventSet> out;
  rel::EventSet left = s;
  while (!left.empty()) {
    std::size_t e = left.elements().front();
    rel::EventSet cls = loc.successors(e);
    cls &= left;
    cls.insert(e);
    left -= cls;
    out.push_back(std::move(cls));
  }
  return out;
}

}  // namespace mcm::cat
