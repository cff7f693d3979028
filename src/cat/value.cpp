#include "cat/value.hpp"

#include <algorithm>

namespace mcm::cat {

Value Value::tuple(std::vector<Value> items) {
  Value out;
  out.v = std::make_shared<const TupleValue>(TupleValue{std::move(items)});
  return out;
}

// Values may be large (a relation holds its bit matrix inline): sort positions,
// then move each value once.
Value Value::set(std::vector<Value> items) {
  auto strictlyAscending = [&] {
    for (std::size_t i = 1; i < items.size(); ++i)
      if (compare(items[i - 1], items[i]) >= 0) return false;
    return true;
  };
  if (strictlyAscending()) return sortedSet(std::move(items));
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return compare(items[a], items[b]) < 0; });
  std::vector<Value> sorted;
  sorted.reserve(items.size());
  for (std::size_t i : order)
    if (sorted.empty() || compare(sorted.back(), items[i]) != 0) sorted.push_back(std::move(items[i]));
  return sortedSet(std::move(sorted));
}

Value Value::sortedSet(std::vector<Value> items) {
  Value out;
  out.v = std::make_shared<const ValueSet>(ValueSet{std::move(items)});
  return out;
}

Value Value::product(std::vector<ChoiceFactor> factors) {
  Value out;
  out.v = std::make_shared<const ChoiceProduct>(ChoiceProduct{std::move(factors)});
  return out;
}

namespace {

template <class T>
int cmp3(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int compareLists(const std::vector<Value>& a, const std::vector<Value>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (int c = compare(a[i], b[i])) return c;
  return cmp3(a.size(), b.size());
}

int compareFactors(const ChoiceFactor& a, const ChoiceFactor& b) {
  if (!a.orders != !b.orders) return a.orders ? 1 : -1;
  if (!a.orders) return compareLists(a.items, b.items);
  if (int c = cmp3(a.orders->events, b.orders->events)) return c;
  return cmp3(a.orders->order, b.orders->order);
}

// By content, so that sets of them (map over linearisations) have one order every run.
int compareProducts(const ChoiceProduct& a, const ChoiceProduct& b) {
  for (std::size_t i = 0; i < a.factors.size() && i < b.factors.size(); ++i)
    if (int c = compareFactors(a.factors[i], b.factors[i])) return c;
  return cmp3(a.factors.size(), b.factors.size());
}

}  // namespace

int compare(const Value& a, const Value& b) {
  if (a.v.index() != b.v.index()) return cmp3(a.v.index(), b.v.index());
  return std::visit(
      [&](const auto& x) -> int {
        using T = std::decay_t<decltype(x)>;
        const T& y = std::get<T>(b.v);
        if constexpr (std::is_same_v<T, EmptyValue> || std::is_same_v<T, UniverseValue>) return 0;
        else if constexpr (std::is_same_v<T, rel::EventSet> || std::is_same_v<T, rel::Relation>)
          return x == y ? 0 : (x < y ? -1 : 1);  // equal ones (a fixpoint's last round) in one pass
        else if constexpr (std::is_same_v<T, EventValue>) return cmp3(x.e, y.e);
        else if constexpr (std::is_same_v<T, PairValue>)
          return x.from != y.from ? cmp3(x.from, y.from) : cmp3(x.to, y.to);
        else if constexpr (std::is_same_v<T, TagValue>) return cmp3(x.tag, y.tag);
        else if constexpr (std::is_same_v<T, std::shared_ptr<const TupleValue>> ||
                           std::is_same_v<T, std::shared_ptr<const ValueSet>>)
          return compareLists(x->items, y->items);
        else if constexpr (std::is_same_v<T, std::shared_ptr<const ChoiceProduct>>) return compareProducts(*x, *y);
        else if constexpr (std::is_same_v<T, Closure>)
          return x.fun != y.fun ? cmp3(x.fun, y.fun) : cmp3(x.env.get(), y.env.get());
        else if constexpr (std::is_same_v<T, PrimitiveValue>) {
          if (int c = cmp3(x.which, y.which)) return c;
          if (!x.bound || !y.bound) return cmp3(x.bound != nullptr, y.bound != nullptr);
          return compare(*x.bound, *y.bound);
        }
        else return cmp3(x.proc, y.proc);
      },
      a.v);
}

std::string kindName(const Value& v) {
  switch (v.v.index()) {
    case 0: return "an empty set";
    case 1: return "a set of events";
    case 2: return "a relation";
    case 3: return "an event";
    case 4: return "a pair of events";
    case 5: return "a tag";
    case 6: return "a tuple";
    case 7: case 8: return "a set of values";
    case 9: case 10: return "a function";
    case 11: return "a procedure";
    default: return "the universe _";
  }
}

}  // namespace mcm::cat
