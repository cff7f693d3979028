#pragma once
// Parser for cat model files (herd's grammar: precedence, from loosest to
// tightest: `|`, `++`, `;`, `\` (left), `&`, then `*` (product), prefix `~`,
// postfix `* + ? ^-1`, then application by juxtaposition).
#include <string>
#include <string_view>

#include "cat/ast.hpp"

namespace mcm::cat {

struct ParsedFile {
  std::string title;  // the model's name string (or identifier), "" if absent
  StmtList stmts;     // `include` statements are kept; the loader expands them
};

// Throws mcm::Diagnostic with FILE:LINE:COL on a syntax error.
ParsedFile parseCat(std::string_view text, const std::string& file);

}  // namespace mcm::cat
