#include "support/file_names.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace mcm {
namespace {

bool isSafeByte(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("._+=,-[](){}@~^%").find(static_cast<char>(c)) != std::string_view::npos;
}

// FNV-1a: stable across runs and builds, which is all collision avoidance needs.
std::uint64_t stableHash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

}  // namespace

std::string safeFileStem(std::string_view name) {
  std::string stem;
  for (unsigned char c : name.substr(0, kMaxFileStem)) stem += isSafeByte(c) ? static_cast<char>(c) : '_';
  if (stem.empty() || stem.front() == '.') stem.insert(stem.begin(), '_');
  if (stem == name) return stem;
  constexpr std::size_t kSuffix = 17;  // '-' and 16 hex digits
  if (stem.size() + kSuffix > kMaxFileStem) stem.resize(kMaxFileStem - kSuffix);
  return fmt::format("{}-{:016x}", stem, stableHash(name));
}

std::filesystem::path fileInside(const std::filesystem::path& dir, std::string_view stem, std::string_view extension) {
  return dir / (safeFileStem(stem) + std::string(extension));
}

std::string testFileStem(std::string_view testPath, std::string_view testName) {
  if (testPath.empty() || testPath == "-") return std::string(testName);
  return std::filesystem::path(testPath).stem().string();
}

}  // namespace mcm
