#pragma once
// herd7's command line and .cfg files, as `mcm run` and the `herd7` alias accept them.
//
// herd7 options start with one dash (`-conf linux-kernel.cfg`); the `--conf` form is
// accepted too. A .cfg file holds the same options without the dash, one `key value`
// per line. Options that only shape herd's graph output (`graph`, `showevents`,
// `fontsize`, ...) are ignored in .cfg files (mcm draws with its own layout); every other
// option is either honoured or rejected with an "unsupported option" error.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "exec/engine.hpp"
#include "litmus/ast.hpp"

namespace mcm::cli {

struct HerdOptions {
  std::vector<std::string> includeDirs;  // -I DIR (in order), then -set-libdir DIR
  std::optional<std::string> model;      // -model FILE (.cat), as named
  std::optional<std::string> bell;       // -bell FILE
  std::optional<std::string> macros;     // -macros FILE (.def)
  std::set<std::string> variants;        // -variant V[,V...]
  int unroll = 2;                        // -unroll N
  bool verbose = false;                  // -v: say which model files are used
  bool quiet = false;                    // -q: no warnings on stderr
  bool json = false;                     // --json: one JSON document (schema/run.schema.json) instead of text
  bool version = false;                  // -version: print the version and exit
  std::set<std::string> skipChecks;      // -skipchecks N,N / -skipcheck N (cumulative)
  bool strictSkip = false;               // -strictskip true
  bool through = false;                  // -through invalid|all (not none)
  std::string throughFlag;               // -throughflag F
  bool candidates = false;               // -candidates true: print `Candidates NAME N`
  bool badExecs = true;                  // -badexecs false: no output for tests with bad executions
  std::string badFlag;                   // -badflag F: executions flagged F are bad (`Undef`)
  bool hexa = false;                     // -hexa true
  bool outcomeReads = false;             // -outcomereads true: states show every register a load writes
  bool dumpEvents = false;               // -dumpes true: event structures only (no text without -o)
  bool exitOnError = false;              // -exit true: stop at the first test that fails
  std::optional<double> timeout;         // -timeout S: CPU seconds per test
  exec::RunOptions::SpeedCheck speedcheck = exec::RunOptions::SpeedCheck::Off;  // -speedcheck false|true|fast
  int jobs = 1;                          // -j N: threads judging one test's candidate executions
  std::optional<long long> maxCandidates;  // -maxcandidates N: the bound on a test's candidate executions
  std::map<std::string, std::string> conds;  // -conds FILE: test name -> condition text
  std::map<std::string, std::string> kinds;  // -kinds FILE: test name -> Allow|Forbid|Require
  // Pictures: -o DIR writes DIR/NAME.dot with the executions -show selects
  // (none all prop neg cond wit); --svg also renders DIR/NAME.svg with Graphviz's dot.
  std::optional<std::string> outputDir;
  std::string show = "none";
  bool svg = false;
  std::vector<std::string> doshow, unshow;  // relations added to / removed from the model's `show`
  std::map<std::string, std::map<std::string, std::string>> edgeattr;  // edgeattr REL,ATTR,VALUE
  bool showInitWrites = false;
  std::vector<std::string> files;        // litmus tests
};

// A bad command line or .cfg file: the message names the option and says why.
struct OptionError {
  std::string message;
};

// Parses argv after `run` (or after `herd7`). `-conf` files are read at their place
// in the command line, so later options override them; they are searched for (like
// every file they name) as given, then in the -I / -set-libdir directories, wherever
// those appear on the command line. Throws OptionError.
HerdOptions parseHerdArgs(const std::vector<std::string>& args);

// A -kinds value as the quantifier herd gives the condition: Allow (exists),
// Forbid (~exists), Require (forall); nullopt for anything else.
std::optional<litmus::Quantifier> kindQuantifier(const std::string& kind);

// Finds FILE as given, then in `dirs`; nullopt if absent.
std::optional<std::string> findInDirs(const std::string& file, const std::vector<std::string>& dirs);

}  // namespace mcm::cli
