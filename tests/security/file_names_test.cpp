// safeFileStem/fileInside: every name, however hostile, becomes one file directly inside the
// given directory; ordinary test names are kept as they are (herd7's names).
#include <gtest/gtest.h>

#include <set>

#include "support/file_names.hpp"

namespace mcm {
namespace {

const std::vector<std::string> kHostileNames = {
    "../x", "../../../etc/passwd", "/abs/path", "a/b", "a_b", ".", "..", "", ".hidden", "q\"uo'te",
    "back\\slash\\", "line\nbreak", "$(touch pwned)", "`id`", "tab\there", std::string(10000, 'A'),
    std::string(10000, 'A') + "B", std::string("nul\0byte", 8), "\x1b[31mred"};

TEST(SafeFileStem, EveryHostileNameStaysADirectChildOfTheDirectory) {
  const std::filesystem::path dir = "/some/dir";
  for (const auto& name : kHostileNames) {
    const auto path = fileInside(dir, name, ".cpp");
    EXPECT_EQ(path.parent_path(), dir) << name;
    const std::string file = path.filename().string();
    EXPECT_EQ(file.find('/'), std::string::npos) << name;
    EXPECT_NE(file.front(), '.') << name;
    EXPECT_LE(file.size(), kMaxFileStem + 4) << name;
    for (unsigned char c : file) EXPECT_TRUE(c > 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '$') << name;
  }
}

TEST(SafeFileStem, DistinctNamesGiveDistinctFilesTheSameNameTheSameFile) {
  std::set<std::string> stems;
  for (const auto& name : kHostileNames) stems.insert(safeFileStem(name));
  EXPECT_EQ(stems.size(), kHostileNames.size());
  for (const auto& name : kHostileNames) EXPECT_EQ(safeFileStem(name), safeFileStem(std::string(name)));
}

TEST(SafeFileStem, OrdinaryTestNamesAreKept) {
  for (const std::string name : {"SB+poonceonces", "C-MP+fencewmbonceonce+addronceonce-[fronceonce-rf]onceonce",
                                 "Z6.0+pooncelock+poonceLock+pombonce", "LB+fencembonceonce+ctrlonceonce",
                                 "SB+poonceonces.litmus"})
    EXPECT_EQ(safeFileStem(name), name);
}

TEST(TestFileStem, IsTheFileBasenameWithoutExtensionElseTheName) {
  EXPECT_EQ(testFileStem("dir/sub/SB+x.litmus", "../evil"), "SB+x");
  EXPECT_EQ(testFileStem("", "SB"), "SB");
}

}  // namespace
}  // namespace mcm
