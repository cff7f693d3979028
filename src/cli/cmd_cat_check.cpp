// `mcm cat-check [FILE.cat] [-conf FILE.cfg] [-I DIR]... [-bell FILE]`: loads a cat
// model with its includes (parse, resolve names, check types) and reports the
// first error. Options are herd7's (`--bell` and `-bell` alike); with -conf the
// .cfg's bell and search path are used, and its model when no FILE is given.
#include <filesystem>
#include <iostream>

#include "cat/model.hpp"
#include "cli/commands.hpp"
#include "cli/herd_options.hpp"

namespace mcm::cli {
namespace {

namespace fs = std::filesystem;

// An unbound name in a model that has a sibling FILE.bell not loaded: say so.
void hintAtBell(const Diagnostic& d, const std::string& model, const HerdOptions& opts) {
  if (opts.bell || d.message().rfind("unbound name", 0) != 0) return;
  const fs::path bell = fs::path(model).replace_extension(".bell");
  std::error_code ec;
  if (!fs::is_regular_file(bell, ec)) return;
  std::cerr << "hint: " << bell.string() << " may define it: add --bell " << bell.string()
            << ", or -conf with the model's .cfg\n";
}

int catCheck(const std::vector<std::string>& args) {
  HerdOptions opts;
  std::string model, bell;
  try {
    opts = parseHerdArgs(args);
    if (opts.files.size() > 1) throw OptionError{"one model at a time"};
    const std::string name = !opts.files.empty() ? opts.files[0] : opts.model.value_or("");
    if (name.empty()) throw OptionError{"no model given (FILE.cat, or -conf FILE.cfg naming one)"};
    const auto found = findInDirs(name, opts.includeDirs);
    if (!found) throw OptionError{"cannot find model file '" + name + "'"};
    model = *found;
    if (opts.bell) {
      const auto foundBell = findInDirs(*opts.bell, opts.includeDirs);
      if (!foundBell) throw OptionError{"cannot find bell file '" + *opts.bell + "'"};
      bell = *foundBell;
    }
  } catch (const OptionError& e) {
    std::cerr << "mcm cat-check: " << e.message << "\n";
    return 2;
  }
  try {
    cat::loadModel(model, opts.includeDirs, bell);
    std::cout << model << ": ok\n";
    return 0;
  } catch (const Diagnostic& d) {
    std::cout.flush();
    std::cerr << d.what() << "\n";
    hintAtBell(d, model, opts);
    return 2;
  }
}

}  // namespace

void registerCatCheckCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("cat-check", "Parse and type-check a cat model and its includes");
  cmd->prefix_command();
  cmd->set_help_flag("--help", "Print this help message and exit");  // not -h, which would catch -hexa
  cmd->footer(
      "mcm cat-check [FILE.cat] [-conf FILE.cfg] [-I DIR]... [-bell FILE.bell]\n"
      "  -conf FILE.cfg   use the bell, model and search path a herd7 .cfg names\n"
      "                   (e.g. -conf linux-kernel.cfg in the kernel's tools/memory-model)\n"
      "  -I DIR           where includes, .cfg and .bell files are searched (after the\n"
      "                   including file's own directory)\n"
      "  -bell FILE       bell file loaded before the model (--bell works too)\n"
      "Exit status: 0 and 'FILE: ok' for a good model, 2 and the positioned error otherwise.");
  cmd->callback([cmd] {
    if (const int status = catCheck(cmd->remaining()); status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
