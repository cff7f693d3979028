#include <fmt/format.h>

#include "macros/macros.hpp"

namespace mcm::macros {

MacroTable::MacroTable() : mutex_(std::make_unique<std::mutex>()) {}
MacroTable::~MacroTable() = default;
MacroTable::MacroTable(MacroTable&&) noexcept = default;
MacroTable& MacroTable::operator=(MacroTable&&) noexcept = default;

namespace {

void refuseSecond(bool defined, const std::string& name, const std::string& path, SourcePos pos) {
  if (defined) throw Diagnostic(path, pos, fmt::format("macro {} is defined twice", name));
}

}  // namespace

void MacroTable::add(Macro macro, const std::string& path) {
  Kind& kind = macro.isStatement ? statements_ : expressions_;
  refuseSecond(kind.read.count(macro.name) || kind.deferred.count(macro.name), macro.name, path, macro.pos);
  std::string name = macro.name;
  kind.read.emplace(std::move(name), std::move(macro));
}

void MacroTable::addDeferred(bool isStatement, const std::string& name, std::function<Macro()> read,
                             const std::string& path) {
  Kind& kind = isStatement ? statements_ : expressions_;
  refuseSecond(kind.read.count(name) || !kind.deferred.try_emplace(name, std::move(read)).second, name, path, {});
}

const Macro* MacroTable::find(Kind& kind, std::string_view name) const {
  std::lock_guard lock(*mutex_);
  if (auto it = kind.read.find(name); it != kind.read.end()) return &it->second;
  auto deferred = kind.deferred.find(name);
  if (deferred == kind.deferred.end()) return nullptr;
  Macro m = deferred->second();
  kind.deferred.erase(deferred);
  std::string key = m.name;
  return &kind.read.emplace(std::move(key), std::move(m)).first->second;
}

void MacroTable::readAll(Kind& kind) const {
  std::lock_guard lock(*mutex_);
  for (auto& [name, read] : kind.deferred) {
    Macro m = read();
    kind.read.emplace(name, std::move(m));
  }
  kind.deferred.clear();
}

const Macro* MacroTable::findStatement(std::string_view name) const { return find(statements_, name); }
const Macro* MacroTable::findExpression(std::string_view name) const { return find(expressions_, name); }

const std::map<std::string, Macro, std::less<>>& MacroTable::statements() const {
  readAll(statements_);
  return statements_.read;
}

const std::map<std::string, Macro, std::less<>>& MacroTable::expressions() const {
  readAll(expressions_);
  return expressions_.read;
}

}  // namespace mcm::macros
