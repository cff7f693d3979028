// `mcm cat-check`: exit status 0 and "FILE: ok" for good models, 2 and the
// positioned error on stderr for bad ones.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sys/wait.h>

namespace {

struct Result {
  int status;
  std::string out;  // stdout and stderr together
};

// Runs `mcm cat-check ARGS` (in DIR when given).
Result runCatCheck(const std::string& args, const std::string& dir = "") {
  std::string cmd = (dir.empty() ? "" : "cd " + dir + " && ") + std::string(MCM_BINARY) + " cat-check " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  Result r{-1, ""};
  if (!p) return r;
  std::array<char, 4096> buf;
  while (std::size_t k = fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), k);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

const std::string kModels = std::string(MCM_SHARED_DIR) + "/models/";

TEST(CatCheckCli, AcceptsBothKernelModelVersions) {
  for (const char* v : {"lkmm", "lkmm-2018"}) {
    std::string cat = kModels + v + "/linux-kernel.cat";
    Result r = runCatCheck(cat + " --bell " + kModels + v + "/linux-kernel.bell");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, cat + ": ok\n");
  }
}

TEST(CatCheckCli, AcceptsOurLibraryAndLkmm) {
  const std::string src = std::string(MCM_SOURCE_DIR) + "/src/cat/";
  for (const char* f : {"lib/stdlib.cat", "lib/cross.cat", "lib/cos-opt.cat"}) {
    Result r = runCatCheck(src + f);
    EXPECT_EQ(r.status, 0) << r.out;
  }
  const std::string lkmm = std::string(MCM_SOURCE_DIR) + "/src/models/lkmm/";
  Result r = runCatCheck(lkmm + "lkmm.cat --bell " + lkmm + "lkmm.bell");
  EXPECT_EQ(r.status, 0) << r.out;
}

TEST(CatCheckCli, IncludeDirectoriesAreSearched) {
  // lock.cat is found through -I when the model lives elsewhere.
  std::string dir = ::testing::TempDir();
  std::ofstream(dir + "/uses-lock.cat") << "\"t\"\ninclude \"lock.cat\"\n";
  Result bad = runCatCheck(dir + "/uses-lock.cat");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find("uses-lock.cat:2:1: error: cannot find included file \"lock.cat\""), std::string::npos) << bad.out;
  Result good = runCatCheck(dir + "/uses-lock.cat -I " + kModels + "lkmm --bell " + kModels + "lkmm/linux-kernel.bell");
  EXPECT_EQ(good.status, 0) << good.out;
}

TEST(CatCheckCli, ErrorsArePositionedWithStatus2) {
  std::string f = ::testing::TempDir() + "/bad-type.cat";
  std::ofstream(f) << "\"t\"\nlet x = po\nacyclic [x] as c\n";
  Result r = runCatCheck(f);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, f + ":3:10: error: '[...]' expects a set of events, found a relation\n");
  // The kernel cat without its bell: the bell's names are unbound.
  Result nobell = runCatCheck(kModels + "lkmm/linux-kernel.cat");
  EXPECT_EQ(nobell.status, 2);
  EXPECT_NE(nobell.out.find("lock.cat:40:44: error: unbound name 'Srcu-lock'"), std::string::npos) << nobell.out;
}

// From the kernel's tools/memory-model, as its README runs herd7: the .cfg
// names the bell (which declares Srcu-lock and the other tags) and the model.
TEST(CatCheckCli, ConfLoadsTheBellAndModelItNames) {
  const std::string dir = kModels + "lkmm";
  Result withModel = runCatCheck("linux-kernel.cat -conf linux-kernel.cfg", dir);
  EXPECT_EQ(withModel.status, 0) << withModel.out;
  EXPECT_EQ(withModel.out, "linux-kernel.cat: ok\n");
  Result fromCfg = runCatCheck("-conf linux-kernel.cfg", dir);
  EXPECT_EQ(fromCfg.status, 0) << fromCfg.out;
  EXPECT_EQ(fromCfg.out, "linux-kernel.cat: ok\n");
  Result elsewhere = runCatCheck("-conf linux-kernel.cfg -I " + dir);
  EXPECT_EQ(elsewhere.status, 0) << elsewhere.out;
  Result dash = runCatCheck("linux-kernel.cat -bell linux-kernel.bell", dir);
  EXPECT_EQ(dash.status, 0) << dash.out;
}

TEST(CatCheckCli, UnboundNameHintsAtTheSiblingBell) {
  Result r = runCatCheck("linux-kernel.cat", kModels + "lkmm");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "./lock.cat:40:44: error: unbound name 'Srcu-lock'\n"
                   "hint: linux-kernel.bell may define it: add --bell linux-kernel.bell, or -conf with the model's .cfg\n");
  // No hint without a sibling bell.
  std::string f = ::testing::TempDir() + "/unbound.cat";
  std::ofstream(f) << "\"t\"\nacyclic nothing as c\n";
  Result lone = runCatCheck(f);
  EXPECT_EQ(lone.out, f + ":2:9: error: unbound name 'nothing'\n");
  Result noModel = runCatCheck("-conf nowhere.cfg");
  EXPECT_EQ(noModel.status, 2);
  EXPECT_EQ(noModel.out, "mcm cat-check: cannot find configuration file 'nowhere.cfg'\n");
}

}  // namespace
