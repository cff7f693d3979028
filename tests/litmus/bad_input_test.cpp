// Bad input: each case is a positioned Diagnostic, never a crash or a hang
// (this target also runs under ASan+UBSan in CI).
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "litmus/parser.hpp"

namespace {

using mcm::Diagnostic;
using mcm::litmus::parseLitmusText;

struct Error {
  int line, col;
  std::string message;
};

Error errorOf(std::string_view text) {
  try {
    parseLitmusText(text, "bad.litmus");
  } catch (const Diagnostic& d) {
    EXPECT_EQ(d.file(), "bad.litmus");
    return {d.pos().line, d.pos().col, d.message()};
  }
  ADD_FAILURE() << "no error for: " << text.substr(0, 200);
  return {0, 0, ""};
}

#define EXPECT_ERROR(text, l, c, msg)        \
  do {                                      \
    Error e = errorOf(text);                \
    EXPECT_EQ(e.line, l) << e.message;      \
    EXPECT_EQ(e.col, c) << e.message;       \
    EXPECT_EQ(e.message, msg);              \
  } while (0)

const std::string kGood =
    "C SB\n{}\nP0(int *x, int *y) {\n  WRITE_ONCE(*x, 1);\n  r0 = READ_ONCE(*y);\n}\n"
    "P1(int *x, int *y) {\n  WRITE_ONCE(*y, 1);\n  r0 = READ_ONCE(*x);\n}\nexists (0:r0=0 /\\ 1:r0=0)\n";

TEST(BadInput, GoodBaselineParses) { EXPECT_NO_THROW(parseLitmusText(kGood, "good.litmus")); }

TEST(BadInput, EmptyFile) {
  EXPECT_ERROR("", 1, 1, "empty file");
  EXPECT_ERROR("  \n\n\t\n", 1, 1, "empty file");
}

TEST(BadInput, TruncatedFiles) {
  // Cut inside P1's READ_ONCE( : line 9 is "  r0 = READ_ONCE(*x", the end is at column 20.
  EXPECT_ERROR(kGood.substr(0, kGood.find("*x);\n}\nexists") + 2), 9, 20, "expected ',' or ')', found end of file");
  EXPECT_ERROR("C SB\n", 2, 1, "expected the initial state '{', found end of file");
  EXPECT_ERROR("C SB\n{ x=1;", 2, 7, "expected '}', found end of file");
  EXPECT_ERROR("C SB\n{}\n", 3, 1, "expected thread P0, found end of file");
}

TEST(BadInput, UnbalancedBraces) {
  // P0's body never closes: P1's header is read as a call whose argument starts with a type.
  std::string text = kGood;
  text.erase(text.find("}\nP1"), 2);
  EXPECT_ERROR(text, 6, 4, "expected an expression, found 'int'");
  EXPECT_ERROR("C t\n{}\nP0(int *x) {\n  if (r) {\n    r = 1;\n}\n", 7, 1, "expected '}', found end of file");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { r = 1; }\n}\nexists (x=1)\n", 4, 1,
               "expected 'exists', '~exists', 'forall', 'locations', 'filter' or thread P1, found '}'");
}

TEST(BadInput, UnbalancedParentheses) {
  EXPECT_ERROR("C t\n{}\nP0(int *x) { r = (1 + 2; }\nexists (x=1)\n", 3, 24, "expected ')', found ';'");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { }\nexists (x=1 /\\ (0:r0=1)\n", 5, 1, "expected ')', found end of file");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { }\nexists (x=1))\n", 4, 13, "expected end of file after the condition, found ')'");
}

TEST(BadInput, UnknownTokens) {
  EXPECT_ERROR("C t\n{}\nP0(int *x) {\n  r = 1 @ 2;\n}\nexists (x=1)\n", 4, 9, "unexpected character '@'");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { r = 1 && 2; }\nexists (x=1)\n", 3, 20, "expected ';', found '&&'");
  EXPECT_ERROR("C t\n{ x=1 y=2; }\nP0(int *x) { }\nexists (x=1)\n", 2, 7, "expected ';', found 'y'");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { }\nexists (x=1 // no\n", 4, 13, "expected ')', found '/'");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { for (;;) { } }\nexists (x=1)\n", 3, 14, "unsupported statement 'for'");
}

TEST(BadInput, ThreadsOutOfOrder) {
  EXPECT_ERROR("C t\n{}\nP1(int *x) { }\nP0(int *x) { }\nexists (x=1)\n", 3, 1,
               "processes must be P0, P1, ...: expected P0, found P1");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { }\nP2(int *x) { }\nexists (x=1)\n", 4, 1,
               "processes must be P0, P1, ...: expected P1, found P2");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { }\nexists (5:r0=1)\n", 4, 9, "bad process P5");
}

TEST(BadInput, NonPointerParameter) {
  EXPECT_ERROR("C t\n{}\nP0(int x) { }\nexists (x=1)\n", 3, 4, "thread parameters must be pointers (`int *x`)");
}

TEST(BadInput, ArchitectureMustStartTheFile) {
  EXPECT_ERROR("\nC t\n{}\n", 1, 1, "expected an architecture name such as C on the first line");
  EXPECT_ERROR("(* c *)\nC t\n", 1, 1, "expected an architecture name such as C, found '('");
  EXPECT_ERROR("C t\n{ x=0x; }\n", 2, 5, "malformed number '0x'");
}

// herd's constants are 32-bit (OCaml Int32.of_string): decimal in [-2^31, 2^31-1],
// hexadecimal up to 0xffffffff; larger ones are errors rather than silent wraps.
TEST(BadInput, ConstantsBeyond32Bits) {
  EXPECT_ERROR("C t\n{}\nP0(int *x) { r = 2147483648; }\nexists (x=1)\n", 3, 18,
               "integer constant '2147483648' does not fit in 32 bits");
  EXPECT_ERROR("C t\n{ x=-2147483649; }\nP0(int *x) { }\nexists (x=1)\n", 2, 6,
               "integer constant '2147483649' does not fit in 32 bits");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { }\nexists (x=0x100000000)\n", 4, 11,
               "integer constant '0x100000000' does not fit in 32 bits");
  mcm::litmus::Test t = parseLitmusText(
      "C t\n{ x=-2147483648; y=2147483647; }\nP0(int *x) { r = -2147483648; }\nexists (x=0xffffffff)\n", "ok.litmus");
  EXPECT_EQ(t.init[0].value.number, -2147483648LL);
  EXPECT_EQ(t.init[1].value.number, 2147483647LL);
  EXPECT_EQ(t.threads[0].body[0]->expr->value, -2147483648LL);
  EXPECT_EQ(t.condition->prop->rhs.number, -1);  // 0xffffffff is the 32-bit pattern of -1
}

TEST(BadInput, DuplicateInitLocations) {
  EXPECT_ERROR("C t\n{ x=1; int y; x=y; }\nP0(int *x) { }\nexists (x=1)\n", 2, 15, "location x is initialised twice");
  EXPECT_ERROR("C t\n{ 0:r1=x;\n int 0:r1; }\nP0(int *x) { }\nexists (x=1)\n", 3, 6, "location 0:r1 is initialised twice");
}

TEST(BadInput, UnsupportedArchitectures) {
  EXPECT_ERROR("LISA t\n{}\nP0 | P1 ;\n", 1, 1, "unsupported architecture LISA");
  EXPECT_ERROR("  PPC t\n", 1, 3, "unsupported architecture PPC");
}

TEST(BadInput, BinaryGarbage) {
  EXPECT_ERROR(std::string("\x7f" "ELF\x02\x01\x01\0\0", 9), 1, 1, "unexpected byte 0x7f");
  EXPECT_ERROR(std::string("C t\n\x01\x02\xff{}", 9), 2, 1, "unexpected byte 0x01");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { r = \xc3\xa9; }", 3, 18, "unexpected character byte 0xc3");
  std::string noise;
  unsigned state = 12345;
  for (int i = 0; i < 100000; ++i) {
    state = state * 1103515245u + 12345u;
    noise += static_cast<char>(state >> 16);
  }
  for (std::size_t cut : {std::size_t{0}, std::size_t{7}, std::size_t{5000}}) {
    std::string text = "C t\n{}\nP0(int *x) {\n" + noise.substr(cut);
    Error e = errorOf(text);
    EXPECT_GE(e.line, 3);
    EXPECT_FALSE(e.message.empty());
  }
}

TEST(BadInput, TenMegabyteLines) {
  const std::size_t n = 10 * 1024 * 1024;
  EXPECT_ERROR("C t\n{}\nP0(int *x) {\n" + std::string(n, 'a') + "\n}\n", 5, 1, "expected ';', found '}'");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { r = " + std::string(n, '(') + "\n", 3, 217, "nesting too deep");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { }\nexists " + std::string(n, '(') + "\n", 4, 208, "nesting too deep");
  // A long operator chain builds a deep left-leaning tree: bounded too. The statement
  // counts 1, each `+` 1 more, so the operand after the 199th `+` (column 18 + 2*199) is one too many.
  std::string sum = "1";
  while (sum.size() < n) sum += "+1";
  EXPECT_ERROR("C t\n{}\nP0(int *x) { r = " + sum + "; }\n", 3, 416, "nesting too deep");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { r = " + std::string(n, '9') + "; }\n", 3, 18,
               "integer constant '9999999999999999999999999999999999999999...' does not fit in 32 bits");
  EXPECT_ERROR("C t\n(* " + std::string(n, 'x') + "\n", 2, 1, "unterminated comment '(*'");
  EXPECT_ERROR("C " + std::string(n, 'n') + "\n", 2, 1, "expected the initial state '{', found end of file");
}

TEST(BadInput, UnterminatedComments) {
  EXPECT_ERROR("C t\n{}\nP0(int *x) { /* r = 1; }\nexists (x=1)\n", 3, 14, "unterminated comment '/*'");
  EXPECT_ERROR("C t\n{}\nP0(int *x) { }\nexists (x=1) (* (* *)\n", 4, 14, "unterminated comment '(*'");
}

// The command line: errors go to stderr as FILE:LINE:COL: error: MESSAGE, status 2,
// and the good files are still printed.
TEST(BadInput, ParseCommandReportsAndExitsTwo) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("mcm_litmus_cli_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "good.litmus") << kGood;
  std::ofstream(dir / "bad.litmus") << "C t\n{}\nP1(int *x) { }\n";
  std::string cmd = std::string(MCM_BINARY) + " parse " + (dir / "good.litmus").string() + " " +
                    (dir / "bad.litmus").string() + " >" + (dir / "out").string() + " 2>" + (dir / "err").string();
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::stringstream out, err;
  out << std::ifstream(dir / "out").rdbuf();
  err << std::ifstream(dir / "err").rdbuf();
  EXPECT_EQ(out.str().substr(0, 8), "C SB\nIni");
  EXPECT_EQ(err.str(), (dir / "bad.litmus").string() +
                           ":3:1: error: processes must be P0, P1, ...: expected P0, found P1\n");

  // --expand prints the bodies after the built-in def's expansion.
  cmd = std::string(MCM_BINARY) + " parse --expand " + (dir / "good.litmus").string() + " >" + (dir / "out").string();
  status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::stringstream expanded;
  expanded << std::ifstream(dir / "out").rdbuf();
  EXPECT_NE(expanded.str().find("P0(int *x, int *y):\n  __store{ONCE}(*x, 1);\n  r0 = __load{ONCE}(*y);\n"),
            std::string::npos)
      << expanded.str();
  fs::remove_all(dir);
}

}  // namespace
