// `mcm compare A B PATH... [-j N] [--timeout S] [--memory MB] [--json] [-I DIR]`:
// which final states each model allows that the other forbids, test by test,
// and a verdict on switching from one model to the other. A model is an
// embedded one by name (lkmm, sc, tso), a .cat file, or `-conf FILE.cfg`.
// Exit status: 0 when every test was compared, 1 when some could not be, 2 on
// a bad command line or model.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command_args.hpp"
#include "cli/commands.hpp"
#include "cli/herd_options.hpp"
#include "cli/herd_setup.hpp"
#include "compare/compare.hpp"
#include "compare/exhaustive.hpp"
#include "compare/minimize.hpp"
#include "corpus/corpus.hpp"
#include "corpus/progress.hpp"
#include "corpus/workers.hpp"
#include "litmus/parser.hpp"
#include "models/models.hpp"
#include "support/file_names.hpp"

namespace mcm::cli {
namespace {

struct ModelSpec {
  std::string label;  // as the user wrote it
  bool isConf = false;
};

struct CompareOptions {
  corpus::WorkerOptions workers;
  bool json = false;
  int exhaustive = 0;                    // --exhaustive N: every program of at most N events
  std::vector<std::string> vocabulary;   // --vocabulary a,b,...: its instructions
  bool enumerate = false;                // --enumerate: run the programs even when the models' text proves the answer
  std::string minimizeDir;               // --minimize DIR: a smallest distinguishing variant per test
  std::vector<std::string> includeDirs;
  std::vector<ModelSpec> models;  // A, B
  std::vector<std::string> paths;
};

CompareOptions parseCompareArgs(const std::vector<std::string>& args) {
  CompareOptions o;
  o.workers = defaultWorkerOptions();
  for (ArgCursor arg(args); arg.next();) {
    const std::string& a = arg.current();
    if (arg.workerOption(o.workers)) continue;
    if (a == "--json") o.json = true;
    else if (a == "--exhaustive") o.exhaustive = static_cast<int>(arg.number(1));
    else if (a == "--enumerate") o.enumerate = true;
    else if (a == "--minimize") o.minimizeDir = arg.value();
    else if (a == "--vocabulary") {
      std::stringstream parts(arg.value());
      for (std::string part; std::getline(parts, part, ',');)
        if (!part.empty()) o.vocabulary.push_back(part);
    }
    else if (a == "-I") o.includeDirs.push_back(arg.value());
    else if (a == "-conf" || a == "--conf") {
      if (o.models.size() == 2) throw OptionError{"-conf: two models are given already"};
      o.models.push_back({arg.value(), true});
    } else if (a.size() > 1 && a[0] == '-') throw OptionError{"unknown option " + a};
    else if (o.models.size() < 2) o.models.push_back({a, a.ends_with(".cfg")});
    else o.paths.push_back(a);
  }
  if (o.models.size() < 2) throw OptionError{"two models are needed: mcm compare A B PATH..."};
  if (o.paths.empty() && o.exhaustive == 0) throw OptionError{"no litmus test or directory given"};
  if (!o.paths.empty() && o.exhaustive > 0) throw OptionError{"--exhaustive takes no litmus tests"};
  return o;
}

compare::Side loadSide(const ModelSpec& spec, const std::vector<std::string>& includeDirs) {
  HerdSetup setup = loadNamedModel(spec.label, spec.isConf, includeDirs);
  // It would allow every execution: "stronger"/"weaker" would say nothing about it.
  if (!cat::hasChecks(*setup.model))
    throw OptionError{"model '" + spec.label + "' defines no checks (acyclic, irreflexive or empty): it allows every execution"};
  return {spec.label, setup.model, setup.macroTable, setup.options};
}

// A test the worker could not finish (timeout, memory, crash) fails for both models.
compare::TestComparison fromOutcome(const std::string& path, const corpus::TestOutcome& outcome) {
  if (outcome.status == corpus::TestOutcome::Status::Ok)
    return compare::comparisonFromJson(nlohmann::json::parse(outcome.output));
  compare::TestComparison c;
  c.path = path;
  const std::string why = outcome.error.empty() ? corpus::statusName(outcome.status) : outcome.error;
  c.error = {why, why};
  return c;
}

// The architecture of the tests a model is meant for: an embedded ISA model's, else C.
std::string modelArch(const ModelSpec& spec, const std::vector<std::string>& includeDirs) {
  const models::EmbeddedModel* embedded = models::findEmbeddedModel(spec.label);
  return !spec.isConf && embedded && !findInDirs(spec.label, includeDirs) ? embedded->arch : "C";
}

std::vector<compare::Instruction> vocabularyOf(const std::vector<std::string>& names, const std::string& arch) {
  if (names.empty()) return compare::defaultVocabulary(arch);
  std::vector<compare::Instruction> chosen;
  const auto known = compare::knownInstructions();
  for (const auto& name : names) {
    auto it = std::find_if(known.begin(), known.end(), [&](const auto& i) { return i.name == name; });
    if (it == known.end()) {
      std::string all;
      for (const auto& i : known) all += (all.empty() ? "" : ", ") + i.name;
      throw OptionError{"--vocabulary: unknown instruction '" + name + "' (known: " + all + ")"};
    }
    if (!chosen.empty() && it->arch != chosen.front().arch)
      throw OptionError{"--vocabulary: " + name + " is a " + it->arch + " instruction, " + chosen.front().name +
                        " a " + chosen.front().arch + " one: one architecture at a time"};
    chosen.push_back(*it);
  }
  return chosen;
}

// -j N: the programs split into N slices, each run in a worker process (no time limit);
// their results come back as JSON and merge into what one run gives.
compare::ExhaustiveResult exhaustiveInSlices(const CompareOptions& options, const std::array<compare::Side, 2>& sides,
                                             const std::vector<compare::Instruction>& vocabulary) {
  const int count = options.workers.jobs;
  std::vector<std::string> slices;
  for (int i = 0; i < count; ++i) slices.push_back(std::to_string(i));
  corpus::WorkerOptions workers = options.workers;
  workers.timeoutSeconds = 0;
  const auto outcomes = corpus::runInWorkers(
      slices,
      [&](const std::string& slice) {
        const auto r = compare::exhaustiveCompare(sides[0], sides[1], options.exhaustive, vocabulary, {},
                                                  {std::stoi(slice), count});
        corpus::TestOutcome o;
        o.output = nlohmann::json{{"maxEvents", r.maxEvents},
                                  {"programs", r.programs},
                                  {"executions", r.executions},
                                  {"counterexample", r.counterexample ? *r.counterexample : ""},
                                  {"state", r.counterexampleState},
                                  {"events", r.counterexampleEvents},
                                  {"index", r.counterexampleIndex}}
                       .dump();
        return o;
      },
      workers, [](std::size_t, const corpus::TestOutcome&) {});
  std::vector<compare::ExhaustiveResult> results;
  for (const auto& o : outcomes) {
    if (o.status != corpus::TestOutcome::Status::Ok)
      throw std::runtime_error("a slice of the exhaustive comparison failed: " + o.error);
    const auto j = nlohmann::json::parse(o.output);
    compare::ExhaustiveResult r;
    r.maxEvents = j["maxEvents"];
    r.programs = j["programs"];
    r.executions = j["executions"];
    if (const std::string text = j["counterexample"]; !text.empty()) r.counterexample = text;
    r.counterexampleState = j["state"];
    r.counterexampleEvents = j["events"];
    r.counterexampleIndex = j["index"];
    results.push_back(std::move(r));
  }
  return compare::mergeSlices(results);
}

int runExhaustive(const CompareOptions& options, const std::array<compare::Side, 2>& sides) {
  if (!compare::shareEnumeration(sides[0], sides[1])) {
    std::cerr << "mcm compare: --exhaustive needs two models that read tests the same way (same .def and variants)\n";
    return 2;
  }
  const std::string arch0 = modelArch(options.models[0], options.includeDirs);
  const std::string arch = arch0 == modelArch(options.models[1], options.includeDirs) ? arch0 : "C";
  const auto vocabulary = vocabularyOf(options.vocabulary, arch);
  const std::string& a = sides[0].label;
  const std::string& b = sides[1].label;
  if (!options.enumerate)
    if (const auto proof = compare::provenStronger(sides[0], sides[1])) {
      std::cout << fmt::format(
          "{} is stronger than {} for every execution of at most {} events, and of any size (proved from the "
          "models' text: 0 executions checked)\nWhy:\n",
          a, b, options.exhaustive);
      for (const auto& reason : *proof) std::cout << "  - " << reason << "\n";
      return 0;
    }
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  const auto result = options.workers.jobs > 1
                          ? exhaustiveInSlices(options, sides, vocabulary)
                          : compare::exhaustiveCompare(sides[0], sides[1], options.exhaustive, vocabulary,
                                                       [&](int events, long long programs) {
                                                         if (events > 1)
                                                           std::cerr << fmt::format(
                                                               "up to {} events: {} programs, {:.1f} s\n", events - 1,
                                                               programs, seconds());
                                                       });
  if (!result.counterexample) {
    std::cerr << fmt::format("up to {} events: {} programs, {:.1f} s\n", options.exhaustive, result.programs, seconds());
    std::cout << fmt::format("{} is stronger than {} for every execution of at most {} events ({} executions checked)\n",
                             a, b, options.exhaustive, result.executions);
    return 0;
  }
  std::cout << fmt::format("Counterexample: {} allows, {} forbids, with {} events: {}\n", a, b,
                           result.counterexampleEvents, result.counterexampleState)
            << *result.counterexample;
  return 0;
}

// --minimize DIR: for every C or RISC-V test the models disagree on, a smallest variant
// that still separates them, as DIR/<test file name> (in parallel, bounded like
// the comparisons; a test whose minimisation runs out of time gets no file).
void writeMinimized(const std::vector<compare::TestComparison>& tests, const std::array<compare::Side, 2>& sides,
                    const CompareOptions& options) {
  std::vector<std::string> differing;
  for (const auto& t : tests)
    if (t.ran() && (!t.only[0].empty() || !t.only[1].empty()) && !t.path.ends_with(".S")) differing.push_back(t.path);
  std::error_code ec;
  std::filesystem::create_directories(options.minimizeDir, ec);
  const auto outcomes = corpus::runInWorkers(
      differing,
      [&](const std::string& path) {
        corpus::TestOutcome o;
        std::ifstream in(path, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        const auto m = litmus::architectureOf(text.substr(0, text.find('\n'))) == "RISCV"
                           ? compare::minimizeRiscvDifference(text, path, sides[0], sides[1])
                           : compare::minimizeDifference(litmus::parseLitmusText(text, path), sides[0], sides[1]);
        if (!m) return o;
        const auto file = fileInside(options.minimizeDir, std::filesystem::path(path).filename().string(), "");
        std::ofstream(file) << m->text;
        o.output = fmt::format("{}: {} thread(s), {} statement(s); only {} allows its exists clause",
                               file.string(), m->threads, m->statements, sides[m->allowedBy].label);
        return o;
      },
      options.workers, [](std::size_t, const corpus::TestOutcome&) {});
  std::size_t written = 0;
  for (const auto& o : outcomes)
    if (o.status == corpus::TestOutcome::Status::Ok && !o.output.empty()) {
      std::cerr << "minimized " << o.output << "\n";
      ++written;
    }
  std::cerr << "mcm compare: " << written << " of " << differing.size() << " distinguishing tests minimized into "
            << options.minimizeDir << "\n";
}

int runCompareCommand(const std::vector<std::string>& args) {
  CompareOptions options;
  std::array<compare::Side, 2> sides;
  std::vector<corpus::CorpusFile> files;
  try {
    options = parseCompareArgs(args);
    for (int i = 0; i < 2; ++i) sides[i] = loadSide(options.models[i], options.includeDirs);
    if (options.exhaustive > 0) return runExhaustive(options, sides);
    files = corpus::findLitmusFiles(options.paths);
  } catch (const OptionError& e) {
    std::cerr << "mcm compare: " << e.message << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "mcm compare: " << e.what() << "\n";
    return 2;
  }

  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  corpus::Progress progress(paths.size(), stderr);
  std::size_t done = 0, differing = 0;
  // Each test runs in a worker process; its comparison comes back as JSON in TestOutcome::output.
  const auto outcomes = corpus::runInWorkers(
      paths,
      [&](const std::string& path) {
        corpus::TestOutcome o;
        o.output = compare::toJson(compare::compareTest(path, sides[0], sides[1])).dump();
        return o;
      },
      options.workers,
      [&](std::size_t index, const corpus::TestOutcome& outcome) {
        const auto c = fromOutcome(paths[index], outcome);
        if (!c.ran() || !c.only[0].empty() || !c.only[1].empty()) ++differing;
        progress.update(++done, differing);
      });
  progress.finish();

  std::vector<compare::TestComparison> tests;
  bool allCompared = true;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    tests.push_back(fromOutcome(paths[i], outcomes[i]));
    allCompared = allCompared && tests.back().ran();
  }
  if (options.json) std::cout << compare::reportJson(tests, sides[0].label, sides[1].label).dump(2) << "\n";
  else compare::printReport(std::cout, tests, sides[0].label, sides[1].label);
  if (!options.minimizeDir.empty()) writeMinimized(tests, sides, options);
  return allCompared ? 0 : 1;
}

}  // namespace

void registerCompareCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("compare", "Compare two models on litmus tests: the states only one allows, and a verdict");
  cmd->prefix_command();
  cmd->footer(
      "mcm compare A B PATH... [options]\n"
      "  A, B               an embedded model (mcm model list), a .cat file, a .cfg file, or -conf FILE.cfg\n"
      "  -I DIR             where model files are searched\n"
      "  -j N               parallel tests (default: all cores)\n"
      "  --timeout S        per-test wall-clock limit in seconds (default 60; 0: none)\n"
      "  --memory MB        per-test memory bound (default 4096)\n"
      "  --json             the report as JSON\n"
      "mcm compare A B --exhaustive N [--vocabulary LIST] [--enumerate]\n"
      "  every program of at most N events (up to thread order and location renaming) over the vocabulary\n"
      "  (default once-read,once-write,acquire,release,mb,rmb,wmb; also xchg, xchg-relaxed, xchg-acquire,\n"
      "  xchg-release; for two RISC-V models (rvwmo, rvtso) lw,sw,lw.aq,sw.rl,fence.rw.rw,fence.r.r,fence.w.w,\n"
      "  fence.tso; also fence.r.rw, fence.rw.w, amoswap.w[.aq|.rl|.aqrl]): proves A stronger than B for\n"
      "  them, or prints the smallest counterexample as a test. When the models' text alone shows that\n"
      "  every execution A allows B allows (B's checks are A's, or follow from them), that proof is\n"
      "  printed instead, for executions of any size; --enumerate runs the programs all the same\n"
      "Both models judge the same candidate executions when they read tests the same way (same macros,\n"
      "variants): one enumeration per test. The last line begins `Verdict: A is stronger than B`,\n"
      "`... weaker ...`, `Verdict: A and B are equivalent` or `... incomparable`.\n"
      "Exit status: 0 when every test was compared, 1 when some could not be, 2 bad command line or model.");
  cmd->callback([cmd] {
    const int status = runCompareCommand(cmd->remaining());
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
