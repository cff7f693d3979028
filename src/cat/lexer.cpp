#include "cat/lexer.hpp"

#include <utility>

namespace mcm::cat {

namespace {

// The keyword a word is, or Ident. Scanned in place: this runs for every word of a model.
Tok keywordOr(std::string_view w) {
  static constexpr std::pair<std::string_view, Tok> kKeywords[] = {
      {"let", Tok::Let}, {"rec", Tok::Rec}, {"and", Tok::And}, {"in", Tok::In},
      {"fun", Tok::Fun}, {"try", Tok::Try}, {"with", Tok::With}, {"from", Tok::From},
      {"if", Tok::If}, {"then", Tok::Then}, {"else", Tok::Else}, {"match", Tok::Match},
      {"end", Tok::End_}, {"begin", Tok::Begin}, {"acyclic", Tok::Acyclic},
      {"irreflexive", Tok::Irreflexive}, {"empty", Tok::Empty}, {"flag", Tok::Flag},
      {"as", Tok::As}, {"show", Tok::Show}, {"unshow", Tok::Unshow}, {"include", Tok::Include},
      {"enum", Tok::Enum}, {"instructions", Tok::Instructions}, {"default", Tok::Default},
      {"procedure", Tok::Procedure}, {"call", Tok::Call}, {"forall", Tok::Forall},
      {"do", Tok::Do}, {"variant", Tok::Variant}, {"subset", Tok::Subset},
  };
  for (const auto& [word, tok] : kKeywords)
    if (word.size() == w.size() && word[0] == w[0] && word == w) return tok;
  return Tok::Ident;
}

// ASCII only, as herd's lexer (and no locale lookup per character).
bool identStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool identChar(char c) { return identStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

class Lexer {
 public:
  Lexer(std::string_view text, const std::string& file) : s_(text), file_(file) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    out.reserve(s_.size() / 8);  // about one token per 8 bytes of a model (comments included)
    for (;;) {
      skipBlanks();
      SourcePos p = here();
      if (i_ >= s_.size()) {
        out.push_back({Tok::End, "", p});
        return out;
      }
      out.push_back(next(p));
    }
  }

 private:
  SourcePos here() const { return {line_, col_}; }
  char peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  void advance() {
    if (s_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++i_;
  }
  [[noreturn]] void fail(SourcePos p, const std::string& msg) { throw Diagnostic(file_, p, msg); }

  void skipBlanks() {
    for (;;) {
      if (i_ >= s_.size()) return;
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        advance();
      } else if (c == '/' && peek(1) == '/') {
        while (i_ < s_.size() && peek() != '\n') advance();
      } else if (c == '(' && peek(1) == '*') {
        skipComment();
      } else {
        return;
      }
    }
  }

  void skipComment() {  // nested (* ... *); most of a model's text, so scanned without advance()
    SourcePos start = here();
    int depth = 0;
    const std::size_t n = s_.size();
    std::size_t i = i_;
    do {
      if (i >= n) fail(start, "unterminated comment");
      const char c = s_[i];
      const char d = i + 1 < n ? s_[i + 1] : '\0';
      if (c == '(' && d == '*') {
        i += 2;
        col_ += 2;
        ++depth;
      } else if (c == '*' && d == ')') {
        i += 2;
        col_ += 2;
        --depth;
      } else {
        ++i;
        if (c == '\n') {
          ++line_;
          col_ = 1;
        } else {
          ++col_;
        }
      }
    } while (depth > 0);
    i_ = i;
  }

  // The identifier-like word starting at i_ (no newline inside: one column per character).
  std::string word() {
    const std::size_t start = i_;
    while (i_ < s_.size() && identChar(s_[i_])) ++i_;
    col_ += static_cast<int>(i_ - start);
    return std::string(s_.substr(start, i_ - start));
  }

  Token simple(Tok k, SourcePos p, int len) {
    for (int n = 0; n < len; ++n) advance();
    return {k, "", p};
  }

  Token next(SourcePos p) {
    char c = peek();
    if (identStart(c)) {
      std::string w = word();
      if (w == "_") return {Tok::Underscore, std::move(w), p};
      const Tok k = keywordOr(w);
      return {k, std::move(w), p};
    }
    if (c == '\'') {
      advance();
      std::string w = word();
      if (w.empty()) fail(p, "expected a tag name after '");
      return {Tok::Tag, w, p};
    }
    if (c == '"') {
      advance();
      std::string str;
      while (i_ < s_.size() && peek() != '"') {
        if (peek() == '\n') fail(p, "unterminated string");
        str += peek();
        advance();
      }
      if (i_ >= s_.size()) fail(p, "unterminated string");
      advance();
      return {Tok::String, str, p};
    }
    switch (c) {
      case '0': return simple(Tok::Zero, p, 1);
      case '(': return simple(Tok::LParen, p, 1);
      case ')': return simple(Tok::RParen, p, 1);
      case '{': return simple(Tok::LBrace, p, 1);
      case '}': return simple(Tok::RBrace, p, 1);
      case '[': return simple(Tok::LBracket, p, 1);
      case ']': return simple(Tok::RBracket, p, 1);
      case '|': return peek(1) == '|' ? simple(Tok::BarBar, p, 2) : simple(Tok::Bar, p, 1);
      case '&': return simple(Tok::Amp, p, 1);
      case '\\': return simple(Tok::Backslash, p, 1);
      case ';': return simple(Tok::Semi, p, 1);
      case '*': return simple(Tok::Star, p, 1);
      case '+': return peek(1) == '+' ? simple(Tok::PlusPlus, p, 2) : simple(Tok::Plus, p, 1);
      case '?': return simple(Tok::Question, p, 1);
      case '~': return simple(Tok::Tilde, p, 1);
      case ',': return simple(Tok::Comma, p, 1);
      case '=': return simple(Tok::Equal, p, 1);
      case '-':
        if (peek(1) == '>') return simple(Tok::Arrow, p, 2);
        break;
      case '^':
        if (peek(1) == '-' && peek(2) == '1') return simple(Tok::Inverse, p, 3);
        fail(p, "expected '^-1'");
      default: break;
    }
    fail(p, std::string("unexpected character '") + c + "'");
  }

  std::string_view s_;
  const std::string& file_;
  std::size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
};

}  // namespace

std::vector<Token> lex(std::string_view text, const std::string& file) { return Lexer(text, file).run(); }

std::string describe(const Token& t) {
  switch (t.kind) {
    case Tok::End: return "end of file";
    case Tok::Ident: return "name '" + t.text + "'";
    case Tok::Tag: return "tag '" + t.text;
    case Tok::String: return "string \"" + t.text + "\"";
    case Tok::Zero: return "'0'";
    case Tok::LParen: return "'('";
    case Tok::RParen: return "')'";
    case Tok::LBrace: return "'{'";
    case Tok::RBrace: return "'}'";
    case Tok::LBracket: return "'['";
    case Tok::RBracket: return "']'";
    case Tok::Bar: return "'|'";
    case Tok::BarBar: return "'||'";
    case Tok::Amp: return "'&'";
    case Tok::Backslash: return "'\\'";
    case Tok::Semi: return "';'";
    case Tok::Star: return "'*'";
    case Tok::Plus: return "'+'";
    case Tok::Question: return "'?'";
    case Tok::Tilde: return "'~'";
    case Tok::Inverse: return "'^-1'";
    case Tok::PlusPlus: return "'++'";
    case Tok::Comma: return "','";
    case Tok::Equal: return "'='";
    case Tok::Arrow: return "'->'";
    case Tok::Underscore: return "'_'";
    default: return "keyword '" + t.text + "'";
  }
}

}  // namespace mcm::cat
