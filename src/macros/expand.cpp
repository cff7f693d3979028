// Macro expansion on the syntax tree. Arguments are expanded first, then
// substituted for the formals of the macro body, then the body is expanded again
// (so def macros may use other def macros, e.g. atomic_read -> READ_ONCE).
// Nodes that come from a macro body take the position of the call, so errors and
// events point into the litmus file.
#include <fmt/format.h>

#include "macros/macros.hpp"

namespace mcm::macros {

namespace {

using litmus::Expr;
using litmus::ExprPtr;
using litmus::Stmt;
using litmus::StmtPtr;

constexpr int kMaxExpansionDepth = 64;
constexpr int kMaxExpansions = 100000;  // per test: a def whose macros double up cannot blow up memory

using Bindings = std::map<std::string, ExprPtr, std::less<>>;

ExprPtr substitute(const ExprPtr& e, const Bindings& bindings, SourcePos callPos) {
  if (e->kind == Expr::Kind::Name) {
    auto it = bindings.find(e->name);
    if (it != bindings.end()) return it->second;
  }
  auto copy = std::make_shared<Expr>(*e);
  copy->pos = callPos;
  for (auto& arg : copy->args) arg = substitute(arg, bindings, callPos);
  return copy;
}

StmtPtr substitute(const StmtPtr& s, const Bindings& bindings, SourcePos callPos) {
  auto copy = std::make_shared<Stmt>(*s);
  copy->pos = callPos;
  if (copy->target) copy->target = substitute(copy->target, bindings, callPos);
  if (copy->expr) copy->expr = substitute(copy->expr, bindings, callPos);
  for (auto& arg : copy->args) arg = substitute(arg, bindings, callPos);
  for (auto& child : copy->body) child = substitute(child, bindings, callPos);
  return copy;
}

class Expander {
 public:
  Expander(const MacroTable& table, const std::string& path) : table_(table), path_(path) {}

  ExprPtr expand(const ExprPtr& e) {
    if (e->kind != Expr::Kind::Call) {
      if (e->args.empty()) return e;
      auto copy = std::make_shared<Expr>(*e);
      for (auto& arg : copy->args) arg = expand(arg);
      return copy;
    }
    std::vector<ExprPtr> args;
    for (const auto& arg : e->args) args.push_back(expand(arg));
    const Macro* macro = table_.findExpression(e->name);
    if (!macro) {
      // herd's legacy built-in, for defs that do not define it.
      if (e->name == "atomic_add_unless" && args.size() == 3) {
        auto prim = std::make_shared<Expr>();
        prim->kind = Expr::Kind::Prim;
        prim->prim = litmus::PrimExpr::AtomicAddUnless;
        prim->name = "__atomic_add_unless";
        prim->pos = e->pos;
        prim->args = std::move(args);
        return prim;
      }
      unknownMacro(e->pos, e->name);
    }
    Depth depth(*this, e->pos);
    return expand(substitute(macro->expr, bind(*macro, args, e->pos), e->pos));
  }

  // Appends the expansion of `s` to `out`; a statement macro's body is spliced in.
  void expandInto(const StmtPtr& s, std::vector<StmtPtr>& out) {
    if (s->kind == Stmt::Kind::Call) {
      std::vector<ExprPtr> args;
      for (const auto& arg : s->args) args.push_back(expand(arg));
      const Macro* macro = table_.findStatement(s->name);
      if (!macro) unknownMacro(s->pos, s->name);
      Depth depth(*this, s->pos);
      Bindings bindings = bind(*macro, args, s->pos);
      for (const auto& stmt : macro->body) expandInto(substitute(stmt, bindings, s->pos), out);
      return;
    }
    auto copy = std::make_shared<Stmt>(*s);
    if (copy->target) copy->target = expand(copy->target);
    if (copy->expr) copy->expr = expand(copy->expr);
    for (auto& arg : copy->args) arg = expand(arg);
    if (copy->kind == Stmt::Kind::Block) {
      copy->body = expandList(s->body);
    } else {
      for (auto& child : copy->body) child = expandSingle(child);  // if / while branches
    }
    out.push_back(std::move(copy));
  }

  std::vector<StmtPtr> expandList(const std::vector<StmtPtr>& list) {
    std::vector<StmtPtr> out;
    for (const auto& s : list) expandInto(s, out);
    return out;
  }

 private:
  struct Depth {
    Expander& x;
    Depth(Expander& expander, SourcePos pos) : x(expander) {
      if (++x.depth_ > kMaxExpansionDepth) x.fail(pos, "macro expansion too deep (recursive macro?)");
      if (++x.expansions_ > kMaxExpansions) x.fail(pos, "macro expansion too large");
    }
    ~Depth() { --x.depth_; }
  };

  [[noreturn]] void fail(SourcePos pos, const std::string& message) const { throw Diagnostic(path_, pos, message); }
  [[noreturn]] void unknownMacro(SourcePos pos, const std::string& name) const {
    throw Diagnostic(path_, pos, "unknown macro " + name, "Unknown macro " + name);
  }

  Bindings bind(const Macro& macro, const std::vector<ExprPtr>& args, SourcePos pos) const {
    if (args.size() != macro.params.size()) fail(pos, fmt::format("argument mismatch for macro {}", macro.name));
    Bindings bindings;
    for (std::size_t i = 0; i < args.size(); ++i) bindings[macro.params[i]] = args[i];
    return bindings;
  }

  // A branch of if/while: one statement, or a Block when a macro expands to several.
  StmtPtr expandSingle(const StmtPtr& s) {
    std::vector<StmtPtr> out;
    expandInto(s, out);
    if (out.size() == 1) return out[0];
    auto block = std::make_shared<Stmt>();
    block->kind = Stmt::Kind::Block;
    block->pos = s->pos;
    block->body = std::move(out);
    return block;
  }

  const MacroTable& table_;
  const std::string& path_;
  int depth_ = 0;
  int expansions_ = 0;
};

}  // namespace

litmus::Test expandMacros(const litmus::Test& test, const MacroTable& table) {
  litmus::Test out = test;
  Expander expander(table, test.path);
  for (auto& thread : out.threads) thread.body = expander.expandList(thread.body);
  return out;
}

}  // namespace mcm::macros
