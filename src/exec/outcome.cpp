#include "exec/outcome.hpp"

#include <algorithm>

namespace mcm::exec {

using litmus::Location;
using litmus::Prop;

namespace {

bool sameValue(const StateValue& a, const StateValue& b) {
  if (a.kind == StateValue::Kind::Free || b.kind == StateValue::Kind::Free) return false;
  return a == b;
}

StateValue fromLiteral(const litmus::Value& v) {
  StateValue s;
  if (v.isSymbol) {
    s.kind = StateValue::Kind::Symbol;
    s.symbol = v.symbol;
  } else {
    s.kind = StateValue::Kind::Int;
    // Condition constants are read as 32-bit integers, as values are.
    s.number = static_cast<std::int32_t>(static_cast<std::uint32_t>(v.number));
  }
  return s;
}

}  // namespace

bool holds(const litmus::PropPtr& prop, const StateLookup& lookup) {
  if (!prop) return true;
  switch (prop->kind) {
    case Prop::Kind::True: return true;
    case Prop::Kind::False: return false;
    case Prop::Kind::Atom: {
      const StateValue lhs = lookup(prop->lhs);
      const StateValue rhs = prop->rhsLoc ? lookup(*prop->rhsLoc) : fromLiteral(prop->rhs);
      return sameValue(lhs, rhs);
    }
    case Prop::Kind::Not: return !holds(prop->args[0], lookup);
    case Prop::Kind::And:
      return std::all_of(prop->args.begin(), prop->args.end(), [&](const auto& a) { return holds(a, lookup); });
    case Prop::Kind::Or:
      return std::any_of(prop->args.begin(), prop->args.end(), [&](const auto& a) { return holds(a, lookup); });
    case Prop::Kind::Implies: {
      // a => b => c is right-associative: a => (b => c).
      bool result = holds(prop->args.back(), lookup);
      for (std::size_t i = prop->args.size() - 1; i-- > 0;) result = !holds(prop->args[i], lookup) || result;
      return result;
    }
  }
  return false;
}

}  // namespace mcm::exec
