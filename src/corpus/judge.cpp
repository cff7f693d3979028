#include "corpus/judge.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace mcm::corpus {

namespace {

bool hasFlag(const TestOutcome& o, const std::string& flag) {
  return std::find(o.flags.begin(), o.flags.end(), flag) != o.flags.end();
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) out.push_back(cur), cur.clear();
    else cur += c;
  }
  out.push_back(cur);
  return out;
}

Judgement mismatch(std::string reason) { return {Judgement::Kind::Mismatch, std::move(reason)}; }
Judgement pass() { return {Judgement::Kind::Pass, ""}; }

}  // namespace

std::string kindName(Judgement::Kind k) {
  switch (k) {
    case Judgement::Kind::Pass: return "pass";
    case Judgement::Kind::Forgiven: return "forgiven";
    case Judgement::Kind::NoJudgement: return "no-judgement";
    case Judgement::Kind::Known: return "known-difference";
    case Judgement::Kind::Mismatch: return "mismatch";
  }
  return "?";
}

Judgement::Kind kindFromName(const std::string& name) {
  for (const auto k : {Judgement::Kind::Pass, Judgement::Kind::Forgiven, Judgement::Kind::NoJudgement,
                       Judgement::Kind::Known, Judgement::Kind::Mismatch})
    if (kindName(k) == name) return k;
  throw std::runtime_error("unknown judgement " + name);
}

Judgement judgeAgainstAnnotation(const std::optional<std::string>& annotation, const TestOutcome& o) {
  if (o.status == TestOutcome::Status::Unsupported) return {Judgement::Kind::NoJudgement, o.error};
  if (o.status != TestOutcome::Status::Ok)
    return mismatch(fmt::format("{}: {}", statusName(o.status), o.error));
  if (!annotation) return {Judgement::Kind::NoJudgement, "no Result: annotation"};
  const auto w = words(*annotation);
  if (w.empty()) return {Judgement::Kind::NoJudgement, "empty Result: annotation"};
  const std::string& expected = w[0];

  if (expected == "Flag") {
    if (w.size() < 2) return {Judgement::Kind::NoJudgement, "Result: Flag without a name"};
    if (hasFlag(o, w[1])) return pass();
    return mismatch(fmt::format("expected Flag {}, got flags [{}]", w[1], fmt::join(o.flags, ",")));
  }

  const bool racePredicted = std::find(w.begin() + 1, w.end(), "DATARACE") != w.end();
  const bool raceModeled = hasFlag(o, "data-race");
  if (racePredicted && !raceModeled) return mismatch("predicted data race not modeled");
  if (!racePredicted && raceModeled) return mismatch("unexpected data race modeled");

  const bool deadlock = o.observation == "Never" && o.positive == 0 && o.negative == 0;
  if (expected == "DEADLOCK")
    return deadlock ? pass() : mismatch(fmt::format("expected DEADLOCK, got {} {} {}", o.observation, o.positive, o.negative));
  if (deadlock) return mismatch(fmt::format("expected {}, got a deadlock (Never 0 0)", expected));
  if (expected == "Maybe") return pass();
  if (o.observation == expected) return pass();
  const auto reason = fmt::format("expected {}, got {}", expected, o.observation);
  if (raceModeled) return {Judgement::Kind::Forgiven, reason + " (forgiven: data race)"};
  return mismatch(reason);
}

std::map<std::string, OracleRow> readOracleTsv(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read oracle " + file);
  std::map<std::string, OracleRow> rows;
  std::string line;
  std::getline(in, line);
  // Columns by their header names: the LKMM oracles have flags and cpu_s, the RISC-V ones not.
  const auto header = split(line, '\t');
  auto column = [&](const char* name) {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int status = column("status"), observation = column("observation"), positive = column("positive"),
            negative = column("negative"), states = column("states"), flags = column("flags"), cpu = column("cpu_s");
  if (header.empty() || header[0] != "path" || status < 0 || observation < 0 || positive < 0 || negative < 0 ||
      states < 0)
    throw std::runtime_error(file + ":1: expected a header path, status, observation, positive, negative, states");
  for (int lineNo = 2; std::getline(in, line); ++lineNo) {
    if (line.empty()) continue;
    const auto f = split(line, '\t');
    if (f.size() != header.size())
      throw std::runtime_error(fmt::format("{}:{}: expected {} tab-separated fields", file, lineNo, header.size()));
    OracleRow r;
    r.status = f[status];
    if (r.status == "ok") {
      r.observation = f[observation];
      r.positive = std::stoll(f[positive]);
      r.negative = std::stoll(f[negative]);
      r.states = std::stoll(f[states]);
    }
    if (flags >= 0 && f[flags] != "-") r.flags = split(f[flags], ',');
    std::sort(r.flags.begin(), r.flags.end());
    r.cpuSeconds = cpu < 0 || f[cpu] == "-" ? 0 : std::stod(f[cpu]);
    rows[f[0]] = r;
  }
  return rows;
}

Judgement judgeAgainstOracle(const OracleRow& herd, const TestOutcome& o) {
  if (o.status == TestOutcome::Status::Unsupported) return {Judgement::Kind::NoJudgement, o.error};
  const bool mcmOk = o.status == TestOutcome::Status::Ok;
  if (herd.status != "ok") {
    if (!mcmOk) return {Judgement::Kind::NoJudgement, fmt::format("herd7 {}, mcm {}", herd.status, statusName(o.status))};
    return {Judgement::Kind::NoJudgement, fmt::format("herd7 {}, mcm finished: {} {} {}", herd.status,
                                                      o.observation, o.positive, o.negative)};
  }
  if (!mcmOk) return mismatch(fmt::format("herd7 ok, mcm {}: {}", statusName(o.status), o.error));
  std::vector<std::string> diffs;
  if (herd.observation != o.observation || herd.positive != o.positive || herd.negative != o.negative)
    diffs.push_back(fmt::format("observation herd7 {} {} {} mcm {} {} {}", herd.observation, herd.positive,
                                herd.negative, o.observation, o.positive, o.negative));
  if (herd.states != o.states) diffs.push_back(fmt::format("states herd7 {} mcm {}", herd.states, o.states));
  if (herd.flags != o.flags)
    diffs.push_back(fmt::format("flags herd7 [{}] mcm [{}]", fmt::join(herd.flags, ","), fmt::join(o.flags, ",")));
  if (diffs.empty()) return pass();
  return mismatch(fmt::format("{}", fmt::join(diffs, "; ")));
}

KnownDifferences readKnownDifferences(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read known differences " + file);
  KnownDifferences known;
  std::string line;
  for (int lineNo = 1; std::getline(in, line); ++lineNo) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    if (f.size() != 3 || (f[1] != "annotation" && f[1] != "herd7") || f[2].empty())
      throw std::runtime_error(fmt::format("{}:{}: expected KEY<TAB>annotation|herd7<TAB>REASON", file, lineNo));
    known[{f[0], f[1]}] = f[2];
  }
  return known;
}

}  // namespace mcm::corpus
