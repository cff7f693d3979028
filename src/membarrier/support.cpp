// A model that does not define sys_membarrier() must not run a test calling it.
#include <algorithm>
#include <functional>

#include "membarrier/membarrier.hpp"

namespace mcm::membarrier {
namespace {

using litmus::Stmt;

bool anyStmt(const std::vector<litmus::StmtPtr>& body, const std::function<bool(const Stmt&)>& pred) {
  return std::any_of(body.begin(), body.end(), [&](const auto& s) { return pred(*s) || anyStmt(s->body, pred); });
}

const Stmt* firstCall(const std::vector<litmus::StmtPtr>& body) {
  for (const auto& s : body) {
    if (isMembarrierCall(*s)) return s.get();
    if (const Stmt* inner = firstCall(s->body)) return inner;
  }
  return nullptr;
}

}  // namespace

void requireModelSupport(const litmus::Test& parsed, const litmus::Test& expanded, const cat::Model& model) {
  if (cat::readsBaseName(model, "Membarrier")) return;
  const auto isFence = [](const Stmt& s) {
    return s.kind == Stmt::Kind::Prim && s.prim == litmus::PrimStmt::Fence &&
           std::find(s.tags.begin(), s.tags.end(), kFenceTag) != s.tags.end();
  };
  for (const auto& t : expanded.threads)
    if (anyStmt(t.body, isFence)) {
      const Stmt* call = nullptr;
      for (const auto& p : parsed.threads)
        if (!call) call = firstCall(p.body);
      const std::string name = call ? call->name + "()" : "sys_membarrier()";
      throw Diagnostic(parsed.path, call ? call->pos : t.pos,
                       name + " is not defined by the model " + cat::modelTitle(model) +
                           " (it never reads the 'membarrier fence); the embedded LKMM defines it");
    }
}

}  // namespace mcm::membarrier
