#include "compare/minimize.hpp"

#include "litmus/parser.hpp"
#include "compare/shrink.hpp"
#include "litmus/printer.hpp"

namespace mcm::compare {

namespace {

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
      const std::string text = litmus::renderLitmus(candidate) + "exists (" + stateCondition(c.only[side].front()) + ")" + "\n";
      best_ = litmus::parseLitmusText(text, candidate.path);
      bestText_ = text;
      allowedBy_ = side;
      return true;
    } catch (const std::exception&) {
      return false;  // the deletion broke the test (a register read before it is set, ...)
    }
  }

  // The deletion space of compare/shrink.hpp.
  const litmus::Test& best() const { return best_; }
  bool trialsLeft() const { return trialsLeft_ > 0; }
  static std::size_t threads(const litmus::Test& t) { return t.threads.size(); }
  static std::size_t statements(const litmus::Test& t, std::size_t thread) { return t.threads[thread].body.size(); }
  static std::optional<litmus::Test> withoutStatement(const litmus::Test& t, std::size_t thread, std::size_t i) {
    if (t.threads[thread].body[i]->kind == litmus::Stmt::Kind::Decl) return std::nullopt;  // herd wants registers declared
    litmus::Test v = t;
    v.threads[thread].body.erase(v.threads[thread].body.begin() + static_cast<long>(i));
    return v;
  }
  bool keep(litmus::Test v) { return tryKeep(std::move(v)); }

  std::optional<MinimizedTest> result() const {
    if (bestText_.empty()) return std::nullopt;
    MinimizedTest m{bestText_, allowedBy_, best_.threads.size(), 0};
    for (const auto& t : best_.threads)
      for (const auto& s : t.body) m.statements += s->kind != litmus::Stmt::Kind::Decl;
    return m;
  }

  // Thread t removed, later threads renumbered; the condition and `locations`
  // entries that name its registers go with it.
  static std::optional<litmus::Test> withoutThread(const litmus::Test& test, std::size_t t) {
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

 private:
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
  shrinkWhileDifferent(m);
  return m.result();
}

}  // namespace mcm::compare
