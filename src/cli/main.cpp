// mcm: a toolkit for memory consistency models (herd7-compatible).
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"mcm: memory consistency model toolkit (herd7-compatible)", "mcm"};
  app.require_subcommand(1);
  mcm::cli::registerParseCommand(app);
  mcm::cli::registerCatCheckCommand(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
