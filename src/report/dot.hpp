#pragma once
// Executions drawn as Graphviz digraphs, herd7-style: one column (cluster) per
// thread in program order, events labelled `a: W[once]x=1`, rf/co/fr and the
// model's shown relations as labelled edges.
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "exec/engine.hpp"

namespace mcm::report {

struct DotEdge {
  std::size_t from = 0, to = 0;
  std::string label;      // relation name
  bool highlight = false; // drawn thick and dark violet (explain's evidence)
};

struct DotGraph {
  std::string name;                     // digraph title
  std::vector<exec::EventInfo> events;  // numbered as the model's
  std::vector<DotEdge> edges;
  bool showInitWrites = false;          // herd's showinitwrites
};

// Per-relation edge attributes from a .cfg's `edgeattr REL,ATTR,VALUE` lines.
using EdgeAttributes = std::map<std::string, std::map<std::string, std::string>>;

// An event's access as herd7 draws it: kind and tags in lower case, whatever the .def's case
// ("R[once]", "F[mb]", "W").
std::string accessKind(const exec::EventInfo& e);

// herd's event name: a, b, ..., z, ba, bb, ... over the non-init events in order.
std::string eventName(std::size_t index);

std::string renderDot(const DotGraph& graph, const EdgeAttributes& attributes);

// Renders one digraph to an SVG file with Graphviz's `dot`. Throws
// std::runtime_error when dot is missing (naming the Debian package) or fails.
void writeSvg(const std::string& dot, const std::string& svgPath);

}  // namespace mcm::report
