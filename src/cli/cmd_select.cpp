// `mcm select [-arch A]... [-q] [-v] [FILE...]`, and the `mselect7` alias: herd's
// mselect7 test selection by architecture. Prints the paths (from the arguments,
// else one per line on stdin) of the tests whose architecture, the first word of
// the file, is one of the -arch tags (any, without -arch). The kernel's history
// scripts run `find litmus -name '*.litmus' | mselect7 -arch C`.
//
// A file that cannot be read or has no known architecture is reported on stderr
// and skipped, as mselect7 does. With -q nothing is printed: the exit status says
// whether the first test is selected (0) or not (1).
#include <array>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>

#include "cli/commands.hpp"

namespace mcm::cli {
namespace {

// herd's architecture tags (herdtools7 lib/archs.ml), as tests spell them.
constexpr std::array kArchitectures = {"X86", "X86_64", "PPC", "ARM", "AArch64", "MIPS", "RISCV",
                                       "C", "CPP", "LISA", "JAVA", "BPF", "ASL"};

bool isArchitecture(const std::string& word) {
  for (const char* arch : kArchitectures)
    if (word == arch) return true;
  return false;
}

// The test's architecture, or nullopt after reporting why there is none.
std::optional<std::string> architectureOf(const std::string& path) {
  std::ifstream in(path);
  std::string word;
  if (!in) {
    std::cerr << path << ": error: cannot open file\n";
    return std::nullopt;
  }
  if (!(in >> word) || !isArchitecture(word)) {
    std::cerr << path << ":1:1: error: expected an architecture name such as C, found '" << word << "'\n";
    return std::nullopt;
  }
  return word;
}

}  // namespace

int runSelectCommand(const std::vector<std::string>& args) {
  std::set<std::string> archs;
  std::vector<std::string> files;
  bool quiet = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-arch" || a == "--arch") {
      if (i + 1 >= args.size()) {
        std::cerr << "mcm select: option -arch needs a value\n";
        return 2;
      }
      const std::string& arch = args[++i];
      if (!isArchitecture(arch)) {
        std::cerr << "mcm select: -arch " << arch << ": not an architecture (X86, X86_64, PPC, ARM, AArch64, "
                  << "MIPS, RISCV, C, CPP, LISA, JAVA, BPF, ASL)\n";
        return 2;
      }
      archs.insert(arch);
    } else if (a == "-q") {
      quiet = true;
    } else if (a == "-v") {
      // mselect7's verbosity only traces its parser; nothing to add here.
    } else if (a.size() > 1 && a[0] == '-') {
      std::cerr << "mcm select: unknown option " << a << " (mcm select knows -arch, -q and -v)\n";
      return 2;
    } else {
      files.push_back(a);
    }
  }
  const auto selected = [&](const std::string& path) {
    const auto arch = architectureOf(path);
    return arch && (archs.empty() || archs.contains(*arch));
  };
  const auto consider = [&](const std::string& path) -> std::optional<int> {
    const bool ok = selected(path);
    if (quiet) return ok ? 0 : 1;
    if (ok) std::cout << path << '\n';
    return std::nullopt;
  };
  if (files.empty()) {
    for (std::string line; std::getline(std::cin, line);) {
      if (line.empty()) continue;
      if (const auto status = consider(line)) return *status;
    }
  } else {
    for (const auto& path : files)
      if (const auto status = consider(path)) return *status;
  }
  return 0;
}

void registerSelectCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("select", "Print the tests of the given architectures, as herd's mselect7");
  cmd->prefix_command();
  cmd->set_help_flag("--help", "Print this help message and exit");  // not -h, which would catch -hexa
  cmd->footer(
      "mcm select [-arch A]... [-q] [FILE...]   (paths on stdin, one a line, when no FILE is given)\n"
      "  -arch A   keep the tests whose architecture (their first word) is A: C, RISCV, LISA, AArch64, ...;\n"
      "            may be repeated; without it every test with an architecture is kept\n"
      "  -q        print nothing: exit 0 if the first test is selected, 1 if not\n"
      "Unreadable files and files without an architecture are reported on stderr and skipped.\n"
      "`build/mselect7` is a link to mcm that behaves as `mcm select`.");
  cmd->callback([cmd] {
    if (const int status = runSelectCommand(cmd->remaining()); status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
