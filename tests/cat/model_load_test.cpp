// Loading the kernel's models unmodified, our library and our LKMM.
#include <gtest/gtest.h>

#include <fstream>

#include "cat/model.hpp"
#include "models/models.hpp"

namespace {

const std::string kShared = MCM_SHARED_DIR;

TEST(ModelLoad, CurrentKernelModel) {
  auto m = mcm::cat::loadModel(kShared + "/models/lkmm/linux-kernel.cat", {},
                               kShared + "/models/lkmm/linux-kernel.bell");
  EXPECT_EQ(mcm::cat::modelTitle(*m), "Linux-kernel memory consistency model");
}

TEST(ModelLoad, Kernel2018Model) {
  auto m = mcm::cat::loadModel(kShared + "/models/lkmm-2018/linux-kernel.cat", {},
                               kShared + "/models/lkmm-2018/linux-kernel.bell");
  EXPECT_EQ(mcm::cat::modelTitle(*m), "Linux kernel memory model");
}

TEST(ModelLoad, StandardLibraryFiles) {
  for (const char* f : {"cross.cat", "cos-opt.cat", "stdlib.cat"})
    EXPECT_NO_THROW(mcm::cat::loadModelText(std::string("\"t\" include \"") + f + "\"", "t.cat", {})) << f;
}


}  // namespace

namespace {

using mcm::cat::Environment;
using mcm::rel::EventSet;
using mcm::rel::Relation;

EventSet setOf(std::initializer_list<std::size_t> es) {
  EventSet s(8);
  for (auto e : es) s.insert(e);
  return s;
}

Relation square(const EventSet& s) { return Relation::product(s, s); }

// MP+wmb+rmb, hand-built as herd would: P0 = 0: W[ONCE] x, 1: F[wmb], 2: W[ONCE] y;
// P1 = 3: R[ONCE] y, 4: F[rmb], 5: R[ONCE] x; 6, 7: initial writes of x, y.
Environment mpProgram() {
  Environment env;
  env.numEvents = 8;
  env.sets["W"] = setOf({0, 2, 6, 7});
  env.sets["R"] = setOf({3, 5});
  env.sets["M"] = setOf({0, 2, 3, 5, 6, 7});
  env.sets["IW"] = setOf({6, 7});
  env.sets["F"] = setOf({1, 4});
  env.sets["ONCE"] = setOf({0, 2, 3, 5});
  env.sets["Wmb"] = setOf({1});
  env.sets["Rmb"] = setOf({4});
  Relation po(8);
  for (auto [a, b] : {std::pair{0, 1}, {0, 2}, {1, 2}, {3, 4}, {3, 5}, {4, 5}}) po.insert(a, b);
  env.relations["po"] = po;
  env.relations["loc"] = square(setOf({0, 5, 6})) | square(setOf({2, 3, 7}));
  Relation in = square(setOf({0, 1, 2})) | square(setOf({3, 4, 5})) | Relation::identity(8);
  env.relations["int"] = in;
  env.relations["ext"] = in.complement();
  env.relations["id"] = Relation::identity(8);
  for (const char* r : {"addr", "data", "ctrl", "rmw"}) env.relations[r] = Relation(8);
  env.variants = {"lkmmv2"};
  return env;
}

// The four rf choices: R y (3) from 2 or 7, R x (5) from 0 or 6. Only
// "y = 1 and x = 0" (2 -> 3, 6 -> 5) is forbidden: prop links 5 -fre-> 0 -wmb-> 2 -rfe-> 3
// inside P1, and rmb orders 3 before 5: a happens-before cycle.
std::vector<std::string> judgeMp(std::shared_ptr<const mcm::cat::Model> model) {
  mcm::cat::Evaluator ev(model, mpProgram());
  std::vector<std::string> out;
  for (auto [ry, rx] : {std::pair{2, 0}, {2, 6}, {7, 0}, {7, 6}}) {
    Environment c;
    Relation rf(8);
    rf.insert(ry, 3);
    rf.insert(rx, 5);
    c.relations["rf"] = rf;
    ev.run(c, [&](const mcm::cat::Verdict& v) { out.push_back(v.allowed ? "allowed" : v.failedCheck); });
  }
  return out;
}

const std::vector<std::string> kMpExpected = {"allowed", "happens-before", "allowed", "allowed"};

TEST(KernelModel, CurrentModelJudgesMpWmbRmb) {
  auto m = mcm::cat::loadModel(kShared + "/models/lkmm/linux-kernel.cat", {},
                               kShared + "/models/lkmm/linux-kernel.bell");
  EXPECT_EQ(judgeMp(m), kMpExpected);
}

TEST(KernelModel, BuiltinLkmmJudgesMpWmbRmb) { EXPECT_EQ(judgeMp(mcm::models::defaultModel().model()), kMpExpected); }

}  // namespace

namespace {

// Nested RCU read-side critical sections, one thread: 0 lock, 1 lock, 2 unlock,
// 3 unlock. The bell's fixpoint (bindings evaluated in order) pairs innermost
// first: rcu-rscs = {(1,2), (0,3)}, so neither unmatched flag fires.
TEST(KernelModel, NestedRcuCriticalSectionsPairInnermostFirst) {
  std::string probe = ::testing::TempDir() + "/probe-rcu.cat";
  {
    std::ofstream out(probe);
    out << "\"probe\"\nlet probe = rcu-rscs\n";
  }
  auto m = mcm::cat::loadModel(probe, {}, kShared + "/models/lkmm/linux-kernel.bell");
  Environment env;
  env.numEvents = 4;
  env.sets["F"] = EventSet::all(4);
  EventSet locks(4), unlocks(4);
  locks.insert(0);
  locks.insert(1);
  unlocks.insert(2);
  unlocks.insert(3);
  env.sets["Rcu-lock"] = locks;
  env.sets["Rcu-unlock"] = unlocks;
  Relation po(4);
  for (std::size_t a = 0; a < 4; ++a)
    for (std::size_t b = a + 1; b < 4; ++b) po.insert(a, b);
  env.relations["po"] = po;
  env.variants = {"lkmmv2"};
  mcm::cat::Evaluator ev(m, env);
  int branches = 0;
  ev.run(Environment{}, [&](const mcm::cat::Verdict& v) {
    ++branches;
    Relation want(4);
    want.insert(1, 2);
    want.insert(0, 3);
    EXPECT_EQ(*v.relation("probe"), want);
    EXPECT_TRUE(v.flags.empty());
  });
  EXPECT_EQ(branches, 1);
}

}  // namespace
