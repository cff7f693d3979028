// Malformed cat input: each error is an mcm::Diagnostic at an exact FILE:LINE:COL.
#include <gtest/gtest.h>

#include "cat/model.hpp"

namespace {

struct Expected {
  int line, col;
  std::string fragment;  // part of the message
};

void expectLoadError(const std::string& text, Expected want) {
  try {
    mcm::cat::loadModelText(text, "bad.cat", {});
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const mcm::Diagnostic& d) {
    EXPECT_EQ(d.file(), "bad.cat") << d.what();
    EXPECT_EQ(d.pos().line, want.line) << d.what();
    EXPECT_EQ(d.pos().col, want.col) << d.what();
    EXPECT_NE(d.message().find(want.fragment), std::string::npos) << d.what();
  }
}

// Errors found only when the model runs (the fixpoint and recursion bounds).
void expectRunError(const std::string& text, Expected want) {
  try {
    auto m = mcm::cat::loadModelText(text, "bad.cat", {});
    mcm::cat::Environment env;
    env.numEvents = 2;
    env.relations["po"] = mcm::rel::Relation(2);
    env.relations["po"].insert(0, 1);
    mcm::cat::Evaluator ev(m, env);
    ev.run(mcm::cat::Environment{}, [](const mcm::cat::Verdict&) {});
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const mcm::Diagnostic& d) {
    EXPECT_EQ(d.pos().line, want.line) << d.what();
    EXPECT_EQ(d.pos().col, want.col) << d.what();
    EXPECT_NE(d.message().find(want.fragment), std::string::npos) << d.what();
  }
}

TEST(CatErrors, SyntaxErrorAtTheUnexpectedToken) {
  // "let x = po ;; rf": the second ';' is column 13.
  expectLoadError("\"t\"\nlet x = po ;; rf\n", {2, 13, "expected an expression, found ';'"});
  expectLoadError("\"t\"\nlet x = (po | rf\nlet y = po\n", {3, 1, "expected ')'"});
  expectLoadError("\"t\"\nlet f = match po with || {} -> po\n", {3, 1, "expected '||'"});
  expectLoadError("\"t\"\nflag ~empty po as\n", {3, 1, "expected a name, found end of file"});
  expectLoadError("\"t\"\nlet x = po $ rf\n", {2, 12, "unexpected character '$'"});
  expectLoadError("\"t\"\n(* open\n  (* nested *)\nlet x = po\n", {2, 1, "unterminated comment"});
  expectLoadError("\"t\"\nlet x = po\nwith from po\n", {3, 6, "expected a name, found keyword 'from'"});
}

TEST(CatErrors, UnboundNameAtItsUse) {
  // "let x = po | foo": foo starts at column 14.
  expectLoadError("\"t\"\nlet x = po | foo\n", {2, 14, "unbound name 'foo'"});
  // A name is bound only after its let: the recursive use needs `let rec`.
  expectLoadError("\"t\"\nlet x = x | po\n", {2, 9, "unbound name 'x'"});
  // A function's parameter is not visible outside it.
  expectLoadError("\"t\"\nlet f(a) = a\nlet y = a\n", {3, 9, "unbound name 'a'"});
  expectLoadError("\"t\"\nlet t = 'mb\n", {2, 9, "unknown tag 'mb"});
  expectLoadError("\"t\"\ncall nothing(po)\n", {2, 6, "unknown procedure 'nothing'"});
}

TEST(CatErrors, SetWhereRelationExpectedAndBack) {
  // "[po]": the operand po (column 10) is a relation, not a set.
  expectLoadError("\"t\"\nlet x = [po]\n", {2, 10, "'[...]' expects a set of events, found a relation"});
  expectLoadError("\"t\"\nlet x = W ; po\n", {2, 9, "';' expects a relation, found a set of events"});
  expectLoadError("\"t\"\nacyclic R as r\n", {2, 9, "acyclic expects a relation, found a set of events"});
  expectLoadError("\"t\"\nlet x = po | W\n", {2, 14, "'|' expects a relation on its right"});
  expectLoadError("\"t\"\nlet x = po * W\n", {2, 9, "'*' expects a set of events, found a relation"});
  expectLoadError("\"t\"\nlet x = domain(W)\n", {2, 16, "'domain' expects a relation, found a set of events"});
  expectLoadError("\"t\"\nlet x = W(po)\n", {2, 9, "not a function"});
  // Through a user function whose result type is known: fencerel yields a relation.
  expectLoadError("\"t\"\nlet x = [fencerel(F)]\n", {2, 10, "expects a set of events, found a relation"});
}

TEST(CatErrors, MissingInclude) {
  expectLoadError("\"t\"\nlet x = po\n  include \"no-such-file.cat\"\n", {3, 3, "cannot find included file \"no-such-file.cat\""});
}

TEST(CatErrors, MissingModelFile) {
  EXPECT_THROW(mcm::cat::loadModel("/nonexistent/model.cat", {}), mcm::Diagnostic);
}

TEST(CatErrors, FixpointThatNeverSettlesIsBounded) {
  // x = ~x flips between the empty and the full set forever.
  expectRunError("\"t\"\nlet rec x = ~x\n", {2, 1, "did not reach a fixpoint after 1000 iterations"});
  expectRunError("\"t\"\nlet y = let rec z = ~z in z\n", {2, 9, "did not reach a fixpoint"});
}

TEST(CatErrors, UnboundedRecursionIsBounded) {
  // f calls itself forever in `f x` (columns 15-17). The call-depth bound (2000) stops it
  // at the call, column 15; with larger frames (sanitizers) the stack bound may stop it
  // first, while it evaluates the call's argument, column 17.
  const std::string text = "\"t\"\nlet rec f x = f x\nlet y = f(po)\n";
  try {
    auto m = mcm::cat::loadModelText(text, "bad.cat", {});
    mcm::cat::Environment env;
    env.numEvents = 2;
    env.relations["po"] = mcm::rel::Relation(2);
    mcm::cat::Evaluator ev(m, env);
    ev.run(mcm::cat::Environment{}, [](const mcm::cat::Verdict&) {});
    ADD_FAILURE() << "no error";
  } catch (const mcm::Diagnostic& d) {
    EXPECT_EQ(d.pos().line, 2) << d.what();
    EXPECT_TRUE(d.pos().col == 15 || d.pos().col == 17) << d.what();
    EXPECT_NE(d.message().find("(unbounded recursion?)"), std::string::npos) << d.what();
  }
}

TEST(CatErrors, DeepRecursionEndsInADiagnosticNotAStackOverflow) {
  // Each level of this recursion keeps several relations on the stack; the
  // evaluator stops before the thread's stack runs out (whichever bound comes first).
  try {
    auto m = mcm::cat::loadModelText(
        "\"t\"\nlet rec f x = (po ; po) | ([W] ; (f x) ; [R]) | (x \\ po)\nlet y = f(po)\n", "deep.cat", {});
    mcm::cat::Environment env;
    env.numEvents = 4;
    mcm::cat::Evaluator ev(m, env);
    ev.run(env, [](const mcm::cat::Verdict&) {});
    ADD_FAILURE() << "no error";
  } catch (const mcm::Diagnostic& d) {
    EXPECT_EQ(d.pos().line, 2) << d.what();
    EXPECT_NE(d.message().find("(unbounded recursion?)"), std::string::npos) << d.what();
  }
}

TEST(CatErrors, DeeplyNestedExpressionIsASyntaxError) {
  std::string text = "\"t\"\nlet x = " + std::string(5000, '(') + "po" + std::string(5000, ')') + "\n";
  try {
    mcm::cat::loadModelText(text, "nest.cat", {});
    ADD_FAILURE() << "no error";
  } catch (const mcm::Diagnostic& d) {
    EXPECT_EQ(d.pos().line, 2) << d.what();
    EXPECT_EQ(d.message(), "expression nested too deeply");
  }
}

TEST(CatErrors, RunTimeTypeError) {
  // The parameter's type is unknown when loading; applying it to a set fails at run time.
  expectRunError("\"t\"\nlet f x = x ; po\nlet y = f(W)\n", {2, 11, "expected a relation, found a set of events"});
}

}  // namespace
