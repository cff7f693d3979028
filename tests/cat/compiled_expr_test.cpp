// Compiled definitions (compiled_expr.hpp) against the relation operators applied one by one
// (an independent route: `[A]` as an identity composed, no fused word loops), on random
// relations of one and of two words a row.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>

#include "cat/compiled_expr.hpp"
#include "cat/model.hpp"
#include "cat/program.hpp"

namespace {

using mcm::cat::CompiledExpr;
using mcm::cat::Expr;
using mcm::cat::ExprKind;
using mcm::cat::Value;
using mcm::rel::EventSet;
using mcm::rel::Relation;

// The leaves: the base names, by slot, with the time each last changed. Those in `moving`
// are kept at a new address each time they change (as a fixpoint's operands are).
class Leaves : public mcm::cat::LeafValues {
 public:
  std::map<int, Value> values;
  std::map<int, std::unique_ptr<Value>> moved;
  std::set<int> moving;
  std::map<int, std::uint64_t> changed;
  std::map<int, bool> ordered;
  std::uint64_t clock = 1;

  const Value* leaf(const Expr& e, bool& stable) override {
    if (e.kind != ExprKind::Var) return nullptr;
    if (moving.count(e.ref.slot)) {
      stable = false;
      return moved.at(e.ref.slot).get();
    }
    auto it = values.find(e.ref.slot);
    return it == values.end() ? nullptr : &it->second;
  }
  bool transitive(int slot) const override { return ordered.count(slot) && ordered.at(slot); }
  // Kept per name and operator while the name does not change.
  std::map<std::pair<int, mcm::cat::UnOp>, std::pair<std::uint64_t, Relation>> kept;
  const Relation* closure(const Expr& e) override {
    const int slot = e.args[0]->ref.slot;
    auto& [at, r] = kept[{slot, e.unop}];
    if (at < changed.at(slot)) {
      const Relation& of = values.at(slot).as<Relation>();
      r = e.unop == mcm::cat::UnOp::Inv ? of.inverse()
          : e.unop == mcm::cat::UnOp::Plus ? of.transitiveClosure() : of.reflexiveTransitiveClosure();
      at = clock;
    }
    return &r;
  }

  void set(int slot, Value v) {
    if (moving.count(slot)) moved[slot] = std::make_unique<Value>(v);
    values[slot] = std::move(v);
    changed[slot] = ++clock;
  }
};

// The expression's value, operator by operator.
Value reference(const Expr& e, Leaves& leaves) {
  using mcm::cat::BinOp;
  using mcm::cat::UnOp;
  bool stable = true;
  if (e.kind == ExprKind::Var) return *leaves.leaf(e, stable);
  if (e.kind == ExprKind::Unary) {
    const Value a = reference(*e.args[0], leaves);
    switch (e.unop) {
      case UnOp::ToId: return Relation::identityOn(a.as<EventSet>());
      case UnOp::Comp:
        return a.is<Relation>() ? Value(a.as<Relation>().complement()) : Value(a.as<EventSet>().complement());
      case UnOp::Inv: return a.as<Relation>().inverse();
      case UnOp::Plus: return a.as<Relation>().transitiveClosure();
      case UnOp::Star: return a.as<Relation>().reflexiveTransitiveClosure();
      case UnOp::Opt: return a.as<Relation>().reflexive();
    }
  }
  const Value a = reference(*e.args[0], leaves), b = reference(*e.args[1], leaves);
  switch (e.binop) {
    case BinOp::Seq: return a.as<Relation>().compose(b.as<Relation>());
    case BinOp::Cart: return Relation::product(a.as<EventSet>(), b.as<EventSet>());
    case BinOp::Union: return a.is<Relation>() ? Value(a.as<Relation>() | b.as<Relation>()) : Value(a.as<EventSet>() | b.as<EventSet>());
    case BinOp::Inter: return a.is<Relation>() ? Value(a.as<Relation>() & b.as<Relation>()) : Value(a.as<EventSet>() & b.as<EventSet>());
    default: return a.is<Relation>() ? Value(a.as<Relation>() - b.as<Relation>()) : Value(a.as<EventSet>() - b.as<EventSet>());
  }
}

struct Definitions {
  std::shared_ptr<const mcm::cat::Model> model;
  std::vector<std::pair<std::string, const Expr*>> exprs;  // the test's lets, in order
  std::map<std::string, int> slots;                        // base names
};

Definitions definitions() {
  static const char* kModel = R"("compiled"
let u = rf | po
let i = rf & loc
let d = po \ rf
let c = rf ; po
let fr = rf^-1 ; po
let p = (po | rf)+
let s = (po | rf)*
let o = rf?
let r1 = [W] ; po ; [R]
let r2 = [W] ; (po | rf)
let r3 = (rf ; po) ; [R]
let r4 = [W] ; [R]
let x = W * R
let nr = ~rf
let nw = ~W
let sd = (W | R) \ M
let wid = [W]
let at = rmw & (rf^-1 ; po)
let e = ([M] ; ((rf | po) & ext) ; po^-1) | rmw
let at2 = (rf ; po) & rmw
let q = rf+
)";
  Definitions d;
  d.model = mcm::cat::loadModelText(kModel, "compiled.cat", {});
  for (const auto* s : d.model->stmts)
    if (s->kind == mcm::cat::StmtKind::Let && s->file == "compiled.cat")
      d.exprs.emplace_back(s->bindings[0].pat.names[0], s->bindings[0].expr.get());
  for (const auto& [name, info] : d.model->baseSlots) d.slots[name] = info.first;
  return d;
}

void randomLeaves(const Definitions& d, std::size_t n, std::mt19937& rng, Leaves& leaves, double density = 0.08) {
  std::bernoulli_distribution edge(density), member(0.5);
  for (const char* name : {"rf", "po", "loc", "rmw", "ext"}) {
    Relation r(n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (edge(rng)) r.insert(i, j);
    leaves.set(d.slots.at(name), r);
  }
  for (const char* name : {"W", "R", "M"}) {
    EventSet s(n);
    for (std::size_t i = 0; i < n; ++i)
      if (member(rng)) s.insert(i);
    leaves.set(d.slots.at(name), s);
  }
}

TEST(CompiledExpr, SameAsTheOperatorsOneByOne) {
  const Definitions d = definitions();
  ASSERT_EQ(d.exprs.size(), 21u);
  std::mt19937 rng(7);
  std::map<std::string, std::set<bool>> emptyOutcomes;
  for (std::size_t n : {29u, 70u}) {
    Leaves leaves;
    if (n == 70) leaves.moving = {d.slots.at("po"), d.slots.at("W")};  // found anew at each run
    randomLeaves(d, n, rng, leaves);
    std::vector<std::unique_ptr<CompiledExpr>> code;
    for (const auto& [name, e] : d.exprs) {
      code.push_back(CompiledExpr::compile(*e, n, leaves));
      ASSERT_TRUE(code.back()) << name;
    }
    // Again and again, with new values for the leaves, and none.
    for (int round = 0; round < 20; ++round) {
      if (round % 3 != 2) randomLeaves(d, n, rng, leaves, round % 2 ? 0.08 : 0.005);  // sparse: some empty
      for (std::size_t k = 0; k < code.size(); ++k) {
        const Value expected = reference(*d.exprs[k].second, leaves);
        const bool empty = expected.is<Relation>() ? expected.as<Relation>().empty() : expected.as<EventSet>().empty();
        EXPECT_EQ(code[k]->isEmpty(leaves), std::optional<bool>(empty)) << d.exprs[k].first << " round " << round;
        emptyOutcomes[d.exprs[k].first].insert(empty);
        if (code[k]->isRelation()) {
          const Relation* r = code[k]->relation(leaves);
          ASSERT_TRUE(r);
          EXPECT_EQ(*r, expected.as<Relation>()) << d.exprs[k].first << " n=" << n << " round " << round;
          Relation taken(n);
          ASSERT_TRUE(code[k]->takeRelation(leaves, taken));
          EXPECT_EQ(taken, expected.as<Relation>()) << d.exprs[k].first;
        } else {
          const EventSet* s = code[k]->set(leaves);
          ASSERT_TRUE(s);
          EXPECT_EQ(*s, expected.as<EventSet>()) << d.exprs[k].first << " n=" << n << " round " << round;
        }
      }
    }
  }
  // The atomicity-like checks were seen both empty and not.
  EXPECT_EQ(emptyOutcomes["at"].size(), 2u);
  EXPECT_EQ(emptyOutcomes["at2"].size(), 2u);
}

TEST(CompiledExpr, ClosureOfATransitiveNameIsTheName) {
  const Definitions d = definitions();
  Leaves leaves;
  std::mt19937 rng(3);
  randomLeaves(d, 29, rng, leaves);
  const int rf = d.slots.at("rf");
  // A total order of 0..9 (transitive): its closure is itself, taken without computing one.
  Relation order(29);
  for (std::size_t i = 0; i < 10; ++i)
    for (std::size_t j = i + 1; j < 10; ++j) order.insert(i, j);
  leaves.set(rf, order);
  leaves.ordered[rf] = true;
  auto code = CompiledExpr::compile(*d.exprs.back().second, 29, leaves);  // rf+
  ASSERT_TRUE(code);
  EXPECT_TRUE(code->transitive());
  EXPECT_EQ(code->relation(leaves), &leaves.values.at(rf).as<Relation>());
  EXPECT_EQ(*code->relation(leaves), order);
}

TEST(CompiledExpr, RefusedOrUndecidedOutsideRelationsAndSets) {
  const Definitions d = definitions();
  Leaves leaves;
  std::mt19937 rng(5);
  randomLeaves(d, 29, rng, leaves);
  auto code = CompiledExpr::compile(*d.exprs[0].second, 29, leaves);  // rf | po
  ASSERT_TRUE(code);
  leaves.set(d.slots.at("rf"), mcm::cat::EmptyValue{});  // no longer a relation: the interpreter's case
  EXPECT_EQ(code->relation(leaves), nullptr);
  EXPECT_EQ(CompiledExpr::compile(*d.exprs[0].second, 29, leaves), nullptr);
}

}  // namespace
