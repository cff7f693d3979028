#include "exec/symmetry.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace mcm::exec {
namespace {

// Expressions of one path against the other's, their read variables renamed.
class Renaming {
 public:
  explicit Renaming(const NodePool& pool) : pool_(pool) {}

  bool bind(VarId a, VarId b) {
    if ((a < 0) != (b < 0)) return false;
    if (a < 0) return true;
    const auto [it, added] = vars_.emplace(a, b);
    return added ? taken_.insert(b).second : it->second == b;
  }

  bool sameVar(VarId a, VarId b) const {
    const auto it = vars_.find(a);
    return it != vars_.end() && it->second == b;
  }

  bool sameTaint(const Taint& a, const Taint& b) const {
    if (a.size() != b.size()) return false;
    std::vector<VarId> renamed;
    for (VarId v : a) {
      const auto it = vars_.find(v);
      if (it == vars_.end()) return false;
      renamed.push_back(it->second);
    }
    std::sort(renamed.begin(), renamed.end());
    return renamed == b;
  }

  bool sameNode(int a, int b) {
    if (a < 0 || b < 0) return a == b;
    // Seen before: equal (a pair found unequal ends the whole comparison).
    if (!same_.insert({a, b}).second) return true;
    const Node& x = pool_[a];
    const Node& y = pool_[b];
    if (x.kind != y.kind) return false;
    switch (x.kind) {
      case Node::Kind::Const: return x.value == y.value;
      case Node::Kind::Var: return sameVar(x.var, y.var);
      case Node::Kind::Binary: return x.op == y.op && sameNode(x.lhs, y.lhs) && sameNode(x.rhs, y.rhs);
    }
    return false;
  }

 private:
  const NodePool& pool_;
  std::map<VarId, VarId> vars_;
  std::set<VarId> taken_;
  std::set<std::pair<int, int>> same_;
};

bool sameShape(const PathEvent& a, const PathEvent& b) {
  return a.kind == b.kind && a.atomic == b.atomic && a.tags == b.tags && a.stmt == b.stmt && a.causes == b.causes &&
         a.rmwPartner == b.rmwPartner;
}

}  // namespace

bool samePrograms(const ThreadPath& a, const ThreadPath& b, const NodePool& pool) {
  if (a.cutoff || b.cutoff || a.events.size() != b.events.size() || a.assumptions.size() != b.assumptions.size() ||
      a.registers.size() != b.registers.size() || a.registerCopies.size() != b.registerCopies.size())
    return false;
  Renaming r(pool);
  for (std::size_t k = 0; k < a.events.size(); ++k)
    if (!sameShape(a.events[k], b.events[k]) || !r.bind(a.events[k].var, b.events[k].var)) return false;
  for (std::size_t k = 0; k < a.events.size(); ++k) {
    const PathEvent& x = a.events[k];
    const PathEvent& y = b.events[k];
    if (!r.sameNode(x.addr, y.addr) || !r.sameNode(x.value, y.value) || !r.sameTaint(x.addrTaint, y.addrTaint) ||
        !r.sameTaint(x.valueTaint, y.valueTaint) || !r.sameTaint(x.ctrlTaint, y.ctrlTaint))
      return false;
  }
  for (std::size_t k = 0; k < a.assumptions.size(); ++k)
    if (a.assumptions[k].holds != b.assumptions[k].holds || !r.sameNode(a.assumptions[k].node, b.assumptions[k].node))
      return false;
  for (auto x = a.registers.begin(), y = b.registers.begin(); x != a.registers.end(); ++x, ++y)
    if (x->first != y->first || !r.sameNode(x->second, y->second)) return false;
  for (std::size_t k = 0; k < a.registerCopies.size(); ++k)  // herd's names differ: only the reads copied count
    if (!r.sameVar(a.registerCopies[k].second, b.registerCopies[k].second)) return false;
  return true;
}

std::vector<std::pair<int, int>> identicalThreads(const std::vector<std::vector<ThreadPath>>& perThread,
                                                  const NodePool& pool) {
  std::vector<std::pair<int, int>> pairs;
  for (std::size_t i = 0; i < perThread.size(); ++i)
    for (std::size_t j = i + 1; j < perThread.size(); ++j) {
      const auto& a = perThread[i];
      const auto& b = perThread[j];
      bool same = a.size() == b.size();
      for (std::size_t p = 0; p < a.size() && same; ++p) same = samePrograms(a[p], b[p], pool);
      if (same) pairs.emplace_back(static_cast<int>(i), static_cast<int>(j));
    }
  return pairs;
}

ThreadSwap::ThreadSwap(const Structure& s, int i, int j) : event_(s.size()), read_(s.reads.size()) {
  for (std::size_t e = 0; e < s.size(); ++e) event_[e] = static_cast<int>(e);
  const int offset = s.threadStart[j] - s.threadStart[i];
  for (std::size_t k = 0; k < s.paths[i]->events.size(); ++k) {
    const int a = s.threadStart[i] + static_cast<int>(k);
    event_[a] = a + offset;
    event_[a + offset] = a;
  }
  std::vector<std::size_t> readIndex(s.size(), 0);
  for (std::size_t k = 0; k < s.reads.size(); ++k) readIndex[s.reads[k]] = k;
  for (std::size_t k = 0; k < s.reads.size(); ++k) read_[k] = readIndex[event_[s.reads[k]]];
}

int ThreadSwap::compare(const Candidate& c, std::size_t assigned) const {
  for (std::size_t k = 0; k < assigned; ++k) {
    const std::size_t m = read_[k];
    if (m >= assigned) return 0;
    const int mine = c.rfWrite[k];
    const int mirrored = event_[c.rfWrite[m]];
    if (mine != mirrored) return mine < mirrored ? -1 : 1;
  }
  return 0;
}

}  // namespace mcm::exec
