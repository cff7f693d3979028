#include "relations/relation.hpp"

#include <algorithm>
#include <cstring>

namespace mcm::rel {

using detail::lastWordMask;
using detail::wordsFor;

// ---- EventSet ---------------------------------------------------------------

EventSet EventSet::all(std::size_t n) {
  EventSet s(n);
  std::uint64_t* w = s.words();
  for (std::size_t i = 0; i < s.wordCount(); ++i) w[i] = ~std::uint64_t{0};
  if (s.wordCount() > 0) w[s.wordCount() - 1] &= lastWordMask(n);
  return s;
}

EventSet EventSet::fromWords(std::size_t n, const std::uint64_t* words) {
  EventSet s(n);
  std::copy(words, words + s.wordCount(), s.words());
  return s;
}

bool EventSet::empty() const {
  const std::uint64_t* w = words();
  for (std::size_t i = 0; i < wordCount(); ++i)
    if (w[i] != 0) return false;
  return true;
}

std::size_t EventSet::count() const {
  std::size_t c = 0;
  const std::uint64_t* w = words();
  for (std::size_t i = 0; i < wordCount(); ++i) c += static_cast<std::size_t>(std::popcount(w[i]));
  return c;
}

bool EventSet::subsetOf(const EventSet& other) const {
  const std::uint64_t* a = words();
  const std::uint64_t* b = other.words();
  for (std::size_t i = 0; i < wordCount(); ++i)
    if ((a[i] & ~b[i]) != 0) return false;
  return true;
}

std::vector<std::size_t> EventSet::elements() const {
  std::vector<std::size_t> out;
  forEach([&](std::size_t e) { out.push_back(e); });
  return out;
}

EventSet& EventSet::operator|=(const EventSet& o) {
  std::uint64_t* a = words();
  const std::uint64_t* b = o.words();
  for (std::size_t i = 0, count = wordCount(); i < count; ++i) a[i] |= b[i];
  return *this;
}

EventSet& EventSet::operator&=(const EventSet& o) {
  std::uint64_t* a = words();
  const std::uint64_t* b = o.words();
  for (std::size_t i = 0, count = wordCount(); i < count; ++i) a[i] &= b[i];
  return *this;
}

EventSet& EventSet::operator-=(const EventSet& o) {
  std::uint64_t* a = words();
  const std::uint64_t* b = o.words();
  for (std::size_t i = 0, count = wordCount(); i < count; ++i) a[i] &= ~b[i];
  return *this;
}

EventSet EventSet::operator|(const EventSet& o) const { EventSet r = *this; return r |= o; }
EventSet EventSet::operator&(const EventSet& o) const { EventSet r = *this; return r &= o; }
EventSet EventSet::operator-(const EventSet& o) const { EventSet r = *this; return r -= o; }

EventSet EventSet::complement() const {
  EventSet r = all(n_);
  return r -= *this;
}

bool EventSet::operator==(const EventSet& o) const {
  return n_ == o.n_ && std::equal(words(), words() + wordCount(), o.words());
}

bool EventSet::operator<(const EventSet& o) const {
  if (n_ != o.n_) return n_ < o.n_;
  return std::lexicographical_compare(words(), words() + wordCount(), o.words(), o.words() + o.wordCount());
}

// ---- Relation ---------------------------------------------------------------

Relation Relation::identity(std::size_t n) { return identityOn(EventSet::all(n)); }

Relation Relation::identityOn(const EventSet& s) {
  Relation r(s.universe());
  s.forEach([&](std::size_t e) { r.insert(e, e); });
  return r;
}

Relation Relation::product(const EventSet& a, const EventSet& b) {
  Relation r(a.universe());
  if (r.rowWords_ == 1) {  // up to 64 events: a one-word store per row, not a copy call
    const std::uint64_t row = b.words()[0];
    a.forEach([&](std::size_t e) { r.row(e)[0] = row; });
    return r;
  }
  a.forEach([&](std::size_t e) { std::copy(b.words(), b.words() + b.wordCount(), r.row(e)); });
  return r;
}

bool Relation::empty() const {
  const std::uint64_t* w = words_.data();
  for (std::size_t i = 0; i < words_.size(); ++i)
    if (w[i] != 0) return false;
  return true;
}

std::size_t Relation::count() const {
  std::size_t c = 0;
  const std::uint64_t* w = words_.data();
  for (std::size_t i = 0; i < words_.size(); ++i) c += static_cast<std::size_t>(std::popcount(w[i]));
  return c;
}

bool Relation::subsetOf(const Relation& o) const {
  const std::uint64_t* a = words_.data();
  const std::uint64_t* b = o.words_.data();
  for (std::size_t i = 0; i < words_.size(); ++i)
    if ((a[i] & ~b[i]) != 0) return false;
  return true;
}

EventSet Relation::successors(std::size_t from) const { return EventSet::fromWords(n_, row(from)); }

EventSet Relation::predecessors(std::size_t to) const {
  EventSet s(n_);
  for (std::size_t i = 0; i < n_; ++i)
    if (contains(i, to)) s.insert(i);
  return s;
}

Relation& Relation::operator|=(const Relation& o) {
  std::uint64_t* a = words_.data();
  const std::uint64_t* b = o.words_.data();
  for (std::size_t i = 0, count = words_.size(); i < count; ++i) a[i] |= b[i];
  return *this;
}

Relation& Relation::operator&=(const Relation& o) {
  std::uint64_t* a = words_.data();
  const std::uint64_t* b = o.words_.data();
  for (std::size_t i = 0, count = words_.size(); i < count; ++i) a[i] &= b[i];
  return *this;
}

Relation& Relation::operator-=(const Relation& o) {
  std::uint64_t* a = words_.data();
  const std::uint64_t* b = o.words_.data();
  for (std::size_t i = 0, count = words_.size(); i < count; ++i) a[i] &= ~b[i];
  return *this;
}

Relation Relation::operator|(const Relation& o) const { Relation r = *this; return r |= o; }
Relation Relation::operator&(const Relation& o) const { Relation r = *this; return r &= o; }
Relation Relation::operator-(const Relation& o) const { Relation r = *this; return r -= o; }

Relation Relation::complement() const {
  Relation r(n_);
  const std::uint64_t mask = lastWordMask(n_);
  for (std::size_t i = 0; i < n_; ++i) {
    const std::uint64_t* src = row(i);
    std::uint64_t* dst = r.row(i);
    for (std::size_t w = 0; w < rowWords_; ++w) dst[w] = ~src[w];
    dst[rowWords_ - 1] &= mask;
  }
  return r;
}

Relation Relation::inverse() const {
  Relation r(n_);
  forEach([&](std::size_t a, std::size_t b) { r.insert(b, a); });
  return r;
}

namespace {

// out = a ; b over n rows of W words each (W fixed, so that the row OR unrolls); every row of
// out is written.
template <std::size_t W>
void composeRows(const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i, a += W, out += W) {
    std::uint64_t acc[W] = {};
    for (std::size_t w = 0; w < W; ++w)
      for (std::uint64_t bits = a[w]; bits != 0; bits &= bits - 1) {
        const std::uint64_t* mid = b + (w * 64 + static_cast<std::size_t>(std::countr_zero(bits))) * W;
        for (std::size_t v = 0; v < W; ++v) acc[v] |= mid[v];
      }
    std::copy_n(acc, W, out);
  }
}

}  // namespace

Relation Relation::compose(const Relation& o) const {
  Relation r(n_);
  composeInto(o, r);
  return r;
}

void Relation::composeInto(const Relation& o, Relation& r) const {
  const std::uint64_t* a = words_.data();
  const std::uint64_t* b = o.words_.data();
  std::uint64_t* out = r.words_.data();
  switch (rowWords_) {
    case 1: return composeRows<1>(a, b, out, n_);
    case 2: return composeRows<2>(a, b, out, n_);
    case 3: return composeRows<3>(a, b, out, n_);
    case 4: return composeRows<4>(a, b, out, n_);
    default: break;
  }
  std::fill_n(out, r.words_.size(), std::uint64_t{0});
  for (std::size_t i = 0; i < n_; ++i) {
    const std::uint64_t* src = row(i);
    std::uint64_t* dst = r.row(i);
    for (std::size_t w = 0; w < rowWords_; ++w)
      for (std::uint64_t bits = src[w]; bits != 0; bits &= bits - 1) {
        const std::uint64_t* mid = o.row(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
        for (std::size_t v = 0; v < rowWords_; ++v) dst[v] |= mid[v];
      }
  }
}

void Relation::restrictInPlace(const EventSet& dom, const EventSet& ran) { restrictInto(dom, ran, *this); }

void Relation::restrictInto(const EventSet& dom, const EventSet& ran, Relation& out) const {
  const std::uint64_t* d = dom.words();
  const std::uint64_t* m = ran.words();
  const std::uint64_t* from = words_.data();
  std::uint64_t* to = out.words_.data();
  if (rowWords_ == 1) {  // up to 64 events: one word per row, masked without branching on dom
    for (std::size_t i = 0, n = n_; i < n; ++i) to[i] = from[i] & m[0] & (std::uint64_t{0} - ((d[0] >> i) & 1));
    return;
  }
  const std::size_t n = n_, words = rowWords_;  // (locals: the stores below may not change them)
  for (std::size_t i = 0; i < n; ++i, from += words, to += words) {
    const std::uint64_t keep = std::uint64_t{0} - ((d[i / 64] >> (i % 64)) & 1);  // all ones for rows of dom
    for (std::size_t w = 0; w < words; ++w) to[w] = from[w] & m[w] & keep;
  }
}

Relation Relation::restrict(const EventSet& dom, const EventSet& ran) const {
  if (rowWords_ == 1) {  // up to 64 events: every row masked, without branching on dom
    Relation r = *this;
    r.restrictInPlace(dom, ran);
    return r;
  }
  Relation r(n_);  // larger: only the rows of dom are written
  dom.forEach([&](std::size_t i) {
    const std::uint64_t* src = row(i);
    std::uint64_t* dst = r.row(i);
    for (std::size_t w = 0; w < rowWords_; ++w) dst[w] = src[w] & ran.words()[w];
  });
  return r;
}

namespace {

// Tarjan's strongly connected components of r's graph, by an iterative depth-first search
// over the bit rows: calls component(members) for each, sinks first (every edge leaving a
// component enters one reported before it). Stops when component returns false; returns
// whether it never did. Linear in events and edges.
template <class F>
bool forEachComponent(const Relation& r, F&& component) {
  constexpr std::uint32_t kUnvisited = UINT32_MAX;
  const std::size_t n = r.universe();
  const std::size_t words = r.rowWords();
  struct Frame {
    std::uint32_t node;
    std::uint32_t word;  // the row word `bits` is what is left of
    std::uint64_t bits;
  };
  // Kept per thread: a run takes thousands of closures over one number of events.
  thread_local struct {
    std::vector<std::uint32_t> index, low, onPath, members;
    std::vector<char> onStack;
    std::vector<Frame> frames;
  } scratch;
  std::vector<std::uint32_t>& index = scratch.index;  // (no structured binding: lambdas capture these)
  std::vector<std::uint32_t>& low = scratch.low;
  std::vector<std::uint32_t>& onPath = scratch.onPath;
  std::vector<std::uint32_t>& members = scratch.members;
  std::vector<char>& onStack = scratch.onStack;
  std::vector<Frame>& frames = scratch.frames;
  index.assign(n, kUnvisited);
  low.resize(n);
  onStack.assign(n, 0);
  onPath.clear();
  frames.clear();
  std::uint32_t next = 0;
  auto enter = [&](std::uint32_t v) {
    index[v] = low[v] = next++;
    onPath.push_back(v);
    onStack[v] = 1;
    frames.push_back({v, 0, r.row(v)[0]});
  };
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != kUnvisited) continue;
    enter(root);
    while (!frames.empty()) {
      Frame& f = frames.back();
      while (f.bits == 0 && f.word + 1 < words) f.bits = r.row(f.node)[++f.word];
      if (f.bits != 0) {
        const auto w = static_cast<std::uint32_t>(f.word * 64 + static_cast<std::uint32_t>(std::countr_zero(f.bits)));
        f.bits &= f.bits - 1;
        if (index[w] == kUnvisited) enter(w);
        else if (onStack[w]) low[f.node] = std::min(low[f.node], index[w]);
        continue;
      }
      const std::uint32_t v = f.node;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().node] = std::min(low[frames.back().node], low[v]);
      if (low[v] != index[v]) continue;
      members.clear();
      std::uint32_t w;
      do {
        w = onPath.back();
        onPath.pop_back();
        onStack[w] = 0;
        members.push_back(w);
      } while (w != v);
      if (!component(members)) return false;
    }
  }
  return true;
}

// Repeatedly removes sinks (events with no successor among the remaining ones): acyclic iff
// every event is eventually removed. Scanned from the last event down, as program order and
// most relations built from it point forward: a chain goes in one pass.
// With `closure` set, each event removed gets its row of the transitive closure there: its
// row and the closure rows of its successors, all removed before it. On a cycle it stops, and
// the closure is not complete.
template <std::size_t W>
bool acyclicBySinks(const std::uint64_t* rows, std::size_t n, std::uint64_t* closure = nullptr) {
  // An event without successors is a sink from the start (its closure row stays empty); for
  // acyclicity alone, so is one without predecessors (no cycle passes it). Found in one pass
  // without a chain of dependent steps, they are left out of the serial passes below.
  std::uint64_t remaining[W] = {}, range[W] = {};
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t* row = rows + i * W;
    std::uint64_t any = 0;
    for (std::size_t v = 0; v < W; ++v) {
      any |= row[v];
      range[v] |= row[v];
    }
    remaining[i / 64] |= std::uint64_t{any != 0} << (i % 64);
  }
  if (!closure)
    for (std::size_t v = 0; v < W; ++v) remaining[v] &= range[v];
  const auto none = [&] { return std::all_of(remaining, remaining + W, [](std::uint64_t x) { return x == 0; }); };
  for (bool progress = true; progress && !none();) {
    progress = false;
    for (std::size_t w = W; w-- > 0;)
      for (std::uint64_t bits = remaining[w]; bits != 0;) {
        const int b = 63 - std::countl_zero(bits);
        bits &= ~(std::uint64_t{1} << b);
        const std::uint64_t* row = rows + (w * 64 + static_cast<std::size_t>(b)) * W;
        std::uint64_t meets = 0;
        for (std::size_t v = 0; v < W; ++v) meets |= row[v] & remaining[v];
        if (meets != 0) continue;
        remaining[w] &= ~(std::uint64_t{1} << b);
        progress = true;
        if (!closure) continue;
        // A successor already reached through another one adds nothing (what it reaches, that
        // one reaches too): in the dense relations closed in models, most are.
        std::uint64_t* reach = closure + (w * 64 + static_cast<std::size_t>(b)) * W;
        std::uint64_t through[W] = {};
        for (std::size_t v = 0; v < W; ++v)
          for (std::uint64_t next = row[v] & ~through[v]; next != 0; next &= next - 1) {
            const std::size_t j = v * 64 + static_cast<std::size_t>(std::countr_zero(next));
            if ((through[v] >> (j % 64)) & 1) continue;
            const std::uint64_t* further = closure + j * W;
            for (std::size_t u = 0; u < W; ++u) through[u] |= further[u];
          }
        for (std::size_t v = 0; v < W; ++v) reach[v] = row[v] | through[v];
      }
  }
  return none();
}

// Up to 64 events (one word per row): depth first from each event with edges in and out, a
// cycle being an edge back to an event on the path. Each event is entered once; a step costs
// a few word operations (measured on the LKMM's coherence and hb relations: 20% less time
// than removing sinks).
bool acyclicByDepthFirst(const std::uint64_t* rows, std::size_t n) {
  std::uint64_t hasOut = 0, hasIn = 0;
  for (std::size_t i = 0; i < n; ++i) {
    hasOut |= std::uint64_t{rows[i] != 0} << i;
    hasIn |= rows[i];
  }
  std::uint64_t done = ~(hasOut & hasIn);  // events no cycle passes count as done
  std::uint64_t onPath = 0;
  int path[64];
  for (std::uint64_t left = ~done; left != 0; left = ~done) {
    int depth = 0;
    path[depth++] = std::countr_zero(left);
    onPath = std::uint64_t{1} << path[0];
    while (depth > 0) {
      const int v = path[depth - 1];
      const std::uint64_t next = rows[v] & ~done;
      if (next & onPath) return false;
      if (next != 0) {
        const int u = std::countr_zero(next);
        path[depth++] = u;
        onPath |= std::uint64_t{1} << u;
      } else {
        --depth;
        onPath &= ~(std::uint64_t{1} << v);
        done |= std::uint64_t{1} << v;
      }
    }
  }
  return true;
}

}  // namespace

Relation Relation::transitiveClosure() const {
  if (rowWords_ == 1) {  // up to 64 events: Warshall, one word per row
    // After step k, row i holds every j reachable through intermediates < k. Only rows of
    // the domain ever gain bits, and only columns of the range are set: steps k outside
    // both, and rows outside the domain, change nothing.
    Relation r = *this;
    std::uint64_t* w = r.words_.data();
    std::uint64_t domain = 0, range = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      domain |= std::uint64_t{w[i] != 0} << i;
      range |= w[i];
    }
    for (std::uint64_t ks = domain & range; ks != 0; ks &= ks - 1) {
      const std::size_t k = static_cast<std::size_t>(std::countr_zero(ks));
      const std::uint64_t kb = std::uint64_t{1} << k;
      const std::uint64_t rk = w[k];
      for (std::uint64_t is = domain; is != 0; is &= is - 1) {
        const std::size_t i = static_cast<std::size_t>(std::countr_zero(is));
        if (w[i] & kb) w[i] |= rk;
      }
    }
    return r;
  }
  if (rowWords_ >= 2 && rowWords_ <= 4) {  // most relations are acyclic: their events from the sinks back
    Relation r(n_);
    const bool acyclic = rowWords_ == 2   ? acyclicBySinks<2>(words_.data(), n_, r.words_.data())
                         : rowWords_ == 3 ? acyclicBySinks<3>(words_.data(), n_, r.words_.data())
                                          : acyclicBySinks<4>(words_.data(), n_, r.words_.data());
    if (acyclic) return r;
  }
  // Larger or cyclic: per component, sinks first, what its members reach is their rows and what each
  // successor reaches (already final outside the component; members of a cycle are in the
  // rows). Warshall's n² steps cost more than the edges of the sparse relations models build.
  Relation r(n_);
  forEachComponent(*this, [&](const std::vector<std::uint32_t>& members) {
    std::uint64_t* reach = r.row(members[0]);
    for (std::uint32_t m : members) {
      const std::uint64_t* own = row(m);
      for (std::size_t w = 0; w < rowWords_; ++w) {
        reach[w] |= own[w];
        for (std::uint64_t bits = own[w]; bits != 0; bits &= bits - 1) {
          const std::uint64_t* further = r.row(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
          for (std::size_t v = 0; v < rowWords_; ++v) reach[v] |= further[v];
        }
      }
    }
    for (std::size_t k = 1; k < members.size(); ++k) std::copy_n(reach, rowWords_, r.row(members[k]));
    return true;
  });
  return r;
}

Relation Relation::reflexive() const {
  Relation r = *this;
  for (std::size_t i = 0; i < n_; ++i) r.insert(i, i);
  return r;
}

Relation Relation::reflexiveTransitiveClosure() const {
  Relation r = transitiveClosure();
  for (std::size_t i = 0; i < n_; ++i) r.insert(i, i);
  return r;
}

EventSet Relation::domain() const {
  EventSet s(n_);
  for (std::size_t i = 0; i < n_; ++i) {
    const std::uint64_t* r = row(i);
    for (std::size_t w = 0; w < rowWords_; ++w)
      if (r[w] != 0) {
        s.insert(i);
        break;
      }
  }
  return s;
}

EventSet Relation::range() const {
  EventSet s(n_);
  std::uint64_t* out = s.words();
  for (std::size_t i = 0; i < n_; ++i) {
    const std::uint64_t* r = row(i);
    for (std::size_t w = 0; w < rowWords_; ++w) out[w] |= r[w];
  }
  return s;
}

std::vector<std::size_t> Relation::shortestPath(std::size_t from, std::size_t to) const {
  // Breadth-first from the successors of `from`, so that from == to finds a cycle.
  std::vector<std::size_t> parent(n_, n_);
  std::vector<std::size_t> queue;
  auto visit = [&](std::size_t x) {
    successors(x).forEach([&](std::size_t s) {
      if (parent[s] != n_) return;
      parent[s] = x;
      queue.push_back(s);
    });
  };
  visit(from);
  for (std::size_t i = 0; i < queue.size() && parent[to] == n_; ++i) visit(queue[i]);
  if (parent[to] == n_) return {};
  std::vector<std::size_t> path{to};
  for (std::size_t x = parent[to]; x != from; x = parent[x]) path.push_back(x);
  path.push_back(from);
  std::reverse(path.begin(), path.end());
  return path;
}


bool Relation::acyclic() const {
  switch (rowWords_) {
    case 0: return true;
    case 1: return acyclicByDepthFirst(words_.data(), n_);
    case 2: return acyclicBySinks<2>(words_.data(), n_);
    case 3: return acyclicBySinks<3>(words_.data(), n_);
    case 4: return acyclicBySinks<4>(words_.data(), n_);
    default: break;
  }
  // Larger: acyclic iff every strongly connected component is one event without a loop.
  return forEachComponent(*this, [&](const std::vector<std::uint32_t>& members) {
    return members.size() == 1 && !contains(members[0], members[0]);
  });
}

bool Relation::irreflexive() const {
  for (std::size_t i = 0; i < n_; ++i)
    if (contains(i, i)) return false;
  return true;
}

bool Relation::operator==(const Relation& o) const {
  return n_ == o.n_ && std::equal(words_.data(), words_.data() + words_.size(), o.words_.data());
}

bool Relation::operator<(const Relation& o) const {
  if (n_ != o.n_) return n_ < o.n_;
  return std::lexicographical_compare(words_.data(), words_.data() + words_.size(), o.words_.data(),
                                      o.words_.data() + o.words_.size());
}

}  // namespace mcm::rel
