#pragma once
// Tokens of the cat language (herd's model files): identifiers may contain
// '-', '.' and '_' (po-loc, rcu-lock); comments are nested (* *) and //.
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostic.hpp"

namespace mcm::cat {

enum class Tok {
  End, Ident, Tag, String, Zero,
  LParen, RParen, LBrace, RBrace, LBracket, RBracket,
  Bar, BarBar, Amp, Backslash, Semi, Star, Plus, Question, Tilde, Inverse /* ^-1 */,
  PlusPlus, Comma, Equal, Arrow, Underscore,
  // keywords
  Let, Rec, And, In, Fun, Try, With, From, If, Then, Else, Match, End_, Begin,
  Acyclic, Irreflexive, Empty, Flag, As, Show, Unshow, Include, Enum, Instructions,
  Default, Procedure, Call, Forall, Do, Variant, Subset,
};

struct Token {
  Tok kind;
  std::string text;  // identifier, tag (without '), string (without quotes)
  SourcePos pos;
};

// Throws mcm::Diagnostic (file:line:col) on a bad character or unterminated comment/string.
std::vector<Token> lex(std::string_view text, const std::string& file);

std::string describe(const Token& t);  // for "expected X, found Y" messages

}  // namespace mcm::cat
