#pragma once
// Reads herd7's reference outputs (/work/shared/oracle/*.out): one block per test,
// introduced by `#### <path relative to the corpus>`. A test herd7 could not run
// has an empty block.
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace mcm::testing {

// Path -> the block's lines, without the header and without trailing blank lines.
inline std::map<std::string, std::vector<std::string>> readOracleBlocks(const std::string& outFile) {
  std::map<std::string, std::vector<std::string>> blocks;
  std::ifstream in(outFile);
  std::vector<std::string>* current = nullptr;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("#### ", 0) == 0) {
      current = &blocks[line.substr(5)];
      continue;
    }
    if (current) current->push_back(line);
  }
  for (auto& [path, lines] : blocks)
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return blocks;
}

// The value of the block's `Hash=` line, "" if none.
inline std::string oracleHash(const std::vector<std::string>& lines) {
  for (const auto& line : lines)
    if (line.rfind("Hash=", 0) == 0) return line.substr(5);
  return "";
}

}  // namespace mcm::testing
