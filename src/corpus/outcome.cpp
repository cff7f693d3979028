#include "corpus/outcome.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <stdexcept>

namespace mcm::corpus {

namespace {
constexpr std::array<const char*, 6> kStatusNames = {"ok", "error", "timeout", "out-of-memory", "crash", "unsupported"};
}

std::string statusName(TestOutcome::Status s) { return kStatusNames[static_cast<size_t>(s)]; }

nlohmann::json toJson(TestOutcome o) {
  nlohmann::json j = {{"status", statusName(o.status)}, {"observation", std::move(o.observation)},
                      {"positive", o.positive},         {"negative", o.negative},
                      {"states", o.states},             {"flags", std::move(o.flags)},
                      {"error", std::move(o.error)},    {"seconds", o.seconds},
                      {"output", std::move(o.output)}};
  if (o.annotation) j["annotation"] = std::move(*o.annotation);
  return j;
}

TestOutcome outcomeFromJson(const nlohmann::json& j) {
  TestOutcome o;
  const auto status = j.at("status").get<std::string>();
  bool known = false;
  for (size_t i = 0; i < kStatusNames.size(); ++i)
    if (status == kStatusNames[i]) o.status = static_cast<TestOutcome::Status>(i), known = true;
  if (!known) throw std::runtime_error("unknown test status " + status);
  o.observation = j.at("observation").get<std::string>();
  o.positive = j.at("positive").get<long long>();
  o.negative = j.at("negative").get<long long>();
  o.states = j.at("states").get<long long>();
  o.flags = j.at("flags").get<std::vector<std::string>>();
  o.error = j.at("error").get<std::string>();
  o.seconds = j.at("seconds").get<double>();
  o.output = j.value("output", "");
  if (j.contains("annotation")) o.annotation = j.at("annotation").get<std::string>();
  return o;
}

void readHerdText(const std::string& text, TestOutcome& o) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string head;
    words >> head;
    if (head == "States") words >> o.states;
    else if (head == "Flag") o.flags.push_back(line.substr(5));
    else if (head == "Observation") {
      std::string name;
      words >> name >> o.observation >> o.positive >> o.negative;
    }
  }
  std::sort(o.flags.begin(), o.flags.end());
}

}  // namespace mcm::corpus
