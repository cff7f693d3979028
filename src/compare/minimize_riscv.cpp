// Minimising a RISC-V test: its code table is edited as text (a thread is a column, an
// instruction a cell), so every variant is a test herd7 itself can read.
#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include "compare/minimize.hpp"
#include "compare/shrink.hpp"
#include "riscv/parser.hpp"

namespace mcm::compare {

namespace {

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The parts of a RISC-V test a variant keeps: its name, init items and code columns.
struct Table {
  std::string name;
  std::vector<std::string> init;                 // "0:x5=1", "x=2", ...
  std::vector<std::vector<std::string>> columns;  // per thread, its cells ("" for an empty one)
};

// The thread whose register an init item sets (`1:x5=2`, `uint64_t 1:x5`), -1 for a location;
// `digits` receives where the thread number is written.
int threadOf(const std::string& item, std::smatch& digits) {
  static const std::regex prefix(R"((^|\s)(\d+):)");
  return std::regex_search(item, digits, prefix) ? std::stoi(digits[2]) : -1;
}

Table readTable(const std::string& text) {
  Table t;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  t.name = trimmed(line.substr(std::min(line.size(), line.find_first_of(" \t"))));
  std::string init;
  bool inInit = false, done = false;
  while (!done && std::getline(in, line)) {
    const std::string s = trimmed(line);
    if (!inInit && s.starts_with("{")) inInit = true;
    if (!inInit) continue;
    init += s + "\n";
    done = s.find('}') != std::string::npos;
  }
  init = init.substr(init.find('{') + 1);
  init = init.substr(0, init.find('}'));
  std::istringstream items(init);
  for (std::string item; std::getline(items, item, ';');)
    if (auto i = trimmed(item); !i.empty()) t.init.push_back(i);
  bool header = true;  // the first row names the threads
  while (std::getline(in, line)) {
    const std::string s = trimmed(line);
    if (s.empty()) continue;
    if (s.starts_with("exists") || s.starts_with("~exists") || s.starts_with("forall") ||
        s.starts_with("locations") || s.starts_with("filter") || s.find(';') == std::string::npos)
      break;
    const std::string row = s.substr(0, s.rfind(';'));
    std::vector<std::string> cells;
    std::istringstream parts(row);
    for (std::string cell; std::getline(parts, cell, '|');) cells.push_back(trimmed(cell));
    if (!row.empty() && row.back() == '|') cells.emplace_back();
    if (header) {
      t.columns.resize(cells.size());
      header = false;
      continue;
    }
    for (std::size_t c = 0; c < t.columns.size(); ++c) t.columns[c].push_back(c < cells.size() ? cells[c] : "");
  }
  return t;
}

// The memory locations the init items name (`0:x6=x`, `x=1`, `int y=2`).
std::set<std::string> memoryLocations(const Table& t) {
  static const std::regex identifier(R"(^[A-Za-z_][A-Za-z0-9_]*$)");
  std::set<std::string> out;
  for (const auto& item : t.init) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) continue;
    const std::string lhs = trimmed(item.substr(0, eq)), rhs = trimmed(item.substr(eq + 1));
    if (lhs.find(':') == std::string::npos) {  // a location, perhaps after its type
      const auto space = lhs.find_last_of(" \t");
      out.insert(space == std::string::npos ? lhs : lhs.substr(space + 1));
    }
    if (std::regex_match(rhs, identifier)) out.insert(rhs);
  }
  return out;
}

std::string render(const Table& t, const std::string& locations, const std::string& condition) {
  std::string text = "RISCV " + t.name + "\n{\n";
  for (const auto& item : t.init) text += item + "; ";
  text += "\n}\n";
  for (std::size_t c = 0; c < t.columns.size(); ++c) text += fmt::format("{}P{}", c ? " | " : " ", c);
  text += " ;\n";
  const std::size_t rows = t.columns.empty() ? 0 : t.columns[0].size();
  for (std::size_t r = 0; r < rows; ++r) {
    std::string line;
    bool any = false;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      line += (c ? " | " : " ") + t.columns[c][r];
      any = any || !t.columns[c][r].empty();
    }
    if (any) text += line + " ;\n";
  }
  return text + locations + condition + "\n";
}

// The deletion space of compare/shrink.hpp over code tables.
class RiscvMinimizer {
 public:
  RiscvMinimizer(const std::string& path, const Side& a, const Side& b, int maxTrials)
      : path_(path), a_(a), b_(b), trialsLeft_(maxTrials) {}

  // Keeps `t` if the models still differ on it: its text then shows every location and
  // every register a load writes, with an exists clause naming a state only one allows.
  bool keep(Table t) {
    if (trialsLeft_-- <= 0) return false;
    try {
      std::string shown;
      for (const auto& l : memoryLocations(t)) shown += l + ";";
      const riscv::Test parsed = riscv::parseText(render(t, "", "exists (true)"), path_);
      std::size_t instructions = 0;
      for (std::size_t th = 0; th < parsed.threads.size(); ++th)
        for (const auto& item : parsed.threads[th].code) {
          if (item.isLabel) continue;
          ++instructions;
          const auto kind = item.instruction.kind;
          using K = riscv::Instruction::Kind;
          if ((kind == K::Load || kind == K::LoadReserve || kind == K::StoreConditional || kind == K::Amo) &&
              item.instruction.rd != 0)
            shown += fmt::format("{}:x{};", th, item.instruction.rd);
        }
      const std::string locations = "locations [" + shown + "]\n";
      const TestComparison c = compareRiscvText(render(t, locations, "exists (true)"), path_, a_, b_);
      if (!c.ran()) return false;
      const int side = c.only[0].empty() ? 1 : 0;
      if (c.only[side].empty()) return false;
      best_ = std::move(t);
      bestText_ = render(best_, locations, "exists (" + stateCondition(c.only[side].front()) + ")");
      allowedBy_ = side;
      instructions_ = instructions;
      return true;
    } catch (const std::exception&) {
      return false;  // the deletion broke the test (a branch to a deleted label, ...)
    }
  }

  const Table& best() const { return best_; }
  bool trialsLeft() const { return trialsLeft_ > 0; }
  static std::size_t threads(const Table& t) { return t.columns.size(); }
  static std::size_t statements(const Table& t, std::size_t thread) { return t.columns[thread].size(); }

  // Column t removed, the init items of its registers with it, later threads renumbered.
  static std::optional<Table> withoutThread(const Table& t, std::size_t thread) {
    Table v = t;
    v.columns.erase(v.columns.begin() + static_cast<long>(thread));
    v.init.clear();
    for (const auto& item : t.init) {
      std::smatch digits;
      const int owner = threadOf(item, digits);
      if (owner == static_cast<int>(thread)) continue;
      if (owner < static_cast<int>(thread)) {
        v.init.push_back(item);
        continue;
      }
      const auto at = static_cast<std::size_t>(digits.position(2));
      v.init.push_back(item.substr(0, at) + std::to_string(owner - 1) + item.substr(at + digits.length(2)));
    }
    return v;
  }

  static std::optional<Table> withoutStatement(const Table& t, std::size_t thread, std::size_t i) {
    if (t.columns[thread][i].empty()) return std::nullopt;
    Table v = t;
    v.columns[thread].erase(v.columns[thread].begin() + static_cast<long>(i));
    v.columns[thread].emplace_back();  // the column keeps its length; render drops empty rows
    return v;
  }

  std::optional<MinimizedTest> result() const {
    if (bestText_.empty()) return std::nullopt;
    return MinimizedTest{bestText_, allowedBy_, best_.columns.size(), instructions_};
  }

 private:
  std::string path_;
  const Side& a_;
  const Side& b_;
  int trialsLeft_;
  Table best_;
  std::string bestText_;
  int allowedBy_ = 0;
  std::size_t instructions_ = 0;
};

}  // namespace

std::optional<MinimizedTest> minimizeRiscvDifference(const std::string& text, const std::string& path, const Side& a,
                                                     const Side& b, int maxTrials) {
  RiscvMinimizer m(path, a, b, maxTrials);
  if (!m.keep(readTable(text))) return std::nullopt;
  shrinkWhileDifferent(m);
  return m.result();
}

}  // namespace mcm::compare
