#include "cli/run_graphs.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "report/dot.hpp"
#include "report/herd_text.hpp"
#include "support/file_names.hpp"

namespace mcm::cli {

void GraphCollector::observe(const exec::CandidateView& v) {
  if (!v.verdict.allowed || opts_.show == "none") return;
  if (relationsOf_ != &v.model) {
    relationsOf_ = &v.model;
    relations_.clear();
    std::vector<std::string> names = {"rf", "co", "fr"};
    for (const auto& n : cat::shownRelations(v.model)) names.push_back(n);
    names.insert(names.end(), opts_.doshow.begin(), opts_.doshow.end());
    for (const auto& n : names)
      if (n != "po" && std::find(relations_.begin(), relations_.end(), n) == relations_.end() &&
          std::find(opts_.unshow.begin(), opts_.unshow.end(), n) == opts_.unshow.end())
        relations_.push_back(n);
  }
  report::DotGraph g;
  g.events = v.events;
  g.showInitWrites = opts_.showInitWrites;
  for (const auto& name : relations_) {
    auto r = v.verdict.relation(name);
    if (!r) continue;
    if (name == "co") *r -= r->compose(*r);  // immediate successors only: co is a total order per location
    r->forEach([&](std::size_t a, std::size_t b) {
      if (a != b) g.edges.push_back({a, b, name, false});
    });
  }
  drawn_.push_back({v.positive, std::move(g)});
}

void GraphCollector::write(const litmus::Test& test) const {
  namespace fs = std::filesystem;
  // cond and wit: the executions that make the test's condition hold (for
  // ~exists, those where the proposition does not).
  const bool negative = report::effectiveCondition(test).quantifier == litmus::Quantifier::NotExists;
  const std::string& mode = opts_.show;
  std::vector<report::DotGraph> shown;
  for (const auto& d : drawn_)
    if (mode == "all" || (mode == "prop" && d.positive) || (mode == "neg" && !d.positive) ||
        ((mode == "cond" || mode == "wit") && d.positive != negative))
      shown.push_back(d.graph);
  if (shown.empty()) return;
  const std::string name = report::herdTestName(test);
  std::vector<std::string> graphs;
  for (auto& g : shown) {
    g.name = name + (shown.size() > 1 ? " (" + std::to_string(graphs.size() + 1) + ")" : "");
    graphs.push_back(report::renderDot(g, opts_.edgeattr));
  }
  const fs::path dir = *opts_.outputDir;
  std::error_code ec;
  fs::create_directories(dir, ec);
  // Named as herd7 names them: after the test file, never after the test's own text.
  const std::string stem = testFileStem(test.path, name);
  const fs::path dot = fileInside(dir, stem, ".dot");
  std::ofstream out(dot);
  for (const auto& g : graphs) out << g;
  if (!out) throw OptionError{"cannot write " + dot.string()};
  if (!opts_.svg) return;
  for (std::size_t i = 0; i < graphs.size(); ++i) {
    const fs::path svg = fileInside(dir, stem, graphs.size() > 1 ? fmt::format(".{}.svg", i + 1) : ".svg");
    try {
      report::writeSvg(graphs[i], svg.string());
    } catch (const std::runtime_error& e) {
      throw OptionError{e.what()};
    }
  }
}

}  // namespace mcm::cli
