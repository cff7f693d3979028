// The explained execution as a picture: rf, co (immediate successors), fr, and
// the failed check's evidence drawn thick and dark violet.
#include <algorithm>

#include "explain/explain.hpp"

namespace mcm::explain {
namespace {

std::string stepsText(const cat::EvidenceEdge& e, const cat::CheckEvidence& check) {
  std::string out;
  for (const auto& s : e.steps) {
    if (s.from == s.to && s.relation.starts_with("[")) continue;  // a set test, not an edge
    out += (out.empty() ? "" : "; ") + s.relation;
  }
  return out.empty() ? check.expression : check.expression + ": " + out;
}

}  // namespace

std::optional<report::DotGraph> witnessGraph(const Explanation& x) {
  const Execution* shown = x.allowed ? &*x.allowed : nullptr;
  if (!shown && !x.groups.empty() && !x.groups.front().witnesses.empty()) shown = &x.groups.front().witnesses.front();
  if (!shown) return std::nullopt;
  report::DotGraph g;
  g.name = x.test + ": " + x.outcome;
  g.events = shown->events;
  g.showInitWrites = true;  // reads of initial values are often half of the story
  for (const auto& [w, r] : shown->rf) g.edges.push_back({w, r, "rf", false});
  auto inCo = [&](std::size_t a, std::size_t b) {
    return std::find(shown->co.begin(), shown->co.end(), Edge{a, b}) != shown->co.end();
  };
  for (const Edge& edge : shown->co) {  // (not a structured binding: clang 14 cannot capture one)
    const bool immediate = std::none_of(shown->co.begin(), shown->co.end(), [&](const Edge& e) {
      return e.first == edge.first && inCo(e.second, edge.second);
    });
    if (immediate) g.edges.push_back({edge.first, edge.second, "co", false});
  }
  for (const auto& [w, r] : shown->rf)
    for (const auto& [a, b] : shown->co)
      if (a == w) g.edges.push_back({r, b, "fr", false});
  if (shown->failed)
    for (const auto& e : shown->failed->edges) g.edges.push_back({e.from, e.to, stepsText(e, *shown->failed), true});
  for (const auto& flag : shown->flagged)
    for (const auto& e : flag.edges) g.edges.push_back({e.from, e.to, stepsText(e, flag), true});
  return g;
}

}  // namespace mcm::explain
