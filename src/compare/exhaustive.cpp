#include "compare/exhaustive.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "exec/engine.hpp"
#include "litmus/parser.hpp"
#include "report/herd_text.hpp"
#include "riscv/parser.hpp"
#include "riscv/semantics.hpp"

namespace mcm::compare {

namespace {

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
  return s;
}

// The RISC-V text of a program: location l is m<l> (x<l> would read as a
// register), its address in register x<10+l>; the value v a write stores is in
// x<19+v>; reads return into x1, x2, ... of their thread.
std::string riscvText(const std::vector<ThreadCode>& threads, const std::vector<Instruction>& vocabulary,
                      int locations, const std::string& exists) {
  std::string init, shown;
  for (int l = 0; l < locations; ++l) shown += fmt::format("m{};", l);
  std::vector<std::vector<std::string>> columns(threads.size());
  std::size_t rows = 0;
  int value = 0;
  for (std::size_t t = 0; t < threads.size(); ++t) {
    for (int l = 0; l < locations; ++l) init += fmt::format("{}:x{}=m{}; ", t, 10 + l, l);
    int reg = 0;
    for (const auto& step : threads[t]) {
      const Instruction& ins = vocabulary[step.instruction];
      std::string line = ins.text;
      if (ins.reads) {
        shown += fmt::format("{}:x{};", t, ++reg);
        line = replaceAll(line, "$r", fmt::format("x{}", reg));
      }
      if (ins.writes) {
        init += fmt::format("{}:x{}={}; ", t, 20 + value, value + 1);
        line = replaceAll(line, "$v", fmt::format("x{}", 20 + value++));
      }
      if (step.location >= 0) line = replaceAll(line, "$x", fmt::format("x{}", 10 + step.location));
      columns[t].push_back(line);
    }
    rows = std::max(rows, columns[t].size());
  }
  if (locations > 10 || value > 12 || rows > 9)  // x10..x19, x20..x31, x1..x9
    throw std::runtime_error("--exhaustive: RISC-V programs of more than 9 events are not supported");
  std::string text = "RISCV exhaustive\n{\n" + init + "\n}\n";
  for (std::size_t t = 0; t < threads.size(); ++t) text += fmt::format("{}P{}", t ? " | " : " ", t);
  text += " ;\n";
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t t = 0; t < threads.size(); ++t)
      text += (t ? " | " : " ") + (r < columns[t].size() ? columns[t][r] : std::string());
    text += " ;\n";
  }
  return text + "locations [" + shown + "]\nexists (" + exists + ")\n";
}

// The litmus text of a program: writes store 1, 2, ... in program text order,
// every register and location is displayed, `exists` is the given clause.
std::string litmusText(const std::vector<ThreadCode>& threads, const std::vector<Instruction>& vocabulary,
                       int locations, const std::string& exists) {
  if (vocabulary.front().arch == "RISCV") return riscvText(threads, vocabulary, locations, exists);
  std::string params, shown;
  for (int l = 0; l < locations; ++l) {
    params += fmt::format("{}int *x{}", l ? ", " : "", l);
    shown += fmt::format("x{};", l);
  }
  std::string text = "C exhaustive\n\n{}\n\n";
  int value = 0;
  for (std::size_t t = 0; t < threads.size(); ++t) {
    std::string declarations, body;
    int reg = 0;
    for (const auto& step : threads[t]) {
      const Instruction& ins = vocabulary[step.instruction];
      std::string line = ins.text;
      if (ins.reads) {
        declarations += fmt::format("\tint r{};\n", reg);
        shown += fmt::format("{}:r{};", t, reg);
        line = replaceAll(line, "$r", fmt::format("r{}", reg++));
      }
      if (ins.writes) line = replaceAll(line, "$v", std::to_string(++value));
      if (step.location >= 0) line = replaceAll(line, "$x", fmt::format("x{}", step.location));
      body += "\t" + line + "\n";
    }
    text += fmt::format("P{}({})\n{{\n{}{}}}\n\n", t, params, declarations, body);
  }
  return text + "locations [" + shown + "]\nexists (" + exists + ")\n";
}

class Generator {
 public:
  Generator(const Side& a, const Side& b, const std::vector<Instruction>& vocabulary, Slice slice,
            ExhaustiveResult& result)
      : a_(a), b_(b), vocabulary_(vocabulary), slice_(slice), result_(result) {}

  // Every program of exactly `events` events (of this slice); false once a counterexample is found.
  bool run(int events) {
    generated_ = 0;
    return forEachProgram(vocabulary_, events, [this](const Program& p, int locations) { return check(p, locations); });
  }

 private:
  bool check(const Program& threads, int locations) {
    const long long index = generated_++;
    if (index % slice_.count != slice_.index) return true;
    ++result_.programs;
    const std::string text = litmusText(threads, vocabulary_, locations, "true");
    const auto results = judge(text);
    result_.executions += results[0].positive + results[0].negative;
    std::set<std::string> allowedB;
    for (const auto& s : results[1].states) allowedB.insert(report::renderStateLine(s));
    for (const auto& s : results[0].states) {
      const std::string line = report::renderStateLine(s);
      if (allowedB.count(line)) continue;
      result_.counterexampleState = line;
      result_.counterexampleIndex = index;
      result_.counterexample = litmusText(threads, vocabulary_, locations, stateCondition(line));
      return false;
    }
    return true;
  }

  std::vector<exec::TestResult> judge(const std::string& text) const {
    if (vocabulary_.front().arch == "RISCV") {
      const riscv::Test test = riscv::parseText(text, "exhaustive.litmus");
      return exec::runTestModels(test.frame, riscv::threadSource(test), {a_.model, b_.model}, a_.options);
    }
    const litmus::Test test = litmus::parseLitmusText(text, "exhaustive.litmus");
    return exec::runTestModels(macros::expandMacros(test, *a_.macros), {a_.model, b_.model}, a_.options);
  }

  const Side& a_;
  const Side& b_;
  const std::vector<Instruction>& vocabulary_;
  const Slice slice_;
  ExhaustiveResult& result_;
  long long generated_ = 0;  // programs of the current size generated so far, in every slice
};

}  // namespace

ExhaustiveResult exhaustiveCompare(const Side& a, const Side& b, int maxEvents,
                                   const std::vector<Instruction>& vocabulary,
                                   const std::function<void(int, long long)>& progress, Slice slice) {
  ExhaustiveResult result;
  result.maxEvents = maxEvents;
  Generator generator(a, b, vocabulary, slice, result);
  for (int events = 1; events <= maxEvents; ++events) {
    if (progress) progress(events, result.programs);
    if (!generator.run(events)) {
      result.counterexampleEvents = events;
      break;
    }
  }
  return result;
}

std::optional<std::vector<std::string>> provenStronger(const Side& a, const Side& b) {
  for (const Side* s : {&a, &b}) {
    const auto& o = s->options;
    if (!o.checks.skipped.empty() || o.checks.strictSkip || o.checks.throughAll || !o.throughFlag.empty() ||
        o.speedcheck != exec::RunOptions::SpeedCheck::Off)
      return std::nullopt;
  }
  if (!shareEnumeration(a, b)) return std::nullopt;
  return cat::provenIncluded(a.model, b.model, a.label, b.label);
}

ExhaustiveResult mergeSlices(const std::vector<ExhaustiveResult>& slices) {
  ExhaustiveResult merged;
  const ExhaustiveResult* first = nullptr;
  for (const auto& s : slices) {
    merged.maxEvents = std::max(merged.maxEvents, s.maxEvents);
    merged.programs += s.programs;
    merged.executions += s.executions;
    if (s.counterexample &&
        (!first || std::pair(s.counterexampleEvents, s.counterexampleIndex) <
                       std::pair(first->counterexampleEvents, first->counterexampleIndex)))
      first = &s;
  }
  if (first) {
    merged.counterexample = first->counterexample;
    merged.counterexampleState = first->counterexampleState;
    merged.counterexampleEvents = first->counterexampleEvents;
    merged.counterexampleIndex = first->counterexampleIndex;
  }
  return merged;
}

}  // namespace mcm::compare
