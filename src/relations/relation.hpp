#pragma once
// Sets of events and binary relations over the events of one execution.
// Events are small integers 0..n-1; a set is a bit set, a relation a bit matrix
// (one bit row per event). Tests have at most a few hundred events.
//
// CONTRACT (owned by the cat layer; the engine builds its base relations with it).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mcm::rel {

class EventSet {
 public:
  EventSet() = default;
  explicit EventSet(std::size_t n);          // empty set over n events
  static EventSet all(std::size_t n);
  std::size_t universe() const;              // n
  void insert(std::size_t e);
  void erase(std::size_t e);
  bool contains(std::size_t e) const;
  bool empty() const;
  std::size_t count() const;
  template <class F> void forEach(F&& f) const;  // ascending order
  EventSet operator|(const EventSet&) const;
  EventSet operator&(const EventSet&) const;
  EventSet operator-(const EventSet&) const;     // difference
  EventSet complement() const;
  bool operator==(const EventSet&) const;
  // ... implementation-defined storage
};

class Relation {
 public:
  Relation() = default;
  explicit Relation(std::size_t n);          // empty relation over n events
  static Relation identity(std::size_t n);
  static Relation product(const EventSet& a, const EventSet& b);  // a × b
  std::size_t universe() const;
  void insert(std::size_t from, std::size_t to);
  bool contains(std::size_t from, std::size_t to) const;
  bool empty() const;
  const EventSet& successors(std::size_t from) const;  // or an equivalent row view
  Relation operator|(const Relation&) const;
  Relation operator&(const Relation&) const;
  Relation operator-(const Relation&) const;
  Relation complement() const;
  Relation inverse() const;
  Relation compose(const Relation&) const;         // this ; other
  Relation restrict(const EventSet& dom, const EventSet& ran) const;  // [dom] ; this ; [ran]
  Relation transitiveClosure() const;              // this+
  Relation reflexiveTransitiveClosure() const;     // this*
  EventSet domain() const;
  EventSet range() const;
  bool acyclic() const;
  bool irreflexive() const;
  bool operator==(const Relation&) const;
  template <class F> void forEach(F&& f) const;    // f(from, to), row-major order
};

}  // namespace mcm::rel
