// What the evaluator may know of a definition before any candidate (cat/emptiness.hpp).
// Each expected fact is derived by hand from the operator's meaning: a composition with
// an empty relation is empty, a union is empty only if both sides are, ...
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "cat/emptiness.hpp"
#include "cat/model.hpp"
#include "cat/program.hpp"

namespace {

using mcm::cat::EmptinessFact;
using mcm::cat::ValueKind;

// Loads `definitions` and returns the fact of its last let, given the facts of the base
// names in `given` (other base names: unknown) and, for earlier lets, what factOf said.
EmptinessFact lastLetFact(const std::string& definitions, const std::map<std::string, EmptinessFact>& given) {
  auto model = mcm::cat::loadModelText("\"t\"\n" + definitions, "t.cat", {});
  std::vector<EmptinessFact> slots(model->slotNames.size());
  for (std::size_t s = 0; s < slots.size(); ++s)
    if (auto it = given.find(model->slotNames[s]); it != given.end()) slots[s] = it->second;
  auto slotFact = [&](int slot) { return slots[slot]; };
  EmptinessFact last;
  for (const mcm::cat::Stmt* st : model->stmts)
    if (st->kind == mcm::cat::StmtKind::Let && st->file == "t.cat")
      for (const auto& b : st->bindings) slots[b.slots[0]] = last = mcm::cat::factOf(*b.expr, slotFact);
  return last;
}

const EmptinessFact kEmptySet{true, ValueKind::EventSet};
const EmptinessFact kSomeSet{false, ValueKind::EventSet};
const EmptinessFact kSomeRelation{false, ValueKind::Relation};
const std::map<std::string, EmptinessFact> kGiven = {
    {"rf", kSomeRelation}, {"po", kSomeRelation}, {"W", kEmptySet}, {"R", kSomeSet}};

void expectFact(const std::string& definitions, bool empty, ValueKind kind) {
  const EmptinessFact f = lastLetFact(definitions, kGiven);
  EXPECT_EQ(f.empty, empty) << definitions;
  EXPECT_EQ(f.kind, kind) << definitions;
}

TEST(Emptiness, OperatorsOnAnEmptySet) {
  expectFact("let x = rf ; [W]", true, ValueKind::Relation);         // nothing ends in W
  expectFact("let x = rf & (W * R)", true, ValueKind::Relation);     // W * R is empty
  expectFact("let x = (W * R) \\ rf", true, ValueKind::Relation);
  expectFact("let x = rf \\ (W * R)", false, ValueKind::Relation);   // rf itself may not be empty
  expectFact("let x = rf | (W * R)", false, ValueKind::Relation);
  expectFact("let x = (rf ; [W])+", true, ValueKind::Relation);
  expectFact("let x = (rf ; [W])^-1", true, ValueKind::Relation);
  expectFact("let x = W | R", false, ValueKind::EventSet);
  expectFact("let x = W & R", true, ValueKind::EventSet);
  expectFact("let x = domain(rf ; [W])", true, ValueKind::EventSet);
  // different-values(r) and same-values(r) keep some pairs of r: nothing when r is empty.
  expectFact("let x = different-values(rf ; [W])", true, ValueKind::Relation);
  expectFact("let x = same-values(rf ; [W])", true, ValueKind::Relation);
  expectFact("let x = different-values(rf)", false, ValueKind::Relation);
}

TEST(Emptiness, ClosuresAndComplementsAreNeverKnownEmpty) {
  expectFact("let x = (rf ; [W])*", false, ValueKind::Relation);  // holds the identity
  expectFact("let x = (rf ; [W])?", false, ValueKind::Relation);
  expectFact("let x = ~W", false, ValueKind::EventSet);
  expectFact("let x = ~0", false, ValueKind::EventSet);             // `~0` is every event
  expectFact("let x = 0", true, ValueKind::EmptyLiteral);
}

TEST(Emptiness, CallsAreFollowedIntoTheFunction) {
  expectFact("let f(r) = r ; [W]\nlet x = f(rf)", true, ValueKind::Relation);
  expectFact("let f(r) = r ; [R]\nlet x = f(rf)", false, ValueKind::Relation);
  expectFact("let g(a, b) = a & b\nlet x = g(rf, W * R)", true, ValueKind::Relation);
  // A function of a function is not followed.
  expectFact("let f(r) = r ; [W]\nlet h(k) = k(rf)\nlet x = h(f)", false, ValueKind::Other);
}

TEST(Emptiness, UnknownNamesStayUnknown) {
  // `addr` has no fact here: its kind is unknown, so only an empty operand that settles
  // the result makes that known.
  expectFact("let x = addr | rf", false, ValueKind::Other);
  expectFact("let x = addr & (W * R)", true, ValueKind::Relation);
  expectFact("let x = (W * R) ; addr", true, ValueKind::Relation);
}

}  // namespace
