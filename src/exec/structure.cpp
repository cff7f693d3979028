#include "exec/structure.hpp"

#include <algorithm>
#include <cctype>

namespace mcm::exec {

int LocationTable::find(const std::string& name) const {
  auto it = std::lower_bound(names.begin(), names.end(), name);
  return it != names.end() && *it == name ? static_cast<int>(it - names.begin()) : -1;
}

std::string tagSetName(const std::string& tag) {
  std::string s = tag;
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

namespace {

bool dependsOnRead(const NodePool& pool, int node) {
  if (node < 0) return false;
  const Node& n = pool[node];
  if (n.kind == Node::Kind::Var) return true;
  if (n.kind == Node::Kind::Binary) return dependsOnRead(pool, n.lhs) || dependsOnRead(pool, n.rhs);
  return false;
}

}  // namespace

Structure buildStructure(const std::vector<const ThreadPath*>& paths, const std::vector<int>& initValues,
                         const NodePool& pool) {
  Structure s;
  s.paths = paths;
  for (std::size_t loc = 0; loc < initValues.size(); ++loc) {
    Event e;
    e.kind = EventKind::InitWrite;
    e.value = initValues[loc];
    s.writes.push_back(static_cast<int>(s.events.size()));
    s.events.push_back(e);
  }
  for (std::size_t t = 0; t < paths.size(); ++t) {
    s.threadStart.push_back(static_cast<int>(s.events.size()));
    for (const auto& pe : paths[t]->events) {
      Event e;
      e.kind = pe.kind;
      e.thread = static_cast<int>(t);
      e.source = &pe;
      e.addr = pe.addr;
      e.value = pe.value;
      e.var = pe.var;
      const int id = static_cast<int>(s.events.size());
      if (e.isMemoryRead()) s.reads.push_back(id);
      if (e.isMemoryWrite()) s.writes.push_back(id);
      if (dependsOnRead(pool, e.addr)) s.staticAddresses = false;
      s.events.push_back(e);
    }
    for (const auto& a : paths[t]->assumptions) s.assumptions.push_back(a);
  }
  // Program order: statement order, and within a statement the causality chains (iico).
  const std::size_t n = s.events.size();
  s.po = rel::Relation(n);
  for (std::size_t t = 0; t < paths.size(); ++t) {
    const auto& evs = paths[t]->events;
    const int base = s.threadStart[t];
    const std::size_t m = evs.size();
    // Same-statement order: direct causes plus reads feeding an address or value.
    std::vector<std::vector<char>> before(m, std::vector<char>(m, 0));
    for (std::size_t j = 0; j < m; ++j) {
      for (int c : evs[j].causes) before[c][j] = 1;
      for (std::size_t i = 0; i < j; ++i) {
        if (evs[i].stmt != evs[j].stmt || evs[i].var < 0) continue;
        const VarId v = evs[i].var;
        auto has = [v](const Taint& t) { return std::binary_search(t.begin(), t.end(), v); };
        if (has(evs[j].addrTaint) || has(evs[j].valueTaint)) before[i][j] = 1;
      }
    }
    for (std::size_t k = 0; k < m; ++k)
      for (std::size_t i = 0; i < m; ++i)
        if (before[i][k])
          for (std::size_t j = 0; j < m; ++j)
            if (before[k][j]) before[i][j] = 1;
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < m; ++j)
        if (i != j && (evs[i].stmt < evs[j].stmt || (evs[i].stmt == evs[j].stmt && before[i][j])))
          s.po.insert(base + i, base + j);
  }
  return s;
}

cat::Environment programEnvironment(const Structure& s, const std::vector<int>& locationOf,
                                    const std::set<std::string>& variants,
                                    const std::vector<std::string>& annotationSets) {
  const std::size_t n = s.size();
  cat::Environment env;
  env.numEvents = n;
  env.variants = variants;
  auto set = [&](const char* name) -> rel::EventSet& {
    auto [it, _] = env.sets.try_emplace(name, rel::EventSet(n));
    return it->second;
  };
  // Branch events (B) and amo exist only in other architectures: always empty for C.
  for (const char* name : {"R", "W", "M", "F", "IW", "B", "RMW", "LKR", "LKW", "UL", "LF", "RL", "RU"}) set(name);
  for (const auto& name : annotationSets) set(name.c_str());

  std::vector<int> varEvent;  // var -> event, for dependencies
  for (std::size_t e = 0; e < n; ++e)
    if (s.events[e].var >= 0) {
      if (varEvent.size() <= static_cast<std::size_t>(s.events[e].var)) varEvent.resize(s.events[e].var + 1, -1);
      varEvent[s.events[e].var] = static_cast<int>(e);
    }
  rel::Relation addr(n), data(n), ctrl(n), rmw(n), loc(n), internal(n), external(n);
  auto depsTo = [&](rel::Relation& r, const Taint& t, std::size_t to) {
    for (VarId v : t)
      if (static_cast<std::size_t>(v) < varEvent.size() && varEvent[v] >= 0) r.insert(varEvent[v], to);
  };

  for (std::size_t e = 0; e < n; ++e) {
    const Event& ev = s.events[e];
    switch (ev.kind) {
      case EventKind::Read: set("R").insert(e); set("M").insert(e); break;
      case EventKind::Write: set("W").insert(e); set("M").insert(e); break;
      case EventKind::ReadWrite: set("R").insert(e); set("W").insert(e); set("M").insert(e); break;
      case EventKind::InitWrite: set("W").insert(e); set("M").insert(e); set("IW").insert(e); break;
      case EventKind::Fence: set("F").insert(e); break;
      case EventKind::LockRead: set("LKR").insert(e); break;
      case EventKind::LockWrite: set("LKW").insert(e); break;
      case EventKind::Unlock: set("UL").insert(e); break;
      case EventKind::LockFail: set("LF").insert(e); break;
      case EventKind::ReadLocked: set("RL").insert(e); break;
      case EventKind::ReadUnlocked: set("RU").insert(e); break;
      case EventKind::SrcuSync: break;  // only in its tag set (Sync-srcu)
    }
    if (!ev.source) continue;
    const PathEvent& pe = *ev.source;
    if (pe.atomic) set("RMW").insert(e);
    for (const auto& tag : pe.tags) set(tagSetName(tag).c_str()).insert(e);
    if (ev.addr >= 0) depsTo(addr, pe.addrTaint, e);
    if (ev.kind == EventKind::Write || ev.kind == EventKind::ReadWrite) depsTo(data, pe.valueTaint, e);
    depsTo(ctrl, pe.ctrlTaint, e);
    if (pe.rmwPartner >= 0) rmw.insert(e, s.threadStart[ev.thread] + pe.rmwPartner);
  }
  // Dependencies start at memory accesses only (register events are not events of the cat):
  // reads, and writes whose completion a later instruction observes (a RISC-V sc's result).
  for (auto* r : {&addr, &data, &ctrl}) *r = r->restrict(set("M"), rel::EventSet::all(n));

  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const int ta = s.events[a].thread, tb = s.events[b].thread;
      if (ta >= 0 && ta == tb) internal.insert(a, b);
      else if (a != b || ta < 0) external.insert(a, b);
      if (locationOf[a] >= 0 && locationOf[a] == locationOf[b]) loc.insert(a, b);
    }
  env.relations.emplace("po", s.po);
  env.relations.emplace("addr", std::move(addr));
  env.relations.emplace("data", std::move(data));
  env.relations.emplace("ctrl", std::move(ctrl));
  env.relations.emplace("rmw", std::move(rmw));
  env.relations.emplace("loc", std::move(loc));
  env.relations.emplace("int", std::move(internal));
  env.relations.emplace("ext", std::move(external));
  env.relations.emplace("id", rel::Relation::identity(n));
  env.relations.emplace("amo", rel::Relation(n));
  return env;
}

}  // namespace mcm::exec
