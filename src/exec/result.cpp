#include "exec/result.hpp"

#include <algorithm>

namespace mcm::exec {

FinalState::Packed FinalState::pack(const StateValue& v, std::uint32_t symbolId) {
  switch (v.kind) {
    case StateValue::Kind::Free: return static_cast<std::uint32_t>(v.number);
    case StateValue::Kind::Int:
      return (Packed{1} << 32) | (static_cast<std::uint32_t>(static_cast<std::int32_t>(v.number)) ^ 0x80000000u);
    case StateValue::Kind::Symbol: return (Packed{2} << 32) | symbolId;
  }
  return 0;
}

FinalState::FinalState(std::shared_ptr<const StateColumns> columns, std::vector<Packed> values)
    : columns_(std::move(columns)), values_(std::move(values)) {}

void FinalState::add(const litmus::Location& location, const StateValue& value) {
  // Copy on write: the columns may be another state's too.
  auto own = columns_ ? std::make_shared<StateColumns>(*columns_) : std::make_shared<StateColumns>();
  own->locations.push_back(location);
  std::uint32_t symbolId = 0;
  if (value.kind == StateValue::Kind::Symbol) {
    auto it = std::find(own->symbols.begin(), own->symbols.end(), value.symbol);
    symbolId = static_cast<std::uint32_t>(it - own->symbols.begin());
    if (it == own->symbols.end()) own->symbols.push_back(value.symbol);
  }
  values_.push_back(pack(value, symbolId));
  columns_ = std::move(own);
}

StateValue FinalState::value(std::size_t i) const {
  const Packed p = values_[i];
  const auto low = static_cast<std::uint32_t>(p);
  StateValue v;
  switch (p >> 32) {
    case 0: v.kind = StateValue::Kind::Free; v.number = low; break;
    case 1: v.kind = StateValue::Kind::Int; v.number = *integer(i); break;
    default: v.kind = StateValue::Kind::Symbol; v.symbol = columns_->symbols[low]; break;
  }
  return v;
}

std::vector<std::pair<litmus::Location, StateValue>> FinalState::entries() const {
  std::vector<std::pair<litmus::Location, StateValue>> out;
  out.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) out.emplace_back(location(i), value(i));
  return out;
}

}  // namespace mcm::exec
