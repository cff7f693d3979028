// `mcm corpus PATH... [-j N] [--timeout S] [--memory MB] [--oracle FILE.tsv] [--report FILE]
//  [--shard I/N] [herd7 model options]`: runs every litmus test under the paths on all
// cores, judges each against its `Result:` line (as the kernel's judgelitmus.sh does)
// and, with an oracle, against herd7's own results; prints a summary. Exit status 1
// when anything mismatches, 2 on a bad command line.
// `mcm corpus --merge REPORT.json... [--report FILE] [--known-differences FILE]`
// merges the JSON reports of shards into the summary, report and status one run gives.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/command_args.hpp"
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
  int shardIndex = 1, shardCount = 1;  // --shard I/N
  bool merge = false;                  // --merge: herdArgs are JSON reports
  std::vector<std::string> herdArgs;   // model options and the paths
};

// "I/N" with 1 <= I <= N.
std::pair<int, int> parseShard(const std::string& text) {
  int index = 0, count = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &index, &slash, &count, &extra) != 3 || slash != '/' || count < 1 ||
      index < 1 || index > count)
    throw OptionError{"--shard needs I/N with 1 <= I <= N (e.g. 2/4), got '" + text + "'"};
  return {index, count};
}

CorpusOptions parseCorpusArgs(const std::vector<std::string>& args) {
  CorpusOptions o;
  o.workers = defaultWorkerOptions();
  for (ArgCursor arg(args); arg.next();) {
    const std::string& a = arg.current();
    if (arg.workerOption(o.workers)) continue;
    if (a == "--oracle") o.oracle = arg.value();
    else if (a == "--oracle-only") o.oracleOnly = true;
    else if (a == "--known-differences") o.known = arg.value();
    else if (a == "--report") o.report = arg.value();
    else if (a == "--shard") std::tie(o.shardIndex, o.shardCount) = parseShard(arg.value());
    else if (a == "--merge") o.merge = true;
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

// Ends a run: summary on stdout, the report if asked for; returns the exit status.
int finish(const std::vector<corpus::TestRecord>& records, const corpus::References& refs, double wall,
           const std::string& report) {
  const bool clean = corpus::printSummary(std::cout, records, refs, wall);
  if (!report.empty()) {
    try {
      corpus::writeReport(report, records);
    } catch (const std::exception& e) {
      std::cerr << "mcm corpus: " << e.what() << "\n";
      return 2;
    }
  }
  return clean ? 0 : 1;
}

// A bad option or unreadable input: `mcm corpus: MESSAGE`, exit status 2.
int setupFailed(const std::string& message) {
  std::cerr << "mcm corpus: " << message << "\n";
  return 2;
}

// --merge: the shards' judgements as they were. Reports hold no wall time, so the
// summary's wall time is the tests' CPU time.
int mergeReports(const CorpusOptions& options) {
  corpus::References refs;
  std::vector<corpus::TestRecord> records;
  try {
    if (options.herdArgs.empty()) throw OptionError{"--merge needs the shards' JSON reports"};
    for (const auto& a : options.herdArgs)
      if (a.size() > 1 && a[0] == '-') throw OptionError{"--merge takes reports, --report and --known-differences, not " + a};
    if (!options.oracle.empty() || options.oracleOnly || options.shardCount != 1)
      throw OptionError{"--merge takes the judgements from the reports: no --oracle, --oracle-only or --shard"};
    if (!options.known.empty()) refs.known = corpus::readKnownDifferences(options.known);
    records = corpus::readJsonReports(options.herdArgs);
  } catch (const OptionError& e) {
    return setupFailed(e.message);
  } catch (const std::exception& e) {
    return setupFailed(e.what());
  }
  double cpu = 0;
  for (const auto& r : records) cpu += r.outcome.seconds;
  return finish(records, refs, cpu, options.report);
}

int runCorpusCommand(const std::vector<std::string>& args) {
  CorpusOptions options;
  HerdOptions herd;
  HerdSetup setup;
  std::vector<corpus::CorpusFile> files;
  corpus::References refs;
  try {
    options = parseCorpusArgs(args);
    if (options.merge) return mergeReports(options);
    herd = parseHerdArgs(options.herdArgs);
    if (herd.files.empty()) throw OptionError{"no path given"};
    setup = loadHerdSetup(herd);
    setup.options.extraThreads = &corpus::grantedThreads();  // idle jobs help the last tests
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
    files = corpus::shardOf(files, options.shardIndex, options.shardCount);
  } catch (const OptionError& e) {
    return setupFailed(e.message);
  } catch (const std::exception& e) {
    return setupFailed(e.what());
  }

  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  corpus::Progress progress(paths.size(), stderr);
  std::size_t done = 0, mismatches = 0;
  const auto start = std::chrono::steady_clock::now();
  std::vector<corpus::TestRecord> records(files.size());
  corpus::runInWorkers(
      paths, [&](const std::string& path) { return runOne(path, setup); }, options.workers,
      [&](std::size_t index, corpus::TestOutcome& outcome) {
        records[index] = corpus::judge(files[index], outcome, refs);
        outcome.output.clear();  // compared: not kept (see runInWorkers)
        outcome.output.shrink_to_fit();
        if (records[index].annotation.kind == corpus::Judgement::Kind::Mismatch ||
            (records[index].oracle && records[index].oracle->kind == corpus::Judgement::Kind::Mismatch))
          ++mismatches;
        progress.update(++done, mismatches);
      });
  progress.finish();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  return finish(records, refs, wall, options.report);
}

}  // namespace

void registerCorpusCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("corpus", "Run and judge every litmus test under the given paths, on all cores");
  cmd->prefix_command();
  cmd->set_help_flag("--help", "Print this help message and exit");  // not -h, which would catch -hexa
  cmd->footer(
      "mcm corpus PATH... [options] [herd7 model options: -conf, -I, -model, -bell, -macros, -variant]\n"
      "  -j N               parallel tests (default: all cores)\n"
      "  --timeout S        per-test wall-clock limit in seconds (default 60; 0: none)\n"
      "  --memory MB        per-test memory bound (default 4096)\n"
      "  --oracle FILE.tsv  also compare with herd7's results (and FILE.out's text, if present)\n"
      "  --oracle-only      run only the tests herd7 finished, according to the oracle\n"
      "  --known-differences FILE  KEY<TAB>annotation|herd7<TAB>REASON lines: explained differences\n"
      "  --report FILE      one row per test: TSV, or JSON if FILE ends in .json\n"
      "  --shard I/N        run only the I-th of N slices of the tests (every N-th by path, from\n"
      "                     the I-th on; 1 <= I <= N), e.g. one per machine or Slurm array task\n"
      "mcm corpus --merge SHARD.json... [--report FILE] [--known-differences FILE]\n"
      "                     merge the shards' JSON reports: the summary, report and exit status\n"
      "                     of one run over all the tests (wall time: the shards' CPU time)\n"
      "Exit status: 0 when nothing mismatched (known differences aside), 1 otherwise, 2 bad command line.");
  cmd->callback([cmd] {
    const int status = runCorpusCommand(cmd->remaining());
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
