// The process pool: results in input order, timeouts, crashes and memory bounds.
#include <gtest/gtest.h>

#include <csignal>
#include <memory>
#include <thread>
#include <vector>

#include "corpus/workers.hpp"

using namespace mcm::corpus;

namespace {
TestOutcome byName(const std::string& item) {
  if (item == "sleep") std::this_thread::sleep_for(std::chrono::seconds(30));
  if (item == "crash") std::raise(SIGSEGV);
  if (item == "throw") throw std::runtime_error("bad test");
  if (item == "hog") {
    // Address space, not touched pages: the bound (RLIMIT_AS) is reached at once, however slow page faults are.
    std::vector<std::unique_ptr<char[]>> hog;
    for (;;) hog.emplace_back(new char[64 << 20]);
  }
  TestOutcome o;
  o.observation = item;
  if (item == "unsendable") o.output = "\xff";  // not UTF-8: JSON cannot carry it
  if (item == "large") o.output.assign(24 << 20, 'x');
  return o;
}
}  // namespace

TEST(Workers, KeepInputOrderWhateverTheJobCount) {
  std::vector<std::string> items;
  for (int i = 0; i < 12; ++i) items.push_back("t" + std::to_string(i));
  for (int jobs : {1, 2, 5}) {
    int reported = 0;
    const auto out = runInWorkers(items, byName, {jobs, 10, 0}, [&](std::size_t, const TestOutcome&) { ++reported; });
    ASSERT_EQ(out.size(), items.size());
    for (std::size_t i = 0; i < items.size(); ++i) EXPECT_EQ(out[i].observation, items[i]);
    EXPECT_EQ(reported, 12);
  }
}

TEST(Workers, TimeoutCrashErrorAndMemoryBound) {
  const auto out = runInWorkers({"sleep", "crash", "throw", "hog", "fine"}, byName, {2, 3.0, 256u << 20}, {});
  EXPECT_EQ(out[0].status, TestOutcome::Status::Timeout);
  EXPECT_EQ(out[1].status, TestOutcome::Status::Crash);
  EXPECT_EQ(out[2].status, TestOutcome::Status::Error);
  EXPECT_EQ(out[2].error, "bad test");
  EXPECT_EQ(out[3].status, TestOutcome::Status::OutOfMemory);
  EXPECT_EQ(out[4].status, TestOutcome::Status::Ok);
  EXPECT_EQ(out[4].observation, "fine");
}

// A result the worker cannot send is reported with the reason, not as a crash.
TEST(Workers, AResultThatCannotBeSentIsAnError) {
  const auto out = runInWorkers({"unsendable"}, byName, {1, 10, 0}, {});
  EXPECT_EQ(out[0].status, TestOutcome::Status::Error);
  EXPECT_EQ(out[0].error.rfind("the test's result could not be sent: ", 0), 0u) << out[0].error;
}

// Every child starts as large as its parent: a parent keeping each large text it was sent
// would leave the later children no room under their bound. A caller that takes the texts
// keeps the parent small; the outcomes returned are then without them.
TEST(Workers, TextsTakenByTheCallerAreNotKept) {
  const std::vector<std::string> items(12, "large");
  std::size_t sent = 0;
  const auto out = runInWorkers(items, byName, {1, 30, 256u << 20}, [&](std::size_t, TestOutcome& o) {
    sent += o.output.size();
    o.output.clear();
    o.output.shrink_to_fit();

  });
  EXPECT_EQ(sent, items.size() * (24u << 20));
  for (const auto& o : out) {
    EXPECT_EQ(o.status, TestOutcome::Status::Ok) << o.error;
    EXPECT_TRUE(o.output.empty());
  }
}
