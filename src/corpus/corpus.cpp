#include "corpus/corpus.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace mcm::corpus {

namespace fs = std::filesystem;

std::vector<CorpusFile> findLitmusFiles(const std::vector<std::string>& roots) {
  std::vector<CorpusFile> files;
  for (const auto& root : roots) {
    const fs::path rootPath(root);
    if (fs::is_regular_file(rootPath)) {
      files.push_back({root, rootPath.filename().string()});
      continue;
    }
    if (!fs::is_directory(rootPath)) throw std::runtime_error(root + ": no such file or directory");
    for (const auto& entry : fs::recursive_directory_iterator(rootPath)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".litmus") continue;
      files.push_back({entry.path().string(), fs::relative(entry.path(), rootPath).string()});
    }
  }
  std::sort(files.begin(), files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return std::tie(a.key, a.path) < std::tie(b.key, b.path); });
  return files;
}

std::vector<CorpusFile> shardOf(const std::vector<CorpusFile>& files, int index, int count) {
  if (count < 1 || index < 1 || index > count)
    throw std::invalid_argument(fmt::format("shard {}/{}: needs 1 <= I <= N", index, count));
  std::vector<CorpusFile> slice;
  for (std::size_t i = static_cast<std::size_t>(index - 1); i < files.size(); i += static_cast<std::size_t>(count))
    slice.push_back(files[i]);
  return slice;
}

std::string withoutTimeLine(const std::string& herdText) {
  std::istringstream in(herdText);
  std::string kept;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("Time ", 0) != 0) kept += line + '\n';
  return kept;
}

std::map<std::string, std::string> readOracleOutput(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read oracle " + file);
  std::map<std::string, std::string> blocks;
  std::string key, text;
  const auto flush = [&] {
    if (!key.empty()) blocks[key] = withoutTimeLine(text);
  };
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("#### ", 0) == 0) {
      flush();
      key = line.substr(5);
      text.clear();
    } else {
      text += line + '\n';
    }
  }
  flush();
  return blocks;
}

namespace {

Judgement againstOracle(const CorpusFile& file, const TestOutcome& outcome, const References& refs) {
  const auto row = refs.herdRows.find(file.key);
  if (row == refs.herdRows.end()) return {Judgement::Kind::NoJudgement, "not in the oracle"};
  Judgement j = judgeAgainstOracle(row->second, outcome);
  if (j.kind != Judgement::Kind::Pass) return j;
  const auto text = refs.herdTexts.find(file.key);
  if (text != refs.herdTexts.end() && text->second != withoutTimeLine(outcome.output))
    return {Judgement::Kind::Mismatch, "same verdict, but the output text differs from herd7's"};
  return j;
}

// A listed mismatch becomes Known, keeping what differs in the reason.
void applyKnown(const std::string& key, const std::string& against, const KnownDifferences& known, Judgement& j) {
  const auto it = known.find({key, against});
  if (it == known.end() || j.kind != Judgement::Kind::Mismatch) return;
  j = {Judgement::Kind::Known, it->second + " [" + j.reason + "]"};
}

}  // namespace

TestRecord judge(const CorpusFile& file, const TestOutcome& outcome, const References& refs) {
  TestRecord record{file, outcome, judgeAgainstAnnotation(outcome.annotation, outcome), std::nullopt, std::nullopt};
  record.outcome.output.clear();  // compared here, not kept: a large test's is hundreds of MB
  record.outcome.output.shrink_to_fit();
  applyKnown(file.key, "annotation", refs.known, record.annotation);
  if (refs.herdRows.empty()) return record;
  record.oracle = againstOracle(file, outcome, refs);
  applyKnown(file.key, "herd7", refs.known, *record.oracle);
  const auto row = refs.herdRows.find(file.key);
  if (row != refs.herdRows.end() && row->second.status == "ok") record.herdSeconds = row->second.cpuSeconds;
  return record;
}

namespace {

struct Tally {
  std::map<std::string, int> counts;
  void add(const std::string& what) { ++counts[what]; }
};

std::string oracleCategory(const TestRecord& r) {
  if (!r.oracle) return "";
  return kindName(r.oracle->kind);
}

template <class Seconds>
void printSlowest(std::ostream& out, const std::string& tool, const std::vector<TestRecord>& records, Seconds seconds) {
  std::vector<std::pair<double, const TestRecord*>> timed;
  timed.reserve(records.size());
  for (const auto& r : records)
    if (const auto s = seconds(r)) timed.emplace_back(*s, &r);
  std::sort(timed.begin(), timed.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second->file.key < b.second->file.key;
  });
  fmt::print(out, "\nSlowest tests ({}):\n", tool);
  for (std::size_t i = 0; i < std::min<std::size_t>(10, timed.size()); ++i)
    fmt::print(out, "  {:8.3f} s  {} ({})\n", timed[i].first, timed[i].second->file.key,
               statusName(timed[i].second->outcome.status));
}

}  // namespace

bool printSummary(std::ostream& out, const std::vector<TestRecord>& records, const References& references,
                  double wallSeconds) {
  Tally status, annotation, oracle;
  double cpu = 0;
  for (const auto& r : records) {
    status.add(statusName(r.outcome.status));
    annotation.add(kindName(r.annotation.kind));
    if (r.oracle) oracle.add(oracleCategory(r));
    cpu += r.outcome.seconds;
  }
  const auto printTally = [&](const std::string& title, const Tally& t) {
    fmt::print(out, "{:<28}", title);
    for (const auto& [k, n] : t.counts) fmt::print(out, " {}={}", k, n);
    fmt::print(out, "\n");
  };
  fmt::print(out, "\n== Summary: {} tests, {:.1f} s wall, {:.1f} s CPU in tests ==\n", records.size(), wallSeconds, cpu);
  printTally("run status:", status);
  printTally("vs Result: annotation:", annotation);
  if (!oracle.counts.empty()) printTally("vs herd7 oracle:", oracle);

  bool clean = true;
  for (const auto& r : records) {
    const bool annotationBad = r.annotation.kind == Judgement::Kind::Mismatch;
    const bool oracleBad = r.oracle && r.oracle->kind == Judgement::Kind::Mismatch;
    if (!annotationBad && !oracleBad) continue;
    if (clean) fmt::print(out, "\nMismatches:\n");
    clean = false;
    if (annotationBad) fmt::print(out, "  {}: Result: {}\n", r.file.key, r.annotation.reason);
    if (oracleBad) fmt::print(out, "  {}: herd7: {}\n", r.file.key, r.oracle->reason);
  }
  bool firstKnown = true;
  for (const auto& r : records) {
    for (const auto& [against, j] : {std::pair<const char*, const Judgement*>{"Result:", &r.annotation},
                                     {"herd7:", r.oracle ? &*r.oracle : nullptr}}) {
      if (!j || j->kind != Judgement::Kind::Known) continue;
      if (firstKnown) fmt::print(out, "\nKnown differences:\n");
      firstKnown = false;
      fmt::print(out, "  {}: {} {}\n", r.file.key, against, j->reason);
    }
  }

  // A listed difference that no longer differs should leave the list.
  std::map<std::pair<std::string, std::string>, const TestRecord*> byKnown;
  for (const auto& r : records) {
    if (r.annotation.kind == Judgement::Kind::Known) byKnown[{r.file.key, "annotation"}] = &r;
    if (r.oracle && r.oracle->kind == Judgement::Kind::Known) byKnown[{r.file.key, "herd7"}] = &r;
  }
  bool firstStale = true;
  for (const auto& r : records)
    for (const char* against : {"annotation", "herd7"})
      if (references.known.count({r.file.key, against}) && !byKnown.count({r.file.key, against})) {
        if (firstStale) fmt::print(out, "\nListed as known differences but no longer differing:\n");
        firstStale = false;
        fmt::print(out, "  {} ({})\n", r.file.key, against);
      }

  printSlowest(out, "mcm", records, [](const TestRecord& r) { return std::optional<double>(r.outcome.seconds); });
  double mcmBoth = 0, herdBoth = 0;
  int both = 0;
  for (const auto& r : records) {
    if (!r.herdSeconds || r.outcome.status != TestOutcome::Status::Ok) continue;
    mcmBoth += r.outcome.seconds;
    herdBoth += *r.herdSeconds;
    ++both;
  }
  if (both > 0) {
    printSlowest(out, "herd7", records, [](const TestRecord& r) { return r.herdSeconds; });
    fmt::print(out, "\nOn the {} tests both finished: mcm {:.2f} s CPU, herd7 {:.2f} s CPU: mcm is {:.1f}x {}\n", both,
               mcmBoth, herdBoth, mcmBoth > 0 && herdBoth >= mcmBoth ? herdBoth / mcmBoth : mcmBoth / herdBoth,
               herdBoth >= mcmBoth ? "faster" : "slower");
  }
  return clean;
}

void writeReport(const std::string& file, const std::vector<TestRecord>& records) {
  std::ofstream out(file);
  if (!out) throw std::runtime_error("cannot write report " + file);
  if (fs::path(file).extension() == ".json") {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : records) {
      nlohmann::json row = toJson(r.outcome);
      row.erase("output");
      row["path"] = r.file.key;
      row["vs_annotation"] = {{"kind", kindName(r.annotation.kind)}, {"reason", r.annotation.reason}};
      if (r.oracle) row["vs_herd7"] = {{"kind", kindName(r.oracle->kind)}, {"reason", r.oracle->reason}};
      if (r.herdSeconds) row["herd7_cpu_s"] = *r.herdSeconds;
      rows.push_back(std::move(row));
    }
    out << rows.dump(1) << '\n';
    return;
  }
  fmt::print(out, "path\tstatus\tobservation\tpositive\tnegative\tstates\tflags\tcpu_s\tannotation\tvs_annotation\tvs_herd7\treason\n");
  for (const auto& r : records) {
    const auto& o = r.outcome;
    std::string flags = o.flags.empty() ? "-" : fmt::format("{}", fmt::join(o.flags, ","));
    std::string reason = r.annotation.reason;
    if (r.oracle && !r.oracle->reason.empty()) reason += (reason.empty() ? "" : "; ") + r.oracle->reason;
    if (!o.error.empty()) reason += (reason.empty() ? "" : "; ") + o.error;
    std::replace(reason.begin(), reason.end(), '\t', ' ');
    std::replace(reason.begin(), reason.end(), '\n', ' ');
    const bool ok = o.status == TestOutcome::Status::Ok;
    fmt::print(out, "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.3f}\t{}\t{}\t{}\t{}\n", r.file.key, statusName(o.status),
               ok ? o.observation : "-", ok ? std::to_string(o.positive) : "-", ok ? std::to_string(o.negative) : "-",
               ok ? std::to_string(o.states) : "-", flags, o.seconds, o.annotation.value_or("-"),
               kindName(r.annotation.kind), r.oracle ? kindName(r.oracle->kind) : "-", reason.empty() ? "-" : reason);
  }
}

namespace {

Judgement judgementFromJson(const nlohmann::json& j) {
  return {kindFromName(j.at("kind").get<std::string>()), j.at("reason").get<std::string>()};
}

}  // namespace

std::vector<TestRecord> readJsonReports(const std::vector<std::string>& files) {
  std::vector<TestRecord> records;
  std::map<std::string, std::string> seenIn;  // key -> report
  for (const auto& file : files) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read report " + file);
    try {
      const nlohmann::json rows = nlohmann::json::parse(in);
      if (!rows.is_array()) throw std::runtime_error("not a JSON report of `mcm corpus --report F.json`");
      for (const auto& row : rows) {
        TestRecord r;
        r.file.key = r.file.path = row.at("path").get<std::string>();
        if (const auto [it, fresh] = seenIn.emplace(r.file.key, file); !fresh)
          throw std::runtime_error(r.file.key + " is also in " + it->second + " (shards overlap?)");
        r.outcome = outcomeFromJson(row);
        r.annotation = judgementFromJson(row.at("vs_annotation"));
        if (row.contains("vs_herd7")) r.oracle = judgementFromJson(row.at("vs_herd7"));
        if (row.contains("herd7_cpu_s")) r.herdSeconds = row.at("herd7_cpu_s").get<double>();
        records.push_back(std::move(r));
      }
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(file + ": " + e.what());
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(file + ": " + e.what());
    }
  }
  std::stable_sort(records.begin(), records.end(),
                   [](const TestRecord& a, const TestRecord& b) { return a.file.key < b.file.key; });
  return records;
}

}  // namespace mcm::corpus
