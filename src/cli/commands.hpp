#pragma once
// Each `mcm` subcommand lives in its own file and registers itself on the app.
// A command's callback throws CLI::RuntimeError(status) to set the exit status.
#include <CLI/CLI.hpp>

namespace mcm::cli {

void registerParseCommand(CLI::App& app);     // mcm parse FILE...
void registerCatCheckCommand(CLI::App& app);  // mcm cat-check FILE.cat [-I DIR]... [--bell FILE]

}  // namespace mcm::cli
