// `mcm model list` and `mcm model export DIR [NAME]`: the embedded model library
// (src/models/), written out as plain herd7 files.
#include <iostream>
#include <stdexcept>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "models/models.hpp"

namespace mcm::cli {

void registerModelCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("model", "The embedded models: list them, export them as herd7 files");
  cmd->require_subcommand(1);

  auto* list = cmd->add_subcommand("list", "List the embedded models (usable as -model NAME)");
  list->callback([] {
    for (const auto& m : models::embeddedModels())
      std::cout << fmt::format("{:<6} {}{}\n", m.name, m.summary, &m == &models::defaultModel() ? " (default)" : "");
  });

  struct ExportArgs {
    std::string dir;
    std::string name = models::defaultModel().name;
  };
  auto args = std::make_shared<ExportArgs>();
  auto* exp = cmd->add_subcommand(
      "export", "Write NAME.cfg, NAME's .cat/.bell files and its .def into DIR (herd7 -conf DIR/NAME.cfg runs it)");
  exp->add_option("dir", args->dir, "Directory to write into (created if missing)")->required();
  exp->add_option("name", args->name, "Model name (default: " + args->name + ")");
  exp->callback([args] {
    const models::EmbeddedModel* model = models::findEmbeddedModel(args->name);
    if (!model) {
      std::string known;
      for (const auto& m : models::embeddedModels()) known += (known.empty() ? "" : ", ") + m.name;
      std::cerr << "mcm model export: unknown model '" << args->name << "' (embedded models: " << known << ")\n";
      throw CLI::RuntimeError(2);
    }
    try {
      for (const auto& path : models::exportModel(*model, args->dir)) std::cout << path << "\n";
    } catch (const std::runtime_error& e) {
      std::cerr << "mcm model export: " << e.what() << "\n";
      throw CLI::RuntimeError(2);
    }
  });
}

}  // namespace mcm::cli
