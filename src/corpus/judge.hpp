#pragma once
// Judging a test's outcome: against its `Result:` annotation, the way the
// kernel's judgelitmus.sh does, and against herd7's recorded verdict.
#include <map>
#include <optional>
#include <string>

#include "corpus/outcome.hpp"

namespace mcm::corpus {

struct Judgement {
  enum class Kind { Pass, Forgiven, NoJudgement, Known /* a listed, explained difference */, Mismatch };
  Kind kind = Kind::NoJudgement;
  std::string reason;  // why it is not a plain Pass; empty otherwise
};

std::string kindName(Judgement::Kind);
// Inverse of kindName; throws std::runtime_error on an unknown name.
Judgement::Kind kindFromName(const std::string& name);

// `annotation` is the text after `Result:` ("Never", "Sometimes DATARACE",
// "DEADLOCK", "Flag srcu-bad-nesting", "Maybe"), absent when the test has none.
// judgelitmus.sh rules: a predicted data race must be flagged and a flagged one
// must be predicted; DEADLOCK means `Never 0 0`; an unexpected `Never 0 0` is a
// deadlock mismatch; a wrong Always/Sometimes/Never word is forgiven when a data
// race is flagged. `Flag NAME` (which judgelitmus.sh cannot judge) passes when
// the outcome raises that flag.
Judgement judgeAgainstAnnotation(const std::optional<std::string>& annotation, const TestOutcome&);

// One row of an oracle TSV (herd7's own results).
struct OracleRow {
  std::string status;  // ok | error | timeout
  std::string observation;
  long long positive = 0, negative = 0, states = 0;
  std::vector<std::string> flags;
  double cpuSeconds = 0;
};

// Reads `path status observation positive negative states wall_s result_annot flags cpu_s ...`.
std::map<std::string, OracleRow> readOracleTsv(const std::string& file);

// Same observation, witness counts, state count and flags as herd7. Tests herd7
// did not finish (timeout/error) give NoJudgement when mcm errs too, and a
// reason describing what mcm did otherwise.
Judgement judgeAgainstOracle(const OracleRow&, const TestOutcome&);

// Differences we know and have explained: `KEY<TAB>annotation|herd7<TAB>reason`
// lines (`#` comments allowed). A listed mismatch is judged Known, not Mismatch.
using KnownDifferences = std::map<std::pair<std::string, std::string>, std::string>;  // (key, against) -> reason
KnownDifferences readKnownDifferences(const std::string& file);

}  // namespace mcm::corpus
