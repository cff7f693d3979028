// `mcm explain TEST... [model options] [--state "0:r0=0; 1:r0=0;"] [--all] [--json]`:
// why the test's outcome is forbidden, or one execution that produces it.
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/herd_options.hpp"
#include "cli/herd_setup.hpp"
#include "explain/explain.hpp"
#include "litmus/parser.hpp"

namespace mcm::cli {
namespace {

struct ExplainArgs {
  explain::Request request;
  bool json = false;
  std::optional<std::string> dot, svg;  // --dot FILE, --svg FILE: the explained execution drawn
  std::vector<std::string> herdArgs;  // model options and files
};

ExplainArgs splitArgs(const std::vector<std::string>& args) {
  ExplainArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--state") {
      if (i + 1 >= args.size()) throw OptionError{"option --state needs a value"};
      out.request.state = args[++i];
    } else if (a.rfind("--state=", 0) == 0) {
      out.request.state = a.substr(8);
    } else if (a == "--dot" || a == "--svg") {
      if (i + 1 >= args.size()) throw OptionError{"option " + a + " needs a file name"};
      (a == "--dot" ? out.dot : out.svg) = args[++i];
    } else if (a == "--all") {
      out.request.all = true;
    } else if (a == "--json") {
      out.json = true;
    } else {
      out.herdArgs.push_back(a);
    }
  }
  return out;
}

// Writes --dot / --svg; false (after saying why) if it could not.
bool draw(const explain::Explanation& x, const ExplainArgs& ea, const HerdOptions& opts) {
  const auto graph = explain::witnessGraph(x);
  if (!graph) {
    std::cerr << "mcm explain: no execution ends in " << x.outcome << ", nothing to draw\n";
    return false;
  }
  const std::string dot = report::renderDot(*graph, opts.edgeattr);
  if (ea.dot && !(std::ofstream(*ea.dot) << dot)) {
    std::cerr << "mcm explain: cannot write " << *ea.dot << "\n";
    return false;
  }
  try {
    if (ea.svg) report::writeSvg(dot, *ea.svg);
  } catch (const std::runtime_error& e) {
    std::cerr << "mcm explain: " << e.what() << "\n";
    return false;
  }
  return true;
}

int explainCommand(const std::vector<std::string>& args) {
  ExplainArgs ea;
  HerdOptions opts;
  HerdSetup setup;
  try {
    ea = splitArgs(args);
    opts = parseHerdArgs(ea.herdArgs);
    if (opts.files.empty()) throw OptionError{"no litmus test given"};
    if ((ea.dot || ea.svg) && opts.files.size() > 1) throw OptionError{"--dot and --svg draw one test, not " + std::to_string(opts.files.size())};
    setup = loadHerdSetup(opts);
  } catch (const OptionError& e) {
    std::cerr << "mcm explain: " << e.message << "\n";
    return 2;
  } catch (const Diagnostic& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  int status = 0;
  nlohmann::json all = nlohmann::json::array();
  for (const auto& file : opts.files) {
    try {
      const litmus::Test parsed = litmus::parseLitmusFile(file);
      const litmus::Test expanded = macros::expandMacros(parsed, setup.macros());
      const auto x = explain::explainTest(parsed, expanded, setup.model, setup.options, ea.request);
      if (ea.json) all.push_back(explain::renderJson(x));
      else std::cout << explain::renderText(x) << (opts.files.size() > 1 ? "\n" : "") << std::flush;
      if ((ea.dot || ea.svg) && !draw(x, ea, opts)) status = 2;
    } catch (const Diagnostic& e) {
      std::cerr << e.what() << "\n";
      status = 2;
    }
  }
  if (ea.json) std::cout << nlohmann::json{{"explanations", std::move(all)}}.dump(2) << "\n";
  return status;
}

}  // namespace

void registerExplainCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("explain", "Why an outcome is forbidden, or how it happens (mcm explain T.litmus)");
  cmd->prefix_command();
  cmd->footer(
      "mcm explain TEST... [model options as mcm run] [--state \"0:r0=0; 1:r0=0;\"] [--all] [--json] [--svg FILE]\n"
      "  Explains the outcome of the test's condition (or the final state given with --state):\n"
      "  forbidden: the candidate executions ending in it, grouped by the first check that rejects\n"
      "  them, with a witness each (the check's evidence: a shortest cycle, the reflexive pair, the\n"
      "  elements, each edge as the base relations it is made of); allowed: one execution ending in it.\n"
      "  --all   every rejected candidate, not one witness per check\n"
      "  --json  one JSON document (schema/explain.schema.json)\n"
      "  --dot FILE, --svg FILE   draw the witness (or the allowed execution) as Graphviz DOT, or as SVG\n"
      "          rendered by Graphviz's dot (package graphviz): rf, co, fr, and the evidence in thick red\n"
      "Exit status: 0 if every test was explained, 2 on a bad test, option or --state.");
  cmd->callback([cmd] {
    int status = explainCommand(cmd->remaining());
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
