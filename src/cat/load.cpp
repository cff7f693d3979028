// Loading a model: reading files, expanding includes (herd runs an included
// file again at each include), then resolving names (resolve.cpp).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cat/parser.hpp"
#include "cat/program.hpp"
#include "cat/resolve.hpp"
#include "cat/stdlib.hpp"

namespace mcm::cat {

namespace {

namespace fs = std::filesystem;

// ---- files and includes ---------------------------------------------------

std::string readFile(const std::string& path, const std::string& fromFile, SourcePos from) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Diagnostic(fromFile.empty() ? path : fromFile, from, "cannot open file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The directory a file's includes are looked for in first ("." for a bare name).
std::string dirOf(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

// herd runs an included file again at each `include` (so functions it defines
// capture the bindings current at that point); only include cycles are errors.
class Loader {
 public:
  Loader(Model& m, std::vector<std::string> dirs, const TextFiles* memory = nullptr)
      : m_(m), dirs_(std::move(dirs)), memory_(memory) {}

  // Appends FILE's statements (includes expanded) to the model.
  void addFile(const std::string& key, const std::string& displayName, std::string_view text,
               const std::string& dir, bool isMain) {
    ParsedFile pf = parseCat(text, displayName);
    if (isMain) m_.title = pf.title;
    m_.files.push_back(std::move(pf.stmts));
    const StmtList& stmts = m_.files.back();
    active_.push_back(key);
    for (const auto& s : stmts) {
      if (s->kind == StmtKind::Include) include(*s, dir);
      else m_.stmts.push_back(s.get());
    }
    active_.pop_back();
  }

 private:
  void enter(const Stmt& s, const std::string& key) {
    if (std::find(active_.begin(), active_.end(), key) != active_.end())
      throw Diagnostic(s.file, s.pos, "\"" + s.name + "\" includes itself");
    if (active_.size() > 64) throw Diagnostic(s.file, s.pos, "includes nested more than 64 deep");
  }

  void include(const Stmt& s, const std::string& dir) {
    std::vector<std::string> candidates;
    if (!dir.empty()) candidates.push_back((fs::path(dir) / s.name).string());
    for (const auto& d : dirs_) candidates.push_back((fs::path(d) / s.name).string());
    for (const auto& c : candidates) {
      std::error_code ec;
      if (fs::is_regular_file(c, ec)) {
        std::string canon = fs::weakly_canonical(c, ec).string();
        enter(s, canon);
        addFile(canon, c, readFile(c, s.file, s.pos), dirOf(c), false);
        return;
      }
    }
    if (memory_) {
      if (auto it = memory_->find(s.name); it != memory_->end()) {
        enter(s, "memory:" + s.name);
        addFile("memory:" + s.name, s.name, it->second, "", false);
        return;
      }
    }
    if (auto text = libraryFile(s.name)) {
      enter(s, "builtin:" + s.name);
      addFile("builtin:" + s.name, s.name, *text, "", false);
      return;
    }
    throw Diagnostic(s.file, s.pos, "cannot find included file \"" + s.name + "\"");
  }

  Model& m_;
  std::vector<std::string> dirs_;
  const TextFiles* memory_;
  std::vector<std::string> active_;
};

std::shared_ptr<const Model> finish(std::unique_ptr<Model> m, const std::vector<std::string>& architectureSets = {}) {
  resolveModel(*m, architectureSets);
  numberExpressions(*m);
  findFixpointOperands(*m);
  return std::shared_ptr<const Model>(std::move(m));
}

}  // namespace

std::shared_ptr<const Model> loadModel(const std::string& path, const std::vector<std::string>& includeDirs,
                                       const std::string& bellPath, const std::vector<std::string>& architectureSets) {
  auto m = std::make_unique<Model>();
  Loader loader(*m, includeDirs);
  loader.addFile("builtin:stdlib.cat", "stdlib.cat", *libraryFile("stdlib.cat"), "", false);
  std::error_code ec;
  if (!bellPath.empty())
    loader.addFile(fs::weakly_canonical(bellPath, ec).string(), bellPath, readFile(bellPath, "", {}),
                   dirOf(bellPath), false);
  loader.addFile(fs::weakly_canonical(path, ec).string(), path, readFile(path, "", {}), dirOf(path), true);
  return finish(std::move(m), architectureSets);
}

std::shared_ptr<const Model> loadModelText(std::string_view text, const std::string& displayName,
                                           const std::vector<std::string>& includeDirs) {
  auto m = std::make_unique<Model>();
  Loader loader(*m, includeDirs);
  loader.addFile("builtin:stdlib.cat", "stdlib.cat", *libraryFile("stdlib.cat"), "", false);
  loader.addFile("text:" + displayName, displayName, text, "", true);
  return finish(std::move(m));
}

std::shared_ptr<const Model> loadModelFromTexts(const TextFiles& files, const std::string& catName,
                                                const std::string& bellName,
                                                const std::vector<std::string>& architectureSets) {
  auto m = std::make_unique<Model>();
  Loader loader(*m, {}, &files);
  loader.addFile("builtin:stdlib.cat", "stdlib.cat", *libraryFile("stdlib.cat"), "", false);
  auto text = [&](const std::string& name) {
    auto it = files.find(name);
    if (it == files.end()) throw Diagnostic(name, {}, "no such file among the model's files");
    return it->second;
  };
  if (!bellName.empty()) loader.addFile("memory:" + bellName, bellName, text(bellName), "", false);
  loader.addFile("memory:" + catName, catName, text(catName), "", true);
  return finish(std::move(m), architectureSets);
}

const std::string& modelTitle(const Model& m) { return m.title; }

bool readsBaseName(const Model& m, const std::string& name) { return m.baseSlots.count(name) > 0; }

namespace {
bool anyCheck(const StmtList& body) {
  return std::any_of(body.begin(), body.end(), [](const auto& s) {
    return (s->kind == StmtKind::Check && !s->flag) || anyCheck(s->body) || anyCheck(s->elseBody);
  });
}
}  // namespace

bool hasChecks(const Model& m) {
  return std::any_of(m.stmts.begin(), m.stmts.end(), [](const Stmt* s) {
    return (s->kind == StmtKind::Check && !s->flag) || anyCheck(s->body) || anyCheck(s->elseBody);
  });
}

std::vector<std::string> shownRelations(const Model& m) {
  std::vector<std::string> shown;
  for (const Stmt* s : m.stmts) {
    if (s->kind != StmtKind::Show) continue;
    if (s->expr) {  // show EXPR as NAME
      if (std::find(shown.begin(), shown.end(), s->name) == shown.end()) shown.push_back(s->name);
      continue;
    }
    for (const auto& name : s->tags) {
      auto it = std::find(shown.begin(), shown.end(), name);
      if (s->negated && it != shown.end()) shown.erase(it);
      if (!s->negated && it == shown.end()) shown.push_back(name);
    }
  }
  return shown;
}

}  // namespace mcm::cat
