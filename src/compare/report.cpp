// The comparison summary, the verdict line and the per-test differences, as text and JSON.
#include <ostream>

#include <fmt/format.h>

#include "compare/compare.hpp"

namespace mcm::compare {

namespace {

// 5388 -> "5,388", as the verdict line prints counts.
std::string grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string plural(long long n, const std::string& word) { return grouped(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

Summary summarize(const std::vector<TestComparison>& tests) {
  Summary s;
  s.tests = tests.size();
  for (const auto& t : tests) {
    for (int i = 0; i < 2; ++i)
      if (!t.error[i].empty()) ++s.errors[i];
    if (!t.ran()) continue;
    ++s.compared;
    const bool moreA = !t.only[0].empty(), moreB = !t.only[1].empty();
    if (moreA && moreB) ++s.both;
    else if (moreA) ++s.aMore;
    else if (moreB) ++s.aLess;
    else ++s.equal;
    for (int i = 0; i < 2; ++i) {
      s.onlyOutcomes[i] += static_cast<long long>(t.only[i].size());
      if (!t.only[i].empty() && s.example[i].empty()) s.example[i] = t.path;
    }
  }
  return s;
}

std::string verdictLine(const Summary& s, const std::string& a, const std::string& b) {
  const std::string on = "on " + plural(static_cast<long long>(s.compared), "test");
  const long long moreA = static_cast<long long>(s.aMore + s.both), moreB = static_cast<long long>(s.aLess + s.both);
  if (moreA == 0 && moreB == 0)
    return fmt::format("Verdict: {} and {} are equivalent {} (each allows exactly the outcomes the other allows): "
                       "switching between them is safe for these tests",
                       a, b, on);
  // The stronger side S allows less; code checked against the weaker W survives a switch to S.
  auto ordered = [&](const std::string& strong, const std::string& weak, long long weakOnly, long long broken) {
    return fmt::format("{} ({} allows {} {} forbids; {} allows none that {} forbids): switching from {} to {} is safe "
                       "for these tests; from {} to {} breaks {}",
                       on, weak, plural(weakOnly, "outcome"), strong, strong, weak, weak, strong, strong, weak,
                       plural(broken, "test"));
  };
  if (moreA == 0) return fmt::format("Verdict: {} is stronger than {} {}", a, b, ordered(a, b, s.onlyOutcomes[1], moreB));
  if (moreB == 0) return fmt::format("Verdict: {} is weaker than {} {}", a, b, ordered(b, a, s.onlyOutcomes[0], moreA));
  return fmt::format(
      "Verdict: {} and {} are incomparable {} ({} allows {} {} forbids, in {}, e.g. {}; {} allows {} {} forbids, in "
      "{}, e.g. {}): switching from {} to {} breaks {}; from {} to {} breaks {}",
      a, b, on, a, plural(s.onlyOutcomes[0], "outcome"), b, plural(moreA, "test"), s.example[0], b,
      plural(s.onlyOutcomes[1], "outcome"), a, plural(moreB, "test"), s.example[1], b, a, plural(moreA, "test"), a, b,
      plural(moreB, "test"));
}

void printReport(std::ostream& out, const std::vector<TestComparison>& tests, const std::string& a,
                 const std::string& b) {
  const std::array<std::string, 2> names = {a, b};
  std::size_t shared = 0;
  for (const auto& t : tests) {
    shared += t.shared ? 1 : 0;
    for (int i = 0; i < 2; ++i)
      if (!t.error[i].empty()) out << "Error (" << names[i] << "): " << t.error[i] << "\n";
    if (!t.ran() || (t.only[0].empty() && t.only[1].empty())) continue;
    out << fmt::format("Test {}: {} allows {}, {} allows {}\n", t.path, a, plural(t.states[0], "state"), b,
                       plural(t.states[1], "state"));
    for (int i = 0; i < 2; ++i)
      for (const auto& line : t.only[i]) out << "  only " << names[i] << ": " << line << "\n";
  }
  const Summary s = summarize(tests);
  out << fmt::format("Tests: {} given, {} compared ({} on one shared enumeration)", grouped(s.tests),
                     grouped(s.compared), grouped(shared));
  if (s.errors[0] || s.errors[1])
    out << fmt::format("; could not run: {} by {}, {} by {}", grouped(s.errors[0]), a, grouped(s.errors[1]), b);
  out << "\n";
  out << fmt::format("Same states: {}\n", grouped(s.equal));
  out << fmt::format("{} allows strictly less than {}: {}\n", a, b, grouped(s.aLess));
  out << fmt::format("{} allows strictly more than {}: {}\n", a, b, grouped(s.aMore));
  out << fmt::format("Each allows states the other forbids: {}\n", grouped(s.both));
  out << verdictLine(s, a, b) << "\n";
}

nlohmann::json reportJson(const std::vector<TestComparison>& tests, const std::string& a, const std::string& b) {
  const Summary s = summarize(tests);
  nlohmann::json differing = nlohmann::json::array(), errors = nlohmann::json::array();
  for (const auto& t : tests) {
    if (!t.ran()) errors.push_back({{"path", t.path}, {"errorA", t.error[0]}, {"errorB", t.error[1]}});
    else if (!t.only[0].empty() || !t.only[1].empty())
      differing.push_back({{"path", t.path},
                           {"statesA", t.states[0]},
                           {"statesB", t.states[1]},
                           {"onlyA", t.only[0]},
                           {"onlyB", t.only[1]}});
  }
  const bool moreA = s.aMore + s.both > 0, moreB = s.aLess + s.both > 0;
  const char* relation = moreA ? (moreB ? "incomparable" : "weaker") : (moreB ? "stronger" : "equivalent");
  return {{"A", a},
          {"B", b},
          {"summary",
           {{"tests", s.tests},
            {"compared", s.compared},
            {"equal", s.equal},
            {"aStrictlyLess", s.aLess},
            {"aStrictlyMore", s.aMore},
            {"both", s.both},
            {"errorsA", s.errors[0]},
            {"errorsB", s.errors[1]},
            {"outcomesOnlyA", s.onlyOutcomes[0]},
            {"outcomesOnlyB", s.onlyOutcomes[1]}}},
          {"relation", relation},  // of A to B
          {"verdict", verdictLine(s, a, b)},
          {"differing", differing},
          {"errors", errors}};
}

}  // namespace mcm::compare
