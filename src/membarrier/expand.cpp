// Placements of the IPI handlers and their plain-LKMM test texts.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "litmus/printer.hpp"
#include "membarrier/membarrier.hpp"
#include "membarrier/names.hpp"

namespace mcm::membarrier {
namespace {

using litmus::Stmt;
using litmus::Test;

// A call site: the thread calling and the index of its top-level statement.
struct Call {
  int thread = 0;
  std::size_t stmt = 0;
};

// One thread body after placement: statement indices (>= 0) and handlers (-1 - call).
using Sequence = std::vector<long>;

void checkNested(const Stmt& s, const std::string& file) {
  for (const auto& child : s.body) {
    if (isMembarrierCall(*child))
      throw Diagnostic(file, child->pos,
                       child->name + "() inside a compound statement: the literal expansion places the IPI "
                                     "handlers between top-level statements, so the call must be one");
    checkNested(*child, file);
  }
}

std::vector<Call> findCalls(const Test& test) {
  std::vector<Call> calls;
  for (const auto& t : test.threads)
    for (std::size_t i = 0; i < t.body.size(); ++i) {
      const Stmt& s = *t.body[i];
      if (isMembarrierCall(s)) {
        if (!s.args.empty())
          throw Diagnostic(test.path, s.pos, s.name + "() takes no arguments (it stands for "
                                                      "membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0))");
        calls.push_back({t.index, i});
      }
      checkNested(s, test.path);
    }
  return calls;
}

// Statements that produce no event (declarations without initialiser) stay in
// front, so placements differing only around them are not repeated.
bool isBareDecl(const Stmt& s) { return s.kind == Stmt::Kind::Decl && !s.expr; }

// Every interleaving of the thread's event statements with the handlers it runs.
std::vector<Sequence> interleavings(const litmus::Thread& thread, const std::vector<long>& handlers) {
  Sequence front, events;
  for (std::size_t i = 0; i < thread.body.size(); ++i)
    (isBareDecl(*thread.body[i]) ? front : events).push_back(static_cast<long>(i));
  std::vector<Sequence> out;
  Sequence current = front;
  std::vector<bool> used(handlers.size(), false);
  std::function<void(std::size_t)> step = [&](std::size_t next) {
    const bool allUsed = std::all_of(used.begin(), used.end(), [](bool u) { return u; });
    if (next == events.size() && allUsed) {
      out.push_back(current);
      return;
    }
    for (std::size_t h = 0; h < handlers.size(); ++h) {
      if (used[h]) continue;
      used[h] = true;
      current.push_back(handlers[h]);
      step(next);
      current.pop_back();
      used[h] = false;
    }
    if (next < events.size()) {
      current.push_back(events[next]);
      step(next + 1);
      current.pop_back();
    }
  };
  step(0);
  return out;
}

// Handlers that run in `thread`: one per call of another thread.
std::vector<long> handlersOf(int thread, const std::vector<Call>& calls) {
  std::vector<long> out;
  for (std::size_t c = 0; c < calls.size(); ++c)
    if (calls[c].thread != thread) out.push_back(-1 - static_cast<long>(c));
  return out;
}

long long eventStatements(const litmus::Thread& t) {
  return std::count_if(t.body.begin(), t.body.end(), [](const auto& s) { return !isBareDecl(*s); });
}

litmus::PropPtr atom(int thread, const std::string& reg) {
  auto p = std::make_shared<litmus::Prop>();
  p->kind = litmus::Prop::Kind::Atom;
  p->lhs.thread = thread;
  p->lhs.name = reg;
  p->rhs.number = 1;
  return p;
}

litmus::PropPtr junction(litmus::Prop::Kind kind, std::vector<litmus::PropPtr> args) {
  if (args.size() == 1) return args[0];
  auto p = std::make_shared<litmus::Prop>();
  p->kind = kind;
  p->args = std::move(args);
  return p;
}

class Writer {
 public:
  Writer(const Test& test, std::vector<Call> calls) : test_(test), calls_(std::move(calls)) {}

  Placement write(const std::vector<Sequence>& bodies, long long index) const {
    Placement p;
    p.name = fmt::format("{}+memb{}", test_.name, index);
    std::string& out = p.text;
    out += fmt::format("C {}\n\n(*\n * Literal expansion of sys_membarrier() in {}, placement {}:\n", p.name,
                       test_.name, index);
    for (std::size_t c = 0; c < calls_.size(); ++c)
      out += fmt::format(" *   call {} is P{}'s statement {}; its handler in each other thread Pn reads {}\n", c,
                         calls_[c].thread, calls_[c].stmt + 1, ipiLocation(c));
    out += " *)\n\n{\n";
    for (const auto& item : test_.init) out += "\t" + litmus::renderInitItem(item) + "\n";
    out += "}\n";
    std::vector<litmus::PropPtr> flags;
    for (std::size_t t = 0; t < test_.threads.size(); ++t) out += thread(t, bodies[t], flags);
    if (!test_.locations.empty()) {
      out += "\nlocations [";
      for (const auto& loc : test_.locations) out += renderLocation(loc) + ";";
      out += "]";
    }
    if (test_.filter) out += "\nfilter (" + renderProp(*test_.filter) + ")";
    out += "\n" + condition(flags) + "\n";
    return p;
  }

 private:
  std::string thread(std::size_t t, const Sequence& body, std::vector<litmus::PropPtr>& flags) const {
    const litmus::Thread& th = test_.threads[t];
    std::vector<std::string> params;
    for (const auto& p : th.params) params.push_back(litmus::renderParam(p));
    std::string decls, code;
    for (std::size_t c = 0; c < calls_.size(); ++c) {
      if (calls_[c].thread == th.index) {
        params.push_back("int *" + ipiLocation(c));
        for (const auto& other : test_.threads)
          if (other.index != th.index) {
            params.push_back("int *" + doneLocation(c, other.index));
            decls += fmt::format("\tint {};\n", doneRegister(c, other.index));
            flags.push_back(atom(th.index, doneRegister(c, other.index)));
          }
      } else {
        params.push_back("int *" + ipiLocation(c));
        params.push_back("int *" + doneLocation(c, th.index));
        decls += fmt::format("\tint {};\n", seenRegister(c));
        flags.push_back(atom(th.index, seenRegister(c)));
      }
    }
    for (long item : body) {
      if (item < 0) {
        const std::size_t c = static_cast<std::size_t>(-1 - item);
        code += fmt::format("\t{} = READ_ONCE(*{});\n", seenRegister(c),
                            ipiLocation(c));
        code += "\tsmp_mb();\n";
        code += fmt::format("\tWRITE_ONCE(*{}, 1);\n", doneLocation(c, th.index));
        continue;
      }
      const Stmt& s = *th.body[static_cast<std::size_t>(item)];
      if (!isMembarrierCall(s)) {
        code += renderStmt(s, "\t");
        continue;
      }
      const std::size_t c = callAt(th.index, static_cast<std::size_t>(item));
      code += "\tsmp_mb();\n";
      code += fmt::format("\tWRITE_ONCE(*{}, 1);\n", ipiLocation(c));
      for (const auto& other : test_.threads)
        if (other.index != th.index)
          code += fmt::format("\t{} = READ_ONCE(*{});\n", doneRegister(c, other.index),
                              doneLocation(c, other.index));
      code += "\tsmp_mb();\n";
    }
    std::string joined;
    for (std::size_t i = 0; i < params.size(); ++i) joined += (i ? ", " : "") + params[i];
    return fmt::format("\nP{}({})\n{{\n{}{}}}\n", th.index, joined, decls, code);
  }

  std::size_t callAt(int thread, std::size_t stmt) const {
    for (std::size_t c = 0; c < calls_.size(); ++c)
      if (calls_[c].thread == thread && calls_[c].stmt == stmt) return c;
    return 0;
  }

  // The original condition, restricted to executions where every IPI was seen
  // and every handler's completion was seen by its caller.
  std::string condition(const std::vector<litmus::PropPtr>& flags) const {
    if (!test_.condition) {
      litmus::Condition c;
      c.prop = junction(litmus::Prop::Kind::And, flags);
      return renderCondition(c);
    }
    litmus::Condition c = *test_.condition;
    if (flags.empty()) return renderCondition(c);
    const auto all = junction(litmus::Prop::Kind::And, flags);
    c.prop = c.quantifier == litmus::Quantifier::Forall ? junction(litmus::Prop::Kind::Implies, {all, c.prop})
                                                        : junction(litmus::Prop::Kind::And, {c.prop, all});
    return renderCondition(c);
  }

  const Test& test_;
  std::vector<Call> calls_;
};

}  // namespace

bool isMembarrierCall(const litmus::Stmt& stmt) {
  return stmt.kind == Stmt::Kind::Call && (stmt.name == "sys_membarrier" || stmt.name == "smp_memb");
}

bool usesMembarrier(const litmus::Test& test) {
  std::function<bool(const Stmt&)> uses = [&](const Stmt& s) {
    return isMembarrierCall(s) || std::any_of(s.body.begin(), s.body.end(), [&](const auto& c) { return uses(*c); });
  };
  for (const auto& t : test.threads)
    for (const auto& s : t.body)
      if (uses(*s)) return true;
  return false;
}

long long countPlacements(const litmus::Test& test) {
  const std::vector<Call> calls = findCalls(test);
  long long total = 1;
  for (const auto& t : test.threads) {
    const long long h = static_cast<long long>(handlersOf(t.index, calls).size());
    const long long m = eventStatements(t);
    for (long long k = 1; k <= h; ++k) {  // (m + h)! / m!
      total *= m + k;
      if (total > (1LL << 40)) return total;  // beyond any bound; avoid overflow
    }
  }
  return total;
}

std::vector<Placement> expandPlacements(const litmus::Test& test, const ExpandOptions& options) {
  std::vector<Call> calls = findCalls(test);
  const long long count = countPlacements(test);
  if (count > options.maxPlacements)
    throw Diagnostic(test.path, test.threads[calls[0].thread].body[calls[0].stmt]->pos,
                     fmt::format("the literal expansion of sys_membarrier() has {}{} placements, more than the "
                                 "bound of {}; the embedded model runs this test without it",
                                 count > (1LL << 40) ? "over " : "", count, options.maxPlacements));
  std::vector<std::vector<Sequence>> perThread;
  for (const auto& t : test.threads) perThread.push_back(interleavings(t, handlersOf(t.index, calls)));
  const Writer writer(test, calls);
  std::vector<Placement> out;
  std::vector<std::size_t> pick(perThread.size(), 0);
  while (true) {  // odometer over the threads' interleavings, last thread fastest
    std::vector<Sequence> bodies;
    for (std::size_t t = 0; t < pick.size(); ++t) bodies.push_back(perThread[t][pick[t]]);
    out.push_back(writer.write(bodies, static_cast<long long>(out.size())));
    std::size_t i = pick.size();
    while (i > 0 && ++pick[i - 1] == perThread[i - 1].size()) pick[--i] = 0;
    if (i == 0) break;
  }
  return out;
}

}  // namespace mcm::membarrier
