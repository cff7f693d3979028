// `mcm corpus PATH... [-j N] [--timeout S] [--memory MB] [--oracle FILE.tsv] [--report FILE]
//  [herd7 model options]`: runs every litmus test under the paths on all cores, judges
// each against its `Result:` line (as the kernel's judgelitmus.sh does) and, with an
// oracle, against herd7's own results; prints a summary. Exit status 1 when anything
// mismatches, 2 on a bad command line.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/herd_options.hpp"
#include "cli/herd_setup.hpp"
#include "corpus/corpus.hpp"
#include "corpus/progress.hpp"
#include "corpus/workers.hpp"
#include "support/diagnostic.hpp"

namespace mcm::cli {
namespace {

struct CorpusOptions {
  corpus::WorkerOptions workers;
  std::string oracle;
  bool oracleOnly = false;
  std::string known;
  std::string report;
  std::vector<std::string> herdArgs;  // model options and the paths
};

CorpusOptions parseCorpusArgs(const std::vector<std::string>& args) {
  CorpusOptions o;
  const unsigned cores = std::thread::hardware_concurrency();
  o.workers.jobs = cores > 0 ? static_cast<int>(cores) : 1;
  o.workers.timeoutSeconds = 60;
  o.workers.memoryLimitBytes = std::size_t{4} << 30;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw OptionError{a + " needs a value"};
      return args[++i];
    };
    const auto number = [&](double min) {
      const std::string& text = value();
      std::size_t used = 0;
      double v = 0;
      try {
        v = std::stod(text, &used);
      } catch (const std::exception&) {
      }
      if (used != text.size() || v < min) throw OptionError{fmt::format("{} needs a number >= {}, got '{}'", a, min, text)};
      return v;
    };
    if (a == "-j" || a == "--jobs") o.workers.jobs = static_cast<int>(number(1));
    else if (a == "--timeout") o.workers.timeoutSeconds = number(0);
    else if (a == "--memory") o.workers.memoryLimitBytes = static_cast<std::size_t>(number(64)) << 20;
    else if (a == "--oracle") o.oracle = value();
    else if (a == "--oracle-only") o.oracleOnly = true;
    else if (a == "--known-differences") o.known = value();
    else if (a == "--report") o.report = value();
    else o.herdArgs.push_back(a);
  }
  return o;
}

corpus::TestOutcome runOne(const std::string& path, const HerdSetup& setup) {
  corpus::TestOutcome outcome;
  try {
    FileRun run = runHerdFile(path, setup);
    outcome.annotation = run.test.result;
    outcome.output = std::move(run.text);
    corpus::readHerdText(outcome.output, outcome);
  } catch (const Diagnostic& e) {
    const bool notC = e.message().rfind("unsupported architecture", 0) == 0;
    outcome.status = notC ? corpus::TestOutcome::Status::Unsupported : corpus::TestOutcome::Status::Error;
    outcome.error = e.what();
  }
  return outcome;
}

int runCorpusCommand(const std::vector<std::string>& args) {
  CorpusOptions options;
  HerdOptions herd;
  HerdSetup setup;
  std::vector<corpus::CorpusFile> files;
  corpus::References refs;
  try {
    options = parseCorpusArgs(args);
    herd = parseHerdArgs(options.herdArgs);
    if (herd.files.empty()) throw OptionError{"no path given"};
    setup = loadHerdSetup(herd);
    files = corpus::findLitmusFiles(herd.files);
    if (!options.oracle.empty()) {
      refs.herdRows = corpus::readOracleTsv(options.oracle);
      const auto out = std::filesystem::path(options.oracle).replace_extension(".out");
      if (std::filesystem::exists(out)) refs.herdTexts = corpus::readOracleOutput(out.string());
    }
    if (options.oracleOnly) {
      if (options.oracle.empty()) throw OptionError{"--oracle-only needs --oracle"};
      std::erase_if(files, [&](const corpus::CorpusFile& f) {
        const auto row = refs.herdRows.find(f.key);
        return row == refs.herdRows.end() || row->second.status != "ok";
      });
    }
    if (!options.known.empty()) refs.known = corpus::readKnownDifferences(options.known);
  } catch (const OptionError& e) {
    std::cerr << "mcm corpus: " << e.message << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "mcm corpus: " << e.what() << "\n";
    return 2;
  }

  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  corpus::Progress progress(paths.size(), stderr);
  std::size_t done = 0, mismatches = 0;
  const auto start = std::chrono::steady_clock::now();
  const auto outcomes = corpus::runInWorkers(
      paths, [&](const std::string& path) { return runOne(path, setup); }, options.workers,
      [&](std::size_t index, const corpus::TestOutcome& outcome) {
        const auto record = corpus::judge(files[index], outcome, refs);
        if (record.annotation.kind == corpus::Judgement::Kind::Mismatch ||
            (record.oracle && record.oracle->kind == corpus::Judgement::Kind::Mismatch))
          ++mismatches;
        progress.update(++done, mismatches);
      });
  progress.finish();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<corpus::TestRecord> records;
  for (std::size_t i = 0; i < files.size(); ++i) records.push_back(corpus::judge(files[i], outcomes[i], refs));
  const bool clean = corpus::printSummary(std::cout, records, refs, wall);
  if (!options.report.empty()) {
    try {
      corpus::writeReport(options.report, records);
    } catch (const std::exception& e) {
      std::cerr << "mcm corpus: " << e.what() << "\n";
      return 2;
    }
  }
  return clean ? 0 : 1;
}

}  // namespace

void registerCorpusCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("corpus", "Run and judge every litmus test under the given paths, on all cores");
  cmd->prefix_command();
  cmd->footer(
      "mcm corpus PATH... [options] [herd7 model options: -conf, -I, -model, -bell, -macros, -variant]\n"
      "  -j N               parallel tests (default: all cores)\n"
      "  --timeout S        per-test wall-clock limit in seconds (default 60; 0: none)\n"
      "  --memory MB        per-test memory bound (default 4096)\n"
      "  --oracle FILE.tsv  also compare with herd7's results (and FILE.out's text, if present)\n"
      "  --oracle-only      run only the tests herd7 finished, according to the oracle\n"
      "  --known-differences FILE  KEY<TAB>annotation|herd7<TAB>REASON lines: explained differences\n"
      "  --report FILE      one row per test: TSV, or JSON if FILE ends in .json\n"
      "Exit status: 0 when nothing mismatched (known differences aside), 1 otherwise, 2 bad command line.");
  cmd->callback([cmd] {
    const int status = runCorpusCommand(cmd->remaining());
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
