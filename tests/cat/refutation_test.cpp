// Evaluator::refutes: a part of rf refutes the model only when no candidate containing it
// passes. Checked by hand on three RMWs of one location, and against an independent route:
// every completion of every part, judged by run().
#include <gtest/gtest.h>

#include "relation_builders.hpp"

#include "cat/model.hpp"

namespace {

using mcm::cat::Environment;
using mcm::cat::Evaluator;
using mcm::rel::EventSet;
using mcm::rel::Relation;
using mcm::testing::relOf;
using mcm::testing::setOf;

// x's initial write 0, and three RMWs of x (each a read and a write, as C's xchg): 1 on P0,
// 2 and 3 on P1 (2 before 3). Each RMW reads one of the other writes.
Environment rmwProgram() {
  Environment env;
  env.numEvents = 4;
  env.sets["W"] = setOf(4, {0, 1, 2, 3});
  env.sets["R"] = setOf(4, {1, 2, 3});
  env.sets["M"] = setOf(4, {0, 1, 2, 3});
  env.sets["IW"] = setOf(4, {0});
  env.relations["po"] = relOf(4, {{2, 3}});
  Relation all = Relation::product(EventSet::all(4), EventSet::all(4));
  env.relations["loc"] = all;
  env.relations["int"] = relOf(4, {{0, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}});
  env.relations["ext"] = all - env.relations["int"];
  env.relations["id"] = Relation::identity(4);
  env.candidateNames = std::set<std::string>{"rf", "FW"};
  return env;
}

// cos-opt's co (with co0's final writes, empty in a part) and atomicity, through a function
// and the differences `co \ coi`, `fr \ fri` (cos-opt.cat).
const char* kAtomicModel = R"("atomic"
include "cos-opt.cat"
let between(r) = fre ; r
irreflexive between(coe) as atomic
)";

const char* kCoherenceModel = R"("coherence"
include "cos-opt.cat"
let com = rf | co | fr
acyclic po-loc | com as coherence
)";

Environment partOf(std::initializer_list<std::pair<std::size_t, std::size_t>> edges) {
  Environment lower;
  lower.numEvents = 4;
  lower.relations["rf"] = relOf(4, edges);
  return lower;
}

bool allows(Evaluator& ev, const Relation& rf, const EventSet& fw) {
  Environment c;
  c.numEvents = 4;
  c.relations["rf"] = rf;
  c.sets["FW"] = fw;
  bool allowed = false;
  ev.run(c, [&](const mcm::cat::Verdict& v) { allowed = allowed || v.allowed; });
  return allowed;
}

// By hand: two RMWs cannot read the same write (whichever is later in co has the other
// between); one RMW alone, or RMWs reading different writes, can.
TEST(Refutation, TwoRmwsReadingOneWrite) {
  auto model = mcm::cat::loadModelText(kAtomicModel, "atomic.cat", {});
  Evaluator ev(model, rmwProgram());
  EXPECT_FALSE(ev.refutes(partOf({{0, 1}})));
  EXPECT_FALSE(ev.refutes(partOf({{0, 1}, {1, 2}})));
  EXPECT_TRUE(ev.refutes(partOf({{0, 1}, {0, 2}})));
  EXPECT_TRUE(ev.refutes(partOf({{2, 1}, {2, 3}})));
  // The same answers after runs of complete candidates, and the runs unchanged by them.
  const Relation rf = relOf(4, {{0, 1}, {1, 2}, {2, 3}});
  EXPECT_TRUE(allows(ev, rf, setOf(4, {3})));
  EXPECT_TRUE(ev.refutes(partOf({{0, 1}, {0, 2}})));
  EXPECT_TRUE(allows(ev, rf, setOf(4, {3})));
  EXPECT_FALSE(allows(ev, rf, setOf(4, {1})));  // 1 last, yet 2 reads from it
}

// By hand: 3 reading from 2, its po-predecessor, is coherent; 2 reading from 3, po-after it,
// is a cycle (po-loc from 2 to 3, rf back).
TEST(Refutation, ReadingFromAWritePoAfter) {
  auto model = mcm::cat::loadModelText(kCoherenceModel, "coherence.cat", {});
  Evaluator ev(model, rmwProgram());
  EXPECT_FALSE(ev.refutes(partOf({{2, 3}})));
  EXPECT_TRUE(ev.refutes(partOf({{3, 2}})));
}

// A check that a growing rf can make pass (every read reads something) never refutes.
TEST(Refutation, ChecksThatMayPassAboveDoNotAnswer) {
  auto model = mcm::cat::loadModelText(R"("t"
empty R \ range(rf) as every-read-reads
acyclic ~rf as not-monotone
)", "t.cat", {});
  Evaluator ev(model, rmwProgram());
  EXPECT_FALSE(ev.refutes(partOf({{0, 1}})));
  EXPECT_FALSE(ev.refutes(partOf({})));
}

// A question that would take more steps (parts and choices judged) than it is given answers
// that it cannot tell: two RMWs reading the initial write fail atomicity only once the
// coherence search orders them, which takes more than one step.
TEST(Refutation, AQuestionPastItsStepsCannotTell) {
  auto model = mcm::cat::loadModelText(kAtomicModel, "atomic.cat", {});
  Evaluator ev(model, rmwProgram());
  EXPECT_FALSE(ev.refutes(partOf({{0, 1}, {0, 2}}), 1));
  EXPECT_TRUE(ev.refutes(partOf({{0, 1}, {0, 2}})));
  EXPECT_TRUE(ev.refutes(partOf({{0, 1}, {0, 2}}), 1000));
}

// Independent route: each part of each rf choice (each RMW reading one of the three other
// writes, 27 choices) is refuted only if no completion of it, with any final write, is
// allowed by run(); and, by hand, every part where two RMWs read one write is refuted.
TEST(Refutation, RefutedPartsHaveNoAllowedCompletion) {
  auto model = mcm::cat::loadModelText(std::string(kAtomicModel) + "let com = rf | co | fr\nacyclic po-loc | com\n",
                                       "atomic.cat", {});
  Evaluator ev(model, rmwProgram());
  Evaluator judge(model, rmwProgram());
  const std::vector<std::size_t> reads = {1, 2, 3};
  std::vector<std::vector<std::size_t>> choices;  // per read: the writes it may read
  for (std::size_t r : reads) {
    std::vector<std::size_t> ws;
    for (std::size_t w = 0; w < 4; ++w)
      if (w != r) ws.push_back(w);
    choices.push_back(ws);
  }
  // Every complete choice and its verdict (any final write among 1, 2, 3).
  std::vector<std::pair<std::vector<std::size_t>, bool>> complete;
  for (std::size_t a : choices[0])
    for (std::size_t b : choices[1])
      for (std::size_t c : choices[2]) {
        const Relation rf = relOf(4, {{a, 1}, {b, 2}, {c, 3}});
        bool allowed = false;
        for (std::size_t fw = 1; fw < 4; ++fw) allowed = allowed || allows(judge, rf, setOf(4, {fw}));
        complete.push_back({{a, b, c}, allowed});
      }
  int refuted = 0, sharing = 0;
  // Parts: each read either left out or given one of its writes.
  for (std::size_t mask = 0; mask < 64; ++mask) {
    std::vector<int> part(3, -1);
    for (std::size_t i = 0; i < 3; ++i) {
      const std::size_t pick = (mask >> (2 * i)) & 3;
      if (pick == 3) continue;
      part[i] = static_cast<int>(choices[i][pick]);
    }
    Relation rf(4);
    for (std::size_t i = 0; i < 3; ++i)
      if (part[i] >= 0) rf.insert(static_cast<std::size_t>(part[i]), reads[i]);
    bool anyAllowed = false;
    for (const auto& [c, allowed] : complete) {
      bool extends = true;
      for (std::size_t i = 0; i < 3; ++i) extends = extends && (part[i] < 0 || c[i] == static_cast<std::size_t>(part[i]));
      anyAllowed = anyAllowed || (extends && allowed);
    }
    Environment lower;
    lower.numEvents = 4;
    lower.relations["rf"] = rf;
    const bool r = ev.refutes(lower);
    if (r) EXPECT_FALSE(anyAllowed) << "part " << mask << " refuted, yet a completion is allowed";
    const bool shared = (part[0] >= 0 && (part[0] == part[1] || part[0] == part[2])) ||
                        (part[1] >= 0 && part[1] == part[2]);
    if (shared) EXPECT_TRUE(r) << "part " << mask << ": two RMWs read one write";
    refuted += r;
    sharing += shared;
  }
  EXPECT_GT(sharing, 0);
  EXPECT_GE(refuted, sharing);
}

}  // namespace
