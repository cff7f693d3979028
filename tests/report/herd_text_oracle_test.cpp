// Round trip through herd7's own outputs: for every block of the oracle .out files,
// rebuild the TestResult herd7 reported (states, counts, flags) and check that
// renderHerdText reprints the block byte for byte (all lines but `Time`). This
// covers the name, kind, Ok/No, witness swap, Observation, Flag, Condition and
// Hash lines on 2,715 real tests.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "litmus/parser.hpp"
#include "report/herd_text.hpp"
#include "report/oracle_blocks.hpp"

namespace mcm::report {
namespace {

exec::StateValue parseValue(const std::string& text) {
  static const std::regex freeVar(R"(S(\d+))"), integer(R"(-?\d+)");
  std::smatch m;
  if (std::regex_match(text, m, freeVar)) return {exec::StateValue::Kind::Free, std::stoll(m[1]), ""};
  if (std::regex_match(text, integer)) return {exec::StateValue::Kind::Int, std::stoll(text), ""};
  return {exec::StateValue::Kind::Symbol, 0, text};
}

// `0:r0=1; [x]=y;` -> entries.
exec::FinalState parseStateLine(const std::string& line) {
  exec::FinalState state;
  std::istringstream in(line);
  for (std::string entry; in >> entry;) {
    entry.pop_back();  // ';'
    auto eq = entry.find('=');
    std::string loc = entry.substr(0, eq);
    litmus::Location location;
    if (loc.front() == '[') {
      location.name = loc.substr(1, loc.size() - 2);
    } else {
      auto colon = loc.find(':');
      location.thread = std::stoi(loc.substr(0, colon));
      location.name = loc.substr(colon + 1);
    }
    state.add(location, parseValue(entry.substr(eq + 1)));
  }
  return state;
}

// The TestResult a herd7 block reports.
exec::TestResult resultOf(const std::vector<std::string>& lines) {
  exec::TestResult r;
  std::size_t i = 1;
  const std::size_t states = std::stoul(lines.at(i++).substr(7));
  for (std::size_t k = 0; k < states; ++k) r.states.push_back(parseStateLine(lines.at(i++)));
  r.loopCutoff = lines.at(i).rfind("Loop ", 0) == 0;
  for (; i < lines.size(); ++i) {
    if (lines[i].rfind("Flag ", 0) == 0) r.flags.insert(lines[i].substr(5));
    std::smatch m;
    static const std::regex observation(R"(Observation \S+ \w+ (\d+) (\d+))");
    if (std::regex_match(lines[i], m, observation)) {
      r.positive = std::stoll(m[1]);
      r.negative = std::stoll(m[2]);
    }
  }
  return r;
}

std::vector<std::string> withoutTime(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (l.rfind("Time ", 0) != 0) lines.push_back(l);
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

void roundTrip(const std::string& corpus, const std::string& oracle, int expectedBlocks) {
  const std::string root = MCM_SHARED_DIR "/litmus/" + corpus + "/";
  int blocks = 0, same = 0;
  for (const auto& [path, lines] : mcm::testing::readOracleBlocks(MCM_SHARED_DIR "/oracle/" + oracle)) {
    if (lines.empty() || lines[0].rfind("Test ", 0) != 0) continue;  // herd7 could not run it
    ++blocks;
    std::vector<std::string> want;
    for (const auto& l : lines)
      if (l.rfind("Time ", 0) != 0) want.push_back(l);
    auto got = withoutTime(renderHerdText(litmus::parseLitmusFile(root + path), resultOf(lines), 0));
    if (got == want) {
      ++same;
      continue;
    }
    std::string diff;
    for (std::size_t k = 0; k < std::max(want.size(), got.size()) && diff.empty(); ++k) {
      std::string w = k < want.size() ? want[k] : "(none)", g = k < got.size() ? got[k] : "(none)";
      if (w != g) diff = "herd7 '" + w + "', mcm '" + g + "'";
    }
    ADD_FAILURE() << path << ": " << diff;
  }
  std::cout << corpus << ": " << blocks << " blocks, " << same << " reprinted identically\n";
  EXPECT_EQ(blocks, expectedBlocks) << "the oracle file changed";
}

// Expected counts: `grep -c '^Test ' /work/shared/oracle/<file>.out`.
TEST(HerdTextOracle, Seed) { roundTrip("seed", "herd7-seed.out", 28); }
TEST(HerdTextOracle, Seed2018) { roundTrip("seed", "herd7-seed-lkmm2018model.out", 28); }
TEST(HerdTextOracle, SeedScenarios) { roundTrip("seed-scenarios", "herd7-seed-scenarios.out", 14); }
TEST(HerdTextOracle, Kernel) { roundTrip("kernel", "herd7-kernel.out", 53); }
TEST(HerdTextOracle, Paulmck) { roundTrip("paulmck", "herd7-paulmck-dev.out", 2620); }

TEST(HerdTextOracle, StateLineParsingIsFaithful) {
  // The round trip is only as good as this parser: check it on a hand-written line.
  exec::FinalState s = parseStateLine("0:r10=-3; 2:r0=S8; [x]=y;");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s.entries()[0].first.thread, 0);
  EXPECT_EQ(s.entries()[0].first.name, "r10");
  EXPECT_EQ(s.entries()[0].second, (exec::StateValue{exec::StateValue::Kind::Int, -3, ""}));
  EXPECT_EQ(s.entries()[1].second, (exec::StateValue{exec::StateValue::Kind::Free, 8, ""}));
  EXPECT_EQ(s.entries()[2].first.thread, -1);
  EXPECT_EQ(s.entries()[2].first.name, "x");
  EXPECT_EQ(s.entries()[2].second, (exec::StateValue{exec::StateValue::Kind::Symbol, 0, "y"}));
}

}  // namespace
}  // namespace mcm::report
