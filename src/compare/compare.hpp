#pragma once
// Model comparison: which final states of a litmus test one model allows and
// the other forbids, and what that says about switching from one to the other.
//
// Both models judge the same candidate executions (one enumeration, two
// verdicts per candidate) whenever they read the test the same way (same
// macros, variants and unrolling); otherwise each enumerates its own.
#include <array>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cat/model.hpp"
#include "exec/engine.hpp"
#include "litmus/ast.hpp"
#include "macros/macros.hpp"

namespace mcm::compare {

// One side of a comparison: a model as the user named it, ready to run.
struct Side {
  std::string label;  // as the user named it: "sc", "x/linux-kernel.cfg"
  std::shared_ptr<const cat::Model> model;
  std::shared_ptr<const macros::MacroTable> macros;
  exec::RunOptions options;
};

// True when a and b read every test the same way, so one enumeration serves both.
bool shareEnumeration(const Side& a, const Side& b);

struct TestComparison {
  std::string path;
  std::array<std::string, 2> error;                  // why side i could not run the test ("" if it ran)
  std::array<long long, 2> states{};                 // final states each side allows
  std::array<std::vector<std::string>, 2> only;      // state lines only side i allows
  bool shared = false;                               // both judged one enumeration

  bool ran() const { return error[0].empty() && error[1].empty(); }
};

// Runs both sides on the test at `path`. Never throws for a bad test: errors are recorded per side.
TestComparison compareTest(const std::string& path, const Side& a, const Side& b);
// The same for a C test already read.
TestComparison compareParsed(const litmus::Test& test, const Side& a, const Side& b);
// The same for the text of a RISC-V test (named `path` in messages).
TestComparison compareRiscvText(const std::string& text, const std::string& path, const Side& a, const Side& b);

// The condition that holds in exactly one final state: "0:r0=0 /\ x=1" from the state line
// "0:r0=0; [x]=1;".
std::string stateCondition(const std::string& stateLine);

nlohmann::json toJson(const TestComparison&);
TestComparison comparisonFromJson(const nlohmann::json&);

struct Summary {
  std::size_t tests = 0;         // given
  std::size_t compared = 0;      // both sides ran
  std::size_t equal = 0;         // same states
  std::size_t aLess = 0;         // A allows a strict subset of B's states
  std::size_t aMore = 0;         // A allows a strict superset
  std::size_t both = 0;          // each allows a state the other forbids
  std::array<std::size_t, 2> errors{};         // tests side i could not run
  std::array<long long, 2> onlyOutcomes{};     // states only side i allows, over all tests
  std::array<std::string, 2> example;          // the first test where side i allows more
};

Summary summarize(const std::vector<TestComparison>& tests);

// "Verdict: A is stronger than B on N tests (...): switching ...", one line, no newline.
std::string verdictLine(const Summary& s, const std::string& a, const std::string& b);

// The per-test differences, errors, counts and the verdict line.
void printReport(std::ostream& out, const std::vector<TestComparison>& tests, const std::string& a,
                 const std::string& b);
nlohmann::json reportJson(const std::vector<TestComparison>& tests, const std::string& a, const std::string& b);

}  // namespace mcm::compare
