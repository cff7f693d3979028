#include "cat/choice_search.hpp"

#include <algorithm>
#include <bit>
#include <initializer_list>
#include <unordered_map>

#include "cat/primitives.hpp"

namespace mcm::cat {
namespace {

std::uint64_t saturatingMul(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r = 0;
  return __builtin_mul_overflow(a, b, &r) ? kManyBranches : r;
}

std::uint64_t saturatingAdd(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r = 0;
  return __builtin_add_overflow(a, b, &r) ? kManyBranches : r;
}

constexpr std::uint64_t bit(int i) { return std::uint64_t{1} << i; }

// PruneHistory: questions asked at a depth before its record decides, and how often a depth
// whose questions are not worth asking is asked anyway.
constexpr std::uint64_t kPruneTrial = 16;
constexpr std::uint64_t kPruneRetry = 64;
// Depths per factor: the events left to place in it (0..64), and one for listed factors.
constexpr std::size_t kDepthsPerFactor = 66;

// A factor's partial order over at most 64 events, numbered by position in `elems`.
struct Poset {
  std::vector<std::size_t> elems;
  std::vector<std::uint64_t> preds;  // per position: the positions ordered before it

  std::uint64_t minimal(std::uint64_t mask) const {
    std::uint64_t m = 0;
    for (std::uint64_t left = mask; left != 0; left &= left - 1) {
      const int i = std::countr_zero(left);
      if (!(preds[i] & mask)) m |= bit(i);
    }
    return m;
  }

  // The number of linear orders of `mask`.
  std::uint64_t orders(std::uint64_t mask, std::unordered_map<std::uint64_t, std::uint64_t>& memo) const {
    // An event that must come first changes nothing: such events are left out (a chain, all of them).
    for (std::uint64_t m = minimal(mask); m != 0 && (m & (m - 1)) == 0; m = minimal(mask)) mask &= ~m;
    if (mask == 0) return 1;
    if (auto it = memo.find(mask); it != memo.end()) return it->second;
    std::uint64_t total = 0;
    for (std::uint64_t m = minimal(mask); m != 0; m &= m - 1)
      total = saturatingAdd(total, orders(mask & ~bit(std::countr_zero(m)), memo));
    return memo[mask] = total;
  }
};

class Search {
 public:
  Search(const std::vector<SearchFactor>& factors, std::size_t n, std::uint64_t minBranches,
         const std::function<bool(const rel::Relation&)>& skip, const std::function<void(std::uint64_t)>& dropped,
         const std::function<void(const rel::Relation&)>& leaf, const bool* stop, PruneHistory* history)
      : skip_(skip), dropped_(dropped), leaf_(leaf), stop_(stop), history_(history), n_(n),
        minBranches_(std::max<std::uint64_t>(minBranches, 2)) {
    for (const SearchFactor& f : factors) {
      Factor g;
      if (f.events && f.events->count() > 64) {  // listed: the masks hold 64 events
        g.items = linearisations(*f.events, *f.order);
      } else if (f.events) {
        g.lower = f.order->restrict(*f.events, *f.events);
        g.poset.elems = f.events->elements();
        const auto& el = g.poset.elems;
        g.poset.preds.assign(el.size(), 0);
        for (std::size_t i = 0; i < el.size(); ++i)
          for (std::size_t j = 0; j < el.size(); ++j)
            if (f.order->contains(el[j], el[i])) g.poset.preds[i] |= bit(static_cast<int>(j));
        g.lazy = true;
        g.all = el.size() == 64 ? ~std::uint64_t{0} : bit(static_cast<int>(el.size())) - 1;
        g.count = g.poset.orders(g.all, g.memo);
      } else {
        g.items = f.items;
      }
      if (!g.lazy) {
        g.count = g.items.size();
        g.lower = g.items.empty() ? rel::Relation(n) : g.items.front();
        for (const auto& r : g.items) g.lower &= r;
      }
      g.origin = factors_.size();
      factors_.push_back(std::move(g));
    }
    // The factors of most events first (then of most branches): their parts are the largest,
    // and a question that drops one drops the most (a lock's coherence order, with its RMWs,
    // before a flag's). Only the order of the branches changes.
    std::stable_sort(factors_.begin(), factors_.end(), [](const Factor& a, const Factor& b) {
      return std::pair(a.poset.elems.size(), a.count) > std::pair(b.poset.elems.size(), b.count);
    });
    if (history_) history_->depths.resize(std::max(history_->depths.size(), (factors_.size() + 1) * kDepthsPerFactor));
    // From factor k on: the relation every branch contains, and the number of branches.
    below_.assign(factors_.size() + 1, rel::Relation(n));
    accAt_.assign(factors_.size() + 1, rel::Relation(n));
    outAt_.assign(factors_.size(), rel::Relation(n));
    bound_ = rel::Relation(n);
    count_.assign(factors_.size() + 1, 1);
    for (std::size_t k = factors_.size(); k-- > 0;) {
      below_[k] = below_[k + 1];
      below_[k] |= factors_[k].lower;
      count_[k] = saturatingMul(count_[k + 1], factors_[k].count);
    }
  }

  void run() {
    if (count_[0] == 0) return;
    const std::size_t root = factors_.size() * kDepthsPerFactor;
    if (asks(root, count_[0]) && pruned({&below_[0]}, count_[0], root)) return;
    factor(0, accAt_[0]);
  }

 private:
  struct Factor {
    std::vector<rel::Relation> items;
    bool lazy = false;
    Poset poset;
    std::uint64_t all = 0;
    rel::Relation lower{0};
    std::uint64_t count = 0;
    std::unordered_map<std::uint64_t, std::uint64_t> memo;
    std::size_t origin = 0;  // its place in the product (the history's depths name it so)
  };

  void factor(std::size_t k, const rel::Relation& acc) {
    if (k == factors_.size()) return leaf_(acc);
    Factor& f = factors_[k];
    if (f.lazy) return place(k, acc, f.all, outAt_[k]);
    for (const rel::Relation& item : f.items) {
      if (stopped()) return;
      rel::Relation& next = accAt_[k + 1];
      unite({&acc, &item}, next);
      const std::size_t depth = f.origin * kDepthsPerFactor + 65;
      if (asks(depth, count_[k + 1]) && pruned({&next, &below_[k + 1]}, count_[k + 1], depth)) continue;
      factor(k + 1, next);
    }
  }

  // Places, in ascending position, each remaining event of factor k with no remaining
  // predecessor; its row in `out` is everything still remaining after it (cleared again
  // when it goes back, so that `out` only ever holds edges of the orders below).
  void place(std::size_t k, const rel::Relation& acc, std::uint64_t remaining, rel::Relation& out) {
    Factor& f = factors_[k];
    if (remaining == 0) {
      unite({&acc, &out}, accAt_[k + 1]);
      return factor(k + 1, accAt_[k + 1]);
    }
    for (std::uint64_t m = f.poset.minimal(remaining); m != 0 && !stopped(); m &= m - 1) {
      const int i = std::countr_zero(m);
      const std::uint64_t after = remaining & ~bit(i);
      std::uint64_t* row = out.row(f.poset.elems[i]);
      for (std::uint64_t left = after; left != 0; left &= left - 1) {
        const std::size_t e = f.poset.elems[std::countr_zero(left)];
        row[e / 64] |= std::uint64_t{1} << (e % 64);
      }
      const std::uint64_t branches = saturatingMul(f.poset.orders(after, f.memo), count_[k + 1]);
      const std::size_t depth = f.origin * kDepthsPerFactor + static_cast<std::size_t>(std::popcount(after));
      if (!asks(depth, branches) || !pruned({&acc, &out, &f.lower, &below_[k + 1]}, branches, depth))
        place(k, acc, after, out);
      std::fill_n(row, out.rowWords(), std::uint64_t{0});
    }
  }

  // into = the union of `parts` (one pass over their words).
  static void unite(std::initializer_list<const rel::Relation*> parts, rel::Relation& into) {
    const std::size_t words = into.universe() * into.rowWords();
    std::uint64_t* to = into.row(0);
    const rel::Relation* const* p = parts.begin();
    std::copy_n((*p)->row(0), words, to);
    for (++p; p != parts.end(); ++p) {
      const std::uint64_t* from = (*p)->row(0);
      for (std::size_t w = 0; w < words; ++w) to[w] |= from[w];
    }
  }

  // Whether a part of `branches` branches at `depth`, all containing the union of `bound`, is
  // dropped (asked only where `asks`).
  bool pruned(std::initializer_list<const rel::Relation*> bound, std::uint64_t branches, std::size_t depth) {
    unite(bound, bound_);
    const bool skipped = skip_(bound_);
    if (history_) {
      auto& d = history_->depths[depth];
      ++d.asked;
      d.pruned += skipped;
    }
    if (!skipped) return false;
    dropped_(branches);
    return true;
  }

  // Whether a part is asked about: one of enough branches, while questions at its depth drop
  // at least one branch each on average (a question costs about one branch's judging).
  bool asks(std::size_t depth, std::uint64_t branches) {
    if (branches < minBranches_) return false;
    if (!history_) return true;
    auto& d = history_->depths[depth];
    if (d.asked < kPruneTrial) return true;
    const double dropsPerQuestion = double(d.pruned) * double(branches) / double(d.asked);
    return dropsPerQuestion >= 1 || ++d.declined % kPruneRetry == 0;
  }

  const std::function<bool(const rel::Relation&)>& skip_;
  const std::function<void(std::uint64_t)>& dropped_;
  bool stopped() const { return stop_ && *stop_; }

  const std::function<void(const rel::Relation&)>& leaf_;
  const bool* stop_;
  PruneHistory* history_;
  std::size_t n_;
  std::uint64_t minBranches_;
  std::vector<Factor> factors_;
  std::vector<rel::Relation> below_;
  std::vector<rel::Relation> accAt_;  // per factor: the union of the orders chosen before it
  std::vector<rel::Relation> outAt_;  // per factor: its order being placed (empty between uses)
  rel::Relation bound_;               // the relation a question is asked with
  std::vector<std::uint64_t> count_;
};

}  // namespace

void searchChoices(const std::vector<SearchFactor>& factors, std::size_t n, std::uint64_t minBranches,
                   const std::function<bool(const rel::Relation& bound)>& skip,
                   const std::function<void(std::uint64_t branches)>& dropped,
                   const std::function<void(const rel::Relation& branch)>& leaf, const bool* stop,
                   PruneHistory* history) {
  Search(factors, n, minBranches, skip, dropped, leaf, stop, history).run();
}

}  // namespace mcm::cat
