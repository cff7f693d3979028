#pragma once
// `mcm run -o DIR [-show MODE] [--svg]`: the allowed executions -show selects,
// drawn into DIR/NAME.dot (one digraph each) and, with --svg, rendered by
// Graphviz's `dot` into DIR/NAME.svg (NAME.1.svg, NAME.2.svg, ... for several).
#include <string>
#include <vector>

#include "cli/herd_options.hpp"
#include "exec/engine.hpp"
#include "litmus/ast.hpp"
#include "report/dot.hpp"

namespace mcm::cli {

class GraphCollector {
 public:
  explicit GraphCollector(const HerdOptions& opts) : opts_(opts) {}
  // Observes one judged branch (install with RunOptions::observer).
  void observe(const exec::CandidateView& v);
  // Writes the graphs -show selects for `test` (its condition decides cond/wit);
  // nothing when it selects none. Throws OptionError when a file cannot be
  // written or --svg cannot render.
  void write(const litmus::Test& test) const;

 private:
  struct Drawn {
    bool positive;  // the condition's proposition holds in it
    report::DotGraph graph;
  };
  const HerdOptions& opts_;
  const cat::Model* relationsOf_ = nullptr;  // the model relations_ was computed for
  std::vector<std::string> relations_;       // drawn besides po: rf, co, fr, the model's shows, doshow - unshow
  std::vector<Drawn> drawn_;
};

}  // namespace mcm::cli
