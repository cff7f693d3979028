// Explosive input to `mcm run`: each ends in an error naming the file, a non-zero exit, and a
// bounded run. The run is confined to 1 GiB of address space (the memory goal) and, only as a
// guard against hangs, 60 s of CPU; the times measured are reported by hand, not asserted.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  std::string err;
  int status = -1;
};

Outcome mcmBounded(const std::string& args) {
  const fs::path errFile = fs::temp_directory_path() / ("mcm-bounds-" + std::to_string(::getpid()) + ".err");
  const std::string cmd = "ulimit -v 1048576; ulimit -t 60; " + std::string(MCM_BINARY) + " run " + args +
                          " >/dev/null 2>" + errFile.string();
  const int raw = std::system(cmd.c_str());
  Outcome o;
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream err(errFile);
  o.err.assign(std::istreambuf_iterator<char>(err), {});
  fs::remove(errFile);
  return o;
}

fs::path writeFile(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / ("mcm-bounds-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

// A clean refusal: exit 2 (not a signal, not the CPU guard) and `FILE...: error: ...` naming the file.
void expectRefused(const Outcome& o, const fs::path& file, const std::string& words) {
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_EQ(o.err.rfind(file.string(), 0), 0u) << o.err;
  EXPECT_NE(o.err.find(": error: "), std::string::npos) << o.err;
  EXPECT_NE(o.err.find(words), std::string::npos) << o.err;
}

// `threads` threads, each writing and reading x `perThread` times: (threads*perThread+1)^(threads*perThread) rf choices.
std::string everyoneOnX(int threads, int perThread) {
  std::string t = "C Everyone\n{}\n";
  for (int i = 0; i < threads; ++i) {
    t += "P" + std::to_string(i) + "(int *x)\n{\n";
    for (int k = 0; k < perThread; ++k)
      t += " WRITE_ONCE(*x, " + std::to_string(i * perThread + k + 1) + ");\n int r" + std::to_string(k) +
           " = READ_ONCE(*x);\n";
    t += "}\n";
  }
  return t + "exists (0:r0=1)\n";
}

TEST(Bounds, TenMegabytesOfRandomBytes) {
  std::mt19937 gen(15);
  std::string bytes(10 << 20, '\0');
  for (auto& c : bytes) c = static_cast<char>(gen());
  const auto file = writeFile("random.litmus", bytes);
  const auto o = mcmBounded(file.string());
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_EQ(o.err.rfind(file.string() + ":1:1: error: ", 0), 0u) << o.err;
  fs::remove(file);
}

TEST(Bounds, ThousandDeepExpressionInATest) {
  std::string e = "1";
  for (int i = 0; i < 1000; ++i) e = "(" + e + "+1)";
  const auto file = writeFile("deep.litmus", "C Deep\n{}\nP0(int *x)\n{\n int r0 = " + e +
                                                 ";\n WRITE_ONCE(*x, r0);\n}\nexists (x=1)\n");
  const auto o = mcmBounded(file.string());
  expectRefused(o, file, "nesting too deep");
  EXPECT_EQ(o.err.rfind(file.string() + ":5:", 0), 0u) << o.err;
  fs::remove(file);
}

TEST(Bounds, ThousandDeepExpressionInACatFile) {
  const auto cat = writeFile("deep.cat", "\"deep\"\nlet b = " + std::string(1000, '(') + "po" +
                                             std::string(1000, ')') + "\nacyclic b as x\n");
  const auto o = mcmBounded("-model " + cat.string() + " " MCM_SHARED_DIR "/litmus/seed/SB+mbonceonces.litmus");
  expectRefused(o, cat, "nested too deeply");
  EXPECT_EQ(o.err.rfind(cat.string() + ":2:", 0), 0u) << o.err;
  fs::remove(cat);
}

TEST(Bounds, SixtyFourThreads) {
  const auto file = writeFile("t64.litmus", everyoneOnX(64, 1));
  expectRefused(mcmBounded(file.string()), file, "test too large");
  fs::remove(file);
}

TEST(Bounds, AstronomicalCandidateCount) {
  const auto file = writeFile("astro.litmus", everyoneOnX(8, 4));  // 33^32 rf choices
  expectRefused(mcmBounded(file.string()), file, "test too large");
  fs::remove(file);
}

}  // namespace
