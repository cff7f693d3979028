#include "compare/minimize.hpp"

#include <sstream>

#include "litmus/parser.hpp"
#include "litmus/printer.hpp"

namespace mcm::compare {

namespace {

// `exists (0:r0=0 /\ [x]=1)` from the state line `0:r0=0; [x]=1;`.
std::string existsClause(const std::string& stateLine) {
  std::istringstream parts(stateLine);
  std::string atoms;
  for (std::string atom; std::getline(parts, atom, ';');) {
    const auto first = atom.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    atoms += (atoms.empty() ? "" : " /\\ ") + atom.substr(first);
  }
  return "exists (" + atoms + ")";
}

class Minimizer {
 public:
  Minimizer(const Side& a, const Side& b, int maxTrials) : a_(a), b_(b), trialsLeft_(maxTrials) {}

  // Keeps `candidate` (with the exists clause of a state it separates) if the
  // models still differ on it.
  bool tryKeep(litmus::Test candidate) {
    if (trialsLeft_-- <= 0) return false;
    try {
      litmus::Test readBack = litmus::parseLitmusText(litmus::renderLitmus(candidate), candidate.path);
      const TestComparison c = compareParsed(readBack, a_, b_);
      if (!c.ran()) return false;
      const int side = c.only[0].empty() ? 1 : 0;
      if (c.only[side].empty()) return false;
      candidate.condition.reset();
      const std::string text = litmus::renderLitmus(candidate) + existsClause(c.only[side].front()) + "\n";
      best_ = litmus::parseLitmusText(text, candidate.path);
      bestText_ = text;
      allowedBy_ = side;
      return true;
    } catch (const std::exception&) {
      return false;  // the deletion broke the test (a register read before it is set, ...)
    }
  }

  // Threads first (the most reduction per trial), then single statements, until
  // no deletion keeps the difference.
  void shrink() {
    for (bool progress = true; progress && trialsLeft_ > 0;) {
      progress = false;
      for (std::size_t t = best_.threads.size(); t-- > 0 && best_.threads.size() > 1;)
        progress |= tryKeep(withoutThread(best_, t));
      for (std::size_t t = 0; t < best_.threads.size(); ++t)
        for (std::size_t i = best_.threads[t].body.size(); i-- > 0;) {
          if (best_.threads[t].body[i]->kind == litmus::Stmt::Kind::Decl) continue;  // herd wants registers declared
          litmus::Test v = best_;
          v.threads[t].body.erase(v.threads[t].body.begin() + static_cast<long>(i));
          progress |= tryKeep(std::move(v));
        }
    }
  }

  std::optional<MinimizedTest> result() const {
    if (bestText_.empty()) return std::nullopt;
    MinimizedTest m{bestText_, allowedBy_, best_.threads.size(), 0};
    for (const auto& t : best_.threads)
      for (const auto& s : t.body) m.statements += s->kind != litmus::Stmt::Kind::Decl;
    return m;
  }

 private:
  // Thread t removed, later threads renumbered; the condition and `locations`
  // entries that name its registers go with it.
  static litmus::Test withoutThread(const litmus::Test& test, std::size_t t) {
    litmus::Test v = test;
    const int gone = v.threads[t].index;
    v.threads.erase(v.threads.begin() + static_cast<long>(t));
    for (auto& th : v.threads)
      if (th.index > gone) --th.index;
    std::erase_if(v.locations, [&](const litmus::Location& l) { return l.thread == gone; });
    std::erase_if(v.init, [&](const litmus::InitItem& i) { return i.loc.thread == gone; });
    for (auto& l : v.locations)
      if (l.thread > gone) --l.thread;
    for (auto& i : v.init)
      if (i.loc.thread > gone) --i.loc.thread;
    v.condition.reset();  // tryKeep names a separating state of the variant itself
    v.filter = nullptr;
    return v;
  }

  const Side& a_;
  const Side& b_;
  int trialsLeft_;
  litmus::Test best_;
  std::string bestText_;
  int allowedBy_ = 0;
};

}  // namespace

std::optional<MinimizedTest> minimizeDifference(const litmus::Test& test, const Side& a, const Side& b, int maxTrials) {
  Minimizer m(a, b, maxTrials);
  litmus::Test start = test;
  if (!m.tryKeep(start)) return std::nullopt;
  m.shrink();
  return m.result();
}

}  // namespace mcm::compare
