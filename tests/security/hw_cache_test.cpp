// `mcm hw`'s compiled-program cache: created private, and a corrupt or foreign entry is
// rebuilt, never run; a root others can write into is refused.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "command_output.hpp"

namespace {

namespace fs = std::filesystem;
using mcm::testing::runCommand;

const std::string kSb = std::string(MCM_SHARED_DIR) + "/litmus/seed/SB+poonceonces.litmus";

struct Cache {
  fs::path root = fs::temp_directory_path() / ("mcm-hw-cache-test-" + std::to_string(getpid()));
  Cache() { fs::remove_all(root); }
  ~Cache() {
    std::error_code ec;
    fs::permissions(root, fs::perms::owner_all, ec);
    fs::remove_all(root, ec);
  }
  mcm::testing::CommandOutput run() const {
    return runCommand(std::string(MCM_BINARY) + " hw -n 50 --cache-dir " + root.string() + " " + kSb);
  }
  // The cached executables of test programs (entries named "test").
  std::vector<fs::path> executables() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.path().filename() == "test") out.push_back(e.path());
    return out;
  }
};

mode_t modeOf(const fs::path& p) {
  struct stat st {};
  stat(p.c_str(), &st);
  return st.st_mode & 07777;
}

TEST(HwCache, IsCreatedPrivate) {
  Cache cache;
  ASSERT_EQ(cache.run().status, 0);
  EXPECT_EQ(modeOf(cache.root), 0700u);
  for (const auto& e : cache.executables()) EXPECT_EQ(modeOf(e.parent_path()), 0700u);
}

TEST(HwCache, ACorruptEntryIsRebuiltNeverRun) {
  Cache cache;
  ASSERT_EQ(cache.run().status, 0);
  const auto executables = cache.executables();
  ASSERT_EQ(executables.size(), 1u);
  std::ofstream(executables[0], std::ios::trunc) << "#!/bin/sh\necho PLANTED\nexit 0\n";
  fs::permissions(executables[0], fs::perms::owner_all);
  const auto r = cache.run();
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("PLANTED"), std::string::npos);
  EXPECT_NE(r.out.find("Observation"), std::string::npos) << r.out;
}

TEST(HwCache, AnEntryOthersCouldHaveWrittenIsRebuilt) {
  Cache cache;
  ASSERT_EQ(cache.run().status, 0);
  const fs::path executable = cache.executables().at(0);
  fs::permissions(executable, fs::perms::group_write | fs::perms::others_write, fs::perm_options::add);
  const auto r = cache.run();
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(modeOf(executable) & 022, 0u);  // a fresh build replaced it
}

TEST(HwCache, ARootOthersCanWriteIsRefused) {
  Cache cache;
  fs::create_directories(cache.root);
  fs::permissions(cache.root, fs::perms::all);
  const auto r = cache.run();
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("not a directory private to this user"), std::string::npos) << r.err;
}

}  // namespace
