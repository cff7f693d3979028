// mcm parse [--expand] [--def FILE] FILE...: print what the front end understood
// of each litmus test, optionally after .def macro expansion.
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "litmus/parser.hpp"
#include "litmus/printer.hpp"
#include "macros/macros.hpp"

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
    std::optional<macros::MacroTable> loaded;
    const macros::MacroTable* table = nullptr;
    try {
      if (!options->defPath.empty()) {
        loaded = macros::loadDefFile(options->defPath);
        table = &*loaded;
      } else if (options->expand) {
        table = &macros::builtinLkmmMacros();
      }
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
