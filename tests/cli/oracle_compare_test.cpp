// Runs the built `mcm run` on the seed, seed-scenarios and kernel corpora and
// compares its stdout with herd7 7.58's (/work/shared/oracle/*.out), every line
// but `Time`. Differences fail the test unless known_differences.txt lists them
// with a reason, and so do listed tests that match. Counts are printed per suite.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "report/oracle_blocks.hpp"

namespace {

namespace fs = std::filesystem;
const std::string kShared = MCM_SHARED_DIR;

struct McmRun {
  std::string out, err;
  int status = -1;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `mcm run ARGS...` with a time limit; captures stdout and stderr.
McmRun runMcm(const std::vector<std::string>& args) {
  static int counter = 0;
  fs::path errFile = fs::temp_directory_path() / ("mcm-oracle-" + std::to_string(::getpid()) + "-" +
                                                  std::to_string(++counter) + ".err");
  std::string cmd = "timeout 600 " + quote(MCM_BINARY) + " run";
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += " 2>" + quote(errFile.string());
  McmRun run;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return run;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) run.out.append(buf, n);
  int raw = ::pclose(pipe);
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream err(errFile);
  run.err.assign(std::istreambuf_iterator<char>(err), {});
  fs::remove(errFile);
  return run;
}

std::vector<std::string> linesWithoutTime(const std::vector<std::string>& lines) {
  std::vector<std::string> kept;
  for (const auto& l : lines)
    if (l.rfind("Time ", 0) != 0) kept.push_back(l);
  while (!kept.empty() && kept.back().empty()) kept.pop_back();
  return kept;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

// "SUITE PATH" -> reason, from known_differences.txt.
std::map<std::string, std::string> knownDifferences() {
  std::map<std::string, std::string> known;
  std::ifstream in(MCM_KNOWN_DIFFERENCES);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string suite, path, reason;
    fields >> suite >> path;
    std::getline(fields >> std::ws, reason);
    EXPECT_FALSE(reason.empty()) << "known_differences.txt: no reason given for " << suite << " " << path;
    known[suite + " " + path] = reason;
  }
  return known;
}

std::string firstDifference(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  for (std::size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
    std::string w = i < want.size() ? want[i] : "(nothing)", g = i < got.size() ? got[i] : "(nothing)";
    if (w != g) return "line " + std::to_string(i + 1) + ": herd7 '" + w + "', mcm '" + g + "'";
  }
  return "";
}

struct Suite {
  std::string name;      // as in known_differences.txt
  std::string corpus;    // directory under litmus/
  std::string oracle;    // file under oracle/
  std::vector<std::string> options;
  std::size_t expectedRunnable;  // oracle blocks herd7 produced (grep -c '^Test ' on the .out)
};

void compareSuite(const Suite& suite) {
  const auto blocks = mcm::testing::readOracleBlocks(kShared + "/oracle/" + suite.oracle);
  const auto known = knownDifferences();
  int identical = 0, different = 0, errors = 0, excused = 0;
  std::size_t runnable = 0;
  for (const auto& [path, lines] : blocks) {
    if (lines.empty() || lines[0].rfind("Test ", 0) != 0) continue;  // herd7 could not run it
    ++runnable;
    std::vector<std::string> args = suite.options;
    args.push_back(kShared + "/litmus/" + suite.corpus + "/" + path);
    McmRun run = runMcm(args);
    auto want = linesWithoutTime(lines);
    auto got = linesWithoutTime(splitLines(run.out));
    const bool same = run.status == 0 && want == got;
    auto listed = known.find(suite.name + " " + path);
    if (same) {
      ++identical;
      // A stale entry would hide a later regression of this test: the list must stay exact.
      if (listed != known.end())
        ADD_FAILURE() << suite.name << " " << path << " now matches herd7: remove it from known_differences.txt";
      continue;
    }
    (run.status == 0 ? different : errors) += 1;
    std::string why = run.status != 0 ? "exit " + std::to_string(run.status) + ": " + run.err
                                      : firstDifference(want, got);
    if (listed != known.end()) {
      ++excused;
      std::cout << "known difference: " << suite.name << " " << path << " (" << listed->second << ")\n";
    } else {
      ADD_FAILURE() << suite.name << " " << path << ": " << why;
    }
  }
  std::cout << suite.name << ": " << runnable << " tests: " << identical << " identical, " << different
            << " different, " << errors << " errors (" << excused << " of them known differences)\n";
  EXPECT_EQ(runnable, suite.expectedRunnable) << "the oracle file changed";
}

const std::vector<std::string> kCurrent = {"-conf", "linux-kernel.cfg", "-I", kShared + "/models/lkmm"};
const std::vector<std::string> k2018 = {"-conf", "linux-kernel.cfg", "-I", kShared + "/models/lkmm-2018"};

TEST(OracleCompare, SeedCurrentModel) { compareSuite({"seed", "seed", "herd7-seed.out", kCurrent, 28}); }
TEST(OracleCompare, Seed2018Model) { compareSuite({"seed-2018", "seed", "herd7-seed-lkmm2018model.out", k2018, 28}); }
TEST(OracleCompare, SeedScenariosCurrentModel) {
  compareSuite({"seed-scenarios", "seed-scenarios", "herd7-seed-scenarios.out", kCurrent, 14});
}
TEST(OracleCompare, KernelCurrentModel) { compareSuite({"kernel", "kernel", "herd7-kernel.out", kCurrent, 53}); }
// Paul McKenney's corpus (2,620 tests herd7 finished) is compared, text and all, by
// the corpus_paulmck_vs_herd7_* tests in tests/corpus/, with both setups.

// No options: the embedded model and macros must give what the kernel's files give.
TEST(OracleCompare, SeedEmbeddedModel) { compareSuite({"embedded:seed", "seed", "herd7-seed.out", {}, 28}); }
TEST(OracleCompare, SeedScenariosEmbeddedModel) {
  compareSuite({"embedded:seed-scenarios", "seed-scenarios", "herd7-seed-scenarios.out", {}, 14});
}
TEST(OracleCompare, KernelEmbeddedModel) { compareSuite({"embedded:kernel", "kernel", "herd7-kernel.out", {}, 53}); }

// `mcm model export` writes the embedded model as plain files; run through -conf
// they must give herd7's output too.
TEST(OracleCompare, SeedExportedModel) {
  const fs::path dir = fs::temp_directory_path() / ("mcm-exported-" + std::to_string(::getpid()));
  ASSERT_EQ(std::system((quote(MCM_BINARY) + " model export " + quote(dir.string()) + " lkmm >/dev/null").c_str()), 0);
  compareSuite({"exported:seed", "seed", "herd7-seed.out", {"-conf", (dir / "lkmm.cfg").string()}, 28});
  fs::remove_all(dir);
}

// The two kernel tests herd7 7.58 cannot run (it stops on `spinlock_t mylock;` in the
// init block) must run and print the Observation word of their `Result:` line.
TEST(OracleCompare, ResultAnnotationsOfTestsHerdCannotRun) {
  const std::string dir = kShared + "/litmus/kernel/";
  for (const std::string path : {"tools/MP+polocks.litmus", "tools/ISA2+pooncelock+pooncelock+pombonce.litmus"}) {
    std::ifstream in(dir + path);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    std::smatch m;
    ASSERT_TRUE(std::regex_search(text, m, std::regex(R"(Result:\s*(\w+))"))) << path;
    const std::string expected = m[1];
    for (const auto& options : {kCurrent, std::vector<std::string>{}}) {
      std::vector<std::string> args = options;
      args.push_back(dir + path);
      McmRun run = runMcm(args);
      ASSERT_EQ(run.status, 0) << path << ": " << run.err;
      std::smatch obs;
      ASSERT_TRUE(std::regex_search(run.out, obs, std::regex(R"(\nObservation \S+ (\w+) )"))) << run.out;
      EXPECT_EQ(obs[1], expected) << path << (options.empty() ? " (embedded model)" : " (kernel files)");
    }
  }
}

TEST(OracleCompare, AcceptanceExample) {
  McmRun run = runMcm({kShared + "/litmus/seed/SB+mbonceonces.litmus"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("\nObservation SB+mbonceonces Never 0 3\n"), std::string::npos) << run.out;
}

}  // namespace
