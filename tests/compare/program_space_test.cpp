#include "compare/program_space.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <numeric>
#include <set>

namespace {

using mcm::compare::Instruction;
using mcm::compare::Program;
using mcm::compare::ThreadCode;

// The independent route: a program's class is the smallest of its forms over every renaming
// of its locations, each with its threads sorted.
Program canonical(const Program& p, int locations) {
  std::vector<int> name(static_cast<std::size_t>(locations));
  std::iota(name.begin(), name.end(), 0);
  Program best;
  do {
    Program q = p;
    for (auto& thread : q)
      for (auto& step : thread)
        if (step.location >= 0) step.location = name[static_cast<std::size_t>(step.location)];
    std::sort(q.begin(), q.end());
    if (best.empty() || q < best) best = q;
  } while (std::next_permutation(name.begin(), name.end()));
  return best;
}

// Every program of `events` events with its threads in any order and any location names
// 0..k-1 (k = number of accesses), fences only between accesses: the classes they fall in.
std::set<Program> classesByBruteForce(const std::vector<Instruction>& vocabulary, int events) {
  std::set<Program> classes;
  Program program;
  const auto accesses = [&] {
    int k = 0;
    for (const auto& t : program)
      for (const auto& s : t) k += s.location >= 0;
    return k;
  };
  // Builds thread after thread, instruction after instruction, each with a location index
  // below `events` (renumbered densely at the end).
  std::function<void(int)> extend = [&](int left) {
    ThreadCode& thread = program.back();
    const bool closable = !thread.empty() && thread.back().location >= 0;
    if (closable && left == 0) {
      std::vector<int> dense(static_cast<std::size_t>(events), -1);
      int next = 0;
      Program q = program;
      for (auto& t : q)
        for (auto& s : t)
          if (s.location >= 0) {
            int& d = dense[static_cast<std::size_t>(s.location)];
            if (d < 0) d = next++;
            s.location = d;
          }
      classes.insert(canonical(q, next));
      return;
    }
    if (closable) {
      program.emplace_back();
      extend(left);
      program.pop_back();
    }
    for (std::size_t i = 0; i < vocabulary.size(); ++i) {
      const Instruction& ins = vocabulary[i];
      if (ins.events > left) continue;
      ThreadCode& t = program.back();
      if (!ins.access) {
        if (t.empty() || t.back().location < 0) continue;
        t.push_back({static_cast<int>(i), -1});
        extend(left - ins.events);
        program.back().pop_back();
        continue;
      }
      for (int l = 0; l <= std::min(accesses(), events - 1); ++l) {
        program.back().push_back({static_cast<int>(i), l});
        extend(left - ins.events);
        program.back().pop_back();
      }
    }
  };
  program.emplace_back();
  extend(events);
  return classes;
}

void expectEveryClassOnce(const std::vector<Instruction>& vocabulary, int events) {
  std::set<Program> seen;
  long long visited = 0;
  mcm::compare::forEachProgram(vocabulary, events, [&](const Program& p, int locations) {
    ++visited;
    EXPECT_TRUE(seen.insert(canonical(p, locations)).second) << "a class visited twice, " << events << " events";
    return true;
  });
  EXPECT_EQ(seen, classesByBruteForce(vocabulary, events)) << events << " events";
  EXPECT_EQ(visited, static_cast<long long>(seen.size()));
}

TEST(ProgramSpace, EveryProgramOfTheCVocabularyOnceUpToThreadOrderAndLocationNames) {
  for (int events = 1; events <= 4; ++events) expectEveryClassOnce(mcm::compare::defaultVocabulary(), events);
}

// Store buffering with WRITE_ONCE and READ_ONCE only: its two threads have one shape, and
// numbering locations by first use over threads kept in order would never produce it.
TEST(ProgramSpace, StoreBufferingOfOneShapeIsVisited) {
  const auto vocabulary = mcm::compare::defaultVocabulary();
  const Program sb = {{{1, 0}, {0, 1}}, {{1, 1}, {0, 0}}};
  int found = 0;
  mcm::compare::forEachProgram(vocabulary, 4, [&](const Program& p, int locations) {
    found += canonical(p, locations) == canonical(sb, 2);
    return true;
  });
  EXPECT_EQ(found, 1);
}

// Five events, and instructions of two events, over smaller vocabularies.
TEST(ProgramSpace, LargerProgramsAndTwoEventInstructions) {
  std::vector<Instruction> small;
  for (const auto& i : mcm::compare::knownInstructions())
    if (i.name == "once-read" || i.name == "once-write" || i.name == "mb" || i.name == "xchg") small.push_back(i);
  for (int events = 1; events <= 5; ++events) expectEveryClassOnce(small, events);
}

// Counts from a separate script (every labelled program, canonical form by brute force).
TEST(ProgramSpace, CountsOfTheCVocabulary) {
  const std::vector<long long> expected = {4, 52, 816, 14985};
  for (int events = 1; events <= 4; ++events) {
    long long n = 0;
    mcm::compare::forEachProgram(mcm::compare::defaultVocabulary(), events, [&](const Program&, int) {
      ++n;
      return true;
    });
    EXPECT_EQ(n, expected[static_cast<std::size_t>(events - 1)]) << events << " events";
  }
}

}  // namespace
