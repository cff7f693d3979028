#pragma once
// The model, macros and engine options one invocation runs every test with,
// built from herd7-style options (files they name win; `-model NAME` not
// naming a file selects an embedded model, src/models/; the default is lkmm), and running one litmus file with them. Shared by `mcm run`
// and `mcm corpus` so both print exactly the same text for a test.
#include <map>
#include <memory>
#include <string>

#include "cat/model.hpp"
#include "cli/herd_options.hpp"
#include "exec/engine.hpp"
#include "exec/result.hpp"
#include "litmus/ast.hpp"
#include "macros/macros.hpp"
#include "report/herd_text.hpp"

namespace mcm::cli {

struct HerdSetup {
  std::shared_ptr<const cat::Model> model;
  std::shared_ptr<const macros::MacroTable> macroTable;  // -macros FILE, else the embedded model's
  std::string modelName;  // the model file as found, or "embedded NAME"
  bool modelGiven = false;  // -model named a model (else RISC-V tests run the embedded rvwmo)
  exec::RunOptions options;
  report::HerdTextOptions text;                // -hexa, -candidates
  std::string badFlag;                         // -badflag F
  bool badExecs = true;                        // -badexecs
  bool dumpEvents = false;                     // -dumpes true
  bool outcomeReads = false;                   // -outcomereads true
  std::map<std::string, std::string> conds;    // -conds: test name -> condition
  std::map<std::string, std::string> kinds;    // -kinds: test name -> kind
  const macros::MacroTable& macros() const;
};

// Throws OptionError (a named file is missing) or mcm::Diagnostic (a bad model/def file).
HerdSetup loadHerdSetup(const HerdOptions& opts);

struct FileRun {
  litmus::Test test;         // as parsed (before macro expansion)
  exec::TestResult result;
  std::string text;          // herd7's report for it; empty when herd prints none
                             // (-dumpes true, or bad executions with -badexecs false)
  double seconds = 0;        // CPU time of parsing, expanding and running it
};

// A model named as `mcm compare` and `mcm hw --against` take it: an embedded model
// (`lkmm`), a .cat file or a .cfg file (found as named or in includeDirs). Throws
// OptionError for a name that is none of them, mcm::Diagnostic for a bad model file.
HerdSetup loadNamedModel(const std::string& name, bool isConf, const std::vector<std::string>& includeDirs);

// Parses, expands and runs one test, with the -conds/-kinds overrides for its
// name. Throws mcm::Diagnostic on bad input.
FileRun runHerdFile(const std::string& file, const HerdSetup& setup);

}  // namespace mcm::cli
