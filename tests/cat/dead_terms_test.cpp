// Definitions rewritten without their parts known empty (cat/dead_terms.hpp). Each expected
// form is derived by hand: a part whose operand is empty is empty, `l | 0` is l, `l \ 0` is l,
// and `[M] ; r` is r when M holds every event (the identity).
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <optional>
#include <string>

#include "cat/dead_terms.hpp"
#include "cat/model.hpp"
#include "cat/print.hpp"
#include "cat/program.hpp"

namespace {

using mcm::cat::EmptinessFact;
using mcm::cat::ValueKind;

const std::map<std::string, EmptinessFact> kGiven = {{"rf", {false, ValueKind::Relation}},
                                                     {"po", {false, ValueKind::Relation}},
                                                     {"W", {true, ValueKind::EventSet}},
                                                     {"R", {false, ValueKind::EventSet}}};

struct Pruned {
  std::string text;  // the last let's definition, pruned, printed
  bool same;         // the pruner kept the model's own tree
  bool leftNested;   // a composition whose left operand is a composition
  std::optional<std::vector<std::string>> reads;
};

Pruned pruneLastLet(const std::string& definitions) {
  auto model = mcm::cat::loadModelText("\"t\"\n" + definitions, "t.cat", {});
  const int emptySet = static_cast<int>(model->slotNames.size());
  std::vector<EmptinessFact> slots(model->slotNames.size());
  for (std::size_t s = 0; s < slots.size(); ++s)
    if (auto it = kGiven.find(model->slotNames[s]); it != kGiven.end()) slots[s] = it->second;
  // The test's functions (`let f(s) = ...`) are known as such.
  for (const mcm::cat::Stmt* st : model->stmts)
    if (st->kind == mcm::cat::StmtKind::Let && st->file == "t.cat" && st->bindings[0].expr->kind == mcm::cat::ExprKind::Fun)
      slots[st->bindings[0].slots[0]] = mcm::cat::factOf(*st->bindings[0].expr, [&](int slot) { return slots[slot]; });
  // As if computed over 4 events: [M] and I are the identity, R & F is empty, [R] has one row.
  static const mcm::cat::Value identity = mcm::rel::Relation::identity(4);
  static const mcm::cat::Value emptySetOf4 = mcm::rel::EventSet(4);
  static const mcm::cat::Value oneRow = mcm::rel::Relation::identityOn(mcm::rel::EventSet::fromWords(4, std::array<std::uint64_t, 1>{1}.data()));
  mcm::cat::DeadTermPruner pruner([&](int slot) { return slots[slot]; },
                                  [&](ValueKind k) { return k == ValueKind::EventSet ? emptySet : emptySet + 1; },
                                  [](const mcm::cat::Expr& e) -> const mcm::cat::Value* {
                                    const std::string text = mcm::cat::printExpr(e);
                                    if (text == "[M]" || text == "I") return &identity;
                                    if (text == "R & F") return &emptySetOf4;
                                    if (text == "[R]") return &oneRow;
                                    return nullptr;
                                  });
  const mcm::cat::Expr* last = nullptr;
  for (const mcm::cat::Stmt* st : model->stmts)
    if (st->kind == mcm::cat::StmtKind::Let && st->file == "t.cat") last = st->bindings[0].expr.get();
  const mcm::cat::Expr& p = pruner.prune(*last);
  const bool leftNested = p.kind == mcm::cat::ExprKind::Binary && p.args[0]->kind == mcm::cat::ExprKind::Binary &&
                          p.args[0]->binop == mcm::cat::BinOp::Seq;
  Pruned out{mcm::cat::printExpr(p), &p == last, leftNested, std::nullopt};
  if (auto slotsRead = mcm::cat::operatorReads(p)) {
    out.reads.emplace();
    for (int s : *slotsRead) out.reads->push_back(s >= emptySet ? "(empty)" : model->slotNames[s]);
  }
  return out;
}

TEST(DeadTerms, EmptyPartsAreDroppedOrReplaced) {
  EXPECT_EQ(pruneLastLet("let x = rf | (rf ; [W])").text, "rf");
  EXPECT_EQ(pruneLastLet("let x = (po ; [W]) | rf").text, "rf");
  EXPECT_EQ(pruneLastLet("let x = po \\ (W * R)").text, "po");
  EXPECT_EQ(pruneLastLet("let x = W | R").text, "R");
  // A closure of an empty relation is not empty (the identity): its operand becomes `0`.
  EXPECT_EQ(pruneLastLet("let x = (rf ; [W])* ; po").text, "0* ; po");
  // Wholly empty: the empty relation itself.
  EXPECT_EQ(pruneLastLet("let x = (W * R) | (rf ; [W])").text, "0");
  EXPECT_EQ(pruneLastLet("let x = rf ; ([W] ; po | po ; [W]) ; po").text, "0");
  // Deeper: only the empty union member goes, the rest is kept as written.
  EXPECT_EQ(pruneLastLet("let x = (rf | po ; [W]) ; (po | rf)").text, "rf ; (po | rf)");
}

TEST(DeadTerms, CompositionsWithTheIdentityAreDropped) {
  EXPECT_EQ(pruneLastLet("let x = [M] ; rf ; [M]").text, "rf");
  EXPECT_EQ(pruneLastLet("let x = [M] ; (rf | po) ; [R]").text, "(rf | po) ; [R]");
  EXPECT_EQ(pruneLastLet("let x = [M] ; (rf ; [W])").text, "0");
  EXPECT_TRUE(pruneLastLet("let x = [B] ; rf ; [B]").same);
  // Of a relation not known to be one (addr has no fact here), the restriction is kept.
  EXPECT_EQ(pruneLastLet("let x = [M] ; addr").text, "[M] ; addr");
  EXPECT_EQ(pruneLastLet("let I = po\nlet x = (rf | po) ; I").text, "rf | po");  // I: the identity here
}

TEST(DeadTerms, CompositionsFromFewRowsGoFirst) {
  // `[R] ; (rf ; po)` (cat groups compositions to the right) becomes `([R] ; rf) ; po`.
  const Pruned p = pruneLastLet("let x = [R] ; rf ; po");
  EXPECT_FALSE(p.same);
  EXPECT_TRUE(p.leftNested);
  EXPECT_EQ(p.text, "[R] ; rf ; po");
  EXPECT_FALSE(pruneLastLet("let x = [B] ; rf ; po").leftNested);  // [B] is not narrow
  EXPECT_TRUE(pruneLastLet("let x = [R] ; po").same);
}

// A fixpoint's terms that read none of its names are grouped first: one operand, the same in
// every round.
TEST(DeadTerms, AFixpointsInvariantTermsAreGroupedFirst) {
  auto model = mcm::cat::loadModelText("\"t\"\nlet rec x = rf | x ; po | po ; rf | x ; rf\nlet rec y = rf | y ; po",
                                       "t.cat", {});
  std::vector<const mcm::cat::Stmt*> recs;
  for (const mcm::cat::Stmt* st : model->stmts)
    if (st->kind == mcm::cat::StmtKind::Let && st->file == "t.cat") recs.push_back(st);
  ASSERT_EQ(recs.size(), 2u);
  mcm::cat::DeadTermPruner pruner([](int) { return EmptinessFact{}; }, [](ValueKind) { return 0; },
                                  [](const mcm::cat::Expr&) -> const mcm::cat::Value* { return nullptr; });
  const mcm::cat::Expr& x = *recs[0]->bindings[0].expr;
  const mcm::cat::Expr& grouped = pruner.invariantFirst(x, recs[0]->bindings[0].slots);
  ASSERT_NE(&grouped, &x);
  EXPECT_EQ(mcm::cat::printExpr(*grouped.args[0]), "rf | po ; rf");
  EXPECT_EQ(mcm::cat::printExpr(*grouped.args[1]), "x ; po | x ; rf");
  // One term alone reads none of y: nothing to group.
  const mcm::cat::Expr& y = *recs[1]->bindings[0].expr;
  EXPECT_EQ(&pruner.invariantFirst(y, recs[1]->bindings[0].slots), &y);
}

TEST(DeadTerms, OperandsComputedEmptyAreEmpty) {
  EXPECT_EQ(pruneLastLet("let x = rf & (R * (R & F))").text, "0");
  EXPECT_EQ(pruneLastLet("let x = rf | (R & F) * R").text, "rf");
  EXPECT_TRUE(pruneLastLet("let x = rf | (R & B) * R").same);  // not known empty
}

TEST(DeadTerms, NothingEmptyKeepsTheModelsTree) {
  const Pruned p = pruneLastLet("let x = rf ; po | [R]");
  EXPECT_TRUE(p.same);
  EXPECT_EQ(p.text, "rf ; po | [R]");
  // A call of a function of two parameters is kept whole.
  EXPECT_TRUE(pruneLastLet("let g(a, b) = a ; b\nlet x = g(rf, po) | rf").same);
}

TEST(DeadTerms, CallsOfFunctionsOfOperatorsAreInLine) {
  // f(W) is [W] ; po: empty.
  EXPECT_EQ(pruneLastLet("let f(s) = [s] ; po\nlet x = f(W) | rf").text, "rf");
  // A-cumul's shape: (rf ; [M])? ; r with r = po, [M] holding every event.
  EXPECT_EQ(pruneLastLet("let f(r) = (rf ; [M])? ; r\nlet x = f(po)").text, "rf? ; po");
  // A body with a binder is kept whole.
  EXPECT_TRUE(pruneLastLet("let h(r) = let q = r in q ; [W]\nlet x = h(rf) | rf").same);
}

TEST(DeadTerms, ReadsAreThoseOfThePrunedDefinition) {
  const Pruned p = pruneLastLet("let x = rf | po ; [W]");
  ASSERT_TRUE(p.reads);
  EXPECT_EQ(*p.reads, (std::vector<std::string>{"rf"}));  // po and W only fed the empty part
  const Pruned q = pruneLastLet("let x = (rf ; [W])* ; po");
  ASSERT_TRUE(q.reads);
  EXPECT_EQ(*q.reads, (std::vector<std::string>{"po", "(empty)"}));
  const Pruned c = pruneLastLet("let f(s) = [s] ; po\nlet x = f(R) | rf ; [W]");  // in line: [R] ; po
  ASSERT_TRUE(c.reads);
  EXPECT_EQ(*c.reads, (std::vector<std::string>{"R", "po"}));
  // A call kept whole may read anything.
  EXPECT_FALSE(pruneLastLet("let g(a, b) = a ; b\nlet x = g(R * R, po) | rf ; [W]").reads);
}

}  // namespace
