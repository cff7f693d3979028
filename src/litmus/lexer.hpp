#pragma once
// Tokens of herd's litmus dialects, produced on demand so that the parser can
// switch the lexical rules between sections of one file:
//   Code:    thread bodies and .def files; `//` and `/* */` comments.
//   State:   init block and final condition; nested `(* *)` comments, `/\`, `\/`.
//   Between: the gaps between thread functions; skips comments of either kind.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostic.hpp"

namespace mcm::litmus {

struct Token {
  enum class Kind { End, Ident, Int, Punct };
  Kind kind = Kind::End;
  std::string_view text;  // a view into the lexer's source
  std::size_t offset = 0;
  SourcePos pos;

  bool is(std::string_view punct) const { return kind == Kind::Punct && text == punct; }
  bool isWord(std::string_view word) const { return kind == Kind::Ident && text == word; }
  // How the token appears in an error message.
  std::string describe() const;
};

// The offset just after the `*)` that closes the nested `(* ... *)` comment opening at
// `start`, or npos if it is never closed.
std::size_t nestedCommentEnd(std::string_view source, std::size_t start);

class Lexer {
 public:
  enum class Mode { Code, State, Between };

  Lexer(std::string_view source, std::string path);

  const Token& peek();
  const Token& peek2();  // the token after peek()
  Token next();
  void setMode(Mode mode);  // forgets the lookahead; lexing resumes at the current offset

  // Current offset: the start of the next unconsumed token (or the end of the last one).
  std::size_t offset() const { return offset_; }
  void seek(std::size_t offset);

  std::string_view source() const { return source_; }
  const std::string& path() const { return path_; }
  SourcePos posAt(std::size_t offset) const;

  [[noreturn]] void fail(SourcePos pos, const std::string& message) const;
  [[noreturn]] void failAt(const Token& token, const std::string& expected) const;  // "expected X, found Y"
  // The value of an Int token, preceded by a minus sign if `negative`. Constants are
  // 32-bit as in herd: decimal within [-2^31, 2^31-1], hexadecimal up to 0xffffffff
  // (read as a signed 32-bit pattern); anything else is an error, never a wrap.
  long long intValue(const Token& token, bool negative) const;
  Token expect(std::string_view punct);  // consumes `punct` or fails
  Token expectIdent(std::string_view what);

 private:
  Token lexAt(std::size_t& at) const;
  void skipTrivia(std::size_t& at) const;
  void skipNestedComment(std::size_t& at) const;

  std::string_view source_;
  std::string path_;
  std::vector<std::size_t> lineStarts_;
  Mode mode_ = Mode::Code;
  std::size_t offset_ = 0;
  Token look_[2];
  std::size_t lookEnd_[2] = {0, 0};
  int looked_ = 0;  // number of valid lookahead tokens
};

}  // namespace mcm::litmus
