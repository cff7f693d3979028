#include "report/dot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace mcm::report {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string eventLabel(const std::string& name, const exec::EventInfo& e) {
  std::string access = accessKind(e);
  access += e.location + (e.value.empty() || e.location.empty() ? "" : "=" + e.value);
  return name + ": " + access;
}

// Colours herd7 uses for the communication relations; others are black unless the cfg says.
const std::map<std::string, std::string> kColours = {{"rf", "red"}, {"co", "blue"}, {"fr", "orange"}, {"po", "black"}};

}  // namespace

std::string accessKind(const exec::EventInfo& e) {
  std::string access = e.kind;
  if (e.tags.empty()) return access;
  access += "[";
  for (std::size_t i = 0; i < e.tags.size(); ++i) {
    std::string tag = e.tags[i];
    for (auto& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    access += (i ? "," : "") + tag;
  }
  return access + "]";
}

std::string eventName(std::size_t index) {
  std::string name;
  do {
    name.insert(name.begin(), static_cast<char>('a' + index % 26));
    index /= 26;
  } while (index > 0);
  return name;
}

std::string renderDot(const DotGraph& g, const EdgeAttributes& attributes) {
  std::string out = fmt::format("digraph G {{\n  label={};\n  splines=spline;\n  node [shape=none, fontsize=12];\n",
                                quoted(g.name));
  std::vector<std::string> names(g.events.size());
  std::map<int, std::vector<std::size_t>> byThread;
  std::size_t next = 0;
  for (std::size_t e = 0; e < g.events.size(); ++e) {
    if (g.events[e].thread < 0) {
      names[e] = "i" + g.events[e].location;
      continue;
    }
    names[e] = eventName(next++);
    byThread[g.events[e].thread].push_back(e);
  }
  for (auto& [thread, events] : byThread)
    std::stable_sort(events.begin(), events.end(),
                     [&](std::size_t a, std::size_t b) { return g.events[a].index < g.events[b].index; });
  auto shown = [&](std::size_t e) { return g.showInitWrites || g.events[e].thread >= 0; };
  if (g.showInitWrites) {
    out += "  subgraph cluster_init { label=\"init\"; style=dotted;\n";
    for (std::size_t e = 0; e < g.events.size(); ++e)
      if (g.events[e].thread < 0) out += fmt::format("    e{} [label={}];\n", e, quoted(eventLabel(names[e], g.events[e])));
    out += "  }\n";
  }
  for (const auto& [thread, events] : byThread) {
    out += fmt::format("  subgraph cluster_P{} {{ label=\"P{}\"; style=solid;\n", thread, thread);
    for (auto e : events) out += fmt::format("    e{} [label={}];\n", e, quoted(eventLabel(names[e], g.events[e])));
    // Program order keeps each thread a column.
    for (std::size_t i = 0; i + 1 < events.size(); ++i)
      out += fmt::format("    e{} -> e{} [label=\"po\", color=black, weight=10];\n", events[i], events[i + 1]);
    out += "  }\n";
  }
  for (const auto& edge : g.edges) {
    if (!shown(edge.from) || !shown(edge.to)) continue;
    std::map<std::string, std::string> attrs;
    const auto base = edge.label.substr(0, 2);
    if (auto c = kColours.find(edge.label); c != kColours.end()) attrs["color"] = c->second;
    else if (auto c2 = kColours.find(base); c2 != kColours.end()) attrs["color"] = c2->second;
    if (auto a = attributes.find(edge.label); a != attributes.end())
      for (const auto& [k, v] : a->second) attrs[k] = v;
    if (edge.highlight) {
      attrs["color"] = "darkviolet";
      attrs["penwidth"] = "3";
    }
    // xlabel, not label: Graphviz 2.43 corrupts its heap on a labelled constraint=false edge
    // parallel to a po edge, and crashes on the next digraph of the file.
    std::string list = "xlabel=" + quoted(edge.label);
    for (const auto& [k, v] : attrs) list += ", " + k + "=" + quoted(v);
    out += fmt::format("  e{} -> e{} [{}, constraint=false];\n", edge.from, edge.to, list);
  }
  return out + "}\n";
}

namespace {
std::string shellQuoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
}  // namespace

void writeSvg(const std::string& dot, const std::string& svgPath) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0)
    throw std::runtime_error("drawing SVG needs Graphviz's dot (Debian package graphviz), which is not installed");
  FILE* pipe = ::popen(("dot -Tsvg -o " + shellQuoted(svgPath)).c_str(), "w");
  if (!pipe) throw std::runtime_error("cannot start Graphviz's dot");
  std::fwrite(dot.data(), 1, dot.size(), pipe);
  if (::pclose(pipe) != 0) throw std::runtime_error("Graphviz's dot could not render " + svgPath);
}

}  // namespace mcm::report
