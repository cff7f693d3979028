// `mcm hw`'s run options: values as typed → RunOptions, and the messages for bad ones.
#include <gtest/gtest.h>

#include "hw/knobs.hpp"

namespace mcm::hw {
namespace {

std::string errorOf(const KnobText& text, bool timebase = true) {
  try {
    runOptionsFrom(text, timebase);
  } catch (const KnobError& e) {
    return e.what();
  }
  return "";
}

TEST(HwKnobs, DefaultsAreTimebaseWhenPossibleWithPreloading) {
  const RunOptions run = runOptionsFrom(KnobText{}, true);
  EXPECT_EQ(run.iterations, 1000000u);
  EXPECT_EQ(run.size, 1000u);
  EXPECT_EQ(run.barrier, Barrier::Auto);
  EXPECT_EQ(run.period, 1000u);
  EXPECT_TRUE(run.preload);
  EXPECT_TRUE(run.cpus.empty());
  EXPECT_EQ(run.stuckSeconds, 10u);
}

TEST(HwKnobs, RunsMultiplySize) {
  KnobText text;
  text.size = 250;
  text.runs = 8;
  EXPECT_EQ(runOptionsFrom(text, true).iterations, 2000u);
  text.size = 1000000;
  text.runs = 10001;  // 1.0001e10 > 1e10
  EXPECT_EQ(errorOf(text), "-r: size × runs must be at most 10000000000");
}

TEST(HwKnobs, NamedValuesAreParsed) {
  KnobText text;
  text.barrier = "user";
  text.preload = "no";
  text.period = 600;
  text.cpus = "1,3-4";
  const RunOptions run = runOptionsFrom(text, false);
  EXPECT_EQ(run.barrier, Barrier::User);
  EXPECT_FALSE(run.preload);
  EXPECT_EQ(run.period, 600u);
  EXPECT_EQ(run.cpus, (std::vector<int>{1, 3, 4}));
  text.barrier = "timebase";
  EXPECT_EQ(runOptionsFrom(text, true).barrier, Barrier::Timebase);
}

TEST(HwKnobs, PlacementOrderAndAffinityAreParsed) {
  const RunOptions defaults = runOptionsFrom(KnobText{}, true);
  EXPECT_EQ(defaults.stride, 0u);
  EXPECT_EQ(defaults.placement, Placement::Arrays);
  EXPECT_EQ(defaults.affinity, Affinity::Incr);
  EXPECT_FALSE(defaults.stagger.has_value());  // auto: chosen per test (resolveAutoOptions)
  KnobText text;
  text.barrier = "userfence";
  text.stride = 7;
  text.place = "padded";
  text.affinity = "random";
  text.stagger = "5000";
  RunOptions run = runOptionsFrom(text, true);
  EXPECT_EQ(run.barrier, Barrier::UserFence);
  EXPECT_EQ(run.stride, 7u);
  EXPECT_EQ(run.placement, Placement::Padded);
  EXPECT_EQ(run.affinity, Affinity::Random);
  EXPECT_EQ(run.stagger, 5000u);
  text.stagger = "auto";
  EXPECT_FALSE(runOptionsFrom(text, true).stagger.has_value());
  text.barrier = "pthread";
  text.place = "together";
  text.affinity = "none";
  text.stagger = "0";  // needs a time-stamp counter, which this call says there is not
  run = runOptionsFrom(text, false);
  EXPECT_EQ(run.barrier, Barrier::Pthread);
  EXPECT_EQ(run.placement, Placement::Together);
  EXPECT_EQ(run.affinity, Affinity::None);
}

TEST(HwKnobs, BadValuesNameTheirOption) {
  KnobText text;
  text.barrier = "fence";
  EXPECT_EQ(errorOf(text), "--barrier: 'fence' is not one of auto, user, userfence, pthread, timebase");
  text = {};
  text.place = "lines";
  EXPECT_EQ(errorOf(text), "--place: 'lines' is not one of arrays, padded, together");
  text = {};
  text.affinity = "scan";
  EXPECT_EQ(errorOf(text), "--affinity: 'scan' is not one of none, incr, random");
  text = {};
  text.stride = 1000001;
  EXPECT_EQ(errorOf(text), "--stride: the stride must be at most 1000000");
  text = {};
  text.stagger = "1000001";
  EXPECT_EQ(errorOf(text), "--stagger: the stagger must be at most 1000000 ticks");
  text = {};
  text.stagger = "100";
  EXPECT_EQ(errorOf(text, false), "--stagger: this processor has no time-stamp counter mcm hw can read (x86 only)");
  text.stagger = "20k";
  EXPECT_EQ(errorOf(text), "--stagger: '20k' is neither auto nor a number of ticks");
  text.stagger = "";
  EXPECT_EQ(errorOf(text), "--stagger: '' is neither auto nor a number of ticks");
  text = {};
  text.barrier = "timebase";
  EXPECT_EQ(errorOf(text, false),
            "--barrier timebase: this processor has no time-stamp counter mcm hw can read (x86 only)");
  text = {};
  text.preload = "random";
  EXPECT_EQ(errorOf(text), "--preload: 'random' is not one of all, no");
  text = {};
  text.period = 0;
  EXPECT_EQ(errorOf(text), "--period: the period must be between 1 and 1000000 ticks");
  text = {};
  text.size = 0;
  EXPECT_EQ(errorOf(text), "-s: the size must be between 1 and 1000000");
  text = {};
  text.iterations = 0;
  EXPECT_EQ(errorOf(text), "-n: the iteration count must be between 1 and 10000000000");
  text = {};
  text.cpus = "2-1";
  EXPECT_EQ(errorOf(text), "--cpus: '2-1' is not a CPU list such as 0,1 or 0-3");
  text = {};
  text.stuck = 0;
  EXPECT_EQ(errorOf(text), "--stuck: the time must be between 1 and 86400 seconds");
  text.stuck = 3;
  EXPECT_EQ(runOptionsFrom(text, true).stuckSeconds, 3u);
}

TEST(HwKnobs, CpuListsAcceptRangesAndRejectJunk) {
  EXPECT_EQ(parseCpuList("0"), (std::vector<int>{0}));
  EXPECT_EQ(parseCpuList("0-2,5"), (std::vector<int>{0, 1, 2, 5}));
  EXPECT_TRUE(parseCpuList("").empty());
  EXPECT_TRUE(parseCpuList("a").empty());
  EXPECT_TRUE(parseCpuList("1,").empty());
  EXPECT_TRUE(parseCpuList("0-1024").empty());
}

}  // namespace
}  // namespace mcm::hw
