// herd7's command line and .cfg files (cli/herd_options.hpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "cli/herd_options.hpp"

namespace mcm::cli {
namespace {

namespace fs = std::filesystem;
const std::string kLkmm = MCM_SHARED_DIR "/models/lkmm";
const std::string kLkmm2018 = MCM_SHARED_DIR "/models/lkmm-2018";

std::string errorOf(const std::vector<std::string>& args) {
  try {
    parseHerdArgs(args);
  } catch (const OptionError& e) {
    return e.message;
  }
  return "(no error)";
}

// A scratch directory holding one .cfg file.
struct ScratchConfig {
  fs::path dir;
  explicit ScratchConfig(const std::string& text) {
    static int counter = 0;
    dir = fs::temp_directory_path() / ("mcm-cfg-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::create_directories(dir);
    std::ofstream(dir / "t.cfg") << text;
  }
  ~ScratchConfig() { fs::remove_all(dir); }
  std::string path() const { return (dir / "t.cfg").string(); }
};

TEST(HerdOptions, KernelConfigWithIncludeAfterConf) {
  // The kernel's scripts write -I after -conf: the cfg is still found through it.
  HerdOptions o = parseHerdArgs({"-conf", "linux-kernel.cfg", "-I", kLkmm, "a.litmus", "b.litmus"});
  EXPECT_EQ(o.macros, "linux-kernel.def");
  EXPECT_EQ(o.bell, "linux-kernel.bell");
  EXPECT_EQ(o.model, "linux-kernel.cat");
  EXPECT_EQ(o.variants, std::set<std::string>{"lkmmv2"});
  EXPECT_EQ(o.files, (std::vector<std::string>{"a.litmus", "b.litmus"}));
  ASSERT_FALSE(o.includeDirs.empty());
  EXPECT_EQ(o.includeDirs.front(), kLkmm);
}

TEST(HerdOptions, The2018ConfigHasNoVariant) {
  HerdOptions o = parseHerdArgs({"-set-libdir", kLkmm2018, "-conf", "linux-kernel.cfg"});
  EXPECT_EQ(o.model, "linux-kernel.cat");
  EXPECT_TRUE(o.variants.empty());
}

TEST(HerdOptions, ConfigDirectoryIsSearchedForItsFiles) {
  HerdOptions o = parseHerdArgs({"-conf", kLkmm + "/linux-kernel.cfg"});
  EXPECT_EQ(findInDirs(*o.macros, o.includeDirs), kLkmm + "/linux-kernel.def");
}

TEST(HerdOptions, LaterOptionsOverrideTheConfig) {
  HerdOptions o = parseHerdArgs({"-I", kLkmm, "-conf", "linux-kernel.cfg", "-model", "mine.cat", "--variant", "a,b"});
  EXPECT_EQ(o.model, "mine.cat");
  EXPECT_EQ(o.variants, (std::set<std::string>{"a", "b", "lkmmv2"}));
  HerdOptions earlier = parseHerdArgs({"-I", kLkmm, "-model", "mine.cat", "-conf", "linux-kernel.cfg"});
  EXPECT_EQ(earlier.model, "linux-kernel.cat");
}

TEST(HerdOptions, LongFormsWithEquals) {
  HerdOptions o = parseHerdArgs({"--I=" + kLkmm, "--conf=linux-kernel.cfg", "--unroll=3", "--v", "t.litmus"});
  EXPECT_EQ(o.model, "linux-kernel.cat");
  EXPECT_EQ(o.unroll, 3);
  EXPECT_TRUE(o.verbose);
  EXPECT_EQ(o.files, std::vector<std::string>{"t.litmus"});
  EXPECT_EQ(errorOf({"--q=1"}), "option --q takes no value");
}

TEST(HerdOptions, SimpleFlagsAndUnroll) {
  HerdOptions o = parseHerdArgs({"-v", "-q", "-unroll", "5", "-bell", "x.bell", "-macros", "x.def", "t.litmus"});
  EXPECT_TRUE(o.verbose);
  EXPECT_TRUE(o.quiet);
  EXPECT_EQ(o.unroll, 5);
  EXPECT_EQ(o.bell, "x.bell");
  EXPECT_EQ(o.macros, "x.def");
  EXPECT_EQ(o.files, std::vector<std::string>{"t.litmus"});
  HerdOptions d = parseHerdArgs({"t.litmus"});
  EXPECT_EQ(d.unroll, 2);
  EXPECT_FALSE(d.model || d.bell || d.macros);
}

// -speedcheck as herd.tex lists it; -j (mcm's: threads for one test) only on the command line.
TEST(HerdOptions, SpeedcheckAndThreads) {
  using Speed = exec::RunOptions::SpeedCheck;
  EXPECT_EQ(parseHerdArgs({"t.litmus"}).speedcheck, Speed::Off);
  EXPECT_EQ(parseHerdArgs({"t.litmus"}).jobs, 1);
  EXPECT_EQ(parseHerdArgs({"-speedcheck", "true", "t.litmus"}).speedcheck, Speed::True);
  EXPECT_EQ(parseHerdArgs({"-speedcheck", "fast", "t.litmus"}).speedcheck, Speed::Fast);
  EXPECT_EQ(parseHerdArgs({"-speedcheck", "fast", "-speedcheck", "false", "t.litmus"}).speedcheck, Speed::Off);
  EXPECT_EQ(parseHerdArgs({"-j", "2", "t.litmus"}).jobs, 2);
  EXPECT_EQ(errorOf({"-speedcheck", "quick"}), "-speedcheck needs false, true or fast, not 'quick'");
  EXPECT_EQ(errorOf({"-j", "0"}), "-j needs a positive number of threads, not '0'");
  EXPECT_EQ(errorOf({"-j", "two"}), "-j needs a positive number of threads, not 'two'");
  EXPECT_EQ(errorOf({"-j", "-1"}), "-j needs a positive number of threads, not '-1'");
  ScratchConfig cfg("j 2\n");
  EXPECT_EQ(errorOf({"-conf", cfg.path()}), cfg.path() + ":1:1: error: unknown option 'j'");
}

TEST(HerdOptions, DefaultValuedOptionsAreAccepted) {
  EXPECT_NO_THROW(parseHerdArgs({"-through", "none", "-initwrites", "true", "-show", "none", "-speedcheck", "false"}));
}

// herd's filter options, parsed as herd.ml declares them (bools are true/false).
TEST(HerdOptions, FilterAndOutputOptions) {
  const HerdOptions o = parseHerdArgs({"-skipchecks", "a,b", "-skipcheck", "c", "-strictskip", "true", "-through",
                                       "invalid", "-throughflag", "f", "-candidates", "true", "-badexecs", "false",
                                       "-badflag", "g", "-hexa", "true", "-dumpes", "false", "-exit", "true",
                                       "-timeout", "2.5", "-cat", "m.cat", "-version", "t.litmus"});
  EXPECT_EQ(o.skipChecks, (std::set<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(o.strictSkip && o.through && o.candidates && o.hexa && o.exitOnError && o.version);
  EXPECT_FALSE(o.badExecs || o.dumpEvents);
  EXPECT_EQ(o.throughFlag, "f");
  EXPECT_EQ(o.badFlag, "g");
  EXPECT_EQ(o.timeout, 2.5);
  EXPECT_EQ(o.model, "m.cat");
  EXPECT_EQ(o.files, std::vector<std::string>{"t.litmus"});
  EXPECT_FALSE(parseHerdArgs({"-through", "none"}).through);
}

TEST(HerdOptions, Errors) {
  EXPECT_EQ(errorOf({"-conf"}), "option -conf needs a value");
  EXPECT_EQ(errorOf({"-conf", "nowhere.cfg"}), "cannot find configuration file 'nowhere.cfg'");
  EXPECT_EQ(errorOf({"-unroll", "x"}), "-unroll needs a non-negative integer, not 'x'");
  EXPECT_EQ(errorOf({"-frobnicate", "1"}), "unknown option -frobnicate");
  EXPECT_EQ(errorOf({"-show", "maybe"}), "-show needs one of none, all, prop, neg, cond, wit, not 'maybe'");
  EXPECT_EQ(errorOf({"-edgeattr", "hb"}), "-edgeattr needs RELATION,ATTRIBUTE,VALUE, not 'hb'");
  EXPECT_EQ(errorOf({"-optace", "true"}), "unsupported option -optace: mcm always applies herd7's default (-optace iico)");
  EXPECT_EQ(errorOf({"-gv", "t.litmus"}), "unsupported option -gv: mcm opens no viewer (use -o DIR, with --svg for pictures)");
  EXPECT_EQ(errorOf({"-through", "all!"}), "-through needs none, invalid or all, not 'all!'");
  EXPECT_EQ(errorOf({"-hexa", "yes"}), "-hexa needs true or false, not 'yes'");
  EXPECT_EQ(errorOf({"-initwrites", "false"}),
            "unsupported option -initwrites false: mcm only supports -initwrites true");
  EXPECT_EQ(errorOf({"-graph", "columns"}),
            "unsupported option -graph: mcm draws with its own layout (display options are only ignored in .cfg files)");
}

TEST(HerdOptions, ConfigFileErrorsArePositioned) {
  ScratchConfig cfg("# comment\nmodel m.cat\n  speedcheck maybe\n");
  EXPECT_EQ(errorOf({"-conf", cfg.path()}), cfg.path() + ":3:3: error: 'speedcheck' needs false, true or fast, not 'maybe'");
  ScratchConfig bad("model\n");
  EXPECT_EQ(errorOf({"-conf", bad.path()}), bad.path() + ":1:1: error: 'model' needs a value");
  ScratchConfig unknown("graph columns\nwhatever 1\n");
  EXPECT_EQ(errorOf({"-conf", unknown.path()}), unknown.path() + ":2:1: error: unknown option 'whatever'");
}

}  // namespace
}  // namespace mcm::cli
