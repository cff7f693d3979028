#pragma once
// Pseudo-random event structures of the kernel's C dialect (threads of accesses, fences and
// lock events over two variables and a lock), each with a few candidates: inputs on which
// two formulations of one model, or two ways of evaluating it, must agree.
#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "cat/model.hpp"

namespace mcm::cat::test {

using mcm::rel::EventSet;
using mcm::rel::Relation;

struct Structure {
  Environment program;
  std::vector<Environment> candidates;
};

// Events: per thread a po-ordered list; locations 0..2 are variables x, y and a
// lock s; each location has an initial write.
inline Structure randomStructure(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const int threads = 2 + pick(2);
  const int perThread = 2 + pick(3);
  const std::size_t n = static_cast<std::size_t>(threads * perThread + 3);
  Environment env;
  env.numEvents = n;
  env.variants = {"lkmmv2"};
  std::map<std::string, EventSet> sets;
  auto add = [&](const std::string& s, std::size_t e) {
    if (!sets.count(s)) sets.emplace(s, EventSet(n));
    sets.at(s).insert(e);
  };
  std::vector<int> loc(n, -1), thread(n, -1);
  const std::size_t iw0 = n - 3;
  for (int l = 0; l < 3; ++l) {
    loc[iw0 + l] = l;
    add("W", iw0 + l);
    add("IW", iw0 + l);
    add("M", iw0 + l);
  }
  const char* accessTags[] = {"ONCE", "RELEASE", "ACQUIRE", "MB", "NORETURN", ""};
  const char* fenceTags[] = {"MB", "Wmb", "Rmb", "Barrier", "Rcu-lock", "Rcu-unlock", "Sync-rcu",
                             "Before-atomic", "After-atomic", "After-spinlock", "After-unlock-lock"};
  Relation po(n), rmw(n), addr(n), data(n), ctrl(n);
  std::vector<std::size_t> reads, lockReads;
  for (int t = 0; t < threads; ++t) {
    for (int i = 0; i < perThread; ++i) {
      std::size_t e = static_cast<std::size_t>(t * perThread + i);
      thread[e] = t;
      for (int j = 0; j < i; ++j) po.insert(static_cast<std::size_t>(t * perThread + j), e);
      int kind = pick(10);
      if (kind < 4) {  // memory access
        loc[e] = pick(2);
        bool write = pick(2) == 0;
        add(write ? "W" : "R", e);
        add("M", e);
        if (!write) reads.push_back(e);
        std::string tag = accessTags[pick(6)];
        if (!tag.empty()) add(tag, e);
        if (pick(4) == 0) add("RMW", e);
      } else if (kind < 6) {
        add("F", e);
        add(fenceTags[pick(11)], e);
      } else if (kind < 8) {  // lock read + its write, if room
        loc[e] = 2;
        if (i + 1 < perThread && pick(2) == 0) {
          add("LKR", e);
          lockReads.push_back(e);
        } else {
          add(pick(2) == 0 ? "UL" : "LKW", e);
        }
      } else {
        loc[e] = 2;
        const char* lockish[] = {"LF", "RU", "RL"};
        add(lockish[pick(3)], e);
        if (pick(3) == 0) lockReads.push_back(e);
      }
    }
  }
  // Dependencies and rmw from reads to po-later events.
  po.forEach([&](std::size_t a, std::size_t b) {
    auto in = [&](const char* s, std::size_t e) { return sets.count(s) && sets.at(s).contains(e); };
    if (!in("R", a)) return;
    if (pick(6) == 0) addr.insert(a, b);
    if (pick(6) == 0 && in("W", b)) data.insert(a, b);
    if (pick(6) == 0) ctrl.insert(a, b);
    if (pick(8) == 0 && in("W", b) && loc[a] == loc[b]) rmw.insert(a, b);
  });
  Relation locRel(n), intRel(n);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      if (loc[a] >= 0 && loc[a] == loc[b]) locRel.insert(a, b);
      if (a == b || (thread[a] >= 0 && thread[a] == thread[b])) intRel.insert(a, b);
    }
  for (auto& [name, s] : sets) env.sets.emplace(name, s);
  env.relations["po"] = po;
  env.relations["rmw"] = rmw;
  env.relations["addr"] = addr;
  env.relations["data"] = data;
  env.relations["ctrl"] = ctrl;
  env.relations["loc"] = locRel;
  env.relations["int"] = intRel;
  env.relations["ext"] = intRel.complement();
  env.relations["id"] = Relation::identity(n);
  Structure st{env, {}};
  // Candidates: each memory read reads a random write of its location.
  for (int c = 0; c < 3; ++c) {
    Environment cand;
    Relation rf(n);
    for (std::size_t r : reads) {
      std::vector<std::size_t> ws;
      env.sets["W"].forEach([&](std::size_t w) {
        if (loc[w] == loc[r]) ws.push_back(w);
      });
      rf.insert(ws[static_cast<std::size_t>(pick(static_cast<int>(ws.size())))], r);
    }
    cand.relations["rf"] = rf;
    EventSet fw(n);
    if (pick(2) == 0) {
      env.sets["W"].forEach([&](std::size_t w) {
        if (pick(3) == 0 && loc[w] == 0 && fw.empty()) fw.insert(w);
      });
    }
    cand.sets["FW"] = fw;
    cand.values.resize(n);
    for (std::size_t e = 0; e < n; ++e) cand.values[e] = pick(2);
    st.candidates.push_back(cand);
  }
  return st;
}

// Every branch's verdict ("allowed" or "fails CHECK", then " +FLAG"s), sorted; `staged` as
// Evaluator's (an evaluator of another model over st.program).
// `rounds`: the candidates are judged that many times, the last round's verdicts kept (an
// evaluator prunes its definitions after a number of candidates).
inline std::vector<std::string> verdicts(std::shared_ptr<const Model> model, const Structure& st,
                                         const Evaluator* staged = nullptr, int rounds = 1) {
  Evaluator ev(model, st.program, {}, staged);
  std::vector<std::string> out;
  for (int round = 0; round < rounds; ++round) {
    out.clear();
    for (const auto& c : st.candidates)
      ev.run(c, [&](const Verdict& v) {
        std::string s = v.allowed ? "allowed" : "fails " + v.failedCheck;
        for (const auto& f : v.flags) s += " +" + f;
        out.push_back(s);
      });
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mcm::cat::test
