// The code text herd's Hash digests for an assembly test (TestHash.digest_code):
// labels renamed L00, L01, ... in the byte order of their names over the whole
// program, each thread a column of its instructions and `LABEL:` lines, the
// columns padded to their widest cell, rows ` cell | cell ;`.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "riscv/semantics.hpp"

namespace mcm::riscv {

std::string hashCodeText(const Test& test) {
  std::set<std::string> labels;
  for (const auto& t : test.threads)
    for (const auto& item : t.code)
      if (item.isLabel) labels.insert(item.label);
      else if (!item.instruction.label.empty()) labels.insert(item.instruction.label);
  std::map<std::string, std::string> renamed;
  for (const auto& l : labels) renamed[l] = fmt::format("L{:02}", renamed.size());

  std::vector<std::vector<std::string>> columns;
  for (const auto& t : test.threads) {
    std::vector<std::string> column;
    for (const auto& item : t.code) {
      if (item.isLabel) {
        column.push_back(renamed[item.label] + ":");
      } else {
        Instruction ins = item.instruction;
        if (!ins.label.empty()) ins.label = renamed[ins.label];
        column.push_back(dumpInstruction(ins));
      }
    }
    columns.push_back(std::move(column));
  }
  std::vector<std::size_t> widths;
  std::size_t rows = 0;
  for (const auto& c : columns) {
    std::size_t w = 0;
    for (const auto& cell : c) w = std::max(w, cell.size());
    widths.push_back(w);
    rows = std::max(rows, c.size());
  }
  std::string out;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) out += '|';
      const std::string& cell = r < columns[c].size() ? columns[c][r] : std::string();
      out += fmt::format(" {:<{}} ", cell, widths[c]);
    }
    out += ";\n";
  }
  return out;
}

}  // namespace mcm::riscv
