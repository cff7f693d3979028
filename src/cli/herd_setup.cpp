#include "cli/herd_setup.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <iterator>
#include <thread>

#include "litmus/locations.hpp"
#include "litmus/parser.hpp"
#include "membarrier/membarrier.hpp"
#include "models/models.hpp"
#include "report/herd_hash.hpp"
#include "report/herd_text.hpp"
#include "riscv/parser.hpp"
#include "riscv/semantics.hpp"

namespace mcm::cli {

namespace {
std::string mustFind(const std::string& what, const std::string& name, const HerdOptions& opts) {
  auto path = findInDirs(name, opts.includeDirs);
  if (!path) throw OptionError{"cannot find " + what + " file '" + name + "'"};
  return *path;
}
}  // namespace

const macros::MacroTable& HerdSetup::macros() const { return *macroTable; }

HerdSetup loadHerdSetup(const HerdOptions& opts) {
  HerdSetup setup;
  // A model file found as named (or in -I dirs) wins; otherwise an embedded model by name.
  const std::optional<std::string> modelFile = opts.model ? findInDirs(*opts.model, opts.includeDirs) : std::nullopt;
  const models::EmbeddedModel* embedded =
      opts.model ? (modelFile ? nullptr : models::findEmbeddedModel(*opts.model)) : &models::defaultModel();
  if (embedded) {
    if (opts.bell && !opts.model) throw OptionError{"-bell needs -model: the embedded model has its own bell part"};
    if (opts.bell) throw OptionError{"-bell needs a model file: the embedded model " + embedded->name + " has its own bell part"};
    if (opts.verbose) std::cerr << "mcm: model: embedded " << embedded->name << "\n";
    setup.model = embedded->model();
    setup.modelName = "embedded " + embedded->name;
    setup.options.variants.insert(embedded->variants.begin(), embedded->variants.end());
  } else {
    std::string path = mustFind("model", *opts.model, opts);
    std::string bell = opts.bell ? mustFind("bell", *opts.bell, opts) : "";
    if (opts.verbose) std::cerr << "mcm: model " << path << (bell.empty() ? "" : ", bell " + bell) << "\n";
    setup.model = cat::loadModel(path, opts.includeDirs, bell, riscv::annotationSets());
    setup.modelName = path;
  }
  if (opts.macros) {
    std::string path = mustFind("macros", *opts.macros, opts);
    if (opts.verbose) std::cerr << "mcm: macros " << path << "\n";
    setup.macroTable = std::make_shared<const macros::MacroTable>(macros::loadDefFile(path));
  } else {
    const models::EmbeddedModel& from = embedded ? *embedded : models::defaultModel();
    if (opts.verbose) std::cerr << "mcm: macros: embedded " << from.def << "\n";
    setup.macroTable = from.macros();
  }
  setup.options.variants.insert(opts.variants.begin(), opts.variants.end());
  setup.options.unroll = opts.unroll;
  setup.modelGiven = opts.model.has_value();
  setup.options.checks = {opts.skipChecks, opts.strictSkip, opts.through};
  setup.options.throughFlag = opts.throughFlag;
  setup.options.speedcheck = opts.speedcheck;
  // More threads than cores only compete for them (asked only then: it reads /sys).
  setup.options.threads =
      opts.jobs > 1 ? std::min(opts.jobs, static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) : 1;
  if (opts.maxCandidates) setup.options.maxCandidates = *opts.maxCandidates;
  setup.text.hexa = opts.hexa;
  setup.text.candidates = opts.candidates;
  setup.options.countEveryCandidate = opts.candidates;
  setup.badFlag = opts.badFlag;
  setup.badExecs = opts.badExecs;
  setup.dumpEvents = opts.dumpEvents;
  setup.outcomeReads = opts.outcomeReads;
  setup.conds = opts.conds;
  setup.kinds = opts.kinds;
  return setup;
}

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Diagnostic(path, {}, "cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

// A RISC-V test: its own front end and semantics, the same engine and report.
FileRun runRiscvFile(const std::string& file, const std::string& text, const HerdSetup& setup) {
  const std::clock_t start = std::clock();
  FileRun run;
  if (setup.outcomeReads) throw OptionError{"-outcomereads true is implemented for C tests only, not " + file};
  const riscv::Test test = riscv::parseText(text, file);
  run.test = test.frame;
  // Without -model, a RISC-V test runs the embedded RVWMO, as herd7 runs riscv.cat.
  const auto model = setup.modelGiven ? setup.model : models::defaultModel("RISCV").model();
  run.result = exec::runTest(test.frame, riscv::threadSource(test), model, setup.options);
  run.seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
  report::HerdTextOptions options = setup.text;
  options.hash = report::herdHash(test.asWritten, riscv::hashCodeText(test));
  run.text = report::renderHerdText(run.test, run.result, run.seconds, options);
  return run;
}

// The test with its final condition replaced by `condition` (herd's -conds): the
// file's text up to its condition, then the new one, read again.
litmus::Test withCondition(const litmus::Test& test, const std::string& condition) {
  std::ifstream in(test.path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::size_t cut = text.size();
  if (test.condition) {
    std::size_t at = 0;
    for (int line = 1; line < test.condition->pos.line && at != std::string::npos; ++line) {
      at = text.find('\n', at);
      if (at != std::string::npos) ++at;
    }
    if (at != std::string::npos) cut = std::min(text.size(), at + test.condition->pos.col - 1);
  }
  return litmus::parseLitmusText(text.substr(0, cut) + "\n" + condition + "\n", test.path);
}

// The test as herd runs it with -conds/-kinds.
litmus::Test withOverrides(const litmus::Test& test, const HerdSetup& setup) {
  litmus::Test out = test;
  if (auto it = setup.conds.find(test.name); it != setup.conds.end()) out = withCondition(test, it->second);
  if (auto it = setup.kinds.find(test.name); it != setup.kinds.end()) {
    out.condition = report::effectiveCondition(out);
    out.condition->quantifier = *kindQuantifier(it->second);
  }
  return out;
}

}  // namespace

HerdSetup loadNamedModel(const std::string& name, bool isConf, const std::vector<std::string>& includeDirs) {
  HerdOptions herd;
  if (isConf) {
    std::vector<std::string> args = {"-conf", name};
    for (const auto& d : includeDirs) args.insert(args.end(), {"-I", d});
    herd = parseHerdArgs(args);
  } else {
    herd.includeDirs = includeDirs;
    herd.model = name;
    if (!models::findEmbeddedModel(name) && !findInDirs(name, includeDirs)) {
      std::string names;
      for (const auto& m : models::embeddedModels()) names += (names.empty() ? "" : ", ") + m.name;
      throw OptionError{"unknown model '" + name + "': neither an embedded model (" + names + ") nor a .cat or .cfg file"};
    }
  }
  return loadHerdSetup(herd);
}

FileRun runHerdFile(const std::string& file, const HerdSetup& setup) {
  const std::string text = readFile(file);
  if (litmus::architectureOf(text) == "RISCV") return runRiscvFile(file, text, setup);
  const std::clock_t start = std::clock();
  FileRun run;
  run.test = litmus::parseLitmusText(text, file);
  litmus::Test test = withOverrides(run.test, setup);
  litmus::Test expanded = macros::expandMacros(test, setup.macros());
  membarrier::requireModelSupport(test, expanded, *setup.model);
  if (setup.dumpEvents) return run;  // herd writes the event structures to -o's .dot files only
  report::HerdTextOptions options = setup.text;
  if (setup.outcomeReads) {
    // The states also show every register a load writes; the Hash stays the test's own.
    options.hash = report::herdHash(test);
    for (auto& loc : litmus::registersAssignedFromLoads(expanded)) {
      test.locations.push_back(loc);
      expanded.locations.push_back(loc);
    }
  }
  run.result = exec::runTest(expanded, setup.model, setup.options);
  run.seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
  options.undef = !setup.badFlag.empty() && run.result.flags.contains(setup.badFlag);
  if (options.undef && !setup.badExecs) return run;
  if (setup.conds.contains(run.test.name) || setup.kinds.contains(run.test.name)) options.hash = report::herdHash(run.test);
  run.text = report::renderHerdText(test, run.result, run.seconds, options);
  return run;
}

}  // namespace mcm::cli
