#include "exec/solver.hpp"

#include <algorithm>
#include <numeric>

#include "support/diagnostic.hpp"

namespace mcm::exec {

RfSearch::RfSearch(const Structure& s, const NodePool& pool, std::string file)
    : s_(s), pool_(pool), file_(std::move(file)) {
  const std::size_t numVars = static_cast<std::size_t>(pool.numVars());
  cand_.values.assign(numVars, Val{});
  cand_.known.assign(numVars, 0);
  cand_.freeClass.assign(numVars, -1);
  cand_.rfWrite.assign(s.reads.size(), -1);
  cand_.locationOf.assign(s.size(), -1);
  // Candidate writes: any write at a possibly equal address, except the writes
  // of the same instruction that causally follow the read (an RMW's own W).
  for (int r : s.reads) {
    const Event& re = s.events[r];
    std::vector<int> ws;
    for (int w : s.writes) {
      const Event& we = s.events[w];
      if (w == r) continue;  // an AMO does not read its own write
      if (we.thread == re.thread && we.source->stmt == re.source->stmt && s.po.contains(r, w)) continue;
      if (we.kind != EventKind::InitWrite && pool.isConstant(re.addr) && pool.isConstant(we.addr) &&
          !(pool[re.addr].value == pool[we.addr].value))
        continue;
      if (we.kind == EventKind::InitWrite && we.value < 0) continue;  // a location without initial value
      if (we.kind == EventKind::InitWrite && pool.isConstant(re.addr)) {
        const Val a = pool[re.addr].value;
        if (!a.isSym() || static_cast<std::size_t>(a.n) != static_cast<std::size_t>(w)) continue;
      }
      ws.push_back(w);
    }
    // With every address constant, a choice's addresses agree (kept above): nothing to check later.
    const bool fixed = pool.isConstant(re.addr) && std::all_of(ws.begin(), ws.end(), [&](int w) {
                         return s.events[w].kind == EventKind::InitWrite || pool.isConstant(s.events[w].addr);
                       });
    addressToCheck_.push_back(!fixed);
    choices_.push_back(std::move(ws));
  }
  assumptionHeld_.assign(s.assumptions.size(), 0);
  // Every address constant: each event's location is known now, not found again at each leaf.
  if (auto at = fixedLocations()) {
    cand_.locationOf = std::move(*at);
    locationsFixed_ = true;
  }
}

double RfSearch::rfChoicesBound(std::size_t from) const {
  double product = 1;
  for (std::size_t k = from; k < choices_.size(); ++k) product *= static_cast<double>(choices_[k].size());
  return product;
}

void RfSearch::run(const std::function<void()>& onLeaf, const std::function<void(const Candidate&)>& onSolved) {
  onLeaf_ = &onLeaf;
  onSolved_ = &onSolved;
  replayed_ = 0;
  if (!answered_) answers_.clear();
  search(0);
  answered_ = true;
}

bool RfSearch::doomed(std::size_t assigned) {
  if (!doomed_ || assigned == s_.reads.size()) return false;
  if (answered_) return answers_[replayed_++];
  answers_.push_back(doomed_(cand_, assigned));
  return answers_.back();
}

// The address of a write: init write `w` is at location w (init writes come first, by location id).
static std::optional<Val> writeAddress(const Structure& s, int w, const std::function<std::optional<Val>(int)>& ev) {
  const Event& we = s.events[w];
  if (we.kind == EventKind::InitWrite) return Val::symbol(w);
  return ev(we.addr);
}

bool RfSearch::propagate() {
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t i = 0; i < s_.reads.size(); ++i) {
      const int w = cand_.rfWrite[i];
      if (w < 0) continue;
      const VarId v = s_.events[s_.reads[i]].var;
      if (cand_.known[v]) continue;
      if (auto val = eval(s_.events[w].value)) {
        cand_.values[v] = *val;
        cand_.known[v] = 1;
        trail_.push_back(v);
        changed = true;
      }
    }
  }
  return consistent();
}

bool RfSearch::consistent() {
  auto ev = [this](int node) { return eval(node); };
  for (std::size_t i = 0; i < s_.reads.size(); ++i) {
    const int w = cand_.rfWrite[i];
    if (w < 0 || !addressToCheck_[i]) continue;
    auto ra = eval(s_.events[s_.reads[i]].addr);
    if (!ra) continue;
    auto wa = writeAddress(s_, w, ev);
    if (wa && !(*ra == *wa)) return false;
  }
  // An assumption found to hold stays so below this choice (values once known do not change).
  for (std::size_t j = 0; j < s_.assumptions.size(); ++j) {
    if (assumptionHeld_[j]) continue;
    const auto& a = s_.assumptions[j];
    auto v = eval(a.node);
    if (!v) continue;
    if ((*v == Val::integer(0)) == a.holds) return false;
    assumptionHeld_[j] = 1;
    heldTrail_.push_back(j);
  }
  return matchesPins();
}

void RfSearch::requireOneOf(std::vector<PinRow> rows) {
  PinSet set;
  for (const PinRow& row : rows) {
    auto& pins = set.rows.emplace_back();
    for (const auto& [node, value] : row) {
      auto at = std::find(set.nodes.begin(), set.nodes.end(), node);
      if (at == set.nodes.end()) at = set.nodes.insert(at, node);
      pins.emplace_back(static_cast<std::size_t>(at - set.nodes.begin()), value);
    }
  }
  pinSets_.push_back(std::move(set));
}

bool RfSearch::matchesPins() const {
  auto& values = pinValues_;
  for (const PinSet& set : pinSets_) {
    values.clear();
    for (int node : set.nodes) values.push_back(eval(node));
    const bool someRowFits = std::any_of(set.rows.begin(), set.rows.end(), [&values](const auto& row) {
      return std::none_of(row.begin(), row.end(), [&values](const auto& pin) {
        const auto& v = values[pin.first];
        return v && !(*v == pin.second);
      });
    });
    if (!someRowFits) return false;
  }
  return true;
}

void RfSearch::search(std::size_t k) {
  if (k == s_.reads.size()) {
    (*onLeaf_)();
    finish();
    return;
  }
  const int r = s_.reads[k];
  const auto raddr = eval(s_.events[r].addr);
  auto ev = [this](int node) { return eval(node); };
  for (int w : choices_[k]) {
    if (raddr) {
      auto wa = writeAddress(s_, w, ev);
      if (wa && !(*wa == *raddr)) continue;
    }
    const std::size_t mark = trail_.size(), heldMark = heldTrail_.size();
    cand_.rfWrite[k] = w;
    if (propagate() && !doomed(k + 1)) search(k + 1);
    while (trail_.size() > mark) {
      cand_.known[trail_.back()] = 0;
      trail_.pop_back();
    }
    while (heldTrail_.size() > heldMark) {
      assumptionHeld_[heldTrail_.back()] = 0;
      heldTrail_.pop_back();
    }
  }
  cand_.rfWrite[k] = -1;
}

std::optional<std::vector<int>> RfSearch::fixedLocations() const {
  std::vector<int> at(s_.size(), -1);
  for (std::size_t e = 0; e < s_.size(); ++e) {
    const Event& ev = s_.events[e];
    if (ev.kind == EventKind::InitWrite) {
      at[e] = static_cast<int>(e);
    } else if (ev.addr >= 0) {
      if (!pool_.isConstant(ev.addr) || !pool_[ev.addr].value.isSym()) return std::nullopt;
      at[e] = pool_[ev.addr].value.n;
    }
  }
  return at;
}

RfSearch::Resolved RfSearch::resolve(const NodePool& pool, int node, const Candidate& c) {
  Resolved out;
  if (auto v = pool.eval(node, c.values, c.known)) {
    out.ok = true;
    out.value = *v;
    return out;
  }
  const Node& n = pool[node];
  if (n.kind == Node::Kind::Var && c.freeClass[n.var] >= 0) {
    out.ok = true;
    out.free = true;
    out.freeClass = c.freeClass[n.var];
  }
  return out;
}

// All reads have an rf: the remaining unknown values must form pure copy
// cycles (left free, as herd does); every address and assumption must be known.
void RfSearch::finish() {
  auto& unresolved = unresolved_;
  unresolved.clear();
  for (std::size_t i = 0; i < s_.reads.size(); ++i) {
    const VarId v = s_.events[s_.reads[i]].var;
    if (!cand_.known[v]) unresolved.push_back(v);
  }
  std::vector<int> parent;
  if (!unresolved.empty()) {
    parent.resize(cand_.values.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto findRoot = [&](int x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    for (std::size_t i = 0; i < s_.reads.size(); ++i) {
      const VarId v = s_.events[s_.reads[i]].var;
      if (cand_.known[v]) continue;
      const Node& wv = pool_[s_.events[cand_.rfWrite[i]].value];
      if (wv.kind != Node::Kind::Var) return;  // an operation on an unsolved value: herd drops it
      const int a = findRoot(v), b = findRoot(wv.var);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
    for (VarId v : unresolved) cand_.freeClass[v] = findRoot(v);
  }
  auto clearFree = [&] {
    for (VarId v : unresolved) cand_.freeClass[v] = -1;
  };
  for (std::size_t j = 0; j < s_.assumptions.size(); ++j) {
    if (assumptionHeld_[j]) continue;
    const auto& a = s_.assumptions[j];
    auto v = eval(a.node);
    if (!v || ((*v == Val::integer(0)) == a.holds)) return clearFree();
  }
  for (std::size_t e = 0; e < s_.size() && !locationsFixed_; ++e) {
    const Event& ev = s_.events[e];
    if (ev.kind == EventKind::InitWrite) {
      cand_.locationOf[e] = static_cast<int>(e);
      continue;
    }
    if (ev.addr < 0) {
      cand_.locationOf[e] = -1;
      continue;
    }
    auto a = eval(ev.addr);
    if (!a) return clearFree();
    if (!a->isSym()) {
      if (ev.isMemoryRead()) return clearFree();  // no write lives at a non-symbolic address
      throw Diagnostic(file_, ev.source ? SourcePos{} : SourcePos{},
                       "Non-symbolic memory access found on '[" + std::to_string(a->n) + "]'");
    }
    cand_.locationOf[e] = a->n;
  }
  (*onSolved_)(cand_);
  clearFree();
}

}  // namespace mcm::exec
