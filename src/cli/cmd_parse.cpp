// mcm parse [--expand] [--def FILE] FILE...: print what the front end understood
// of each litmus test, optionally after .def macro expansion.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "litmus/parser.hpp"
#include "litmus/printer.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"

namespace mcm::cli {

namespace {

struct ParseOptions {
  std::vector<std::string> files;
  bool expand = false;
  std::string defPath;
};

}  // namespace

void registerParseCommand(CLI::App& app) {
  auto options = std::make_shared<ParseOptions>();
  auto* cmd = app.add_subcommand("parse", "Parse litmus tests and print their canonical rendering");
  cmd->add_option("files", options->files, "Litmus test files")->required();
  cmd->add_flag("--expand", options->expand, "Expand .def macros into herd's primitives (built-in LKMM def)");
  cmd->add_option("--def", options->defPath, "Expand with this .def file instead of the built-in one");
  cmd->callback([options] {
    bool failed = false;
    bool first = true;
    std::shared_ptr<const macros::MacroTable> table;
    try {
      if (!options->defPath.empty())
        table = std::make_shared<const macros::MacroTable>(macros::loadDefFile(options->defPath));
      else if (options->expand)
        table = models::defaultModel().macros();
    } catch (const Diagnostic& d) {
      std::cerr << d.what() << "\n";
      throw CLI::RuntimeError(2);
    }
    for (const auto& path : options->files) {
      try {
        litmus::Test test = litmus::parseLitmusFile(path);
        if (table) test = macros::expandMacros(test, *table);
        std::string text = litmus::renderCanonical(test);
        if (!first) std::cout << "\n";
        first = false;
        std::cout << text;
      } catch (const Diagnostic& d) {
        std::cerr << d.what() << "\n";
        failed = true;
      }
    }
    std::cout.flush();
    if (failed) throw CLI::RuntimeError(2);
  });
}

}  // namespace mcm::cli
