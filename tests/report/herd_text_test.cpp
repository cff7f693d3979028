// herd7-format reports of hand-made results. Every expected text below is written
// from the rules in herd7-semantics.md §7 (checked against /work/shared/oracle);
// the Hash values were computed outside mcm with Python's hashlib (derivations inline).
#include <gtest/gtest.h>

#include "litmus/locations.hpp"
#include "report/herd_hash.hpp"
#include "report/herd_text.hpp"

namespace mcm::report {
namespace {

using exec::FinalState;
using exec::StateValue;
using exec::TestResult;
using litmus::Location;
using litmus::Prop;

Location reg(int thread, std::string name) { return Location{thread, std::move(name), {}}; }
Location global(std::string name) { return Location{-1, std::move(name), {}}; }

StateValue num(long long n) { return StateValue{StateValue::Kind::Int, n, ""}; }
StateValue sym(std::string s) { return StateValue{StateValue::Kind::Symbol, 0, std::move(s)}; }
StateValue freeVar(long long n) { return StateValue{StateValue::Kind::Free, n, ""}; }

litmus::PropPtr atom(Location lhs, long long value) {
  auto p = std::make_shared<Prop>();
  p->kind = Prop::Kind::Atom;
  p->lhs = std::move(lhs);
  p->rhs.number = value;
  return p;
}

litmus::PropPtr conj(std::vector<litmus::PropPtr> args) {
  auto p = std::make_shared<Prop>();
  p->kind = Prop::Kind::And;
  p->args = std::move(args);
  return p;
}

litmus::Param intPtr(std::string name) { return litmus::Param{litmus::Type{"int", 1, false}, std::move(name), {}}; }

// P0(int *x) { WRITE_ONCE(*x, 1); }   P1(int *x, int *y) { int r0; r0 = READ_ONCE(*x); }
// exists (1:r0=1 /\ [x]=1)
litmus::Test twoThreadTest(litmus::Quantifier q) {
  litmus::Test t;
  t.arch = "C";
  t.name = "MP+hand.litmus";
  litmus::Thread p0;
  p0.index = 0;
  p0.params = {intPtr("x")};
  p0.bodyText = "\n\tWRITE_ONCE(*x, 1);\n";
  litmus::Thread p1;
  p1.index = 1;
  p1.params = {intPtr("x"), intPtr("y")};
  p1.bodyText = "\n\tint r0;\n\tr0 = READ_ONCE(*x);\n";
  t.threads = {p0, p1};
  t.condition = litmus::Condition{q, conj({atom(reg(1, "r0"), 1), atom(global("x"), 1)}), {}};
  return t;
}

FinalState state(const std::vector<std::pair<Location, StateValue>>& entries) {
  FinalState s;
  for (const auto& [loc, value] : entries) s.add(loc, value);
  return s;
}

// D_init = "" ; D_code = " P0(int* x) {\n\n\tWRITE_ONCE(*x, 1);\n\n}\n | P1(int* x, int* y) {\n\n\tint r0;\n\tr0 = READ_ONCE(*x);\n\n}\n ;\n"
// D_obs = "1:r0; x" ; hashlib.md5(md5(D_init)+md5(D_code)+md5(D_obs)).hexdigest():
constexpr const char* kTwoThreadHash = "7fbe4045a92430036489575d2f5105c4";

TEST(HerdHash, InputsAndDigestOfHandMadeTest) {
  litmus::Test t = twoThreadTest(litmus::Quantifier::Exists);
  HashInputs in = herdHashInputs(t);
  EXPECT_EQ(in.init, "");
  EXPECT_EQ(in.code,
            " P0(int* x) {\n\n\tWRITE_ONCE(*x, 1);\n\n}\n | P1(int* x, int* y) {\n\n\tint r0;\n\tr0 = READ_ONCE(*x);\n\n}\n ;\n");
  EXPECT_EQ(in.observed, "1:r0; x");
  EXPECT_EQ(herdHash(t), kTwoThreadHash);
}

TEST(HerdHash, InitEntriesSortedWithValuesAsWritten) {
  // { int u = 3; x=y; 0:r1=&z; } -> registers first, then globals by name; `&` dropped:
  // "0:r1=z; int u=3; x=y". With P0 alone and no condition, D_obs = "":
  // hashlib -> 8b0cf640f0d578b9c5efaf25fea3dec6.
  litmus::Test t = twoThreadTest(litmus::Quantifier::Exists);
  t.threads.resize(1);
  t.condition.reset();
  litmus::InitItem u;
  u.loc = global("u");
  u.type = litmus::Type{"int", 0, false};
  u.hasValue = true;
  u.value.number = 3;
  u.valueText = "3";
  litmus::InitItem x;
  x.loc = global("x");
  x.hasValue = true;
  x.value = litmus::Value{true, 0, "y"};
  x.valueText = "y";
  litmus::InitItem r1;
  r1.loc = reg(0, "r1");
  r1.hasValue = true;
  r1.value = litmus::Value{true, 0, "z"};
  r1.valueText = "&z";
  r1.addressOf = true;
  t.init = {u, x, r1};
  EXPECT_EQ(herdHashInputs(t).init, "0:r1=z; int u=3; x=y");
  EXPECT_EQ(herdHash(t), "8b0cf640f0d578b9c5efaf25fea3dec6");
}

TEST(HerdHash, HashInfoLineIsEchoed) {
  litmus::Test t = twoThreadTest(litmus::Quantifier::Exists);
  t.info = {{"Hash", "0123456789abcdef0123456789abcdef"}};
  EXPECT_EQ(herdHash(t), "0123456789abcdef0123456789abcdef");
}

TEST(HerdHash, DisplayedLocationsSkipFilterAndSortRegistersFirst) {
  litmus::Test t = twoThreadTest(litmus::Quantifier::Exists);
  t.locations = {global("B"), reg(1, "r10"), global("_z"), reg(0, "r9"), reg(1, "r0")};
  t.filter = atom(global("y"), 1);
  std::vector<Location> shown = litmus::displayedLocations(t);
  std::vector<Location> expected = {reg(0, "r9"), reg(1, "r0"), reg(1, "r10"), global("B"), global("_z"), global("x")};
  EXPECT_EQ(shown, expected);
}

TEST(HerdText, StateLineFormats) {
  EXPECT_EQ(renderStateLine(state({})), "");
  EXPECT_EQ(renderStateLine(state({{reg(0, "r0"), sym("y")}, {reg(2, "r1"), num(-1)}, {global("x"), freeVar(8)}})),
            "0:r0=y; 2:r1=-1; [x]=S8;");
}

TEST(HerdText, ExistsSometimes) {
  TestResult r;
  r.states = {state({{reg(1, "r0"), num(0)}, {global("x"), num(1)}}),
              state({{reg(1, "r0"), num(1)}, {global("x"), num(1)}})};
  r.positive = 1;
  r.negative = 2;
  EXPECT_EQ(renderHerdText(twoThreadTest(litmus::Quantifier::Exists), r, 0.014),
            "Test MP+hand Allowed\n"
            "States 2\n"
            "1:r0=0; [x]=1;\n"
            "1:r0=1; [x]=1;\n"
            "Ok\n"
            "Witnesses\n"
            "Positive: 1 Negative: 2\n"
            "Condition exists (1:r0=1 /\\ [x]=1)\n"
            "Observation MP+hand Sometimes 1 2\n"
            "Time MP+hand 0.01\n"
            "Hash=" + std::string(kTwoThreadHash) + "\n\n");
}

TEST(HerdText, NotExistsSwapsWitnessesButNotObservation) {
  // ~exists with the proposition true in 3 of 4 executions: pos 3, neg 1 ->
  // "No", "Positive: 1 Negative: 3", "Observation ... Sometimes 3 1" (herd7-semantics.md §7).
  TestResult r;
  r.states = {state({{reg(1, "r0"), num(1)}, {global("x"), num(1)}})};
  r.positive = 3;
  r.negative = 1;
  r.flags = {"mixed-accesses", "data-race"};
  std::string text = renderHerdText(twoThreadTest(litmus::Quantifier::NotExists), r, 1.5);
  EXPECT_EQ(text,
            "Test MP+hand Forbidden\n"
            "States 1\n"
            "1:r0=1; [x]=1;\n"
            "No\n"
            "Witnesses\n"
            "Positive: 1 Negative: 3\n"
            "Flag data-race\n"
            "Flag mixed-accesses\n"
            "Condition ~exists (1:r0=1 /\\ [x]=1)\n"
            "Observation MP+hand Sometimes 3 1\n"
            "Time MP+hand 1.50\n"
            "Hash=" + std::string(kTwoThreadHash) + "\n\n");
}

TEST(HerdText, NotExistsNeverIsOk) {
  TestResult r;
  r.states = {state({{reg(1, "r0"), num(0)}, {global("x"), num(1)}})};
  r.negative = 4;
  std::string text = renderHerdText(twoThreadTest(litmus::Quantifier::NotExists), r, 0);
  EXPECT_NE(text.find("\nOk\nWitnesses\nPositive: 4 Negative: 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nObservation MP+hand Never 0 4\n"), std::string::npos) << text;
}

TEST(HerdText, ForallAlwaysWithLoopCutoff) {
  TestResult r;
  r.states = {state({{reg(1, "r0"), num(1)}, {global("x"), num(1)}})};
  r.positive = 2;
  r.loopCutoff = true;
  std::string text = renderHerdText(twoThreadTest(litmus::Quantifier::Forall), r, 0);
  EXPECT_NE(text.find("Test MP+hand Required\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nLoop Ok\nWitnesses\nPositive: 2 Negative: 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nCondition forall (1:r0=1 /\\ [x]=1)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nObservation MP+hand Always 2 0\n"), std::string::npos) << text;
}

TEST(HerdText, NoConditionIsForallTrueWithOneEmptyState) {
  // No condition: `forall (true)`, kind Required; nothing displayed -> one empty state line.
  litmus::Test t = twoThreadTest(litmus::Quantifier::Exists);
  t.condition.reset();
  TestResult r;
  r.states = {state({})};
  r.positive = 3;
  std::string text = renderHerdText(t, r, 0);
  EXPECT_EQ(text.substr(0, text.find("Time")),
            "Test MP+hand Required\n"
            "States 1\n"
            "\n"
            "Ok\n"
            "Witnesses\n"
            "Positive: 3 Negative: 0\n"
            "Condition forall (true)\n"
            "Observation MP+hand Always 3 0\n");
}

TEST(HerdText, NoExecutionsIsNeverZeroZero) {
  TestResult r;
  std::string text = renderHerdText(twoThreadTest(litmus::Quantifier::Exists), r, 0);
  EXPECT_EQ(text.substr(0, text.find("Condition")),
            "Test MP+hand Allowed\nStates 0\nNo\nWitnesses\nPositive: 0 Negative: 0\n");
  EXPECT_NE(text.find("\nObservation MP+hand Never 0 0\n"), std::string::npos) << text;
}

TEST(HerdText, NameKeepsInnerDotsAndPathLikeNames) {
  litmus::Test t;
  t.name = "auto/C-LB-Lww+R-A.litmus";
  EXPECT_EQ(herdTestName(t), "auto/C-LB-Lww+R-A");
  t.name = "a.litmus.x";
  EXPECT_EQ(herdTestName(t), "a.litmus.x");
}

}  // namespace
}  // namespace mcm::report
