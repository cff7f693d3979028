#pragma once
// Sets of events and binary relations over the events of one execution.
// Events are small integers 0..n-1; a set is a bit set, a relation a bit matrix
// (one bit row of `rowWords()` 64-bit words per event, stored contiguously).
//
// This is the hot path of the tool: every operation works on whole 64-bit words,
// composition and closure OR whole rows. Sets are inline up to 256 events; relations up to
// 16 (one word per row), larger ones in one heap block. A larger inline capacity made every
// value of the cat evaluator half a kilobyte: small runs touched many more pages, and moving a
// larger relation copied it where a heap block is handed over (small tests ran 5% slower,
// larger ones no faster).
//
// CONTRACT (owned by the cat layer; the engine builds its base relations with it).
// Operands of a binary operation must have the same universe.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace mcm::rel {

namespace detail {

// Heap blocks of words for what does not fit inline. A run builds and drops thousands of
// relations over one event structure, all of one size: blocks freed are kept per thread for
// the next block of that size (malloc's slow path for them was a sixth of the instructions of
// a test of 50 events).
std::uint64_t* takeBlock(std::size_t words);
void giveBlock(std::uint64_t* block, std::size_t words) noexcept;

// A word array with inline storage for up to Inline words and a heap block beyond.
// Only the `size()` words in use are zeroed, copied and compared.
template <std::size_t Inline>
class Words {
 public:
  Words() = default;
  explicit Words(std::size_t count) : count_(count) { std::fill_n(allocate(), count, std::uint64_t{0}); }
  Words(const Words& o) : count_(o.count_) { std::copy_n(o.data(), count_, allocate()); }
  Words(Words&& o) noexcept : count_(o.count_), heap_(std::exchange(o.heap_, nullptr)) {
    if (!heap_) std::copy_n(o.inline_, count_, inline_);
  }
  Words& operator=(const Words& o) {
    if (this != &o) {
      if (count_ != o.count_) {
        release();
        count_ = o.count_;
        allocate();
      }
      std::copy_n(o.data(), count_, data());
    }
    return *this;
  }
  Words& operator=(Words&& o) noexcept {
    if (this != &o) {
      release();
      count_ = o.count_;
      heap_ = std::exchange(o.heap_, nullptr);
      if (!heap_) std::copy_n(o.inline_, count_, inline_);
    }
    return *this;
  }
  ~Words() { release(); }
  std::size_t size() const { return count_; }
  std::uint64_t* data() { return heap_ ? heap_ : inline_; }
  const std::uint64_t* data() const { return heap_ ? heap_ : inline_; }

 private:
  std::uint64_t* allocate() {
    if (count_ > Inline) heap_ = takeBlock(count_);
    return data();
  }
  void release() noexcept {
    if (heap_) giveBlock(std::exchange(heap_, nullptr), count_);
  }

  std::size_t count_ = 0;
  std::uint64_t* heap_ = nullptr;  // count_ words when count_ > Inline (moved from: nullptr)
  std::uint64_t inline_[Inline];
};

inline std::size_t wordsFor(std::size_t n) { return (n + 63) / 64; }
// Mask of the valid bits in the last word of an n-bit row (all ones if n % 64 == 0).
inline std::uint64_t lastWordMask(std::size_t n) {
  return n % 64 == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (n % 64)) - 1;
}

}  // namespace detail

class EventSet {
 public:
  EventSet() = default;
  explicit EventSet(std::size_t n) : n_(n), words_(detail::wordsFor(n)) {}  // empty set over n events
  static EventSet all(std::size_t n);
  static EventSet fromWords(std::size_t n, const std::uint64_t* words);

  std::size_t universe() const { return n_; }
  void insert(std::size_t e) { words_.data()[e / 64] |= std::uint64_t{1} << (e % 64); }
  void erase(std::size_t e) { words_.data()[e / 64] &= ~(std::uint64_t{1} << (e % 64)); }
  bool contains(std::size_t e) const { return (words_.data()[e / 64] >> (e % 64)) & 1; }
  bool empty() const;
  std::size_t count() const;
  bool subsetOf(const EventSet& other) const;

  template <class F>
  void forEach(F&& f) const {  // ascending order
    const std::uint64_t* w = words_.data();
    for (std::size_t i = 0; i < words_.size(); ++i)
      for (std::uint64_t bits = w[i]; bits != 0; bits &= bits - 1)
        f(i * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
  }
  std::vector<std::size_t> elements() const;

  EventSet operator|(const EventSet&) const;
  EventSet operator&(const EventSet&) const;
  EventSet operator-(const EventSet&) const;  // difference
  EventSet& operator|=(const EventSet&);
  EventSet& operator&=(const EventSet&);
  EventSet& operator-=(const EventSet&);
  EventSet complement() const;
  bool operator==(const EventSet&) const;
  bool operator<(const EventSet&) const;  // an arbitrary total order (for sorting)

  std::size_t wordCount() const { return words_.size(); }
  const std::uint64_t* words() const { return words_.data(); }
  std::uint64_t* words() { return words_.data(); }

 private:
  std::size_t n_ = 0;
  detail::Words<16> words_;
};

class Relation {
 public:
  Relation() = default;
  explicit Relation(std::size_t n)  // empty relation over n events
      : n_(n), rowWords_(detail::wordsFor(n)), words_(n * detail::wordsFor(n)) {}
  static Relation identity(std::size_t n);
  static Relation identityOn(const EventSet& s);                   // [s]
  static Relation product(const EventSet& a, const EventSet& b);  // a × b

  std::size_t universe() const { return n_; }
  void insert(std::size_t from, std::size_t to) { row(from)[to / 64] |= std::uint64_t{1} << (to % 64); }
  void erase(std::size_t from, std::size_t to) { row(from)[to / 64] &= ~(std::uint64_t{1} << (to % 64)); }
  bool contains(std::size_t from, std::size_t to) const { return (row(from)[to / 64] >> (to % 64)) & 1; }
  bool empty() const;
  std::size_t count() const;
  bool subsetOf(const Relation& other) const;
  EventSet successors(std::size_t from) const;    // a copy of row `from`
  EventSet predecessors(std::size_t to) const;

  Relation operator|(const Relation&) const;
  Relation operator&(const Relation&) const;
  Relation operator-(const Relation&) const;
  Relation& operator|=(const Relation&);
  Relation& operator&=(const Relation&);
  Relation& operator-=(const Relation&);
  Relation complement() const;
  Relation inverse() const;
  Relation compose(const Relation&) const;                            // this ; other
  void composeInto(const Relation&, Relation& out) const;             // out = this ; other (out: not an operand, same universe)
  Relation restrict(const EventSet& dom, const EventSet& ran) const;  // [dom] ; this ; [ran]
  void restrictInPlace(const EventSet& dom, const EventSet& ran);     // this = [dom] ; this ; [ran]
  void restrictInto(const EventSet& dom, const EventSet& ran, Relation& out) const;  // out = [dom] ; this ; [ran] (same universe)
  Relation transitiveClosure() const;                                 // this+
  Relation reflexiveTransitiveClosure() const;                        // this*
  Relation reflexive() const;                                         // this?
  EventSet domain() const;
  EventSet range() const;
  bool acyclic() const;
  bool irreflexive() const;
  // The events from, ..., to of a shortest path of at least one edge (from == to:
  // a shortest cycle through from); empty if there is none.
  std::vector<std::size_t> shortestPath(std::size_t from, std::size_t to) const;
  bool operator==(const Relation&) const;
  bool operator<(const Relation&) const;  // an arbitrary total order (for sorting)

  template <class F>
  void forEach(F&& f) const {  // f(from, to), row-major order
    for (std::size_t i = 0; i < n_; ++i) {
      const std::uint64_t* r = row(i);
      for (std::size_t w = 0; w < rowWords_; ++w)
        for (std::uint64_t bits = r[w]; bits != 0; bits &= bits - 1)
          f(i, w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
    }
  }

  // Raw row access: rowWords() words per row.
  std::size_t rowWords() const { return rowWords_; }
  const std::uint64_t* row(std::size_t from) const { return words_.data() + from * rowWords_; }
  std::uint64_t* row(std::size_t from) { return words_.data() + from * rowWords_; }

 private:
  std::size_t n_ = 0;
  std::size_t rowWords_ = 0;
  detail::Words<16> words_;
};

}  // namespace mcm::rel
