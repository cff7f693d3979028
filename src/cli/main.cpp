// mcm: a toolkit for memory consistency models (herd7-compatible).
#include <CLI/CLI.hpp>

#include <filesystem>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  // Linked or installed as `herd7`, mcm is `mcm run`, so herd7's users need no change.
  // Likewise `mselect7` is `mcm select`.
  const std::string invokedAs = argc > 0 ? std::filesystem::path(argv[0]).filename().string() : "";
  if (invokedAs == "herd7") return mcm::cli::runHerdCommand(std::vector<std::string>(argv + 1, argv + argc));
  if (invokedAs == "mselect7") return mcm::cli::runSelectCommand(std::vector<std::string>(argv + 1, argv + argc));
  CLI::App app{"mcm: memory consistency model toolkit (herd7-compatible)", "mcm"};
  app.require_subcommand(1);
  mcm::cli::registerParseCommand(app);
  mcm::cli::registerCatCheckCommand(app);
  mcm::cli::registerHwCommand(app);
  mcm::cli::registerRunCommand(app);
  mcm::cli::registerExplainCommand(app);
  mcm::cli::registerCorpusCommand(app);
  mcm::cli::registerModelCommand(app);
  mcm::cli::registerCompareCommand(app);
  mcm::cli::registerMembarrierExpandCommand(app);
  mcm::cli::registerSelectCommand(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
