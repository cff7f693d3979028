#pragma once
// Each `mcm` subcommand lives in its own file and registers itself on the app.
// A command's callback throws CLI::RuntimeError(status) to set the exit status.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace mcm::cli {

void registerParseCommand(CLI::App& app);     // mcm parse FILE...
void registerCatCheckCommand(CLI::App& app);  // mcm cat-check FILE.cat [-I DIR]... [--bell FILE]
void registerHwCommand(CLI::App& app);        // mcm hw FILE... [-n ITERATIONS] [-s SIZE] [--cpus LIST] ...
void registerMembarrierExpandCommand(CLI::App& app);  // mcm membarrier-expand TEST DIR [--max-placements N]

void registerCorpusCommand(CLI::App& app);    // mcm corpus PATH... [-j N] [--timeout S] [--oracle FILE.tsv] [--report FILE]
void registerCompareCommand(CLI::App& app);   // mcm compare A B PATH... [-j N] [--json]
void registerModelCommand(CLI::App& app);     // mcm model list | mcm model export DIR [NAME]
void registerRunCommand(CLI::App& app);       // mcm run [herd7 options] FILE...
void registerExplainCommand(CLI::App& app);   // mcm explain FILE... [model options] [--state S] [--all] [--json]
// `mcm run` on its arguments (herd7's options, then files); returns the exit status.
// Also what the `herd7` alias runs.
int runHerdCommand(const std::vector<std::string>& args);

void registerSelectCommand(CLI::App& app);    // mcm select [-arch A]... [-q] [FILE...]
// `mcm select` on its arguments; also what the `mselect7` alias runs.
int runSelectCommand(const std::vector<std::string>& args);

}  // namespace mcm::cli
