#include "litmus/lexer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

#include <fmt/format.h>

namespace mcm::litmus {

namespace {

bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }
bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string describeByte(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02x}", u);
}

}  // namespace

std::string Token::describe() const {
  if (kind == Kind::End) return "end of file";
  if (text.size() > 40) return fmt::format("'{}...'", text.substr(0, 40));
  return fmt::format("'{}'", text);
}

Lexer::Lexer(std::string_view source, std::string path) : source_(source), path_(std::move(path)) {
  lineStarts_.push_back(0);
  for (std::size_t i = 0; i < source_.size(); ++i)
    if (source_[i] == '\n') lineStarts_.push_back(i + 1);
}

SourcePos Lexer::posAt(std::size_t offset) const {
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  auto line = static_cast<int>(it - lineStarts_.begin());
  return SourcePos{line, static_cast<int>(offset - *(it - 1)) + 1};
}

void Lexer::fail(SourcePos pos, const std::string& message) const { throw Diagnostic(path_, pos, message); }

void Lexer::failAt(const Token& token, const std::string& expected) const {
  fail(token.pos, fmt::format("expected {}, found {}", expected, token.describe()));
}

long long Lexer::intValue(const Token& token, bool negative) const {
  std::string_view digits = token.text;
  const bool hex = digits.size() > 1 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
  if (hex) digits.remove_prefix(2);
  unsigned long long magnitude = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, hex ? 16 : 10);
  if (digits.empty() || (ec != std::errc() && ec != std::errc::result_out_of_range) ||
      ptr != digits.data() + digits.size())
    fail(token.pos, fmt::format("malformed number {}", token.describe()));
  const unsigned long long limit = hex ? 0xffffffffULL : (negative ? 0x80000000ULL : 0x7fffffffULL);
  if (ec == std::errc::result_out_of_range || magnitude > limit)
    fail(token.pos, fmt::format("integer constant {} does not fit in 32 bits", token.describe()));
  long long value = hex ? static_cast<std::int32_t>(static_cast<std::uint32_t>(magnitude))
                        : static_cast<long long>(magnitude);
  return negative ? -value : value;
}

Token Lexer::expect(std::string_view punct) {
  if (!peek().is(punct)) failAt(peek(), fmt::format("'{}'", punct));
  return next();
}

Token Lexer::expectIdent(std::string_view what) {
  if (peek().kind != Token::Kind::Ident) failAt(peek(), std::string(what));
  return next();
}

void Lexer::setMode(Mode mode) {
  mode_ = mode;
  looked_ = 0;
}

void Lexer::seek(std::size_t offset) {
  offset_ = offset;
  looked_ = 0;
}

const Token& Lexer::peek() {
  if (looked_ == 0) {
    std::size_t at = offset_;
    look_[0] = lexAt(at);
    lookEnd_[0] = at;
    looked_ = 1;
  }
  return look_[0];
}

const Token& Lexer::peek2() {
  peek();
  if (looked_ == 1) {
    std::size_t at = lookEnd_[0];
    look_[1] = lexAt(at);
    lookEnd_[1] = at;
    looked_ = 2;
  }
  return look_[1];
}

Token Lexer::next() {
  peek();
  Token token = look_[0];
  offset_ = lookEnd_[0];
  look_[0] = look_[1];
  lookEnd_[0] = lookEnd_[1];
  --looked_;
  return token;
}

std::size_t nestedCommentEnd(std::string_view source, std::size_t at) {
  int depth = 0;
  while (at + 1 < source.size()) {
    if (source.compare(at, 2, "(*") == 0) {
      ++depth;
      at += 2;
    } else if (source.compare(at, 2, "*)") == 0) {
      at += 2;
      if (--depth == 0) return at;
    } else {
      ++at;
    }
  }
  return std::string_view::npos;
}

void Lexer::skipNestedComment(std::size_t& at) const {
  const std::size_t end = nestedCommentEnd(source_, at);
  if (end == std::string_view::npos) fail(posAt(at), "unterminated comment '(*'");
  at = end;
}

void Lexer::skipTrivia(std::size_t& at) const {
  const bool cComments = mode_ != Mode::State;
  const bool ocamlComments = mode_ != Mode::Code;
  while (at < source_.size()) {
    char c = source_[at];
    if (isBlank(c)) {
      ++at;
    } else if (cComments && source_.compare(at, 2, "//") == 0) {
      while (at < source_.size() && source_[at] != '\n') ++at;
    } else if (cComments && source_.compare(at, 2, "/*") == 0) {
      std::size_t end = source_.find("*/", at + 2);
      if (end == std::string_view::npos) fail(posAt(at), "unterminated comment '/*'");
      at = end + 2;
    } else if (ocamlComments && source_.compare(at, 2, "(*") == 0) {
      skipNestedComment(at);
    } else {
      return;
    }
  }
}

Token Lexer::lexAt(std::size_t& at) const {
  skipTrivia(at);
  Token token;
  token.offset = at;
  token.pos = posAt(at);
  if (at >= source_.size()) {
    token.text = source_.substr(source_.size(), 0);
    return token;
  }
  const std::size_t start = at;
  const char c = source_[at];
  if (isIdentStart(c)) {
    while (at < source_.size() && isIdentChar(source_[at])) ++at;
    token.kind = Token::Kind::Ident;
  } else if (isDigit(c)) {
    // Hexadecimal only in the state language, as herd.
    if (mode_ == Mode::State && c == '0' && at + 1 < source_.size() && (source_[at + 1] == 'x' || source_[at + 1] == 'X')) {
      at += 2;
      while (at < source_.size() && std::isxdigit(static_cast<unsigned char>(source_[at]))) ++at;
    } else {
      while (at < source_.size() && isDigit(source_[at])) ++at;
    }
    if (at < source_.size() && isIdentStart(source_[at]))
      fail(token.pos, fmt::format("malformed number '{}'", source_.substr(start, at + 1 - start)));
    token.kind = Token::Kind::Int;
  } else {
    static constexpr std::string_view twoChar[] = {"==", "!=", "<=", ">=", "&&", "||", "=>", "->", "++", "--"};
    static constexpr std::string_view stateOnly[] = {"/\\", "\\/"};
    static constexpr std::string_view oneChar = "(){}[];,:=*&|^+-/<>!~.%";
    token.kind = Token::Kind::Punct;
    // Every multi-character operator has two characters: compared in place (this runs per token).
    auto matches = [&](std::string_view p) { return at + 1 < source_.size() && source_[at] == p[0] && source_[at + 1] == p[1]; };
    bool found = false;
    if (mode_ == Mode::State)
      for (auto p : stateOnly)
        if (!found && matches(p)) { at += p.size(); found = true; }
    for (auto p : twoChar)
      if (!found && matches(p)) { at += p.size(); found = true; }
    if (!found && oneChar.find(c) != std::string_view::npos) { ++at; found = true; }
    if (!found) fail(token.pos, fmt::format("unexpected character {}", describeByte(c)));
  }
  token.text = source_.substr(start, at - start);
  return token;
}

}  // namespace mcm::litmus
