// mcm: a toolkit for memory consistency models (herd7-compatible).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  // Linked or installed as `herd7`, mcm is `mcm run`, so herd7's users need no change.
  // Likewise `mselect7` is `mcm select`.
  const std::string invokedAs = argc > 0 ? std::filesystem::path(argv[0]).filename().string() : "";
  if (invokedAs == "herd7") return mcm::cli::runHerdCommand(std::vector<std::string>(argv + 1, argv + argc));
  if (invokedAs == "mselect7") return mcm::cli::runSelectCommand(std::vector<std::string>(argv + 1, argv + argc));
  CLI::App app{"mcm: memory consistency model toolkit (herd7-compatible)", "mcm"};
  app.require_subcommand(1);
  // Registering a command's options costs start-up time (most of a small run's is spent
  // before the test): only the command named is registered; all are for help or a typo.
  const std::vector<std::pair<std::string_view, void (*)(CLI::App&)>> commands{
      {"parse", mcm::cli::registerParseCommand},     {"cat-check", mcm::cli::registerCatCheckCommand},
      {"hw", mcm::cli::registerHwCommand},           {"run", mcm::cli::registerRunCommand},
      {"explain", mcm::cli::registerExplainCommand}, {"corpus", mcm::cli::registerCorpusCommand},
      {"model", mcm::cli::registerModelCommand},     {"compare", mcm::cli::registerCompareCommand},
      {"membarrier-expand", mcm::cli::registerMembarrierExpandCommand},
      {"select", mcm::cli::registerSelectCommand}};
  const std::string_view named = argc > 1 ? argv[1] : "";
  const bool known = std::any_of(commands.begin(), commands.end(), [&](const auto& c) { return c.first == named; });
  for (const auto& [name, registerCommand] : commands)
    if (!known || name == named) registerCommand(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
