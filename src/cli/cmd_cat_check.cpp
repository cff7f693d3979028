// `mcm cat-check FILE.cat [-I DIR]... [--bell FILE]`: loads a cat model with its
// includes (parse, resolve names, check types) and reports the first error.
#include <iostream>

#include "cat/model.hpp"
#include "cli/commands.hpp"

namespace mcm::cli {

void registerCatCheckCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("cat-check", "Parse and type-check a cat model and its includes");
  struct Args {
    std::string file, bell;
    std::vector<std::string> includeDirs;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("file", args->file, "Model file (.cat)")->required();
  cmd->add_option("-I", args->includeDirs, "Directory searched by include (after the including file's own)");
  cmd->add_option("--bell", args->bell, "Bell file loaded before the model");
  cmd->callback([args] {
    try {
      cat::loadModel(args->file, args->includeDirs, args->bell);
      std::cout << args->file << ": ok\n";
    } catch (const Diagnostic& d) {
      std::cout.flush();
      std::cerr << d.what() << "\n";
      throw CLI::RuntimeError(2);
    }
  });
}

}  // namespace mcm::cli
