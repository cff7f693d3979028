// mcm explain on every seed and kernel test, with the kernel's model files and
// with the embedded model. Each witness and allowed execution is found again in
// a separate run of the engine, and checked there against the model's own
// final relations (not the evidence code): the named steps hold, the steps
// chain into the check's edges, the edges form a cycle (acyclic; a shortest
// one, by a breadth-first search written here), the state satisfies the
// outcome and its shared locations hold the co-last writes' values.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cat/model.hpp"
#include "explain/explain.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"
#include "report/herd_text.hpp"

namespace {

namespace fs = std::filesystem;
using namespace mcm;
using explain::Edge;
const std::string kShared = MCM_SHARED_DIR;

std::map<std::string, std::string> oracleObservations(const std::string& tsv) {
  std::map<std::string, std::string> out;
  std::ifstream in(kShared + "/oracle/" + tsv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::stringstream f(line);
    std::string path, status, observation;
    f >> path >> status >> observation;
    if (status == "ok") out[path] = observation;
  }
  return out;
}

std::string stateKey(const exec::FinalState& s) { return report::renderStateLine(s); }

std::vector<Edge> pairs(const std::optional<rel::Relation>& r) {
  std::vector<Edge> out;
  if (r) r->forEach([&](std::size_t a, std::size_t b) { out.emplace_back(a, b); });
  return out;
}

// The length of a shortest cycle of r (0 if acyclic), by breadth-first search from every event.
std::size_t shortestCycleLength(const rel::Relation& r) {
  const std::size_t n = r.universe();
  std::size_t best = 0;
  for (std::size_t s = 0; s < n; ++s) {
    std::vector<std::size_t> dist(n, 0);
    std::vector<std::size_t> frontier{s};
    for (std::size_t d = 1; !frontier.empty() && (best == 0 || d < best); ++d) {
      std::vector<std::size_t> next;
      for (auto x : frontier)
        for (std::size_t y = 0; y < n; ++y)
          if (r.contains(x, y)) {
            if (y == s) best = best == 0 ? d : std::min(best, d);
            if (dist[y] == 0 && y != s) {
              dist[y] = d;
              next.push_back(y);
            }
          }
      frontier = std::move(next);
    }
  }
  return best;
}

// The check's relation when its expression is a name or a union of names.
std::optional<rel::Relation> checkRelation(const cat::Verdict& v, const std::string& expression) {
  std::optional<rel::Relation> out;
  std::stringstream parts(expression);
  for (std::string name; std::getline(parts, name, '|');) {
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (name.empty() || name.find_first_of(" ;&\\()[]*+?^~") != std::string::npos) return std::nullopt;
    auto r = v.relation(name);
    if (!r) return std::nullopt;
    if (out) *out |= *r;
    else out = r;
  }
  return out;
}

void checkEvidence(const cat::Verdict& v, const cat::CheckEvidence& ev, const explain::Execution& x, int& namedSteps) {
  SCOPED_TRACE("check " + ev.check + ": " + ev.expression);
  ASSERT_EQ(ev.negated, ev.flag);  // a failed check, or a raised `flag ~...`
  for (const auto& e : ev.edges) {
    ASSERT_FALSE(e.steps.empty());
    EXPECT_EQ(e.steps.front().from, e.from);
    EXPECT_EQ(e.steps.back().to, e.to);
    for (std::size_t i = 0; i + 1 < e.steps.size(); ++i) EXPECT_EQ(e.steps[i].to, e.steps[i + 1].from);
    for (const auto& s : e.steps) {
      if (!s.named) continue;
      ++namedSteps;
      if (s.relation.front() == '[') {
        auto set = v.eventSet(s.relation.substr(1, s.relation.size() - 2));
        ASSERT_TRUE(set) << s.relation;
        EXPECT_EQ(s.from, s.to);
        EXPECT_TRUE(set->contains(s.from)) << s.relation << " " << explain::eventText(x.events[s.from]);
      } else {
        auto r = v.relation(s.relation);
        ASSERT_TRUE(r) << s.relation;
        EXPECT_TRUE(r->contains(s.from, s.to)) << s.relation << ": " << explain::eventText(x.events[s.from]) << " -> "
                                                << explain::eventText(x.events[s.to]);
      }
    }
  }
  const auto r = checkRelation(v, ev.expression);
  if (ev.kind == "acyclic") {
    ASSERT_FALSE(ev.edges.empty());
    for (std::size_t i = 0; i < ev.edges.size(); ++i)
      EXPECT_EQ(ev.edges[i].to, ev.edges[(i + 1) % ev.edges.size()].from) << "not a cycle";
    if (r) EXPECT_EQ(ev.edges.size(), shortestCycleLength(*r));
  } else if (ev.kind == "irreflexive") {
    ASSERT_EQ(ev.edges.size(), 1u);
    EXPECT_EQ(ev.edges[0].from, ev.edges[0].to);
  } else {
    EXPECT_FALSE(ev.edges.empty() && ev.events.empty());
  }
  if (r)
    for (const auto& e : ev.edges) EXPECT_TRUE(r->contains(e.from, e.to));
}

// Whether prop holds in the displayed state (values compared as printed).
bool holds(const litmus::Prop& p, const std::map<std::string, std::string>& state) {
  using K = litmus::Prop::Kind;
  auto key = [](const litmus::Location& l) { return l.isRegister() ? std::to_string(l.thread) + ":" + l.name : "[" + l.name + "]"; };
  switch (p.kind) {
    case K::True: return true;
    case K::False: return false;
    case K::Atom: {
      const std::string lhs = state.at(key(p.lhs));
      if (p.rhsLoc) return lhs == state.at(key(*p.rhsLoc));
      return lhs == (p.rhs.isSymbol ? p.rhs.symbol : std::to_string(static_cast<std::int32_t>(p.rhs.number)));
    }
    case K::Not: return !holds(*p.args[0], state);
    case K::And:
      for (const auto& a : p.args)
        if (!holds(*a, state)) return false;
      return true;
    case K::Or:
      for (const auto& a : p.args)
        if (holds(*a, state)) return true;
      return false;
    case K::Implies: return !holds(*p.args[0], state) || holds(*p.args[1], state);
  }
  return false;
}

std::map<std::string, std::string> stateMap(const exec::FinalState& s) {
  std::map<std::string, std::string> out;
  std::stringstream line(report::renderStateLine(s));
  for (std::string entry; line >> entry;) {
    auto eq = entry.find('=');
    out[entry.substr(0, eq)] = entry.substr(eq + 1, entry.size() - eq - 2);
  }
  return out;
}

// Each displayed shared location holds the value of its co-last write; a read
// takes its value from a write to its location.
void checkFinalMemory(const explain::Execution& x) {
  for (const auto& [key, value] : stateMap(x.state)) {
    if (key.front() != '[') continue;
    const std::string loc = key.substr(1, key.size() - 2);
    std::vector<std::size_t> last, final;
    for (std::size_t w = 0; w < x.events.size(); ++w) {
      if (x.events[w].kind != "W" || x.events[w].location != loc) continue;
      bool hasSuccessor = false;
      for (const auto& [a, b] : x.co) hasSuccessor = hasSuccessor || a == w;
      if (!hasSuccessor) last.push_back(w);
      if (std::find(x.finalWrites.begin(), x.finalWrites.end(), w) != x.finalWrites.end()) final.push_back(w);
    }
    ASSERT_EQ(final.size(), 1u) << "final writes of " << loc;
    if (!x.events[final[0]].value.empty()) EXPECT_EQ(value, x.events[final[0]].value) << "final value of " << loc;
    if (x.co.empty()) continue;  // rejected before co was chosen
    EXPECT_EQ(last, final) << "co-last write of " << loc;
  }
  // rf: a read takes its value from a write to its location.
  for (const auto& [w, r] : x.rf) {
    EXPECT_EQ(x.events[w].location, x.events[r].location);
    if (!x.events[w].value.empty() && !x.events[r].value.empty()) EXPECT_EQ(x.events[w].value, x.events[r].value);
  }
}

struct Setup {
  std::shared_ptr<const cat::Model> model;
  const macros::MacroTable* macros;
  exec::RunOptions options;
};

void checkTest(const std::string& path, const std::string& observation, const Setup& setup, int& witnesses, int& named) {
  SCOPED_TRACE(path);
  const litmus::Test parsed = litmus::parseLitmusFile(path);
  const litmus::Test expanded = macros::expandMacros(parsed, *setup.macros);
  explain::Request everyCandidate;
  everyCandidate.all = true;
  const auto x = explain::explainTest(parsed, expanded, setup.model, setup.options, everyCandidate);
  const litmus::Condition cond = report::effectiveCondition(parsed);
  const bool wantPositive = cond.quantifier != litmus::Quantifier::Forall;
  if (observation == (wantPositive ? "Never" : "Always")) {
    ASSERT_FALSE(x.allowed);
    ASSERT_FALSE(x.groups.empty());
  } else {
    ASSERT_TRUE(x.allowed);
  }
  // Every execution shown, found again by (rf, co, state).
  struct Target {
    const explain::Execution* execution;
    bool allowed;
    bool found = false;
  };
  std::vector<Target> targets;
  for (const auto& g : x.groups)
    for (const auto& w : g.witnesses) targets.push_back({&w, false});
  if (x.allowed) targets.push_back({&*x.allowed, true});
  for (const auto& t : targets) {
    EXPECT_EQ(holds(*cond.prop, stateMap(t.execution->state)), wantPositive) << "the execution does not end in the outcome";
    checkFinalMemory(*t.execution);
  }
  exec::RunOptions options = setup.options;
  options.observer = [&](const exec::CandidateView& v) {
    auto rf = pairs(v.verdict.relation("rf"));
    if (rf.empty()) rf = pairs(v.candidate.relations.at("rf"));
    const auto co = pairs(v.verdict.relation("co"));
    const std::string state = stateKey(v.state);
    for (auto& t : targets) {
      if (t.found || t.execution->rf != rf || t.execution->co != co || stateKey(t.execution->state) != state) continue;
      if (v.verdict.allowed != t.allowed) continue;
      if (!t.allowed && v.verdict.failedCheck != t.execution->failed->check) continue;
      t.found = true;
      ++witnesses;
      if (!t.allowed) checkEvidence(v.verdict, *t.execution->failed, *t.execution, named);
      for (const auto& f : t.execution->flagged) checkEvidence(v.verdict, f, *t.execution, named);
      break;
    }
  };
  exec::runTest(expanded, setup.model, options);
  for (const auto& t : targets) EXPECT_TRUE(t.found) << "execution not found again";
}

void checkCorpus(const std::string& corpus, const std::string& oracle, const Setup& setup) {
  const auto observations = oracleObservations(oracle);
  int tests = 0, witnesses = 0, named = 0;
  for (const auto& e : fs::recursive_directory_iterator(kShared + "/litmus/" + corpus)) {
    if (e.path().extension() != ".litmus") continue;
    const std::string rel = fs::relative(e.path(), kShared + "/litmus/" + corpus).string();
    auto it = observations.find(rel);
    if (it == observations.end()) continue;
    ++tests;
    checkTest(e.path().string(), it->second, setup, witnesses, named);
  }
  std::cout << corpus << ": " << tests << " tests, " << witnesses << " executions rechecked, " << named
            << " named steps checked\n";
  EXPECT_GT(tests, 20);
}

Setup kernelFiles() {
  static const macros::MacroTable def = macros::loadDefFile(kShared + "/models/lkmm/linux-kernel.def");
  const std::string d = kShared + "/models/lkmm";
  Setup s{cat::loadModel(d + "/linux-kernel.cat", {d}, d + "/linux-kernel.bell"), &def, {}};
  s.options.variants.insert("lkmmv2");  // as linux-kernel.cfg says
  return s;
}

Setup embedded() {
  const models::EmbeddedModel& lkmm = models::defaultModel();
  static const auto table = lkmm.macros();
  Setup s{lkmm.model(), table.get(), {}};
  s.options.variants.insert(lkmm.variants.begin(), lkmm.variants.end());
  return s;
}

TEST(ExplainEvidence, SeedWithKernelFiles) { checkCorpus("seed", "herd7-seed.tsv", kernelFiles()); }
TEST(ExplainEvidence, KernelWithKernelFiles) { checkCorpus("kernel", "herd7-kernel.tsv", kernelFiles()); }
TEST(ExplainEvidence, SeedWithEmbeddedModel) { checkCorpus("seed", "herd7-seed.tsv", embedded()); }
TEST(ExplainEvidence, KernelWithEmbeddedModel) { checkCorpus("kernel", "herd7-kernel.tsv", embedded()); }

}  // namespace
