#pragma once
// What running one litmus test produced, as the corpus runner records it.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mcm::corpus {

struct TestOutcome {
  enum class Status { Ok, Error, Timeout, OutOfMemory, Crash, Unsupported /* not a C test */ };
  Status status = Status::Ok;
  std::string observation;  // Never | Sometimes | Always (Status::Ok only)
  long long positive = 0;
  long long negative = 0;
  long long states = 0;
  std::vector<std::string> flags;  // sorted
  std::string error;               // message for every status but Ok
  double seconds = 0;              // CPU time of the test
  std::string output;              // the herd7-format text, for comparison with herd7's own
  std::optional<std::string> annotation;  // the test's `Result:` text, if it has one
};

std::string statusName(TestOutcome::Status);
// Takes the outcome's strings (a large test's text is hundreds of MB: not copied).
nlohmann::json toJson(TestOutcome);
// Fills observation, counts, states and flags from herd7-format output text.
void readHerdText(const std::string& text, TestOutcome& outcome);
TestOutcome outcomeFromJson(const nlohmann::json&);

}  // namespace mcm::corpus
