// The litmus file is read in four sections, as herd's splitter does:
//   header  `C name`, doc string, key=value lines, (* comments *) (hand-scanned, line based);
//   init    `{ ... }` in the state language;
//   threads `P<n>(params) { C code }`, in order from P0;
//   final   `locations [...]`, `filter P`, `exists|~exists|forall|final P`.
// Unlike herd's text splitter, the end of the threads is found on tokens, so a
// keyword inside a C comment (`// final write`) does not cut the program.
#include "litmus/parser.hpp"

#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "litmus/c_parser.hpp"
#include "litmus/lexer.hpp"

namespace mcm::litmus {

namespace {

constexpr int kMaxPropDepth = 200;

bool isWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
// Header text may be UTF-8; control characters mean the file is not text.
bool isPrintable(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u >= 0x20 && u != 0x7f) || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

class TestParser {
 public:
  TestParser(std::string_view text, const std::string& path, std::string_view arch, const CodeSectionReader* code)
      : src_(text), lx_(text, path), arch_(arch), code_(code) {}

  Test parse() {
    test_.path = lx_.path();
    std::size_t at = parseFirstLine();
    at = parseHeader(at);
    lx_.setMode(Lexer::Mode::State);
    lx_.seek(at);
    parseInit();
    if (code_) {
      const std::size_t end = (*code_)(lx_, lx_.offset(), test_);
      lx_.setMode(Lexer::Mode::State);
      lx_.seek(end);
    } else {
      parseThreads();
    }
    parseFinal();
    return std::move(test_);
  }

 private:
  [[noreturn]] void failAt(std::size_t offset, const std::string& message) const {
    lx_.fail(lx_.posAt(offset), message);
  }

  void checkPrintable(std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i < to; ++i)
      if (!isPrintable(src_[i]))
        failAt(i, fmt::format("unexpected byte 0x{:02x}", static_cast<unsigned char>(src_[i])));
  }

  std::size_t lineEnd(std::size_t at) const {
    std::size_t end = src_.find('\n', at);
    return end == std::string_view::npos ? src_.size() : end;
  }

  // `C name`: the architecture word must start the file (blanks allowed, newlines not).
  std::size_t parseFirstLine() {
    std::size_t at = 0;
    while (at < src_.size() && (src_[at] == ' ' || src_[at] == '\t')) ++at;
    if (src_.find_first_not_of(" \t\r\n") == std::string_view::npos) failAt(0, "empty file");
    std::size_t start = at;
    while (at < src_.size() && isWordChar(src_[at])) ++at;
    if (at == start) {
      if (src_[start] == '\n' || src_[start] == '\r') failAt(start, "expected an architecture name such as C on the first line");
      checkPrintable(start, start + 1);
      failAt(start, fmt::format("expected an architecture name such as C, found '{}'", src_[start]));
    }
    std::string_view arch = src_.substr(start, at - start);
    if (arch != arch_) failAt(start, fmt::format("unsupported architecture {}", arch));
    test_.arch = std::string(arch);
    while (at < src_.size() && (src_[at] == ' ' || src_[at] == '\t')) ++at;
    std::size_t nameStart = at;
    while (at < src_.size() && !std::isspace(static_cast<unsigned char>(src_[at]))) ++at;
    if (at == nameStart) failAt(nameStart, fmt::format("expected a test name after '{}'", arch_));
    checkPrintable(nameStart, at);
    test_.name = std::string(src_.substr(nameStart, at - nameStart));
    return at;
  }

  void noteComment(std::string_view text) {
    if (test_.result) return;
    std::size_t r = text.find("Result:");
    if (r == std::string_view::npos) return;
    std::string_view rest = text.substr(r + 7);
    rest = rest.substr(0, rest.find('\n'));
    test_.result = std::string(trim(rest));
  }

  // Whether the comment opened at `at` is closed: herd reads an unclosed one before the
  // init block as stray text lines.
  bool closes(std::size_t at) const { return nestedCommentEnd(src_, at) != std::string_view::npos; }

  std::size_t skipComment(std::size_t start) {
    const std::size_t end = nestedCommentEnd(src_, start);
    if (end == std::string_view::npos) failAt(start, "unterminated comment '(*'");
    noteComment(src_.substr(start + 2, end - start - 4));
    return end;
  }

  // Between the name and the init block: comments, a doc string, key=value info lines
  // and (as herd tolerates) stray text lines. Returns the offset of the init's `{`.
  std::size_t parseHeader(std::size_t at) {
    while (true) {
      while (at < src_.size() && std::isspace(static_cast<unsigned char>(src_[at]))) ++at;
      if (at >= src_.size()) failAt(at, "expected the initial state '{', found end of file");
      char c = src_[at];
      if (src_.compare(at, 2, "(*") == 0 && (closes(at) || src_.find('{', at) == std::string_view::npos)) {
        at = skipComment(at);
      } else if (c == '{') {
        return at;
      } else if (c == '"') {
        // A doc string may span lines, as herd reads it.
        std::size_t close = src_.find('"', at + 1);
        if (close == std::string_view::npos) failAt(at, "unterminated doc string");
        for (std::size_t i = at; i < close; ++i)
          if (src_[i] != '\n') checkPrintable(i, i + 1);
        if (test_.docString.empty()) test_.docString = std::string(src_.substr(at + 1, close - at - 1));
        at = close + 1;
      } else {
        std::size_t end = lineEnd(at);
        std::size_t key = at;
        while (at < end && isWordChar(src_[at])) ++at;
        std::size_t keyEnd = at;
        while (at < end && (src_[at] == ' ' || src_[at] == '\t')) ++at;
        if (keyEnd > key && at < end && src_[at] == '=') {
          checkPrintable(at, end);
          test_.info.emplace_back(std::string(src_.substr(key, keyEnd - key)),
                                  std::string(trim(src_.substr(at + 1, end - at - 1))));
          at = end;
        } else {  // stray text (e.g. a repeated `C name` line); a `{` on it starts the init
          std::size_t brace = src_.find('{', key);
          std::size_t stop = brace < end ? brace : end;
          checkPrintable(key, stop);
          at = stop;
        }
      }
    }
  }

  // ---- state language (init, locations, conditions) ----

  int parseThreadNumber(const Token& t) {
    long long n = lx_.intValue(t, false);
    if (n < 0 || n > 1000000) lx_.fail(t.pos, fmt::format("bad process P{}", t.text));
    return static_cast<int>(n);
  }

  static std::string describe(const Location& loc) {
    return loc.isRegister() ? fmt::format("{}:{}", loc.thread, loc.name) : loc.name;
  }

  // `N:reg`, `x` or `[x]`.
  Location parseLocation() {
    Location loc;
    const Token& t = lx_.peek();
    loc.pos = t.pos;
    if (t.kind == Token::Kind::Int) {
      loc.thread = parseThreadNumber(lx_.next());
      lx_.expect(":");
      loc.name = std::string(lx_.expectIdent("a register name").text);
    } else if (t.is("[")) {
      lx_.next();
      loc.name = std::string(lx_.expectIdent("a location name").text);
      lx_.expect("]");
    } else {
      loc.name = std::string(lx_.expectIdent("a location").text);
    }
    return loc;
  }

  void parseInit() {
    lx_.expect("{");
    while (!lx_.peek().is("}")) {
      if (lx_.peek().kind == Token::Kind::End) lx_.failAt(lx_.peek(), "'}'");
      if (lx_.peek().is(";")) {
        lx_.next();
        continue;
      }
      InitItem item = parseInitItem();
      // herd drops or crashes on duplicates depending on their values; we refuse them.
      for (const InitItem& earlier : test_.init)
        if (earlier.loc == item.loc)
          lx_.fail(item.loc.pos, fmt::format("location {} is initialised twice", describe(item.loc)));
      test_.init.push_back(std::move(item));
      if (lx_.peek().is("}")) break;
      lx_.expect(";");
    }
    lx_.next();
  }

  InitItem parseInitItem() {
    InitItem item;
    item.pos = lx_.peek().pos;
    const Token& first = lx_.peek();
    if (first.kind == Token::Kind::Int || first.is("[") ||
        (first.kind == Token::Kind::Ident && (lx_.peek2().is("=") || lx_.peek2().is(";") || lx_.peek2().is("}")))) {
      item.loc = parseLocation();
    } else {
      // Typed: words, stars, then the location (a name or a register `N:r`).
      std::vector<Token> words;
      while (lx_.peek().kind == Token::Kind::Ident) words.push_back(lx_.next());
      int stars = 0;
      while (lx_.peek().is("*")) {
        lx_.next();
        ++stars;
      }
      if (stars > 0 || lx_.peek().kind == Token::Kind::Int) {
        item.loc = parseLocation();
      } else {
        if (words.size() < 2) lx_.failAt(lx_.peek(), "'=' or ';' after the location");
        item.loc.name = std::string(words.back().text);
        item.loc.pos = words.back().pos;
        words.pop_back();
      }
      if (words.empty()) lx_.failAt(lx_.peek(), "a type");
      Type type;
      for (const Token& w : words) {
        if (w.text == "volatile") {
          type.isVolatile = true;
          continue;
        }
        if (!type.base.empty()) type.base += ' ';
        type.base += w.text;
      }
      type.pointers = stars;
      item.type = std::move(type);
    }
    if (!lx_.peek().is("=")) return item;
    lx_.next();
    item.hasValue = true;
    const Token& v = lx_.peek();
    if (v.is("&")) {
      lx_.next();
      item.addressOf = true;
      Token sym = lx_.expectIdent("a location name after '&'");
      item.value = Value{true, 0, std::string(sym.text)};
      item.valueText = std::string(sym.text);
    } else if (v.isWord("ATOMIC_INIT")) {
      lx_.next();
      lx_.expect("(");
      item.atomicInit = true;
      std::size_t start = lx_.peek().offset;
      item.value = parseNumberValue();
      item.valueText = std::string(src_.substr(start, lx_.offset() - start));
      lx_.expect(")");
    } else if (v.kind == Token::Kind::Ident) {
      Token sym = lx_.next();
      item.value = Value{true, 0, std::string(sym.text)};
      item.valueText = std::string(sym.text);
    } else {
      std::size_t start = v.offset;
      item.value = parseNumberValue();
      item.valueText = std::string(src_.substr(start, lx_.offset() - start));
    }
    return item;
  }

  Value parseNumberValue() {
    bool negative = false;
    if (lx_.peek().is("-")) {
      lx_.next();
      negative = true;
    }
    if (lx_.peek().kind != Token::Kind::Int) lx_.failAt(lx_.peek(), "a value");
    return Value{false, lx_.intValue(lx_.next(), negative), {}};
  }

  // ---- threads ----

  static bool isThreadName(const Token& t) {
    if (t.kind != Token::Kind::Ident || t.text.size() < 2 || t.text[0] != 'P') return false;
    for (char c : t.text.substr(1))
      if (c < '0' || c > '9') return false;
    return true;
  }

  void parseThreads() {
    lx_.setMode(Lexer::Mode::Between);
    while (isThreadName(lx_.peek())) {
      const std::size_t start = lx_.peek().offset;  // after any comment, of either style
      lx_.setMode(Lexer::Mode::Code);
      lx_.seek(start);
      parseThread();
      lx_.setMode(Lexer::Mode::Between);
    }
    if (test_.threads.empty()) lx_.failAt(lx_.peek(), "thread P0");
  }

  void parseThread() {
    Token name = lx_.next();
    Thread thread;
    thread.pos = name.pos;
    const std::string expected = fmt::format("P{}", test_.threads.size());
    if (name.text != expected)
      lx_.fail(name.pos, fmt::format("processes must be P0, P1, ...: expected {}, found {}", expected, name.text));
    thread.index = static_cast<int>(test_.threads.size());
    CParser c(lx_);
    lx_.expect("(");
    if (!lx_.peek().is(")")) {
      while (true) {
        Param param;
        param.pos = lx_.peek().pos;
        param.type = c.parseType();
        if (param.type.pointers == 0)
          lx_.fail(param.pos, "thread parameters must be pointers (`int *x`)");
        param.name = std::string(lx_.expectIdent("a parameter name").text);
        thread.params.push_back(std::move(param));
        if (lx_.peek().is(")")) break;
        lx_.expect(",");
      }
    }
    lx_.next();
    Token open = lx_.expect("{");
    thread.body = c.parseBlockRest();
    std::size_t close = lx_.offset() - 1;  // the `}` just consumed
    thread.bodyText = std::string(src_.substr(open.offset + 1, close - open.offset - 1));
    test_.threads.push_back(std::move(thread));
  }

  // ---- final section ----

  void checkThread(const Location& loc) const {
    if (loc.isRegister() && loc.thread >= static_cast<int>(test_.threads.size()))
      lx_.fail(loc.pos, fmt::format("bad process P{}", loc.thread));
  }

  void parseFinal() {
    // Start after the C comments that may follow the last thread (herd's C lexer reads them).
    const std::size_t start = lx_.peek().offset;
    lx_.setMode(Lexer::Mode::State);
    lx_.seek(start);
    for (const InitItem& item : test_.init) checkThread(item.loc);
    while (true) {
      const Token t = lx_.peek();
      if (t.kind == Token::Kind::End) return;
      if (t.isWord("locations")) {
        lx_.next();
        lx_.expect("[");
        while (!lx_.peek().is("]")) {
          Location loc = parseLocation();
          checkThread(loc);
          test_.locations.push_back(std::move(loc));
          if (lx_.peek().is("]")) break;
          lx_.expect(";");
        }
        lx_.next();
      } else if (t.isWord("filter")) {
        if (test_.filter) lx_.fail(t.pos, "a second filter");
        lx_.next();
        test_.filter = parseProp();
      } else if (t.isWord("exists") || t.isWord("forall") || t.isWord("final") ||
                 ((t.is("~") || t.isWord("not")) && lx_.peek2().isWord("exists"))) {
        Condition cond;
        cond.pos = t.pos;
        cond.quantifier = t.isWord("exists")   ? Quantifier::Exists
                          : t.isWord("forall") ? Quantifier::Forall
                          : t.isWord("final")  ? Quantifier::Final
                                               : Quantifier::NotExists;
        if (cond.quantifier == Quantifier::NotExists) lx_.next();
        lx_.next();
        cond.prop = parseProp();
        test_.condition = std::move(cond);
        if (lx_.peek().is(";")) lx_.next();
        if (lx_.peek().kind != Token::Kind::End) lx_.failAt(lx_.peek(), "end of file after the condition");
        return;
      } else {
        lx_.failAt(t, fmt::format("'exists', '~exists', 'forall', 'locations', 'filter' or thread P{}",
                                  test_.threads.size()));
      }
    }
  }

  PropPtr makeProp(Prop::Kind kind, SourcePos pos, std::vector<PropPtr> args) {
    auto p = std::make_shared<Prop>();
    p->kind = kind;
    p->pos = pos;
    p->args = std::move(args);
    return p;
  }

  // herd's precedences, loosest first: `\/`, `/\`, `=>` (right associative), `~`/`not`.
  PropPtr parseProp() {
    if (++propDepth_ > kMaxPropDepth) lx_.fail(lx_.peek().pos, "nesting too deep");
    PropPtr prop = parseJunction(Prop::Kind::Or);
    --propDepth_;
    return prop;
  }

  // `a \/ b \/ ...` (Or) over `a /\ b /\ ...` (And); nested same-kind operands are flattened.
  PropPtr parseJunction(Prop::Kind kind) {
    const char* symbol = kind == Prop::Kind::Or ? "\\/" : "/\\";
    auto operand = [&] { return kind == Prop::Kind::Or ? parseJunction(Prop::Kind::And) : parseImplies(); };
    SourcePos pos = lx_.peek().pos;
    PropPtr first = operand();
    if (!lx_.peek().is(symbol)) return first;
    std::vector<PropPtr> args;
    auto add = [&](PropPtr p) {
      if (p->kind == kind)
        args.insert(args.end(), p->args.begin(), p->args.end());
      else
        args.push_back(std::move(p));
    };
    add(first);
    while (lx_.peek().is(symbol)) {
      lx_.next();
      add(operand());
    }
    return makeProp(kind, pos, std::move(args));
  }

  PropPtr parseImplies() {
    PropPtr left = parseUnaryProp();
    if (!lx_.peek().is("=>")) return left;
    SourcePos pos = lx_.next().pos;
    if (++propDepth_ > kMaxPropDepth) lx_.fail(pos, "nesting too deep");
    PropPtr right = parseImplies();
    --propDepth_;
    return makeProp(Prop::Kind::Implies, pos, {left, right});
  }

  PropPtr parseUnaryProp() {
    const Token t = lx_.peek();
    if (t.is("~") || t.isWord("not")) {
      lx_.next();
      if (++propDepth_ > kMaxPropDepth) lx_.fail(t.pos, "nesting too deep");
      PropPtr inner = parseUnaryProp();
      --propDepth_;
      return makeProp(Prop::Kind::Not, t.pos, {inner});
    }
    if (t.is("(")) {
      lx_.next();
      PropPtr inner = parseProp();
      lx_.expect(")");
      return inner;
    }
    if (t.isWord("true") || t.isWord("false")) {
      lx_.next();
      return makeProp(t.isWord("true") ? Prop::Kind::True : Prop::Kind::False, t.pos, {});
    }
    return parseAtom();
  }

  PropPtr parseAtom() {
    auto atom = std::make_shared<Prop>();
    atom->kind = Prop::Kind::Atom;
    atom->pos = lx_.peek().pos;
    atom->lhs = parseLocation();
    checkThread(atom->lhs);
    const Token op = lx_.peek();
    if (!op.is("=") && !op.is("==") && !op.is("!=")) lx_.failAt(op, "'=' or '!='");
    lx_.next();
    const Token& v = lx_.peek();
    if (v.kind == Token::Kind::Int && lx_.peek2().is(":")) {
      atom->rhsLoc = parseLocation();
      checkThread(*atom->rhsLoc);
    } else if (v.kind == Token::Kind::Ident) {
      atom->rhs = Value{true, 0, std::string(lx_.next().text)};
    } else {
      atom->rhs = parseNumberValue();
    }
    if (op.is("!=")) return makeProp(Prop::Kind::Not, atom->pos, {atom});
    return atom;
  }

  std::string_view src_;
  Lexer lx_;
  std::string_view arch_;
  const CodeSectionReader* code_;
  Test test_;
  int propDepth_ = 0;
};

}  // namespace

Test parseLitmusText(std::string_view text, const std::string& path) {
  return TestParser(text, path, "C", nullptr).parse();
}

Test parseLitmusText(std::string_view text, const std::string& path, std::string_view arch,
                     const CodeSectionReader& code) {
  return TestParser(text, path, arch, &code).parse();
}

std::string architectureOf(std::string_view text) {
  std::size_t at = text.find_first_not_of(" \t");
  if (at == std::string_view::npos) return "";
  std::size_t end = at;
  while (end < text.size() && isWordChar(text[end])) ++end;
  return std::string(text.substr(at, end - at));
}

Test parseLitmusFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Diagnostic(path, {}, "cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Diagnostic(path, {}, "cannot read file");
  std::string text = std::move(buffer).str();
  return parseLitmusText(text, path);
}

}  // namespace mcm::litmus
