#include "cat/primitives.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>

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

// The same over at most 64 events, numbered by position in `elems`: predecessors and the
// remaining events are bit masks (this runs per location per candidate).
void extendSmall(const std::vector<std::size_t>& elems, const std::vector<std::uint64_t>& preds, std::uint64_t remaining,
                 rel::Relation& out, std::vector<rel::Relation>& results) {
  if (remaining == 0) {
    results.push_back(out);
    return;
  }
  for (std::uint64_t left = remaining; left != 0; left &= left - 1) {
    const int i = std::countr_zero(left);
    if (preds[i] & remaining) continue;
    const std::uint64_t after = remaining & ~(std::uint64_t{1} << i);
    std::uint64_t* row = out.row(elems[i]);
    std::fill_n(row, out.rowWords(), std::uint64_t{0});
    for (std::uint64_t m = after; m != 0; m &= m - 1) {
      const std::size_t e = elems[std::countr_zero(m)];
      row[e / 64] |= std::uint64_t{1} << (e % 64);
    }
    extendSmall(elems, preds, after, out, results);
  }
}

}  // namespace

std::vector<rel::Relation> linearisations(const rel::EventSet& s, const rel::Relation& order) {
  const std::size_t n = s.universe();
  const std::vector<std::size_t> elems = s.elements();
  if (elems.size() <= 64) {
    std::vector<std::uint64_t> preds(elems.size(), 0);
    for (std::size_t i = 0; i < elems.size(); ++i)
      for (std::size_t j = 0; j < elems.size(); ++j)
        if (order.contains(elems[j], elems[i])) preds[i] |= std::uint64_t{1} << j;
    std::vector<rel::Relation> results;
    rel::Relation out(n);
    const std::uint64_t all = elems.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << elems.size()) - 1;
    extendSmall(elems, preds, all, out, results);
    return results;
  }
  std::vector<rel::EventSet> preds(n, rel::EventSet(n));
  rel::Relation within = order.restrict(s, s);
  within.forEach([&](std::size_t a, std::size_t b) { preds[b].insert(a); });
  std::vector<rel::Relation> results;
  rel::EventSet remaining = s;
  rel::Relation out(n);
  extend(preds, remaining, out, results);
  return results;
}

std::optional<OrderOn> orderOn(const rel::EventSet& s, const rel::Relation& order) {
  OrderOn out{order.restrict(s, s)};
  const std::vector<std::size_t> elems = s.elements();
  const std::size_t words = out.order.rowWords();
  for (std::size_t k : elems)  // Warshall over the events of s only
    for (std::size_t i : elems)
      if (out.order.contains(i, k)) {
        std::uint64_t* row = out.order.row(i);
        const std::uint64_t* through = out.order.row(k);
        for (std::size_t w = 0; w < words; ++w) row[w] |= through[w];
      }
  std::size_t pairs = 0;
  for (std::size_t e : elems) {
    if (out.order.contains(e, e)) return std::nullopt;
    const std::uint64_t* row = out.order.row(e);
    for (std::size_t w = 0; w < words; ++w) pairs += static_cast<std::size_t>(std::popcount(row[w]));
  }
  out.total = pairs == elems.size() * (elems.size() - 1) / 2;
  return out;
}

std::vector<rel::EventSet> classesOf(const rel::EventSet& s, const rel::Relation& loc) {
  std::vector<rel::EventSet> out;
  rel::EventSet left = s;
  s.forEach([&](std::size_t e) {  // each class starts at its smallest event
    if (!left.contains(e)) return;
    rel::EventSet cls = loc.successors(e);
    cls &= left;
    cls.insert(e);
    left -= cls;
    out.push_back(std::move(cls));
  });
  return out;
}

}  // namespace mcm::cat
