#include "explain/explain.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "litmus/printer.hpp"
#include "report/herd_text.hpp"
#include "support/diagnostic.hpp"

namespace mcm::explain {
namespace {

using litmus::Location;

// The sections of the LKMM's explanation.txt (2018) that describe its checks.
const std::map<std::string, std::string> kLkmmSections = {
    {"coherence", "16. SEQUENTIAL CONSISTENCY PER VARIABLE"},
    {"atomic", "17. ATOMIC UPDATES: rmw"},
    {"happens-before", "20. THE HAPPENS-BEFORE RELATION: hb"},
    {"propagation", "21. THE PROPAGATES-BEFORE RELATION: pb"},
    {"rcu", "22. RCU RELATIONS: link, gp-link, rscs-link, and rcu-path"},
};

struct Wanted {
  Location loc;
  exec::StateValue value;
};

[[noreturn]] void badState(const std::string& message) { throw Diagnostic("--state", {}, message); }

// Parses `0:r0=0; 1:r0=0; [x]=1;` against the test's threads and locations.
std::vector<Wanted> parseState(const std::string& text, const litmus::Test& t) {
  std::set<std::string> globals;
  for (const auto& item : t.init)
    if (!item.loc.isRegister()) globals.insert(item.loc.name);
  for (const auto& th : t.threads)
    for (const auto& p : th.params) globals.insert(p.name);
  std::vector<Wanted> out;
  std::stringstream parts(text);
  for (std::string part; std::getline(parts, part, ';');) {
    part.erase(std::remove_if(part.begin(), part.end(), [](unsigned char c) { return std::isspace(c); }), part.end());
    if (part.empty()) continue;
    auto eq = part.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == part.size()) badState("expected LOCATION=VALUE, found '" + part + "'");
    std::string loc = part.substr(0, eq), val = part.substr(eq + 1);
    Wanted w;
    if (auto colon = loc.find(':'); colon != std::string::npos) {
      const std::string thread = loc.substr(0, colon);
      if (thread.empty() || !std::all_of(thread.begin(), thread.end(), ::isdigit) ||
          std::stoul(thread) >= t.threads.size())
        badState("unknown thread in '" + loc + "' (the test has P0..P" + std::to_string(t.threads.size() - 1) + ")");
      w.loc.thread = std::stoi(thread);
      w.loc.name = loc.substr(colon + 1);
    } else {
      if (loc.size() > 2 && loc.front() == '[' && loc.back() == ']') loc = loc.substr(1, loc.size() - 2);
      if (!globals.count(loc)) {
        std::string known;
        for (const auto& g : globals) known += (known.empty() ? "" : ", ") + g;
        badState("unknown location '" + loc + "' (the test's locations: " + known + ")");
      }
      w.loc.name = loc;
    }
    char* end = nullptr;
    const long long n = std::strtoll(val.c_str(), &end, 0);
    if (*end == '\0') {
      w.value.number = n;
    } else if (globals.count(val)) {
      w.value.kind = exec::StateValue::Kind::Symbol;
      w.value.symbol = val;
    } else {
      badState("bad value '" + val + "' for " + loc + ": expected an integer or a location");
    }
    out.push_back(std::move(w));
  }
  if (out.empty()) badState("no LOCATION=VALUE in '" + text + "'");
  return out;
}

std::vector<Edge> pairsOf(const cat::Verdict& v, const std::string& name) {
  std::vector<Edge> out;
  if (auto r = v.relation(name)) r->forEach([&](std::size_t a, std::size_t b) { out.emplace_back(a, b); });
  return out;
}

Execution capture(const exec::CandidateView& v, bool withEvidence) {
  Execution x;
  x.events = v.events;
  x.state = v.state;
  x.rf = pairsOf(v.verdict, "rf");
  if (x.rf.empty())  // the model stopped before binding its own rf (e.g. with lock reads-from)
    v.candidate.relations.at("rf").forEach([&](std::size_t a, std::size_t b) { x.rf.emplace_back(a, b); });
  x.co = pairsOf(v.verdict, "co");
  if (auto fw = v.candidate.sets.find("FW"); fw != v.candidate.sets.end())
    fw->second.forEach([&](std::size_t e) { x.finalWrites.push_back(e); });
  x.flags = v.verdict.flags;
  if (!v.verdict.allowed && withEvidence) x.failed = v.verdict.evidence();
  for (const auto& f : v.verdict.flags) x.flagged.push_back(v.verdict.flagEvidence(f));
  return x;
}

std::string stateText(const std::vector<Wanted>& wanted) {
  exec::FinalState s;
  for (const auto& w : wanted) s.add(w.loc, w.value);
  return report::renderStateLine(s);
}

}  // namespace

Explanation explainTest(const litmus::Test& parsed, const litmus::Test& expanded, std::shared_ptr<const cat::Model> model,
                        exec::RunOptions options, const Request& request) {
  Explanation x;
  x.test = report::herdTestName(parsed);
  litmus::Test test = expanded;
  std::vector<Wanted> wanted;
  const litmus::Condition condition = report::effectiveCondition(parsed);
  // forall: the outcome worth explaining is a counterexample.
  const bool wantPositive = condition.quantifier != litmus::Quantifier::Forall;
  if (request.state) {
    wanted = parseState(*request.state, parsed);
    for (const auto& w : wanted) test.locations.push_back(w.loc);
    x.outcome = stateText(wanted);
  } else {
    x.outcome = (wantPositive ? "" : "not ") + litmus::renderProp(*condition.prop);
  }
  auto matches = [&](const exec::CandidateView& v) {
    if (wanted.empty()) return v.positive == wantPositive;
    return std::all_of(wanted.begin(), wanted.end(), [&](const Wanted& w) {
      for (const auto& [loc, value] : v.state.entries())
        if (loc == w.loc) return value == w.value;
      return false;
    });
  };
  std::map<std::tuple<std::string, std::string, int, int>, std::size_t> groupOf;
  options.observer = [&](const exec::CandidateView& v) {
    if (!matches(v)) return;
    ++x.candidates;
    if (v.verdict.allowed) {
      if (!x.allowed) x.allowed = capture(v, false);
      return;
    }
    ++x.rejected;
    const auto key = std::make_tuple(v.verdict.failedCheck, v.verdict.failedCheckFile, v.verdict.failedCheckPos.line,
                                     v.verdict.failedCheckPos.col);
    auto it = groupOf.find(key);
    if (it == groupOf.end()) {
      it = groupOf.emplace(key, x.groups.size()).first;
      x.groups.emplace_back();
    }
    Group& g = x.groups[it->second];
    ++g.count;
    if (request.all || g.witnesses.empty()) {
      g.witnesses.push_back(capture(v, true));
      if (g.witnesses.size() == 1) {
        g.check = *g.witnesses.front().failed;
        auto section = kLkmmSections.find(g.check.check);
        if (section != kLkmmSections.end()) g.section = section->second;
      }
    }
  };
  exec::runTest(test, std::move(model), options);
  if (x.candidates == 0)
    throw Diagnostic(parsed.path, {}, "no candidate execution of " + x.test + " ends in " + x.outcome);
  return x;
}

}  // namespace mcm::explain
