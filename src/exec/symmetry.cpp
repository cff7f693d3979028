#include "exec/symmetry.hpp"

#include <algorithm>
#include <utility>

namespace mcm::exec {
namespace {

// Expressions of one thread's paths against the other's, their read variables and locations renamed.
class Renaming {
 public:
  explicit Renaming(const NodePool& pool) : pool_(pool) {}

  bool bind(VarId a, VarId b) {
    if ((a < 0) != (b < 0)) return false;
    if (a < 0) return true;
    return bindOne(vars_, takenVars_, a, b);
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
      case Node::Kind::Const:
        if (x.value.isSym() || y.value.isSym())
          return x.value.isSym() && y.value.isSym() && bindOne(locations_, takenLocations_, x.value.n, y.value.n);
        return x.value == y.value;
      case Node::Kind::Var: return sameVar(x.var, y.var);
      case Node::Kind::Binary: return x.op == y.op && sameNode(x.lhs, y.lhs) && sameNode(x.rhs, y.rhs);
    }
    return false;
  }

  const std::map<int, int>& locations() const { return locations_; }

 private:
  // a is renamed b: a first binding of each, or the one already made.
  static bool bindOne(std::map<int, int>& map, std::set<int>& taken, int a, int b) {
    const auto [it, added] = map.emplace(a, b);
    return added ? taken.insert(b).second : it->second == b;
  }

  const NodePool& pool_;
  std::map<VarId, VarId> vars_;
  std::set<VarId> takenVars_;
  std::map<int, int> locations_;
  std::set<int> takenLocations_;
  std::set<std::pair<int, int>> same_;
};

bool sameShape(const PathEvent& a, const PathEvent& b) {
  return a.kind == b.kind && a.atomic == b.atomic && a.tags == b.tags && a.stmt == b.stmt && a.causes == b.causes &&
         a.rmwPartner == b.rmwPartner;
}

bool samePath(const ThreadPath& a, const ThreadPath& b, Renaming& r, const std::set<std::string>& shown) {
  if (a.cutoff || b.cutoff || a.events.size() != b.events.size() || a.assumptions.size() != b.assumptions.size() ||
      a.registerCopies.size() != b.registerCopies.size())
    return false;
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
  // Only the final values shown matter (the others are seen through the events' expressions).
  for (const auto& name : shown) {
    const auto x = a.registers.find(name), y = b.registers.find(name);
    if ((x == a.registers.end()) != (y == b.registers.end())) return false;
    if (x != a.registers.end() && !r.sameNode(x->second, y->second)) return false;
  }
  for (std::size_t k = 0; k < a.registerCopies.size(); ++k)  // herd's names differ: only the reads copied count
    if (!r.sameVar(a.registerCopies[k].second, b.registerCopies[k].second)) return false;
  return true;
}

// Whether b's paths are a's program once a's locations are renamed: event by event the same
// kinds, tags, statements, causes, RMW pairs and dependencies, and addresses, values,
// assumptions and the registers in `shown` the same expressions once a's read variables are
// renamed into b's and its locations (symbol ids) by the map returned (source lines and herd's
// names for values may differ). Path for path: their alternatives come in the same order.
std::optional<std::map<int, int>> renamedProgram(const std::vector<ThreadPath>& a, const std::vector<ThreadPath>& b,
                                                 const NodePool& pool, const std::set<std::string>& shown) {
  if (a.size() != b.size()) return std::nullopt;
  Renaming r(pool);
  for (std::size_t p = 0; p < a.size(); ++p)
    if (!samePath(a[p], b[p], r, shown)) return std::nullopt;
  return r.locations();
}

// The symmetries of a test found by trying, thread by thread, each thread whose paths are its
// own renamed, while the locations' renaming stays one-to-one.
class SymmetrySearch {
 public:
  SymmetrySearch(const std::vector<std::vector<ThreadPath>>& perThread, const NodePool& pool, const TestShape& shape)
      : shape_(shape), renamed_(perThread.size(), std::vector<std::optional<std::map<int, int>>>(perThread.size())) {
    for (std::size_t i = 0; i < perThread.size(); ++i)
      for (std::size_t j = 0; j < perThread.size(); ++j)
        if (shape.shownRegisters[i] == shape.shownRegisters[j])
          renamed_[i][j] = renamedProgram(perThread[i], perThread[j], pool, shape.shownRegisters[i]);
  }

  // The symmetries leaving threads 0..fixed-1 in place; nullopt past kMaxSymmetries or the
  // search's own bound.
  std::optional<std::vector<Symmetry>> leaving(std::size_t fixed) {
    found_.clear();
    steps_ = 0;
    Symmetry g{std::vector<int>(renamed_.size(), -1), std::vector<int>(shape_.initValues.size(), -1)};
    std::vector<char> threadTaken(renamed_.size(), 0);
    std::vector<char> locationTaken(shape_.initValues.size(), 0);
    if (!extend(0, fixed, g, threadTaken, locationTaken)) return std::nullopt;
    return std::move(found_);
  }

 private:
  static constexpr long long kMaxSteps = 100'000;

  bool extend(std::size_t i, std::size_t fixed, Symmetry& g, std::vector<char>& threadTaken,
              std::vector<char>& locationTaken) {
    if (++steps_ > kMaxSteps) return false;
    if (i == g.thread.size()) {
      finish(g, locationTaken);
      return found_.size() <= kMaxSymmetries;
    }
    for (std::size_t j = 0; j < g.thread.size(); ++j) {
      if (threadTaken[j] || !renamed_[i][j] || (i < fixed && j != i)) continue;
      std::vector<int> bound;  // locations this thread maps for the first time
      bool fits = true;
      for (const auto& [from, to] : *renamed_[i][j]) {
        if (g.location[from] == to) continue;
        if (g.location[from] >= 0 || locationTaken[to]) {
          fits = false;
          break;
        }
        g.location[from] = to;
        locationTaken[to] = 1;
        bound.push_back(from);
      }
      if (fits) {
        g.thread[i] = static_cast<int>(j);
        threadTaken[j] = 1;
        const bool going = extend(i + 1, fixed, g, threadTaken, locationTaken);
        threadTaken[j] = 0;
        g.thread[i] = -1;
        if (!going) return false;
      }
      for (int from : bound) {
        locationTaken[g.location[from]] = 0;
        g.location[from] = -1;
      }
    }
    return true;
  }

  // Keeps g, every location no thread renames left in place, when it keeps what the test shows.
  void finish(const Symmetry& partial, const std::vector<char>& locationTaken) {
    Symmetry g = partial;
    for (std::size_t l = 0; l < g.location.size(); ++l)
      if (g.location[l] < 0) {
        if (locationTaken[l]) return;
        g.location[l] = static_cast<int>(l);
      }
    for (std::size_t l = 0; l < g.location.size(); ++l) {
      const auto& from = shape_.initValues[l];
      const auto& to = shape_.initValues[g.location[l]];
      if (from.has_value() != to.has_value()) return;
      if (from && (from->isSym() ? !to->isSym() || g.location[from->n] != to->n : *from != *to)) return;
      if (shape_.shownLocations.count(static_cast<int>(l)) != shape_.shownLocations.count(g.location[l])) return;
    }
    found_.push_back(std::move(g));
  }

  const TestShape& shape_;
  std::vector<std::vector<std::optional<std::map<int, int>>>> renamed_;
  std::vector<Symmetry> found_;
  long long steps_ = 0;
};

}  // namespace

std::vector<Symmetry> symmetries(const std::vector<std::vector<ThreadPath>>& perThread, const NodePool& pool,
                                 const TestShape& shape) {
  SymmetrySearch search(perThread, pool, shape);
  for (std::size_t fixed = 0; fixed <= perThread.size(); ++fixed)
    if (auto found = search.leaving(fixed)) {
      // The identity is found first (each thread tries itself first), then the others in order.
      return std::move(*found);
    }
  return {};
}

SymmetryGroup::SymmetryGroup(std::vector<Symmetry> elements) : elements_(std::move(elements)) {
  std::map<Symmetry, int> index;
  for (std::size_t g = 0; g < elements_.size(); ++g) index.emplace(elements_[g], static_cast<int>(g));
  product_.assign(elements_.size(), std::vector<int>(elements_.size()));
  for (std::size_t a = 0; a < elements_.size(); ++a)
    for (std::size_t b = 0; b < elements_.size(); ++b) {
      Symmetry ab = elements_[b];
      for (int& t : ab.thread) t = elements_[a].thread[t];
      for (int& l : ab.location) l = elements_[a].location[l];
      product_[a][b] = index.at(ab);
    }
  for (const auto& row : product_)
    inverse_.push_back(static_cast<int>(std::find(row.begin(), row.end(), 0) - row.begin()));
}

bool SymmetryGroup::firstOfImages(const std::vector<std::size_t>& pick, std::vector<int>& fixing) const {
  fixing.clear();
  std::vector<std::size_t> image(pick.size());
  for (std::size_t g = 1; g < elements_.size(); ++g) {
    for (std::size_t i = 0; i < pick.size(); ++i) image[static_cast<std::size_t>(elements_[g].thread[i])] = pick[i];
    if (image < pick) return false;
    if (image == pick) fixing.push_back(static_cast<int>(g));
  }
  return true;
}

void SymmetryGroup::cosetRepresentatives(const std::vector<int>& fixing, std::vector<int>& out) const {
  out.clear();
  covered_.assign(size(), 0);
  for (std::size_t g = 0; g < size(); ++g) {
    if (covered_[g]) continue;
    out.push_back(static_cast<int>(g));
    for (int f : fixing)
      if (!elements_.empty()) covered_[static_cast<std::size_t>(product_[g][static_cast<std::size_t>(f)])] = 1;
  }
}

EventPermutation::EventPermutation(const Structure& s, const Symmetry& g) : event_(s.size()), read_(s.reads.size()) {
  for (std::size_t e = 0; e < s.size(); ++e) {
    const Event& ev = s.events[e];
    if (ev.thread < 0) {
      event_[e] = g.location[e];  // the init write of location e
      continue;
    }
    const int k = static_cast<int>(e) - s.threadStart[ev.thread];
    event_[e] = s.threadStart[g.thread[ev.thread]] + k;
  }
  std::vector<std::size_t> readIndex(s.size(), 0);
  for (std::size_t k = 0; k < s.reads.size(); ++k) readIndex[s.reads[k]] = k;
  for (std::size_t k = 0; k < s.reads.size(); ++k) read_[readIndex[event_[s.reads[k]]]] = k;
}

int EventPermutation::compare(const Candidate& c, std::size_t assigned) const {
  for (std::size_t k = 0; k < assigned; ++k) {
    const std::size_t m = read_[k];
    if (m >= assigned) return 0;
    const int mine = c.rfWrite[k];
    const int image = event_[c.rfWrite[m]];
    if (mine != image) return mine < image ? -1 : 1;
  }
  return 0;
}

}  // namespace mcm::exec
