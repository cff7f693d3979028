#include "hw/against.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "report/herd_text.hpp"

namespace mcm::hw {

ModelCheck checkAgainst(const Histogram& histogram, const std::vector<exec::FinalState>& allowed,
                        const std::string& modelName) {
  ModelCheck check;
  check.model = modelName;
  std::set<std::string> observed;
  for (const auto& line : histogram.lines) observed.insert(report::renderStateLine(line.state));
  std::set<std::string> allowedLines;
  for (const auto& state : allowed) {
    const std::string text = report::renderStateLine(state);
    if (!allowedLines.insert(text).second) continue;
    ++check.allowed;
    if (observed.count(text)) ++check.seen;
    else check.unseen.push_back(text);
  }
  for (const auto& line : histogram.lines) {
    const std::string text = report::renderStateLine(line.state);
    if (!allowedLines.count(text)) check.forbidden.push_back({text, line.count});
  }
  return check;
}

ModelCheck checkObservedStates(const Histogram& histogram, const litmus::Test& expanded,
                               std::shared_ptr<const cat::Model> model, const exec::RunOptions& options,
                               const std::string& modelName) {
  using litmus::Prop;
  auto node = [](Prop::Kind kind) {
    auto p = std::make_shared<Prop>();
    p->kind = kind;
    return p;
  };
  auto observed = node(Prop::Kind::Or);
  for (const auto& line : histogram.lines) {
    auto state = node(Prop::Kind::And);
    for (const auto& [location, value] : line.state.entries()) {
      auto atom = node(Prop::Kind::Atom);
      atom->lhs = location;
      atom->rhs.isSymbol = value.kind == exec::StateValue::Kind::Symbol;
      atom->rhs.number = value.number;
      atom->rhs.symbol = value.symbol;
      state->args.push_back(std::move(atom));
    }
    observed->args.push_back(std::move(state));
  }
  litmus::Test filtered = expanded;
  auto filter = node(Prop::Kind::And);
  if (expanded.filter) filter->args.push_back(expanded.filter);
  filter->args.push_back(std::move(observed));
  filtered.filter = std::move(filter);
  const exec::TestResult result = exec::runTest(filtered, std::move(model), options);

  ModelCheck check = checkAgainst(histogram, result.states, modelName);
  check.listed = false;
  return check;
}

std::string renderModelCheck(const std::string& testName, const ModelCheck& check) {
  std::string out;
  if (!check.listed)
    out += fmt::format("States {} allows: not listed (more than {} candidate executions); each observed state was "
                       "judged alone\n",
                       check.model, kListedCandidates);
  else if (check.unseen.empty()) out += fmt::format("Every state {} allows was observed\n", check.model);
  else out += fmt::format("States {} allows, never observed ({}):\n", check.model, check.unseen.size());
  for (const auto& state : check.unseen) out += "  " + state + "\n";
  for (const auto& f : check.forbidden)
    out += fmt::format("!!! FORBIDDEN by {}, observed {} times: {}\n", check.model, f.count, f.state);
  const auto known = [&check](std::size_t n) { return check.listed ? std::to_string(n) : std::string("?"); };
  out += fmt::format("Against {} {} allowed={} seen={} unseen={} forbidden={} {}\n", testName, check.model,
                     known(check.allowed), check.seen, known(check.unseen.size()), check.forbidden.size(),
                     check.forbidden.empty() ? "Ok" : "FORBIDDEN");
  return out;
}

std::string renderSummaryTable(const std::vector<SummaryRow>& rows, const std::string& modelName) {
  std::vector<std::vector<std::string>> cells{
      {"Test", "Iterations", "Cond/M", fmt::format("Seen/{}", modelName), "Forbidden"}};
  for (const auto& row : rows) {
    if (!row.error.empty()) {
      cells.push_back({row.test, "-", "-", "-", row.error});
      continue;
    }
    const unsigned long long perMillion =
        row.iterations == 0 ? 0
                            : static_cast<unsigned long long>(static_cast<long double>(row.positive) * 1000000.0L /
                                                              static_cast<long double>(row.iterations));
    std::string seen = "-", forbidden = "-";
    if (row.check) {
      seen = fmt::format("{}/{}", row.check->seen, row.check->listed ? std::to_string(row.check->allowed) : "?");
      unsigned long long observed = 0;
      for (const auto& f : row.check->forbidden) observed += f.count;
      forbidden = row.check->forbidden.empty() ? "0" : fmt::format("{} !!!", observed);
    }
    cells.push_back({row.test, std::to_string(row.iterations), std::to_string(perMillion), seen, forbidden});
  }
  std::vector<std::size_t> width(cells[0].size(), 0);
  for (const auto& line : cells)
    for (std::size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], line[c].size());
  std::string out;
  for (const auto& line : cells) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      if (c == 0) text += fmt::format("{:<{}}", line[c], width[c]);  // names left, numbers right
      else if (c + 1 == line.size()) text += "  " + line[c];
      else text += fmt::format("  {:>{}}", line[c], width[c]);
    }
    out += text + "\n";
  }
  return out;
}

}  // namespace mcm::hw
