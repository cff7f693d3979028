#pragma once
// Reads back the DOT files mcm writes (one `eN [label="..."];` line per event,
// one `eN -> eM [label="...", ...];` or `[xlabel=...` line per edge), naming events by their labels.
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace mcm::test {

struct DotGraph {
  std::set<std::string> edges;                    // "FROM-LABEL -REL-> TO-LABEL" (po included)
  std::map<std::string, std::string> attributes;  // such an edge -> the rest of its attribute list
};

// One DotGraph per digraph; an edge naming an undeclared node is kept with the node's id.
inline std::vector<DotGraph> readDot(const std::string& text) {
  std::vector<DotGraph> graphs;
  std::map<std::string, std::string> labels;
  const std::regex node(R"re(^\s*(e\d+) \[label="([^"]*)"\];$)re");
  const std::regex edge(R"re(^\s*(e\d+) -> (e\d+) \[x?label="([^"]*)"(.*)\];$)re");
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (line.rfind("digraph ", 0) == 0) {
      graphs.emplace_back();
      labels.clear();
    } else if (std::regex_match(line, m, node)) {
      labels[m[1]] = m[2];
    } else if (std::regex_match(line, m, edge) && !graphs.empty()) {
      const std::string from = labels.contains(m[1]) ? labels[m[1]] : std::string(m[1]);
      const std::string to = labels.contains(m[2]) ? labels[m[2]] : std::string(m[2]);
      const std::string e = from + " -" + std::string(m[3]) + "-> " + to;
      graphs.back().edges.insert(e);
      graphs.back().attributes[e] = m[4];
    }
  }
  return graphs;
}

}  // namespace mcm::test
