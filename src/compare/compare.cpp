#include "compare/compare.hpp"

#include <algorithm>
#include <fstream>
#include <set>

#include "litmus/parser.hpp"
#include "report/herd_text.hpp"
#include "riscv/parser.hpp"
#include "riscv/semantics.hpp"
#include "support/diagnostic.hpp"

namespace mcm::compare {

namespace {

std::set<std::string> stateLines(const exec::TestResult& r) {
  std::set<std::string> lines;
  for (const auto& s : r.states) lines.insert(report::renderStateLine(s));
  return lines;
}

std::string messageOf(const std::exception& e) { return e.what(); }

// Runs one side alone; returns its states or records its error.
std::optional<exec::TestResult> runSide(const litmus::Test& test, const Side& side, std::string& error) {
  try {
    return exec::runTest(macros::expandMacros(test, *side.macros), side.model, side.options);
  } catch (const std::exception& e) {
    error = messageOf(e);
  }
  return std::nullopt;
}

// The states each side allows that the other does not.
TestComparison finishComparison(TestComparison c, const std::array<std::optional<exec::TestResult>, 2>& results) {
  if (!c.ran()) return c;
  const auto sa = stateLines(*results[0]), sb = stateLines(*results[1]);
  c.states = {static_cast<long long>(sa.size()), static_cast<long long>(sb.size())};
  std::set_difference(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(c.only[0]));
  std::set_difference(sb.begin(), sb.end(), sa.begin(), sa.end(), std::back_inserter(c.only[1]));
  return c;
}

bool isRiscvTest(const std::string& path) {
  std::ifstream in(path);
  std::string firstLine;
  return std::getline(in, firstLine) && litmus::architectureOf(firstLine) == "RISCV";
}

}  // namespace

bool shareEnumeration(const Side& a, const Side& b) {
  return a.macros == b.macros && a.options.variants == b.options.variants && a.options.unroll == b.options.unroll &&
         a.options.maxCandidates == b.options.maxCandidates;
}

TestComparison compareTest(const std::string& path, const Side& a, const Side& b) {
  if (isRiscvTest(path)) {  // (its first line was read, so the file opens)
    std::ifstream in(path, std::ios::binary);
    return compareRiscvText(std::string(std::istreambuf_iterator<char>(in), {}), path, a, b);
  }
  TestComparison c;
  c.path = path;
  litmus::Test test;
  try {
    test = litmus::parseLitmusFile(path);
  } catch (const std::exception& e) {
    c.error = {messageOf(e), messageOf(e)};
    return c;
  }
  return compareParsed(test, a, b);
}

TestComparison compareRiscvText(const std::string& text, const std::string& path, const Side& a, const Side& b) {
  TestComparison c;
  c.path = path;
  std::array<std::optional<exec::TestResult>, 2> results;
  // Its own front end; no macros, so both models always judge one enumeration.
  try {
    const riscv::Test test = riscv::parseText(text, path);
    auto both = exec::runTestModels(test.frame, riscv::threadSource(test), {a.model, b.model}, a.options);
    results = {std::move(both[0]), std::move(both[1])};
    c.shared = true;
  } catch (const std::exception& e) {
    c.error = {messageOf(e), messageOf(e)};
    return c;
  }
  return finishComparison(std::move(c), results);
}

TestComparison compareParsed(const litmus::Test& test, const Side& a, const Side& b) {
  TestComparison c;
  c.path = test.path;
  std::array<std::optional<exec::TestResult>, 2> results;
  if (shareEnumeration(a, b)) {
    try {
      auto both = exec::runTestModels(macros::expandMacros(test, *a.macros), {a.model, b.model}, a.options);
      results = {std::move(both[0]), std::move(both[1])};
      c.shared = true;
    } catch (const std::exception&) {
      // Attribute the error to the side(s) that cannot run the test alone.
    }
  }
  if (!c.shared) results = {runSide(test, a, c.error[0]), runSide(test, b, c.error[1])};
  return finishComparison(std::move(c), results);
}

std::string stateCondition(const std::string& stateLine) {
  std::string out, item;
  for (char ch : stateLine) {
    if (ch == ';') {
      if (!out.empty()) out += " /\\ ";
      out += item;
      item.clear();
    } else if (ch != ' ' && ch != '[' && ch != ']') {
      item += ch;
    }
  }
  return out;
}

nlohmann::json toJson(const TestComparison& c) {
  return {{"path", c.path},        {"errorA", c.error[0]}, {"errorB", c.error[1]}, {"statesA", c.states[0]},
          {"statesB", c.states[1]}, {"onlyA", c.only[0]},   {"onlyB", c.only[1]},   {"sharedEnumeration", c.shared}};
}

TestComparison comparisonFromJson(const nlohmann::json& j) {
  TestComparison c;
  c.path = j.at("path").get<std::string>();
  c.error = {j.at("errorA").get<std::string>(), j.at("errorB").get<std::string>()};
  c.states = {j.at("statesA").get<long long>(), j.at("statesB").get<long long>()};
  c.only = {j.at("onlyA").get<std::vector<std::string>>(), j.at("onlyB").get<std::vector<std::string>>()};
  c.shared = j.at("sharedEnumeration").get<bool>();
  return c;
}

}  // namespace mcm::compare
