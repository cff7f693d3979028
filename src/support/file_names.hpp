#pragma once
// The one place a test becomes a file name. A test's text (its name on line 1) is written by
// whoever wrote the test; nothing in it may choose where mcm writes.

#include <filesystem>
#include <string>
#include <string_view>

namespace mcm {

// `name` as one safe path component: bytes outside [A-Za-z0-9._+=,-[](){}@~^%] become '_', a
// leading '.' becomes '_' (no "..", no hidden files), at most kMaxFileStem bytes. When anything
// changed, '-' and a hash of the original name are appended, so distinct names stay distinct
// and the same name always gives the same file.
std::string safeFileStem(std::string_view name);
inline constexpr std::size_t kMaxFileStem = 200;

// dir/<safe stem><extension>: always a direct child of dir.
std::filesystem::path fileInside(const std::filesystem::path& dir, std::string_view stem, std::string_view extension);

// The stem herd7 names a test's output files after: the test file's basename without its
// extension; the test's name when it came from no file.
std::string testFileStem(std::string_view testPath, std::string_view testName);

}  // namespace mcm
