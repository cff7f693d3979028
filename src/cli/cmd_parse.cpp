// mcm parse FILE...: print what the front end understood of each litmus test.
#include <iostream>

#include "cli/commands.hpp"
#include "litmus/parser.hpp"
#include "litmus/printer.hpp"

namespace mcm::cli {

void registerParseCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("parse", "Parse litmus tests and print their canonical rendering");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("files", *files, "Litmus test files")->required();
  cmd->callback([files] {
    bool failed = false;
    bool first = true;
    for (const auto& path : *files) {
      try {
        std::string text = litmus::renderCanonical(litmus::parseLitmusFile(path));
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
