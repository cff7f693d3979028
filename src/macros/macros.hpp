#pragma once
// .def macro expansion, as herd7 does it for C litmus tests.
//
// A .def file maps kernel API names to herd's C primitives, one macro per entry:
//   `NAME(P1,...) { statements }`  a statement macro (used as `NAME(args);`)
//   `NAME(P1,...) expression`      an expression macro (used inside expressions)
// The two kinds live in separate tables: a call in statement position is looked up
// only among statement macros, a call inside an expression only among expression
// macros (so `READ_ONCE(*x);` alone is an unknown macro, as in herd).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "litmus/ast.hpp"

namespace mcm::macros {

struct Macro {
  std::string name;
  std::vector<std::string> params;
  SourcePos pos;
  bool isStatement = false;
  litmus::ExprPtr expr;               // expression macro body
  std::vector<litmus::StmtPtr> body;  // statement macro body
};

class MacroTable {
 public:
  // Throws Diagnostic on a second definition of the same name in the same table.
  void add(Macro macro, const std::string& path);
  const Macro* findStatement(std::string_view name) const;
  const Macro* findExpression(std::string_view name) const;
  const std::map<std::string, Macro, std::less<>>& statements() const { return statements_; }
  const std::map<std::string, Macro, std::less<>>& expressions() const { return expressions_; }

 private:
  std::map<std::string, Macro, std::less<>> statements_;
  std::map<std::string, Macro, std::less<>> expressions_;
};

MacroTable loadDefFile(const std::string& path);                           // throws Diagnostic
MacroTable parseDefText(std::string_view text, const std::string& path);  // throws Diagnostic

// A table as bytes, and back: the embedded .def is parsed when mcm is built and kept in the
// binary this way. restoreMacros reads only what saveMacros of the same mcm wrote
// (std::runtime_error otherwise); `path` names the table in diagnostics.
std::string saveMacros(const MacroTable& table);
MacroTable restoreMacros(std::string_view bytes, const std::string& path);

// Replaces every macro call in the thread bodies by its expansion; nested uses
// expand too. Afterwards bodies hold only primitives, plain accesses, registers,
// arithmetic and control flow. Throws Diagnostic (`unknown macro NAME`,
// `argument mismatch for macro NAME`) positioned at the call.
litmus::Test expandMacros(const litmus::Test& test, const MacroTable& table);

}  // namespace mcm::macros
