// herd7's options of `mcm run`, each against what herd7 documents for it
// (herdtools7 doc/herd.tex "Options", herd/herd.ml's option help and
// herd/top_herd.ml's output code, as summarised in ../shared/notes/herd7-and-peers.md
// §1.2-1.3). The expected values are derived by hand from those descriptions:
// SB has 4 candidate executions, of which SC accepts 3 (herd.tex's own example).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/run_process.hpp"

namespace {

using mcm::test::Outcome;
using mcm::test::run;
namespace fs = std::filesystem;

const std::string kShared = MCM_SHARED_DIR;
const std::string kSB = kShared + "/litmus/seed/SB+mbonceonces.litmus";
// herd7's Hash of SB+mbonceonces (../shared/oracle/herd7-seed.out).
const std::string kSBHash = "Hash=6f13ed8a833a93549a351c74c30e1517\n";

Outcome mcmRun(const std::string& args) { return run(std::string(MCM_BINARY) + " run", args); }

std::string withoutTime(std::string s) {
  for (auto t = s.find("Time "); t != std::string::npos; t = s.find("Time ", t))
    if (t == 0 || s[t - 1] == '\n') s.erase(t, s.find('\n', t) + 1 - t);
    else ++t;
  return s;
}

// This process's scratch directory, removed when the tests are over.
const fs::path& scratchDir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("mcm-opt-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

struct RemoveScratchDir : ::testing::Environment {
  void TearDown() override { fs::remove_all(scratchDir()); }
};
[[maybe_unused]] const auto* const removeScratchDir = ::testing::AddGlobalTestEnvironment(new RemoveScratchDir);

// A file in the scratch directory.
std::string tempFile(const std::string& name, const std::string& text) {
  const fs::path p = scratchDir() / name;
  std::ofstream(p) << text;
  return p.string();
}

// herd.tex's SC: po, rf, co and fr together acyclic (cos-opt.cat gives co and fr).
const std::string& scModel() {
  static const std::string path = tempFile("sc.cat", "\"SC\"\ninclude \"cos-opt.cat\"\nacyclic po | rf | co | fr as sc\n");
  return path;
}

// Every execution allowed; those in which a read takes its value from a thread's
// write (not the initial one) are flagged.
const std::string& flagModel() {
  static const std::string path = tempFile("flag.cat", "\"flags\"\nflag ~empty ([W \\ IW] ; rf) as ext-rf\n");
  return path;
}

const std::string kSBStates4 =
    "States 4\n0:r0=0; 1:r0=0;\n0:r0=0; 1:r0=1;\n0:r0=1; 1:r0=0;\n0:r0=1; 1:r0=1;\nOk\nWitnesses\n"
    "Positive: 1 Negative: 3\n";

TEST(HerdOptions, VersionPrintsHerdsLineWithMcmsVersion) {
  Outcome o = mcmRun("-version " + kSB);
  EXPECT_EQ(o.status, 0);
  EXPECT_EQ(o.out.rfind("7.58, Rev: mcm ", 0), 0u) << o.out;
  EXPECT_EQ(o.out.find("Test "), std::string::npos) << "herd exits at -version";
}

TEST(HerdOptions, CatIsModel) {
  Outcome cat = mcmRun("-cat " + scModel() + " " + kSB);
  Outcome model = mcmRun("-model " + scModel() + " " + kSB);
  EXPECT_EQ(cat.status, 0) << cat.err;
  EXPECT_EQ(withoutTime(cat.out), withoutTime(model.out));
  EXPECT_NE(cat.out.find("States 3\n"), std::string::npos) << cat.out;
}

// `Candidates NAME N` after the Time line: accepted plus rejected executions.
TEST(HerdOptions, CandidatesCountsRejectedExecutionsToo) {
  Outcome o = mcmRun("-model " + scModel() + " -candidates true " + kSB);
  EXPECT_EQ(o.status, 0) << o.err;
  const auto time = o.out.find("\nTime SB+mbonceonces ");
  ASSERT_NE(time, std::string::npos) << o.out;
  EXPECT_EQ(o.out.substr(o.out.find('\n', time + 1) + 1), "Candidates SB+mbonceonces 4\n" + kSBHash + "\n");
  EXPECT_EQ(mcmRun("-model " + scModel() + " -candidates false " + kSB).out.find("Candidates"), std::string::npos);
}

// -through all|invalid: with a text model, every execution goes through.
TEST(HerdOptions, ThroughLetsEveryExecutionThrough) {
  for (const char* mode : {"all", "invalid"}) {
    Outcome o = mcmRun("-model " + scModel() + " -through " + mode + " " + kSB);
    EXPECT_EQ(o.status, 0) << o.err;
    EXPECT_NE(o.out.find(kSBStates4), std::string::npos) << mode << ": " << o.out;
  }
  Outcome none = mcmRun("-model " + scModel() + " -through none " + kSB);
  EXPECT_NE(none.out.find("States 3\n"), std::string::npos) << none.out;
  Outcome bad = mcmRun("-through some " + kSB);
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err, "mcm run: -through needs none, invalid or all, not 'some'\n");
}

// -skipchecks ignores the named checks; -skipcheck cumulates; -strictskip keeps
// only the executions that fail every skipped check.
TEST(HerdOptions, SkipchecksAndStrictskip) {
  EXPECT_NE(mcmRun("-model " + scModel() + " -skipchecks sc " + kSB).out.find(kSBStates4), std::string::npos);
  EXPECT_NE(mcmRun("-model " + scModel() + " -skipcheck other -skipcheck sc " + kSB).out.find(kSBStates4),
            std::string::npos);
  EXPECT_NE(mcmRun("-model " + scModel() + " -skipchecks other " + kSB).out.find("States 3\n"), std::string::npos);
  Outcome strict = mcmRun("-model " + scModel() + " -skipchecks sc -strictskip true " + kSB);
  EXPECT_NE(strict.out.find("States 1\n0:r0=0; 1:r0=0;\nOk\nWitnesses\nPositive: 1 Negative: 0\n"), std::string::npos)
      << strict.out;
  // A skipped check the model lacks never fails, so no execution is kept.
  Outcome none = mcmRun("-model " + scModel() + " -skipchecks sc,absent -strictskip true " + kSB);
  EXPECT_NE(none.out.find("States 0\nNo\n"), std::string::npos) << none.out;
}

// -throughflag F: only the executions raising F count.
TEST(HerdOptions, ThroughflagCountsFlaggedExecutionsOnly) {
  Outcome all = mcmRun("-model " + flagModel() + " " + kSB);
  EXPECT_NE(all.out.find(kSBStates4 + "Flag ext-rf\n"), std::string::npos) << all.out;
  Outcome o = mcmRun("-model " + flagModel() + " -throughflag ext-rf " + kSB);
  EXPECT_NE(o.out.find("States 3\n0:r0=0; 1:r0=1;\n0:r0=1; 1:r0=0;\n0:r0=1; 1:r0=1;\nNo\nWitnesses\n"
                       "Positive: 0 Negative: 3\nFlag ext-rf\n"),
            std::string::npos)
      << o.out;
}

// -speedcheck true|fast (herd.tex: "attempt to settle the test condition", generating only the
// executions -show wit pictures: the proposition true for exists and ~exists, false for forall;
// fast "will additionally stop as soon as a condition exists p is validated" or ~exists p,
// forall p invalidated). The report keeps its format; the counts are those of that subset.
TEST(HerdOptions, SpeedcheckListsOnlyTheExecutionsSettlingTheCondition) {
  // All four executions of SB allowed; only (0,0) satisfies exists (0:r0=0 /\ 1:r0=0), and no
  // write of a thread is read in it, so no flag.
  for (const char* mode : {"true", "fast"}) {
    Outcome o = mcmRun("-model " + flagModel() + " -speedcheck " + mode + " " + kSB);
    EXPECT_EQ(o.status, 0) << o.err;
    EXPECT_NE(o.out.find("States 1\n0:r0=0; 1:r0=0;\nOk\nWitnesses\nPositive: 1 Negative: 0\nCondition "),
              std::string::npos)
        << mode << ": " << o.out;
    EXPECT_NE(o.out.find("Observation SB+mbonceonces Always 1 0\n"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find(kSBHash), std::string::npos) << o.out;
  }
  // SC rejects (0,0): nothing settles the condition; only that candidate was judged.
  Outcome sc = mcmRun("-model " + scModel() + " -speedcheck true -candidates true " + kSB);
  EXPECT_NE(sc.out.find("States 0\nNo\nWitnesses\nPositive: 0 Negative: 0\n"), std::string::npos) << sc.out;
  EXPECT_NE(sc.out.find("Observation SB+mbonceonces Never 0 0\n"), std::string::npos) << sc.out;
  EXPECT_NE(sc.out.find("Candidates SB+mbonceonces 1\n"), std::string::npos) << sc.out;
  // forall: the executions where the proposition fails settle it. As Require, SB's three others.
  const std::string kinds = tempFile("speed.kinds", "SB+mbonceonces Require\n");
  Outcome forall = mcmRun("-model " + flagModel() + " -kinds " + kinds + " -speedcheck true " + kSB);
  EXPECT_NE(forall.out.find("States 3\n0:r0=0; 1:r0=1;\n0:r0=1; 1:r0=0;\n0:r0=1; 1:r0=1;\nNo\nWitnesses\n"
                            "Positive: 0 Negative: 3\nFlag ext-rf\n"),
            std::string::npos)
      << forall.out;
  // fast stops at the first of them, in mcm's candidate order: P0's read of y, then P1's read
  // of x, each trying the initial write first; (0,0) does not settle forall, (0,1) is next.
  Outcome first = mcmRun("-model " + flagModel() + " -kinds " + kinds + " -speedcheck fast " + kSB);
  EXPECT_NE(first.out.find("States 1\n0:r0=0; 1:r0=1;\nNo\nWitnesses\nPositive: 0 Negative: 1\nFlag ext-rf\n"),
            std::string::npos)
      << first.out;
}

// -badflag F: executions flagged F are bad, so herd says Undef for Ok/No; with
// -badexecs false a test with a bad execution prints nothing.
TEST(HerdOptions, BadflagAndBadexecs) {
  Outcome undef = mcmRun("-model " + flagModel() + " -badflag ext-rf " + kSB);
  EXPECT_EQ(undef.status, 0) << undef.err;
  EXPECT_NE(undef.out.find("0:r0=1; 1:r0=1;\nUndef\nWitnesses\n"), std::string::npos) << undef.out;
  Outcome silent = mcmRun("-model " + flagModel() + " -badflag ext-rf -badexecs false " + kSB);
  EXPECT_EQ(silent.status, 0);
  EXPECT_EQ(silent.out, "");
  Outcome unflagged = mcmRun("-model " + flagModel() + " -badflag other -badexecs false " + kSB);
  EXPECT_NE(unflagged.out.find("\nOk\nWitnesses\n"), std::string::npos) << unflagged.out;
}

// -hexa true: final-state values in hexadecimal; the condition keeps its text.
TEST(HerdOptions, HexaPrintsStatesInHexadecimal) {
  const std::string test = tempFile("hexa.litmus",
                                    "C hexa\n{}\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 26);\n}\n\n"
                                    "P1(int *x)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n}\n\nexists (1:r0=26)\n");
  Outcome o = mcmRun("-hexa true " + test);
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("States 2\n1:r0=0x0;\n1:r0=0x1a;\nOk\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Condition exists (1:r0=26)\n"), std::string::npos) << o.out;
  EXPECT_NE(mcmRun("-hexa false " + test).out.find("1:r0=26;\n"), std::string::npos);
}

// -conds / -kinds: per-test condition and kind, by test name; the Hash is the
// one of the test as written.
TEST(HerdOptions, CondsAndKindsOverridePerTest) {
  const std::string conds = tempFile("conds", "# per test\nSB+mbonceonces exists (0:r0=1 /\\ 1:r0=1)\nother exists (x=1)\n");
  Outcome c = mcmRun("-conds " + conds + " " + kSB);
  EXPECT_EQ(c.status, 0) << c.err;
  EXPECT_NE(c.out.find("Condition exists (0:r0=1 /\\ 1:r0=1)\nObservation SB+mbonceonces Sometimes 1 2\n"),
            std::string::npos)
      << c.out;
  EXPECT_NE(c.out.find(kSBHash), std::string::npos) << c.out;
  const std::string kinds = tempFile("kinds", "SB+mbonceonces Forbid\n");
  Outcome k = mcmRun("-kinds " + kinds + " " + kSB);
  EXPECT_EQ(k.status, 0) << k.err;
  EXPECT_EQ(k.out.rfind("Test SB+mbonceonces Forbidden\n", 0), 0u) << k.out;
  EXPECT_NE(k.out.find("\nOk\nWitnesses\nPositive: 3 Negative: 0\n"), std::string::npos) << k.out;
  EXPECT_NE(k.out.find("Condition ~exists (0:r0=0 /\\ 1:r0=0)\n"), std::string::npos) << k.out;
  EXPECT_NE(k.out.find(kSBHash), std::string::npos) << k.out;
  Outcome bad = mcmRun("-kinds " + tempFile("badkinds", "SB+mbonceonces Perhaps\n") + " " + kSB);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find(":1:16: error: expected a kind (Allow, Forbid or Require), found 'Perhaps'"), std::string::npos)
      << bad.err;
}

// -dumpes true: herd dumps event structures to .dot files only: no text.
TEST(HerdOptions, DumpesPrintsNoText) {
  Outcome o = mcmRun("-dumpes true " + kSB);
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "");
}

// -exit true: stop at the first test that fails.
TEST(HerdOptions, ExitStopsAtTheFirstFailure) {
  Outcome go = mcmRun("/nonexistent/t.litmus " + kSB);
  EXPECT_NE(go.out.find("Observation SB+mbonceonces"), std::string::npos);
  Outcome stop = mcmRun("-exit true /nonexistent/t.litmus " + kSB);
  EXPECT_EQ(stop.status, 2);
  EXPECT_EQ(stop.out, "");
}

// -timeout S: CPU seconds per test; a test that runs out prints nothing and the
// next one runs (this 16-thread RCU chain takes over a second of CPU).
TEST(HerdOptions, TimeoutStopsATestWithoutOutput) {
  const std::string slow = kShared + "/litmus/paulmck/auto/C-RW-G+RW-G+RW-R+RW-R+RW-R+RW-R+RW-G+RW-G+RW-G+RW-G+RW-R+RW-R+RW-R+RW-R+RW-G+RW-G.litmus";
  Outcome o = mcmRun("-timeout 0.05 " + slow + " " + kSB);
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out.find("Test C-RW-G"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Observation SB+mbonceonces Never 0 3\n"), std::string::npos) << o.out;
  EXPECT_NE(o.err.find("-timeout"), std::string::npos) << o.err;
  Outcome ample = mcmRun("-timeout 600 " + kSB);
  EXPECT_EQ(withoutTime(ample.out), withoutTime(mcmRun(kSB).out));
  EXPECT_EQ(mcmRun("-timeout soon " + kSB).status, 2);
}

// -maxcandidates N (mcm's): SB has 4 candidate executions (2 x 2 rf choices, no final write
// observed), so a bound of 3 refuses it, naming the option, and 4 runs it as without a bound.
TEST(HerdOptions, MaxcandidatesMovesTheBound) {
  Outcome refused = mcmRun("-maxcandidates 3 " + kSB);
  EXPECT_EQ(refused.status, 2);
  EXPECT_EQ(refused.out, "");
  EXPECT_NE(refused.err.find("more than 3 candidate executions"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("-maxcandidates N"), std::string::npos) << refused.err;
  EXPECT_EQ(withoutTime(mcmRun("-maxcandidates 4 " + kSB).out), withoutTime(mcmRun(kSB).out));
  EXPECT_EQ(mcmRun("-maxcandidates 0 " + kSB).status, 2);
  EXPECT_EQ(mcmRun("-maxcandidates many " + kSB).status, 2);
}

// Options that only steer herd's graphs and debug traces leave the text as is.
TEST(HerdOptions, GraphAndDebugOptionsLeaveTheText) {
  const std::string plain = withoutTime(mcmRun(kSB).out);
  Outcome o = mcmRun("-debug solver -cycles hb,pb -showflag data-race -nshow 3 " + kSB);
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(withoutTime(o.out), plain);
}

TEST(HerdOptions, HelpListsWhatIsDeliberatelyUnsupported) {
  Outcome help = run(std::string(MCM_BINARY), "run --help");
  EXPECT_NE(help.out.find("Deliberately unsupported"), std::string::npos) << help.out;
  for (const char* opt : {"-optace", "-suffix"}) EXPECT_NE(help.out.find(opt), std::string::npos) << opt;
  Outcome o = mcmRun("-optace true " + kSB);
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("unsupported option -optace"), std::string::npos) << o.err;
}

// -outcomereads true (herd.ml: "include all memory reads in outcomes"; top_herd.ml keeps
// the registers written by an instruction that loads): r1, r0 and r2 are loaded, r5 is
// not. By hand: P0's r1 reads y = 0, 1 or 2 (the xchg's write); P1's r0 reads x = 0 or 1;
// P1's xchg reads y after P1's own write of 1, the only one co-before it: r2 = 1. The
// condition, counts and Hash are those of the test without the option.
TEST(HerdOptions, OutcomereadsShowsEveryRegisterALoadWrites) {
  const std::string test = tempFile("outcomereads.litmus",
                                    "C outcomereads\n{}\nP0(int *x, int *y)\n{\n\tint r1;\n\tint r5;\n"
                                    "\tWRITE_ONCE(*x, 1);\n\tr1 = READ_ONCE(*y);\n\tr5 = 5;\n}\n\n"
                                    "P1(int *x, int *y)\n{\n\tint r0;\n\tint r2;\n\tWRITE_ONCE(*y, 1);\n"
                                    "\tr0 = READ_ONCE(*x);\n\tr2 = xchg(y, 2);\n}\n\nexists (1:r0=0)\n");
  const Outcome plain = mcmRun(test);
  const Outcome o = mcmRun("-outcomereads true " + test);
  EXPECT_EQ(o.status, 0) << o.err;
  std::string states = "States 6\n";
  for (int r1 : {0, 1, 2})
    for (int r0 : {0, 1}) states += "0:r1=" + std::to_string(r1) + "; 1:r0=" + std::to_string(r0) + "; 1:r2=1;\n";
  EXPECT_NE(o.out.find(states + "Ok\nWitnesses\nPositive: 3 Negative: 3\n"), std::string::npos) << o.out;
  EXPECT_NE(plain.out.find("States 2\n1:r0=0;\n1:r0=1;\nOk\nWitnesses\nPositive: 3 Negative: 3\n"), std::string::npos)
      << plain.out;
  const auto tail = [](const std::string& s) { return s.substr(s.find("Condition")); };
  EXPECT_EQ(withoutTime(tail(o.out)), withoutTime(tail(plain.out)));
  EXPECT_EQ(withoutTime(mcmRun("-outcomereads false " + test).out), withoutTime(plain.out));
  Outcome riscv = mcmRun("-outcomereads true " + kShared + "/litmus/riscv/non-mixed-size/BASIC_2_THREAD/SB.litmus");
  EXPECT_EQ(riscv.status, 2);
  EXPECT_NE(riscv.err.find("-outcomereads true is implemented for C tests only"), std::string::npos) << riscv.err;
}

}  // namespace
