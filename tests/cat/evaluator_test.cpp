// The evaluator and cat's primitives on small hand-built event structures.
// Expected values are derived by hand in the comments.
#include <gtest/gtest.h>

#include "relation_builders.hpp"

#include <set>
#include <stdexcept>

#include "cat/model.hpp"

namespace {

using mcm::cat::Environment;
using mcm::cat::Evaluator;
using mcm::cat::Verdict;
using mcm::rel::EventSet;
using mcm::rel::Relation;

using mcm::testing::relOf;
using mcm::testing::setOf;

// Four events, two threads: P0 = 0: W x, 1: W y; P1 = 2: R y, 3: R x.
// po = {(0,1), (2,3)}, rf = {(1,2)}; x = {0,3}, y = {1,2}.
Environment program4() {
  Environment env;
  env.numEvents = 4;
  env.sets["W"] = setOf(4, {0, 1});
  env.sets["R"] = setOf(4, {2, 3});
  env.sets["M"] = setOf(4, {0, 1, 2, 3});
  env.relations["po"] = relOf(4, {{0, 1}, {2, 3}});
  env.relations["loc"] = relOf(4, {{0, 0}, {0, 3}, {3, 0}, {3, 3}, {1, 1}, {1, 2}, {2, 1}, {2, 2}});
  env.relations["int"] = relOf(4, {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}});
  env.relations["ext"] = Relation::product(EventSet::all(4), EventSet::all(4)) - env.relations["int"];
  env.relations["id"] = Relation::identity(4);
  return env;
}

Environment candidate4() {
  Environment c;
  c.numEvents = 4;
  c.relations["rf"] = relOf(4, {{1, 2}});
  return c;
}

struct Outcome {
  std::vector<Verdict> verdicts;
  std::vector<std::map<std::string, std::optional<Relation>>> values;
};

Outcome run(const std::string& text, Environment program, const Environment& cand,
            const std::vector<std::string>& names = {}) {
  auto model = mcm::cat::loadModelText(text, "test.cat", {});
  Evaluator ev(model, std::move(program));
  Outcome out;
  ev.run(cand, [&](const Verdict& v) {
    out.verdicts.push_back(v);
    std::map<std::string, std::optional<Relation>> vals;
    for (const auto& n : names) vals[n] = v.relation(n);
    out.values.push_back(std::move(vals));
  });
  return out;
}

// The first run of a model that reaches its end evaluates every definition; later runs
// bind the definitions that are empty whatever the candidate once and skip those no check
// reads (computing them only when asked for by name). Both runs must give the same
// verdicts and values.
TEST(Evaluator, StagingAfterTheFirstRunKeepsVerdictsAndNames) {
  auto model = mcm::cat::loadModelText(R"("t"
let x = rf ; [R]      (* {(1,2)} *)
let y = rf ; [F]      (* F is empty here: {} whatever rf is *)
let unused = rf | po  (* no check reads it: {(0,1), (2,3), (1,2)} *)
flag ~empty y as y-flag  (* never raised *)
flag ~empty x as x-flag  (* raised *)
~empty x as x-nonempty
empty y as y-empty    (* static once y is known empty *)
(* The candidate's values (event 1 writes 1, event 2 reads 2) make these read the candidate;
   different-values(y) is still empty on every candidate, so decided once. *)
flag ~empty different-values(y) as y-values-flag  (* never raised *)
flag ~empty different-values(x) as x-values-flag  (* (1,2): 1 and 2 differ, raised *)
empty different-values(y) as y-values-empty
)", "test.cat", {});
  Environment program = program4();
  program.candidateNames = std::set<std::string>{"rf"};  // F: given by neither, so empty
  Evaluator ev(model, std::move(program));
  Environment candidate = candidate4();
  candidate.values = {0, 1, 2, 0};
  for (int round = 0; round < 2; ++round) {
    std::vector<Verdict> verdicts;
    std::optional<Relation> unused, y;
    ev.run(candidate, [&](const Verdict& v) {
      verdicts.push_back(v);
      unused = v.relation("unused");
      y = v.relation("y");
    });
    ASSERT_EQ(verdicts.size(), 1u) << "round " << round;
    EXPECT_TRUE(verdicts[0].allowed) << "round " << round;
    EXPECT_EQ(verdicts[0].flags, (std::vector<std::string>{"x-flag", "x-values-flag"})) << "round " << round;
    EXPECT_EQ(unused, relOf(4, {{0, 1}, {2, 3}, {1, 2}})) << "round " << round;
    EXPECT_EQ(y, Relation(4)) << "round " << round;
  }
}

// The emptiness answers a model remembers (Model::foldMemo) hold only for event structures
// alike in what the answer depends on: y = rf ; [F] is empty when F is, but not on a
// structure with a fence read from (an R-like event 2 put in F by hand). Folding y there
// too would lose the flag.
TEST(Evaluator, RememberedEmptinessDependsOnTheStructure) {
  auto model = mcm::cat::loadModelText(R"("t"
let y = rf ; [F]
flag ~empty y as y-flag
)", "test.cat", {});
  auto flagsOn = [&](Environment program) {
    program.candidateNames = std::set<std::string>{"rf"};
    Evaluator ev(model, std::move(program));
    std::vector<std::string> flags;
    for (int round = 0; round < 2; ++round)  // the first run of a model folds nothing
      ev.run(candidate4(), [&](const Verdict& v) { flags = v.flags; });
    return flags;
  };
  Environment withF = program4();
  withF.sets["F"] = setOf(4, {2});
  EXPECT_TRUE(flagsOn(program4()).empty());  // F given by neither: empty, y folded
  EXPECT_EQ(flagsOn(withF), std::vector<std::string>{"y-flag"});
  EXPECT_TRUE(flagsOn(program4()).empty());
}

// Once a run has vouched for the emptiness analysis, an evaluator rewrites definitions without
// their parts empty on its structure (dead_terms.hpp), inside a fixpoint too: b below is empty
// in every round (F is), so a's term `a ; b` goes, and `linked`, read only by b's empty part, is
// skipped per candidate. Values derived by hand: a = rf = {(1,2)}; b = {}; c = a | po ; c =
// {(1,2), (0,2)}; linked = po | rf.
TEST(Evaluator, PrunedDefinitionsKeepTheirValues) {
  auto model = mcm::cat::loadModelText(R"("t"
let linked = po | rf
let rec a = rf | (a ; b)
and b = ([F] ; linked) | (b ; a)
and c = a | (po ; c)
flag ~empty c as c-flag
flag ~empty b as b-flag
)", "test.cat", {});
  // The first evaluator runs every let; the second prunes after its first runs, so 40 runs
  // see the definitions whole and pruned. rf alternates between {(1,2)} and {(0,3)}, so that
  // every run computes the fixpoint anew.
  for (int evaluator = 0; evaluator < 2; ++evaluator) {
    Environment program = program4();
    program.candidateNames = std::set<std::string>{"rf"};
    Evaluator ev(model, std::move(program));
    for (int round = 0; round < 40; ++round) {
      const bool x = round % 2 == 1;  // rf = {(0,3)}: a = c = {(0,3)} (nothing is po-before 0)
      Environment candidate = candidate4();
      if (x) candidate.relations["rf"] = relOf(4, {{0, 3}});
      std::vector<Verdict> verdicts;
      std::map<std::string, std::optional<Relation>> values;
      ev.run(candidate, [&](const Verdict& v) {
        verdicts.push_back(v);
        for (const char* name : {"a", "b", "c", "linked"}) values[name] = v.relation(name);
      });
      const std::string at = "evaluator " + std::to_string(evaluator) + " run " + std::to_string(round);
      ASSERT_EQ(verdicts.size(), 1u) << at;
      EXPECT_EQ(verdicts[0].flags, std::vector<std::string>{"c-flag"}) << at;
      EXPECT_EQ(values["a"], x ? relOf(4, {{0, 3}}) : relOf(4, {{1, 2}})) << at;
      EXPECT_EQ(values["b"], Relation(4)) << at;
      EXPECT_EQ(values["c"], x ? relOf(4, {{0, 3}}) : relOf(4, {{1, 2}, {0, 2}})) << at;
      EXPECT_EQ(values["linked"], x ? relOf(4, {{0, 1}, {2, 3}, {0, 3}}) : relOf(4, {{0, 1}, {2, 3}, {1, 2}})) << at;
    }
  }
}

// Once pruned, a definition empty by an operand computed once (no event is both R and W), one
// that reads only what every candidate shares (rf ; [W] is empty: its closure is the identity)
// and a composition with that identity keep their values, run after run.
TEST(Evaluator, DefinitionsSettledByPruningKeepTheirValues) {
  auto model = mcm::cat::loadModelText(R"("t"
let e = rf & (W * (R & W))  (* {} *)
let d = e | rf              (* rf *)
let s = (rf ; [W])*         (* the identity on the 4 events *)
let t = d ; s               (* rf *)
let u = d ; po              (* po is not the identity: {(1,3)} for rf = {(1,2)}, {} for {(0,3)} *)
flag ~empty e as e-flag     (* never raised *)
flag ~empty t as t-flag
)", "test.cat", {});
  Environment program = program4();
  program.candidateNames = std::set<std::string>{"rf"};
  Evaluator ev(model, std::move(program));
  for (int round = 0; round < 40; ++round) {
    // rf alternates between {(1,2)} (y) and {(0,3)} (x).
    Environment candidate = candidate4();
    if (round % 2) candidate.relations["rf"] = relOf(4, {{0, 3}});
    const Relation rf = candidate.relations["rf"];
    std::vector<Verdict> verdicts;
    std::map<std::string, std::optional<Relation>> values;
    ev.run(candidate, [&](const Verdict& v) {
      verdicts.push_back(v);
      for (const char* name : {"e", "d", "s", "t", "u"}) values[name] = v.relation(name);
    });
    const std::string at = "run " + std::to_string(round);
    EXPECT_EQ(values["u"], round % 2 ? Relation(4) : relOf(4, {{1, 3}})) << at;
    ASSERT_EQ(verdicts.size(), 1u) << at;
    EXPECT_EQ(verdicts[0].flags, std::vector<std::string>{"t-flag"}) << at;
    EXPECT_EQ(values["e"], Relation(4)) << at;
    EXPECT_EQ(values["d"], rf) << at;
    EXPECT_EQ(values["s"], Relation::identity(4)) << at;
    EXPECT_EQ(values["t"], rf) << at;
  }
}

// A candidate shares some names with the one before (here FW, then rf): what reads only those
// is reused, what reads a changed one is recomputed. Four candidates in turn, ten times over;
// every value derived by hand.
TEST(Evaluator, DefinitionsFollowTheNamesThatChange) {
  auto model = mcm::cat::loadModelText(R"("t"
let x = [FW] ; po       (* FW = {0}: {(0,1)}; FW = {2}: {(2,3)} *)
let y = rf | x
flag ~empty x ; rf as xrf
flag ~empty [FW] as fw  (* always raised *)
with c from {po, rf}
let z = c | y
)", "test.cat", {});
  Environment program = program4();
  program.candidateNames = std::set<std::string>{"rf", "FW"};
  Evaluator ev(model, std::move(program));
  struct Case {
    Relation rf;
    EventSet fw;
    Relation x, y, zPo;  // z for c = po (for c = rf it is y)
    bool xrf;
  };
  const Relation a = relOf(4, {{1, 2}}), b = relOf(4, {{0, 3}});
  const std::vector<Case> cases = {
      {a, setOf(4, {0}), relOf(4, {{0, 1}}), relOf(4, {{0, 1}, {1, 2}}), relOf(4, {{0, 1}, {1, 2}, {2, 3}}), true},
      {b, setOf(4, {0}), relOf(4, {{0, 1}}), relOf(4, {{0, 1}, {0, 3}}), relOf(4, {{0, 1}, {0, 3}, {2, 3}}), false},
      {b, setOf(4, {2}), relOf(4, {{2, 3}}), relOf(4, {{0, 3}, {2, 3}}), relOf(4, {{0, 1}, {0, 3}, {2, 3}}), false},
      {a, setOf(4, {2}), relOf(4, {{2, 3}}), relOf(4, {{1, 2}, {2, 3}}), relOf(4, {{0, 1}, {1, 2}, {2, 3}}), false},
  };
  for (int round = 0; round < 40; ++round) {
    const Case& c = cases[static_cast<std::size_t>(round) % cases.size()];
    Environment candidate;
    candidate.numEvents = 4;
    candidate.relations["rf"] = c.rf;
    candidate.sets["FW"] = c.fw;
    std::set<Relation> zs;
    ev.run(candidate, [&](const Verdict& v) {
      const std::string at = "run " + std::to_string(round);
      EXPECT_EQ(v.relation("x"), c.x) << at;
      EXPECT_EQ(v.relation("y"), c.y) << at;
      EXPECT_EQ(v.flags, c.xrf ? (std::vector<std::string>{"fw", "xrf"}) : std::vector<std::string>{"fw"}) << at;
      zs.insert(*v.relation("z"));
    });
    EXPECT_EQ(zs, (std::set<Relation>{c.zPo, c.y})) << "run " << round;
  }
}

// Lets of unions, intersections and differences of names are computed in the storage of the
// name they bind from the second run on (Impl::assignedInPlace): runs alternating between two
// candidates must give each its own values. Expected values by hand: po = {(0,1), (2,3)},
// ext pairs events of different threads, loc as in program4.
TEST(Evaluator, LetsOfNamesFollowEachCandidate) {
  auto model = mcm::cat::loadModelText(R"("t"
let q = rf | po
let u = q | rf | po
let i = q & ext & loc
let d = q \ po \ rf
let s = loc \ q
let t = q \ (po | rf)
)", "test.cat", {});
  Environment program = program4();
  program.candidateNames = std::set<std::string>{"rf"};
  Evaluator ev(model, std::move(program));
  const Relation loc = program4().relations["loc"];
  struct Case {
    Relation rf, q, i, s;
  };
  const std::vector<Case> cases = {
      {relOf(4, {{1, 2}}), relOf(4, {{0, 1}, {1, 2}, {2, 3}}), relOf(4, {{1, 2}}), loc - relOf(4, {{1, 2}})},
      {relOf(4, {{0, 3}}), relOf(4, {{0, 1}, {0, 3}, {2, 3}}), relOf(4, {{0, 3}}), loc - relOf(4, {{0, 3}})},
  };
  for (int round = 0; round < 20; ++round) {
    const Case& c = cases[static_cast<std::size_t>(round) % cases.size()];
    Environment candidate;
    candidate.numEvents = 4;
    candidate.relations["rf"] = c.rf;
    int runs = 0;
    ev.run(candidate, [&](const Verdict& v) {
      const std::string at = "run " + std::to_string(round);
      ++runs;
      EXPECT_EQ(v.relation("q"), c.q) << at;
      EXPECT_EQ(v.relation("u"), c.q) << at;
      EXPECT_EQ(v.relation("i"), c.i) << at;
      EXPECT_EQ(v.relation("d"), Relation(4)) << at;
      EXPECT_EQ(v.relation("s"), c.s) << at;
      EXPECT_EQ(v.relation("t"), Relation(4)) << at;
    });
    EXPECT_EQ(runs, 1);
  }
}

TEST(Evaluator, CompositionClosureInverse) {
  auto o = run(R"("t"
let a = po ; rf      (* 0-po->1-rf->2: {(0,2)} *)
let b = (po | rf)+   (* chain 0->1->2->3: 6 forward pairs *)
let c = rf^-1        (* {(2,1)} *)
let d = po-loc       (* stdlib: po & loc = {} (0,1 differ; 2,3 differ) *)
let e = rfe          (* rf & ext = {(1,2)} *)
let f = [W] ; loc ; [R]  (* {(0,3), (1,2)} *)
)", program4(), candidate4(), {"a", "b", "c", "d", "e", "f"});
  ASSERT_EQ(o.verdicts.size(), 1u);
  EXPECT_TRUE(o.verdicts[0].allowed);
  auto& v = o.values[0];
  EXPECT_EQ(*v["a"], relOf(4, {{0, 2}}));
  EXPECT_EQ(*v["b"], relOf(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}));
  EXPECT_EQ(*v["c"], relOf(4, {{2, 1}}));
  EXPECT_TRUE(v["d"]->empty());
  EXPECT_EQ(*v["e"], relOf(4, {{1, 2}}));
  EXPECT_EQ(*v["f"], relOf(4, {{0, 3}, {1, 2}}));
}

TEST(Evaluator, ChecksAndFlags) {
  // po | rf is acyclic; adding rf^-1 makes the 1 <-> 2 cycle.
  auto ok = run(R"("t" acyclic po | rf as first
flag ~empty rf   (* unnamed: herd warns and records nothing *)
flag ~empty rf as has-rf
flag ~empty rf & int as has-rfi)", program4(), candidate4());
  ASSERT_EQ(ok.verdicts.size(), 1u);
  EXPECT_TRUE(ok.verdicts[0].allowed);
  EXPECT_EQ(ok.verdicts[0].flags, std::vector<std::string>{"has-rf"});

  auto bad = run(R"("t"
irreflexive po as never
acyclic po | rf | rf^-1 as cyc
empty rf as unreached)", program4(), candidate4());
  ASSERT_EQ(bad.verdicts.size(), 1u);
  EXPECT_FALSE(bad.verdicts[0].allowed);
  EXPECT_EQ(bad.verdicts[0].failedCheck, "cyc");
  EXPECT_EQ(bad.verdicts[0].failedCheckPos.line, 3);
  EXPECT_EQ(bad.verdicts[0].failedCheckPos.col, 1);
}

// A base name over another number of events would make set operations read
// past their operands: refused, in the program and in a candidate alike.
TEST(Evaluator, BaseNamesOverAnotherUniverseAreRefused) {
  const std::string text = "\"t\" let r = R | W\nlet s = rf | po";
  Environment shortR = program4();
  shortR.sets["R"] = EventSet();
  EXPECT_THROW(run(text, shortR, candidate4()), std::invalid_argument);
  Environment longRf = candidate4();
  longRf.relations["rf"] = Relation(5);
  EXPECT_THROW(run(text, program4(), longRf), std::invalid_argument);
  EXPECT_NO_THROW(run(text, program4(), candidate4()));
}

TEST(Evaluator, Fencerel) {
  // One thread: 0: W x, 1: F[mb], 2: R y; po is total on it.
  // fencerel(Mb) = (po & (_ * Mb)) ; po = {(0,1)} ; po = {(0,2)}.
  Environment env;
  env.numEvents = 3;
  env.sets["F"] = setOf(3, {1});
  env.sets["MB"] = setOf(3, {1});
  env.relations["po"] = relOf(3, {{0, 1}, {0, 2}, {1, 2}});
  auto o = run(R"("t" enum Barriers = 'MB instructions F[Barriers]
let f = fencerel(MB)
let g = [~F] ; f)", env, Environment{}, {"f", "g"});
  EXPECT_EQ(*o.values[0]["f"], relOf(3, {{0, 2}}));
  EXPECT_EQ(*o.values[0]["g"], relOf(3, {{0, 2}}));
}

TEST(Evaluator, TagSetsFollowHerdNamingRule) {
  // 'rcu-lock declares the set Rcu-lock; the engine did not supply it: empty.
  Environment env = program4();
  env.sets["Wmb"] = setOf(4, {1});
  auto o = run(R"("t" enum B = 'wmb || 'rcu-lock
let a = [Wmb]
let b = [Rcu-lock])", env, candidate4(), {"a", "b"});
  EXPECT_EQ(*o.values[0]["a"], relOf(4, {{1, 1}}));
  EXPECT_TRUE(o.values[0]["b"]->empty());
}

TEST(Evaluator, Linearisations) {
  // Total orders of {0,1,2} extending {(0,1)}: 0<1<2, 0<2<1, 2<0<1 -> 3 branches.
  auto o = run(R"("t" with s from linearisations(W | R, [W] ; po ; [W]))", [] {
    Environment e;
    e.numEvents = 3;
    e.sets["W"] = setOf(3, {0, 1});
    e.sets["R"] = setOf(3, {2});
    e.relations["po"] = relOf(3, {{0, 1}});
    return e;
  }(), Environment{}, {"s"});
  ASSERT_EQ(o.verdicts.size(), 3u);
  // Branches come in set order; each order is transitive and total: 3 pairs.
  for (auto& v : o.values) {
    EXPECT_EQ(v["s"]->count(), 3u);
    EXPECT_TRUE(v["s"]->contains(0, 1));
  }
  // A cyclic order has no linearisation: no branch at all.
  auto none = run(R"("t" with s from linearisations(W, po | po^-1))", [] {
    Environment e;
    e.numEvents = 2;
    e.sets["W"] = setOf(2, {0, 1});
    e.relations["po"] = relOf(2, {{0, 1}});
    return e;
  }(), Environment{});
  EXPECT_EQ(none.verdicts.size(), 0u);
}

// orders-per-location(s, pco), which cross.cat's generate_orders calls, against herd's own
// definition of it: cross(co_locs(pco, partition(s))). Writes 0,1,2 on x and 3,4 on y, pco =
// po = {(0,1)}: x has 3 orders extending 0<1, y has 2, so 6 branches, in the same order both ways.
// A class its pco orders cyclically leaves no branch.
TEST(Evaluator, OrdersPerLocationIsCrossOfTheOrdersOfEachLocation) {
  const auto structure = [] {
    Environment e;
    e.numEvents = 5;
    e.sets["W"] = setOf(5, {0, 1, 2, 3, 4});
    e.relations["loc"] = Relation::product(setOf(5, {0, 1, 2}), setOf(5, {0, 1, 2})) |
                         Relation::product(setOf(5, {3, 4}), setOf(5, {3, 4}));
    e.relations["po"] = relOf(5, {{0, 1}});
    return e;
  };
  for (const char* pco : {"po", "po | po^-1"}) {
    const std::string order = std::string("(W, ") + pco + ")";
    auto direct = run("\"t\"\nwith c from orders-per-location" + order, structure(), Environment{}, {"c"});
    auto byDefinition = run("\"t\"\nlet co_locs(pco, wss) = map (fun ws -> linearisations(ws, pco)) wss\n"
                            "with c from cross(co_locs(" + std::string(pco) + ", partition(W)))",
                            structure(), Environment{}, {"c"});
    EXPECT_EQ(direct.verdicts.size(), std::string(pco) == "po" ? 6u : 0u) << pco;
    ASSERT_EQ(direct.values.size(), byDefinition.values.size()) << pco;
    for (std::size_t k = 0; k < direct.values.size(); ++k) {
      EXPECT_EQ(direct.values[k]["c"], byDefinition.values[k]["c"]) << pco << " branch " << k;
      EXPECT_EQ(direct.values[k]["c"]->count(), 3u + 1u) << "a total order of 3 writes and one of 2";
    }
  }
}

// The orders of one evaluator follow each candidate's partial order (the evaluator keeps the
// last answer for a candidate with the same one): writes 0 and 1 of one location are ordered
// as this candidate's rf says, in each of the 3 * 2 orders.
TEST(Evaluator, OrdersPerLocationFollowEachCandidate) {
  Environment structure;
  structure.numEvents = 5;
  structure.sets["W"] = setOf(5, {0, 1, 2, 3, 4});
  structure.relations["loc"] = Relation::product(setOf(5, {0, 1, 2}), setOf(5, {0, 1, 2})) |
                               Relation::product(setOf(5, {3, 4}), setOf(5, {3, 4}));
  Evaluator ev(mcm::cat::loadModelText("\"t\"\nwith c from orders-per-location(W, rf)", "t.cat", {}), structure);
  for (const auto& [a, b] : std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {1, 0}, {1, 0}, {0, 1}}) {
    Environment candidate;
    candidate.numEvents = 5;
    candidate.relations["rf"] = relOf(5, {{a, b}});
    std::size_t branches = 0;
    ev.run(candidate, [&](const Verdict& v) {
      ++branches;
      const auto c = v.relation("c");
      ASSERT_TRUE(c);
      EXPECT_TRUE(c->contains(a, b) && !c->contains(b, a)) << a << " before " << b;
    });
    EXPECT_EQ(branches, 6u) << a << " before " << b;
  }
  // Orders total on both locations: one choice, the union of the two orders.
  for (bool forward : {true, false, false, true}) {
    Environment candidate;
    candidate.numEvents = 5;
    candidate.relations["rf"] = forward ? relOf(5, {{0, 1}, {1, 2}, {3, 4}}) : relOf(5, {{2, 1}, {1, 0}, {4, 3}});
    const Relation expected = forward ? relOf(5, {{0, 1}, {0, 2}, {1, 2}, {3, 4}}) : relOf(5, {{2, 1}, {2, 0}, {1, 0}, {4, 3}});
    std::vector<std::optional<Relation>> seen;
    ev.run(candidate, [&](const Verdict& v) { seen.push_back(v.relation("c")); });
    ASSERT_EQ(seen.size(), 1u) << forward;
    EXPECT_EQ(seen[0], expected) << forward;
  }
}

TEST(Evaluator, CrossAndWithFrom) {
  // cross({{a, b}, {c, d, e}}) has 2 * 3 = 6 elements, each the union of one
  // relation per factor; with an empty factor there is none.
  const char* model = R"("t"
let a = po let b = rf let c = [W] let d = [R] let e = 0
with x from cross({{a, b}, {c, d, e}})
)";
  auto o = run(model, program4(), candidate4(), {"x"});
  ASSERT_EQ(o.verdicts.size(), 6u);
  auto none = run(R"("t" with x from cross({{po}, {}}))", program4(), candidate4());
  EXPECT_EQ(none.verdicts.size(), 0u);
  // An empty set of factors has one choice: the empty relation.
  auto one = run(R"("t" with x from cross({}))", program4(), candidate4(), {"x"});
  ASSERT_EQ(one.verdicts.size(), 1u);
  EXPECT_TRUE(one.values[0]["x"]->empty());
}

// map f s (a primitive, curried): f of every element; events and pairs make an event set and
// a relation as `++` does, anything else a set of values; map over {} is {}. A model's own
// `map` takes precedence.
TEST(Evaluator, Map) {
  auto o = run(R"("t"
let events = map (fun e -> e) W     (* {0, 1} *)
let pairs = map (fun p -> p) rf     (* {(1,2)} *)
let idmap = map (fun p -> p)
let again = idmap rf                (* {(1,2)} *)
let none = map (fun e -> e) (W & R) (* {} *)
let rows = map (fun e -> [{e}] ; po) W  (* {{(0,1)}, {}} *)
empty events \ W as sub
empty W \ events as sup
empty none as empty-map
with x from rows)", program4(), candidate4(), {"pairs", "again", "x"});
  ASSERT_EQ(o.verdicts.size(), 2u);
  std::set<std::vector<std::pair<std::size_t, std::size_t>>> xs;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(o.verdicts[i].allowed) << o.verdicts[i].failedCheck;
    EXPECT_EQ(*o.values[i]["pairs"], relOf(4, {{1, 2}}));
    EXPECT_EQ(*o.values[i]["again"], relOf(4, {{1, 2}}));
    std::vector<std::pair<std::size_t, std::size_t>> edges;
    o.values[i]["x"]->forEach([&](std::size_t a, std::size_t b) { edges.push_back({a, b}); });
    xs.insert(edges);
  }
  EXPECT_EQ(xs, (std::set<std::vector<std::pair<std::size_t, std::size_t>>>{{}, {{0, 1}}}));
  auto own = run(R"("t"
let map f = fun s -> po
let q = map (fun e -> e) W)", program4(), candidate4(), {"q"});
  ASSERT_EQ(own.verdicts.size(), 1u);
  EXPECT_EQ(*own.values[0]["q"], relOf(4, {{0, 1}, {2, 3}}));
}

TEST(Evaluator, WithFromEventsAndFlagsPerBranch) {
  // Branch per write (events 0 and 1); the flag fires only where x = 1.
  auto o = run(R"("t" with x from W
flag ~empty {x} & domain(rf) as writes-read)", program4(), candidate4());
  ASSERT_EQ(o.verdicts.size(), 2u);
  EXPECT_TRUE(o.verdicts[0].flags.empty());
  EXPECT_EQ(o.verdicts[1].flags, std::vector<std::string>{"writes-read"});
}

TEST(Evaluator, CoherenceFromCosOpt) {
  // Two writes to x in different threads (0, 1) plus the initial write 2:
  // co0 orders 2 first; the two orders of {0, 1} give 2 branches.
  Environment env;
  env.numEvents = 3;
  env.sets["W"] = setOf(3, {0, 1, 2});
  env.sets["IW"] = setOf(3, {2});
  env.sets["M"] = setOf(3, {0, 1, 2});
  env.relations["loc"] = Relation::product(EventSet::all(3), EventSet::all(3));
  env.relations["int"] = Relation::identity(3);
  env.relations["ext"] = Relation::product(EventSet::all(3), EventSet::all(3)) - Relation::identity(3);
  env.relations["id"] = Relation::identity(3);
  env.relations["po"] = Relation(3);
  auto o = run(R"("t" include "cos-opt.cat")", env, Environment{}, {"co", "fr"});
  ASSERT_EQ(o.verdicts.size(), 2u);
  std::set<Relation> cos = {*o.values[0]["co"], *o.values[1]["co"]};
  EXPECT_EQ(cos, (std::set<Relation>{relOf(3, {{2, 0}, {2, 1}, {0, 1}}), relOf(3, {{2, 0}, {2, 1}, {1, 0}})}));
  // With 0 final (FW), only the order ending in 0 remains.
  Environment cand;
  cand.sets["FW"] = setOf(3, {0});
  auto f = run(R"("t" include "cos-opt.cat")", env, cand, {"co"});
  ASSERT_EQ(f.verdicts.size(), 1u);
  EXPECT_EQ(*f.values[0]["co"], relOf(3, {{2, 0}, {2, 1}, {1, 0}}));
}

TEST(Evaluator, FunctionsMatchMapAndRecursion) {
  // map over the writes {0,1}: each w -> {w} * R, collected as a set of 2 relations;
  // their union via a recursive function equals W * R.
  auto o = run(R"("t"
enum Letters = 'a || 'b
let rec union-all s = match s with || {} -> 0 || r ++ rest -> r | union-all rest end
let per-write = map (fun w -> {w} * R) W
let u = union-all per-write
let swap (a, b) = (b, a)
let (p, q) = swap (rf, po)
let rec t = rf | po | (t ; t)   (* least fixpoint: (po | rf)+ *)
let pair-to-rel x = x ++ 0
let single = union-all (map pair-to-rel rf)
let chosen = match 'b with || 'a -> po || 'b -> rf end
)", program4(), candidate4(), {"u", "p", "q", "t", "single", "chosen"});
  auto& v = o.values[0];
  EXPECT_EQ(*v["u"], Relation::product(setOf(4, {0, 1}), setOf(4, {2, 3})));
  EXPECT_EQ(*v["p"], relOf(4, {{0, 1}, {2, 3}}));
  EXPECT_EQ(*v["q"], relOf(4, {{1, 2}}));
  EXPECT_EQ(*v["t"], relOf(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}));
  EXPECT_EQ(*v["single"], relOf(4, {{1, 2}}));
  EXPECT_EQ(*v["chosen"], relOf(4, {{1, 2}}));
}

TEST(Evaluator, TryIfVariantsAndDifferentValues) {
  Environment env = program4();
  env.variants = {"lkmmv2"};
  Environment cand = candidate4();
  cand.values = {1, 2, 2, std::nullopt};  // events 1 and 2 share value 2
  auto o = run(R"("t"
let a = try undefined-name with po
let b = if "lkmmv2" then rf else po
let c = if "other" then rf else po
let d = different-values(po | rf)  (* (0,1): 1 vs 2 differ; (1,2) same; (2,3) unknown *)
let e = same-values(po | rf))", env, cand, {"a", "b", "c", "d", "e"});
  auto& v = o.values[0];
  EXPECT_EQ(*v["a"], relOf(4, {{0, 1}, {2, 3}}));
  EXPECT_EQ(*v["b"], relOf(4, {{1, 2}}));
  EXPECT_EQ(*v["c"], relOf(4, {{0, 1}, {2, 3}}));
  EXPECT_EQ(*v["d"], relOf(4, {{0, 1}}));
  EXPECT_EQ(*v["e"], relOf(4, {{1, 2}}));
}

TEST(Evaluator, ProcedureCall) {
  auto o = run(R"("t"
procedure must-be-acyclic(r) =
  let s = r | rf
  acyclic s as inner
end
call must-be-acyclic(po)
call must-be-acyclic(rf^-1))", program4(), candidate4());
  ASSERT_EQ(o.verdicts.size(), 1u);
  EXPECT_FALSE(o.verdicts[0].allowed);
  EXPECT_EQ(o.verdicts[0].failedCheck, "inner");
}

TEST(Evaluator, StagingReusesProgramOnlyBindingsAcrossCandidates) {
  // The same evaluator judges two candidates; rf-dependent names change,
  // po-only names do not.
  auto model = mcm::cat::loadModelText(R"("t" let p = po+ let q = rf ; po)", "t.cat", {});
  Evaluator ev(model, program4());
  std::vector<Relation> ps, qs;
  for (auto rf : {relOf(4, {{1, 2}}), relOf(4, {{0, 3}})}) {
    Environment c;
    c.relations["rf"] = rf;
    ev.run(c, [&](const Verdict& v) {
      ps.push_back(*v.relation("p"));
      qs.push_back(*v.relation("q"));
    });
  }
  ASSERT_EQ(qs.size(), 2u);
  EXPECT_EQ(ps[0], ps[1]);
  EXPECT_EQ(qs[0], relOf(4, {{1, 3}}));  // 1-rf->2-po->3
  EXPECT_TRUE(qs[1].empty());            // 0-rf->3, no po after 3
}

}  // namespace

namespace {

TEST(Evaluator, ChecksAfterWithKeepTheirOrderWhenEvaluatedOnce) {
  // `inv` does not depend on x, so it is evaluated once before the branches;
  // its check still counts at its place: for x = 1 the earlier x-dependent
  // check fails first, for x = 0 the later invariant one does
  // (rf ; po = {(1,3)} is not empty).
  auto o = run(R"("t"
with x from W
empty {x} & domain(rf) as dep-check
let inv = rf ; po
empty inv as no-inv)", program4(), candidate4());
  ASSERT_EQ(o.verdicts.size(), 2u);
  EXPECT_EQ(o.verdicts[0].failedCheck, "no-inv");     // x = 0
  EXPECT_EQ(o.verdicts[1].failedCheck, "dep-check");  // x = 1
}

}  // namespace

namespace {

TEST(Evaluator, DomainRangePartitionSinglestep) {
  // domain(po) = {0,2}, range(po) = {1,3}; W and R partitioned by location:
  // x = {0,3}, y = {1,2} -> 2 classes; singlestep of the chain 0->1->2->3 closed
  // transitively is the chain itself.
  auto o = run(R"("t"
let d = [domain(po)]
let r = [range(po)]
with cls from partition(W | R)
let c = [cls]
let chain = (po | rf)+
let s = singlestep(chain))", program4(), candidate4(), {"d", "r", "c", "s"});
  ASSERT_EQ(o.verdicts.size(), 2u);
  EXPECT_EQ(*o.values[0]["d"], relOf(4, {{0, 0}, {2, 2}}));
  EXPECT_EQ(*o.values[0]["r"], relOf(4, {{1, 1}, {3, 3}}));
  std::set<Relation> classes = {*o.values[0]["c"], *o.values[1]["c"]};
  EXPECT_EQ(classes, (std::set<Relation>{relOf(4, {{0, 0}, {3, 3}}), relOf(4, {{1, 1}, {2, 2}})}));
  EXPECT_EQ(*o.values[0]["s"], relOf(4, {{0, 1}, {1, 2}, {2, 3}}));
}

TEST(Evaluator, SetsOfValuesAndConditions) {
  // {po, rf} | {rf} has 2 elements; matching a relation takes one pair at a time.
  auto o = run(R"("t"
let rels = {po, rf} | {rf}
let rec count-pairs r = match r with || {} -> 0 || p ++ rest -> (p ++ 0) | count-pairs rest end
let again = count-pairs po
let inside = if po in rels then rf else 0
let sub = if rf subset (po | rf) then po else 0
let eq = if {po, rf} = rels then rf else 0
with r from rels)", program4(), candidate4(), {"again", "inside", "sub", "eq", "r"});
  ASSERT_EQ(o.verdicts.size(), 2u);
  EXPECT_EQ(*o.values[0]["again"], relOf(4, {{0, 1}, {2, 3}}));
  EXPECT_EQ(*o.values[0]["inside"], relOf(4, {{1, 2}}));
  EXPECT_EQ(*o.values[0]["sub"], relOf(4, {{0, 1}, {2, 3}}));
  EXPECT_EQ(*o.values[0]["eq"], relOf(4, {{1, 2}}));
}

}  // namespace

namespace {

TEST(Evaluator, UniverseIsASetOrARelationByContext) {
  // As a relation _ is every pair: po & _ = po, rf \ _ = {}; as a set, W & _ = W.
  auto o = run(R"("t"
let a = po & _
let b = rf \ _
let c = [W & _]
let d = (_ * W) & (po | rf))", program4(), candidate4(), {"a", "b", "c", "d"});
  auto& v = o.values[0];
  EXPECT_EQ(*v["a"], relOf(4, {{0, 1}, {2, 3}}));
  EXPECT_TRUE(v["b"]->empty());
  EXPECT_EQ(*v["c"], relOf(4, {{0, 0}, {1, 1}}));
  EXPECT_EQ(*v["d"], relOf(4, {{0, 1}}));  // pairs of po | rf ending in a write
}

}  // namespace

namespace {

TEST(Evaluator, ForallChecksEveryElement) {
  // No write reaches an event by both one and two po steps (true: po has no
  // chains of two), but not every write is read (0 is not): the second forall
  // fails on element 0.
  auto o = run(R"("t"
forall w in W do
  let after = [{w}] ; po
  empty after & (after ; po) as direct
end
forall w in W do
  empty {w} \ domain(rf) as all-read
end)", program4(), candidate4());
  ASSERT_EQ(o.verdicts.size(), 1u);
  EXPECT_EQ(o.verdicts[0].failedCheck, "all-read");
}

}  // namespace

namespace {

TEST(Evaluator, ValuesComeFromEachCandidateEvenForProgramOnlyRelations) {
  // different-values(po) reads only po, yet its result depends on the values,
  // which each candidate brings: it must not be computed once for all.
  auto model = mcm::cat::loadModelText(R"("t" let d = different-values(po))", "t.cat", {});
  Evaluator ev(model, program4());
  std::vector<Relation> ds;
  for (auto vals : {std::vector<std::optional<long long>>{1, 1, 2, 3}, {1, 2, 2, 2}}) {
    Environment c;
    c.values = vals;
    ev.run(c, [&](const Verdict& v) { ds.push_back(*v.relation("d")); });
  }
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds[0], relOf(4, {{2, 3}}));  // 0,1 equal; 2,3 differ
  EXPECT_EQ(ds[1], relOf(4, {{0, 1}}));  // 0,1 differ; 2,3 equal
}

}  // namespace

namespace {

TEST(Evaluator, IfVariantInstruction) {
  // Names bound in both branches are visible after `end`, from the branch taken.
  const char* model = R"("t"
let a = po
if variant "v1"
  let a = rf
  let b = po
else
  let a = 0
  let b = rf
end
let c = a | b
flag ~empty a as a-nonempty)";
  Environment with = program4();
  with.variants = {"v1"};
  auto set = run(model, with, candidate4(), {"c"});
  EXPECT_EQ(*set.values[0]["c"], relOf(4, {{0, 1}, {1, 2}, {2, 3}}));  // rf | po
  EXPECT_EQ(set.verdicts[0].flags, std::vector<std::string>{"a-nonempty"});
  auto unset = run(model, program4(), candidate4(), {"c"});
  EXPECT_EQ(*unset.values[0]["c"], relOf(4, {{1, 2}}));  // 0 | rf
  EXPECT_TRUE(unset.verdicts[0].flags.empty());
}

}  // namespace

namespace {

// Five writes to x from threads 0-4 (events 0-4), the initial write 5, and thread 5
// reading 1 then 0 (events 6, 7). cos-opt puts 5 first and 1 before 0 (what the reads
// saw): 5!/2 = 60 coherence orders of {0..4}. The check `order` (data = {(4, 3)}) fails
// when 3 comes before 4: 5!/4 = 30 orders pass it.
struct PruneRun {
  std::multiset<Relation> allowedCos;
  std::uint64_t branches = 0;  // counted as the verdicts say
  std::size_t calls = 0;       // verdicts received
};

PruneRun runFiveWrites(bool evidence, const char* checks = "irreflexive co ; data as order") {
  const std::size_t n = 8;
  Environment env;
  env.numEvents = n;
  env.sets["W"] = setOf(n, {0, 1, 2, 3, 4, 5});
  env.sets["IW"] = setOf(n, {5});
  env.sets["R"] = setOf(n, {6, 7});
  env.sets["M"] = EventSet::all(n);
  env.relations["loc"] = Relation::product(EventSet::all(n), EventSet::all(n));
  Relation same(n);
  for (std::size_t a = 0; a < n; ++a) same.insert(a, a);
  same.insert(6, 7);
  same.insert(7, 6);
  env.relations["int"] = same;
  env.relations["ext"] = Relation::product(EventSet::all(n), EventSet::all(n)) - same;
  env.relations["id"] = Relation::identity(n);
  env.relations["po"] = relOf(n, {{6, 7}});
  env.relations["data"] = relOf(n, {{4, 3}});
  Environment cand;
  cand.relations["rf"] = relOf(n, {{1, 6}, {0, 7}});
  auto model = mcm::cat::loadModelText(std::string("\"t\" include \"cos-opt.cat\"\n") + checks, "test.cat", {});
  Evaluator ev(model, env);
  if (evidence) ev.enableEvidence();
  PruneRun out;
  ev.run(cand, [&](const Verdict& v) {
    ++out.calls;
    out.branches += v.branches;
    if (v.allowed) out.allowedCos.insert(*v.relation("co"));
  });
  return out;
}

TEST(Evaluator, CoherenceOrdersFailingAsAGroupAreDroppedUnrun) {
  const PruneRun all = runFiveWrites(/*evidence=*/true);  // evidence asked: every branch runs
  EXPECT_EQ(all.calls, 60u);
  EXPECT_EQ(all.branches, 60u);
  EXPECT_EQ(all.allowedCos.size(), 30u);
  const PruneRun pruned = runFiveWrites(/*evidence=*/false);
  EXPECT_EQ(pruned.branches, 60u);
  EXPECT_EQ(pruned.allowedCos, all.allowedCos);
  EXPECT_LT(pruned.calls, 45u);  // orders with 3 before 4 went in groups
  for (const Relation& co : pruned.allowedCos) EXPECT_TRUE(co.contains(4, 3) && co.contains(1, 0) && co.contains(5, 2));
}

TEST(Evaluator, ChecksThatDoNotOnlyGrowWithCoherenceDoNotPrune) {
  // `imm` (co's immediate successor pairs) loses pairs as co gains edges: a partial order
  // where 3 follows 4 immediately says nothing of its completions. The check forbids 3
  // right after 4: of the 60 orders, those holding the block "4 3" number 4!/2 = 12.
  const char* checks = "let imm = co \\ (co ; co)\nempty imm & data^-1 as notnext";
  const PruneRun all = runFiveWrites(true, checks);
  const PruneRun pruned = runFiveWrites(false, checks);
  EXPECT_EQ(all.allowedCos.size(), 48u);
  EXPECT_EQ(pruned.allowedCos, all.allowedCos);
  EXPECT_EQ(pruned.calls, 60u);
}

}  // namespace
