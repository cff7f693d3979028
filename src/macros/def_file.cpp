// Reading .def files with the litmus C parser.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "litmus/c_parser.hpp"
#include "litmus/lexer.hpp"
#include "macros/macros.hpp"

namespace mcm::macros {

MacroTable parseDefText(std::string_view text, const std::string& path) {
  litmus::Lexer lx(text, path);
  litmus::CParser c(lx);
  MacroTable table;
  while (lx.peek().kind != litmus::Token::Kind::End) {
    Macro macro;
    litmus::Token name = lx.expectIdent("a macro name");
    macro.name = std::string(name.text);
    macro.pos = name.pos;
    lx.expect("(");
    if (!lx.peek().is(")")) {
      macro.params.emplace_back(lx.expectIdent("a macro parameter").text);
      while (lx.peek().is(",")) {
        lx.next();
        macro.params.emplace_back(lx.expectIdent("a macro parameter").text);
      }
    }
    lx.expect(")");
    if (lx.peek().is("{")) {
      lx.next();
      macro.isStatement = true;
      macro.body = c.parseBlockRest();
    } else {
      macro.expr = c.parseExpr();
    }
    table.add(std::move(macro), path);
  }
  return table;
}

MacroTable loadDefFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Diagnostic(path, {}, "cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parseDefText(buffer.str(), path);
}

}  // namespace mcm::macros
