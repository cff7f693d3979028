#include "exec/candidate_values.hpp"

#include <algorithm>

namespace mcm::exec {

std::map<int, int> freeValueNames(const Structure& s, const Candidate& c) {
  std::map<int, int> names;
  auto note = [&](int herdNumber, VarId v) {
    const int root = c.freeClass[v];
    if (root < 0) return;
    int& best = names[root];
    best = std::max(best, herdNumber);
  };
  for (int r : s.reads) note(s.events[r].source->herdNumber, s.events[r].var);
  for (const ThreadPath* p : s.paths)
    for (const auto& [number, var] : p->registerCopies) note(number, var);
  return names;
}

StateValue stateValue(const RfSearch::Resolved& r, const LocationTable& locs, const std::map<int, int>& freeNames) {
  StateValue s;
  if (r.free) {
    s.kind = StateValue::Kind::Free;
    s.number = freeNames.at(r.freeClass);
  } else if (r.value.isSym()) {
    s.kind = StateValue::Kind::Symbol;
    s.symbol = locs.names[r.value.n];
  } else {
    s.number = r.value.n;
  }
  return s;
}

PackedValue pack(const StateValue& v, const LocationTable& locs) {
  return FinalState::pack(v, v.kind == StateValue::Kind::Symbol ? static_cast<std::uint32_t>(locs.find(v.symbol)) : 0);
}

std::string kindLetters(EventKind k) {
  switch (k) {
    case EventKind::Read: return "R";
    case EventKind::Write:
    case EventKind::InitWrite: return "W";
    case EventKind::Fence: return "F";
    case EventKind::LockRead: return "LKR";
    case EventKind::LockWrite: return "LKW";
    case EventKind::Unlock: return "UL";
    case EventKind::LockFail: return "LF";
    case EventKind::ReadLocked: return "RL";
    case EventKind::ReadUnlocked: return "RU";
    case EventKind::SrcuSync: return "SRCU";
    case EventKind::ReadWrite: return "RW";  // a RISC-V AMO: one event reading then writing
  }
  return "?";
}

std::string valueText(const StateValue& v) {
  switch (v.kind) {
    case StateValue::Kind::Free: return "S" + std::to_string(v.number);
    case StateValue::Kind::Int: return std::to_string(v.number);
    case StateValue::Kind::Symbol: return v.symbol;
  }
  return "";
}

}  // namespace mcm::exec
