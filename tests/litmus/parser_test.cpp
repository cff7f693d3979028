// AST-level facts the later layers rely on: the exact bytes kept for herd's Hash,
// header extraction, and the dialect's quirks from c-dialect-census.md.
#include <gtest/gtest.h>

#include "litmus/parser.hpp"
#include "litmus/printer.hpp"

namespace {

using namespace mcm::litmus;

mcm::litmus::Test parse(std::string_view text) { return parseLitmusText(text, "t.litmus"); }

TEST(Parser, KeepsRawBodyTextAndInitValueText) {
  mcm::litmus::Test t = parse(
      "C T\n{ x=007; int *p = &y; atomic_t v = ATOMIC_INIT(2); z=w; int u; 1:r2=b; int 0:r1; }\n"
      "P0(int *x) {\n\t// c\n  WRITE_ONCE(*x, 1);\n}\nP1(int *x){r0 = 1;}\nexists (x=1)\n");
  ASSERT_EQ(t.threads.size(), 2u);
  EXPECT_EQ(t.threads[0].bodyText, "\n\t// c\n  WRITE_ONCE(*x, 1);\n");
  EXPECT_EQ(t.threads[1].bodyText, "r0 = 1;");
  ASSERT_EQ(t.init.size(), 7u);
  EXPECT_EQ(t.init[0].valueText, "007");
  EXPECT_EQ(t.init[0].value, (Value{false, 7, {}}));
  EXPECT_FALSE(t.init[0].type);
  EXPECT_EQ(t.init[1].valueText, "y");
  EXPECT_TRUE(t.init[1].addressOf);
  EXPECT_EQ(t.init[1].type->pointers, 1);
  EXPECT_EQ(t.init[2].valueText, "2");
  EXPECT_TRUE(t.init[2].atomicInit);
  EXPECT_EQ(t.init[2].type->base, "atomic_t");
  EXPECT_EQ(t.init[3].value, (Value{true, 0, "w"}));
  EXPECT_FALSE(t.init[4].hasValue);
  EXPECT_EQ(t.init[5].loc, (Location{1, "r2", {}}));
  EXPECT_EQ(t.init[6].loc, (Location{0, "r1", {}}));
  EXPECT_EQ(t.init[6].type->base, "int");
}

TEST(Parser, HeaderFields) {
  mcm::litmus::Test t = parse(
      "C  two-spaces.litmus\n\"A doc string\"\nCycle=Rfe Fre\nRelax=\n"
      "(*\n * (* nested *) Result: Sometimes DATARACE\n *)\n(* Result: Never *)\n{}\n"
      "P0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n");
  EXPECT_EQ(t.arch, "C");
  EXPECT_EQ(t.name, "two-spaces.litmus");
  EXPECT_EQ(t.docString, "A doc string");
  EXPECT_EQ(t.info, (std::vector<std::pair<std::string, std::string>>{{"Cycle", "Rfe Fre"}, {"Relax", ""}}));
  EXPECT_EQ(t.result, "Sometimes DATARACE");  // the first Result: wins
}

TEST(Parser, Utf8HeaderText) {
  mcm::litmus::Test t = parse("C t\n\"caf\xc3\xa9\"\nOrig=\xe2\x86\x92\n{}\nP0(int *x) { }\nexists (x=0)\n");
  EXPECT_EQ(t.docString, "caf\xc3\xa9");
  EXPECT_EQ(t.info.at(0).second, "\xe2\x86\x92");
}

TEST(Parser, ResultFlag) {
  mcm::litmus::Test t = parse("C t\n(* Result: Flag srcu-bad-nesting *)\n{}\nP0(int *x) { }\nexists (x=0)\n");
  EXPECT_EQ(t.result, "Flag srcu-bad-nesting");
}

TEST(Parser, KeywordInCodeCommentDoesNotEndProgram) {
  // herd's text splitter would stop at `final`; tokens are not fooled.
  mcm::litmus::Test t = parse("C t\n{}\nP0(int *x) {\n  // final value\n  /* exists */ WRITE_ONCE(*x, 1);\n}\n"
                 "// between\n(* between *)\nP1(int *x) { r1 = READ_ONCE(*x); }\n/* after */ // the last\nexists (1:r1=1)\n");
  EXPECT_EQ(t.threads.size(), 2u);
}

TEST(Parser, StatementsAndExpressions) {
  mcm::litmus::Test t = parse(
      "C t\n{}\nP0(volatile int* y, int **p, struct srcu_struct *s) {\n"
      "  int r0;\n  if (r0) { int r2 = *y; } else r3 = 2;\n  while (r0 != 1) r0 = r0 + 1;\n"
      "  *(int *)r1 = r4 - r4;\n  (void)xchg(y, 1);\n  __fence{after-unlock-lock};\n"
      "  r5 = __load{once}(*y);\n  __atomic_op{NORETURN}(y, &~, 3);\n  ;\n}\nexists (0:r0=0)\n");
  const Thread& p0 = t.threads[0];
  EXPECT_TRUE(p0.params[0].type.isVolatile);
  EXPECT_EQ(p0.params[1].type.pointers, 2);
  EXPECT_EQ(p0.params[2].type.base, "struct srcu_struct");
  ASSERT_EQ(p0.body.size(), 9u);
  EXPECT_EQ(p0.body[1]->kind, Stmt::Kind::If);
  EXPECT_EQ(p0.body[1]->body.size(), 2u);
  EXPECT_EQ(p0.body[2]->kind, Stmt::Kind::While);
  EXPECT_EQ(p0.body[3]->kind, Stmt::Kind::Store);
  EXPECT_EQ(p0.body[3]->target->kind, Expr::Kind::Cast);
  EXPECT_EQ(p0.body[4]->kind, Stmt::Kind::ExprStmt);
  EXPECT_EQ(p0.body[5]->kind, Stmt::Kind::Prim);
  EXPECT_EQ(p0.body[5]->prim, PrimStmt::Fence);
  EXPECT_EQ(p0.body[5]->tags, std::vector<std::string>{"after-unlock-lock"});
  EXPECT_EQ(p0.body[6]->expr->kind, Expr::Kind::Prim);
  EXPECT_EQ(p0.body[6]->expr->prim, PrimExpr::Load);
  EXPECT_EQ(p0.body[6]->expr->args[0]->kind, Expr::Kind::Deref);
  EXPECT_EQ(p0.body[7]->op, BinOp::AndNot);
  EXPECT_EQ(p0.body[7]->args.size(), 2u);
  EXPECT_EQ(renderStmt(*p0.body[1], ""), "if (r0) {\n  int r2 = *y;\n} else {\n  r3 = 2;\n}\n");
  EXPECT_EQ(renderStmt(*p0.body[3], ""), "*(int *)r1 = r4 - r4;\n");
  EXPECT_EQ(renderStmt(*p0.body[7], ""), "__atomic_op{NORETURN}(y, &~, 3);\n");
}

TEST(Parser, OperatorPrecedence) {
  mcm::litmus::Test t = parse("C t\n{}\nP0(int *x) { r = 1 + 2 * 3 == 7 & r | 4 ^ 5; r = -1 + 256; }\nexists (0:r=0)\n");
  // C precedence: * over +, + over ==, == over &, & over ^, ^ over |.
  EXPECT_EQ(renderExpr(*t.threads[0].body[0]->expr), "(((1 + (2 * 3)) == 7) & r) | (4 ^ 5)");
  EXPECT_EQ(renderExpr(*t.threads[0].body[1]->expr), "-1 + 256");
}

TEST(Parser, FinalSectionForms) {
  mcm::litmus::Test t = parse("C t\n{}\nP0(int *x) { }\nP1(int *x) { }\nlocations[x;1:r1;]\n"
                 "filter (0:r0=1)\n~ exists b=42 (* comment *) ;\n");
  EXPECT_EQ(t.locations.size(), 2u);
  ASSERT_TRUE(t.filter);
  ASSERT_TRUE(t.condition);
  EXPECT_EQ(t.condition->quantifier, Quantifier::NotExists);
  EXPECT_EQ(renderCondition(*t.condition), "~exists ([b]=42)");
}

}  // namespace
