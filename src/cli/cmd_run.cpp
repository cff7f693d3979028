// `mcm run [herd7 options] FILE...`: runs litmus tests and prints herd7's report.
//
// Exit status: 0 when every test ran (or hit its -timeout); 2 when a test could not
// be run (its error goes to stderr as FILE:LINE:COL: error: ..., and the remaining
// files still run, unless -exit true) or when the command line, .cfg or model files
// are bad (nothing runs). herd7 7.58 exits 0 on such user errors; a non-zero status
// lets scripts notice them.
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/herd_options.hpp"
#include "cli/herd_setup.hpp"
#include "cli/run_graphs.hpp"
#include "report/run_json.hpp"

namespace mcm::cli {
namespace {

// Prints (or with --json appends to `tests`) one test's report.
bool printRun(const FileRun& run, const std::string& file, const HerdSetup& setup, const HerdOptions& opts,
              nlohmann::json& tests) {
  if (run.text.empty()) return true;  // herd prints nothing for it
  if (opts.json) tests.push_back(report::runJson(run.test, run.result, setup.modelName, run.seconds));
  else std::cout << run.text << std::flush;
  if (run.result.loopCutoff && !opts.quiet)
    std::cerr << "Warning: File \"" << file << "\": unrolling limit exceeded at While, legal outcomes may be missing.\n";
  return true;
}

// Runs one file; returns false (after printing the error) if it could not be run.
// With --json its result is appended to `tests` instead of printed.
bool runFile(const std::string& file, const HerdSetup& setup, const HerdOptions& opts, nlohmann::json& tests) {
  try {
    if (opts.outputDir) {
      GraphCollector graphs(opts);
      HerdSetup withGraphs = setup;
      withGraphs.options.observer = [&](const exec::CandidateView& v) { graphs.observe(v); };
      const FileRun run = runHerdFile(file, withGraphs);
      graphs.write(run.test);
      return printRun(run, file, setup, opts, tests);
    }
    return printRun(runHerdFile(file, setup), file, setup, opts, tests);
  } catch (const Diagnostic& e) {
    std::cerr << e.what() << "\n";
    // herd7's line too, for the scripts that grep for it.
    if (const std::string herd = herdWarning(e); !herd.empty()) std::cerr << herd << "\n";
  } catch (const OptionError& e) {
    std::cerr << "mcm run: " << e.message << "\n";
  } catch (const std::exception& e) {
    std::cerr << formatDiagnostic(file, {}, std::string("internal error: ") + e.what()) << "\n";
  }
  return false;
}

// -timeout S: the test runs in a child process that the kernel stops after S
// seconds of CPU time; as in herd, a test that runs out prints nothing. With
// --json the child sends its test's JSON back through a pipe.
bool runFileWithin(double seconds, const std::string& file, const HerdSetup& setup, const HerdOptions& opts,
                   nlohmann::json& tests) {
  std::cout.flush();
  int fds[2];
  if (::pipe(fds) != 0) return runFile(file, setup, opts, tests);
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return runFile(file, setup, opts, tests);
  }
  if (child == 0) {
    ::close(fds[0]);
    itimerval limit{};
    limit.it_value.tv_sec = static_cast<time_t>(seconds);
    limit.it_value.tv_usec = static_cast<suseconds_t>(std::lround((seconds - std::floor(seconds)) * 1e6));
    ::setitimer(ITIMER_PROF, &limit, nullptr);  // SIGPROF ends the child
    nlohmann::json mine = nlohmann::json::array();
    const bool ok = runFile(file, setup, opts, mine);
    const std::string sent = mine.dump();
    for (std::size_t at = 0; at < sent.size();) {
      const ssize_t n = ::write(fds[1], sent.data() + at, sent.size() - at);
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    std::cout.flush();
    std::cerr.flush();
    ::_exit(ok ? 0 : 2);
  }
  ::close(fds[1]);
  std::string received;
  char buf[65536];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;)
    if (n > 0) received.append(buf, static_cast<std::size_t>(n));
    else if (errno != EINTR) break;
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
  }
  if (WIFEXITED(status))
    if (nlohmann::json sent = nlohmann::json::parse(received, nullptr, false); sent.is_array())
      for (auto& t : sent) tests.push_back(std::move(t));
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGPROF) {
    if (!opts.quiet) std::cerr << "Warning: File \"" << file << "\": more than " << seconds << " s of CPU time (-timeout), no output\n";
    return true;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int runHerdCommand(const std::vector<std::string>& args) {
  HerdOptions opts;
  HerdSetup setup;
  try {
    opts = parseHerdArgs(args);
    if (opts.version) {
      // herd's `VERSION, Rev: REV`, with mcm's version as the revision.
      std::cout << "7.58, Rev: mcm " << MCM_VERSION << "\n";
      return 0;
    }
    if (opts.files.empty()) throw OptionError{"no litmus test given"};
    setup = loadHerdSetup(opts);
  } catch (const OptionError& e) {
    std::cerr << "mcm run: " << e.message << "\n";
    return 2;
  } catch (const Diagnostic& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  int status = 0;
  nlohmann::json tests = nlohmann::json::array();
  for (const auto& file : opts.files) {
    const bool ok = opts.timeout ? runFileWithin(*opts.timeout, file, setup, opts, tests) : runFile(file, setup, opts, tests);
    if (ok) continue;
    status = 2;
    if (opts.exitOnError) break;
  }
  if (opts.json) std::cout << nlohmann::json{{"tests", std::move(tests)}}.dump(2) << "\n";
  return status;
}

void registerRunCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("run", "Run litmus tests with herd7's options and output (mcm run -conf linux-kernel.cfg T.litmus)");
  // herd7's single-dash options are parsed by parseHerdArgs, not by CLI11.
  cmd->prefix_command();
  cmd->set_help_flag("--help", "Print this help message and exit");  // not -h, which would catch -hexa
  cmd->footer(
      "herd7 options (-opt VALUE, --opt VALUE or --opt=VALUE), as herd7 7.58 means them:\n"
      "  -conf FILE.cfg      read options from a herd7 .cfg (macros, bell, model, variant, ...;\n"
      "                      graph and display settings in it are ignored)\n"
      "  -I DIR, -set-libdir DIR  where .cfg, .cat, .bell, .def and included files are searched\n"
      "  -model FILE.cat (or -cat)  -bell FILE.bell  -macros FILE.def   (default: the embedded LKMM)\n"
      "  -variant V[,V]  -unroll N (default 2)  -v (name the model files)  -q (no warnings)\n"
      "  -o DIR -show MODE   write DIR/NAME.dot: the allowed executions MODE selects (all, prop: the\n"
      "                      condition's proposition holds, neg: it does not, cond/wit: they validate\n"
      "                      the condition, none: the default); rf, co, fr, the model's `show`s, -doshow R,...\n"
      "                      -unshow R,..., -showinitwrites true and the cfg's edgeattr REL,ATTR,VALUE colours;\n"
      "  --svg               with -o, also render DIR/NAME.svg with Graphviz's dot (package graphviz)\n"
      "  --json              one JSON document {\"tests\": [...]} (schema/run.schema.json) instead of text\n"
      "  -version            print herd's version line: 7.58, Rev: mcm VERSION\n"
      "  -timeout S          at most S seconds of CPU time per test; a test that runs out prints nothing\n"
      "  -exit true          stop at the first test that cannot be run\n"
      "  -skipchecks N[,N]   ignore the named checks of the model (-skipcheck N: one, cumulative)\n"
      "  -strictskip true    keep only the executions that fail every skipped check\n"
      "  -through none|invalid|all   invalid/all: no check of the model rejects an execution\n"
      "  -throughflag F      count only the executions that raise flag F\n"
      "  -badflag F          executions raising flag F are bad: Undef replaces Ok/No\n"
      "  -badexecs false     print nothing for a test with a bad execution\n"
      "  -candidates true    print `Candidates NAME N`: the executions the model judged\n"
      "  -hexa true          final-state values in hexadecimal\n"
      "  -outcomereads true  states also show every register a load writes (C tests; the\n"
      "                      registers of all such statements, whether or not executed)\n"
      "  -conds FILE  -kinds FILE   per-test condition / kind (Allow, Forbid, Require): lines\n"
      "                      `TEST-NAME VALUE`; the Hash stays the one of the test as written\n"
      "  -dumpes true        herd writes event structures to -o's .dot files only: no text\n"
      "  -debug TAGS  -cycles N,N  -showflag F  -nshow N   accepted; they only steer herd's\n"
      "                      debug traces and graphs, so the text is unchanged\n"
      "  -speedcheck true|fast   list only the executions that settle the condition (its proposition\n"
      "                      holds for exists and ~exists, fails for forall); fast stops at the first one\n"
      "  -j N                judge one test's candidate executions on N threads (at most one per core);\n"
      "                      the output is the same as with -j 1 (the default)\n"
      "  -maxcandidates N    refuse a test with more than N candidate executions (default 10000000)\n"
      "  -initwrites true    accepted at its default only\n"
      "Deliberately unsupported (rejected with the reason):\n"
      "  -suffix, -gv, -evince   mcm names its graphs NAME.dot and opens no viewer\n"
      "  -optace   mcm always applies herd7's default (iico), on which its results are checked\n"
      "  -names, -excl   mcm runs every file given: select files with `mcm select` or the shell\n"
      "Exit status: 0 if every test ran, 2 if a test or an option was bad.");
  cmd->callback([cmd] {
    int status = runHerdCommand(cmd->remaining());
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace mcm::cli
