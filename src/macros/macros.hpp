#pragma once
// .def macro expansion, as herd7 does it for C litmus tests.
//
// A .def file maps kernel API names to herd's C primitives, one macro per entry:
//   `NAME(P1,...) { statements }`  a statement macro (used as `NAME(args);`)
//   `NAME(P1,...) expression`      an expression macro (used inside expressions)
// The two kinds live in separate tables: a call in statement position is looked up
// only among statement macros, a call inside an expression only among expression
// macros (so `READ_ONCE(*x);` alone is an unknown macro, as in herd).
#include <functional>
#include <map>
#include <memory>
#include <mutex>
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
  MacroTable();
  ~MacroTable();
  MacroTable(MacroTable&&) noexcept;
  MacroTable& operator=(MacroTable&&) noexcept;

  // Throws Diagnostic on a second definition of the same name in the same table.
  void add(Macro macro, const std::string& path);
  // A macro known by name whose definition is read when it is first looked up: a test uses
  // a handful of the .def's hundred macros, and restoring all of them cost a small run a
  // tenth of its instructions (restoreMacros). Throws as add on a second name.
  void addDeferred(bool isStatement, const std::string& name, std::function<Macro()> read, const std::string& path);
  // Safe to call from several threads.
  const Macro* findStatement(std::string_view name) const;
  const Macro* findExpression(std::string_view name) const;
  // Every macro (the deferred ones read first).
  const std::map<std::string, Macro, std::less<>>& statements() const;
  const std::map<std::string, Macro, std::less<>>& expressions() const;

 private:
  struct Kind {
    std::map<std::string, Macro, std::less<>> read;
    std::map<std::string, std::function<Macro()>, std::less<>> deferred;
  };
  const Macro* find(Kind& kind, std::string_view name) const;
  void readAll(Kind& kind) const;
  // Looking a deferred macro up reads it into `read`: behind a lock, as tables are shared.
  std::unique_ptr<std::mutex> mutex_;
  mutable Kind statements_, expressions_;
};

MacroTable loadDefFile(const std::string& path);                           // throws Diagnostic
MacroTable parseDefText(std::string_view text, const std::string& path);  // throws Diagnostic

// A table as bytes, and back: the embedded .def is parsed when mcm is built and kept in the
// binary this way. restoreMacros reads only what saveMacros of the same mcm wrote
// (std::runtime_error otherwise); `path` names the table in diagnostics. It reads the names
// now and each definition when first looked up: `bytes` must outlive the table (the embedded
// snapshots are static data).
std::string saveMacros(const MacroTable& table);
MacroTable restoreMacros(std::string_view bytes, const std::string& path);

// Replaces every macro call in the thread bodies by its expansion; nested uses
// expand too. Afterwards bodies hold only primitives, plain accesses, registers,
// arithmetic and control flow. Throws Diagnostic (`unknown macro NAME`,
// `argument mismatch for macro NAME`) positioned at the call.
litmus::Test expandMacros(const litmus::Test& test, const MacroTable& table);

}  // namespace mcm::macros
