#include "exec/test_frame.hpp"

#include <algorithm>
#include <cstdint>

#include "exec/outcome.hpp"
#include "support/diagnostic.hpp"

namespace mcm::exec {

using litmus::Location;

namespace {

void collectProp(const litmus::PropPtr& p, std::vector<Location>& locs, std::vector<std::string>& symbols) {
  if (!p) return;
  if (p->kind == litmus::Prop::Kind::Atom) {
    locs.push_back(p->lhs);
    if (p->rhsLoc) locs.push_back(*p->rhsLoc);
    else if (p->rhs.isSymbol) symbols.push_back(p->rhs.symbol);
  }
  for (const auto& a : p->args) collectProp(a, locs, symbols);
}

}  // namespace

Val literal(const litmus::Value& v, const LocationTable& locs) {
  if (v.isSymbol) return Val::symbol(locs.find(v.symbol));
  return Val::integer(static_cast<std::int32_t>(static_cast<std::uint32_t>(v.number)));
}

std::optional<std::vector<std::vector<const litmus::Prop*>>> filterRows(const litmus::Prop& conjunct) {
  using Kind = litmus::Prop::Kind;
  auto rowOf = [](const litmus::Prop& p) -> std::optional<std::vector<const litmus::Prop*>> {
    std::vector<const litmus::Prop*> row;
    auto add = [&row](const litmus::Prop& atom) {
      if (atom.lhs.isRegister() && !atom.rhsLoc && !atom.rhs.isSymbol) row.push_back(&atom);
    };
    if (p.kind == Kind::Atom) add(p);
    else if (p.kind == Kind::And)
      for (const auto& a : p.args) {
        if (a->kind == Kind::Atom) add(*a);
        else if (a->kind != Kind::True) return std::nullopt;
      }
    else return std::nullopt;
    return row;
  };
  std::vector<const litmus::Prop*> disjuncts{&conjunct};
  if (conjunct.kind == Kind::Or) {
    disjuncts.clear();
    for (const auto& a : conjunct.args) disjuncts.push_back(a.get());
  }
  std::vector<std::vector<const litmus::Prop*>> rows;
  for (const litmus::Prop* d : disjuncts) {
    auto row = rowOf(*d);
    if (!row) return std::nullopt;
    rows.push_back(std::move(*row));
  }
  return rows;
}

TestFrame frame(const litmus::Test& t) {
  TestFrame f;
  std::vector<Location> mentioned = t.locations;
  std::vector<std::string> names;
  if (t.condition) collectProp(t.condition->prop, mentioned, names);
  std::vector<Location> filtered;
  collectProp(t.filter, filtered, names);
  for (const auto& l : filtered) mentioned.push_back(l);
  for (const auto& l : mentioned) {
    if (l.isRegister() && static_cast<std::size_t>(l.thread) >= t.threads.size())
      throw Diagnostic(t.path, l.pos, "Bad process P" + std::to_string(l.thread));
    if (!l.isRegister()) names.push_back(l.name);
  }
  for (const auto& th : t.threads)
    for (const auto& p : th.params) names.push_back(p.name);
  for (const auto& name : t.uninitialised) names.push_back(name);
  for (const auto& item : t.init) {
    if (!item.loc.isRegister()) names.push_back(item.loc.name);
    else if (static_cast<std::size_t>(item.loc.thread) >= t.threads.size())
      throw Diagnostic(t.path, item.loc.pos, "Bad process P" + std::to_string(item.loc.thread));
    if (item.hasValue && item.value.isSymbol) names.push_back(item.value.symbol);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  f.locations.names = names;

  f.initMemory.assign(names.size(), Val::integer(0));
  f.uninitialised.assign(names.size(), 0);
  for (const auto& name : t.uninitialised) f.uninitialised[f.locations.find(name)] = 1;
  f.initRegs.resize(t.threads.size());
  for (std::size_t i = 0; i < t.threads.size(); ++i)
    for (const auto& p : t.threads[i].params) f.initRegs[i][p.name] = Val::symbol(f.locations.find(p.name));
  for (const auto& item : t.init) {
    const Val v = item.hasValue ? literal(item.value, f.locations) : Val::integer(0);
    if (item.loc.isRegister()) f.initRegs[item.loc.thread][item.loc.name] = v;
    else f.initMemory[f.locations.find(item.loc.name)] = v;
  }

  f.displayed = displayedLocations(t);
  for (const auto& l : f.displayed) {
    if (l.isRegister()) f.neededRegisters.push_back(l);
    else f.observed.push_back(f.locations.find(l.name));
  }
  for (const auto& l : filtered) {
    if (l.isRegister()) f.neededRegisters.push_back(l);
    else f.observed.push_back(f.locations.find(l.name));
  }
  std::sort(f.observed.begin(), f.observed.end());
  f.observed.erase(std::unique(f.observed.begin(), f.observed.end()), f.observed.end());
  for (const auto& l : f.displayed) f.displayedAt.push_back(f.valueIndex(l));
  return f;
}

}  // namespace mcm::exec
