#pragma once
// A corpus run: which files, how each test fared against its annotation and
// against herd7, and the summary and report written at the end.
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corpus/judge.hpp"
#include "corpus/outcome.hpp"

namespace mcm::corpus {

struct CorpusFile {
  std::string path;  // as found on disk
  std::string key;   // path relative to the root it was found under (how oracles name tests)
};

// Every `.litmus` file under the roots (a root may also be a single file),
// sorted by key. Throws std::runtime_error for a root that does not exist.
std::vector<CorpusFile> findLitmusFiles(const std::vector<std::string>& roots);

// The I-th (1-based) of N deterministic slices of `files` (as findLitmusFiles
// sorts them): every N-th file from the I-th on, so slow directories spread over
// the shards. The N slices partition the files. Throws std::invalid_argument
// unless 1 <= I <= N.
std::vector<CorpusFile> shardOf(const std::vector<CorpusFile>& files, int index, int count);

// herd7's text per test from an oracle `.out` file (blocks headed `#### KEY`),
// with the `Time` line removed.
std::map<std::string, std::string> readOracleOutput(const std::string& file);
std::string withoutTimeLine(const std::string& herdText);

struct TestRecord {
  CorpusFile file;
  TestOutcome outcome;
  Judgement annotation;             // against the `Result:` line
  std::optional<Judgement> oracle;  // against herd7, when an oracle was given
  std::optional<double> herdSeconds;  // herd7's CPU time, when it finished the test
};

// What a corpus is judged against; every part may be empty.
struct References {
  std::map<std::string, OracleRow> herdRows;      // herd7's verdicts by key
  std::map<std::string, std::string> herdTexts;   // herd7's text by key (without Time)
  KnownDifferences known;
};

// Judges one outcome.
TestRecord judge(const CorpusFile&, const TestOutcome&, const References&);

// Counts by kind, mismatches, slowest tests, total time and, with an oracle,
// mcm's time against herd7's on the tests both finished. Returns true when
// nothing mismatched.
bool printSummary(std::ostream& out, const std::vector<TestRecord>& records, const References& references,
                  double wallSeconds);

// One row per test keyed by path; JSON if the file name ends in .json, else TSV.
void writeReport(const std::string& file, const std::vector<TestRecord>& records);

// The records of JSON reports (of shards of one corpus), merged and sorted by
// key as one run sorts them. Throws std::runtime_error on an unreadable or
// malformed report, or a test present in two reports.
std::vector<TestRecord> readJsonReports(const std::vector<std::string>& files);

}  // namespace mcm::corpus
