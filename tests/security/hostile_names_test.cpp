// Tests whose names (line 1) and file names are hostile, through every command that writes
// per-test files: `hw --keep-source`, `run -o`, `membarrier-expand`, `compare --minimize`.
// Every file written stays inside the directory given, and the program `mcm hw` generates
// holds the hostile text only inside comments or string literals.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "command_output.hpp"

namespace {

namespace fs = std::filesystem;
using mcm::testing::runCommand;

const fs::path kShared = MCM_SHARED_DIR;
const std::string kAbsolute = "/tmp/mcm-hostile-absolute-" + std::to_string(getpid());

// Test names as they can appear on line 1 (one token: no blanks).
std::vector<std::string> hostileNames() {
  return {"../escaped-by-name", "../../../../../../tmp/escaped-deep", kAbsolute + "/x", "dir/escaped",
          "q\"uo'te", "back\\slash\\", "$(touch${IFS}pwned)", "`touch${IFS}pwned`", std::string(10000, 'A')};
}

std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A test file: `source` with its name (line 1) replaced.
void writeRenamed(const fs::path& source, const std::string& name, const fs::path& to) {
  std::string text = slurp(source);
  text = "C " + name + text.substr(text.find('\n'));
  std::ofstream(to, std::ios::binary) << text;
}

// One compiled-program cache for the whole run (the harness is compiled once).
const fs::path kCache = fs::temp_directory_path() / ("mcm-security-cache-" + std::to_string(getpid()));

// A fresh sandbox: in/ for the tests, out/ (inside work/) for mcm's files.
struct Sandbox {
  fs::path root = fs::temp_directory_path() / ("mcm-security-" + std::to_string(getpid()));
  fs::path in = root / "in", work = root / "work", out = work / "out";
  Sandbox() {
    fs::remove_all(root);
    fs::create_directories(in);
    fs::create_directories(out);
  }
  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(root, ec);
    fs::remove_all(kAbsolute, ec);
  }
  // Every file under the sandbox but in/ is inside out/; nothing was written at the
  // absolute path a test named, nor where a command substitution would have run.
  void expectEverythingInsideOut(const std::string& what) const {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      const fs::path p = entry.path();
      const auto under = [&](const fs::path& dir) {
        const std::string s = p.string(), d = dir.string() + "/";
        return s == dir.string() || s.starts_with(d);
      };
      EXPECT_TRUE(under(in) || under(out) || p == work) << what << ": wrote " << p;
    }
    EXPECT_FALSE(fs::exists(kAbsolute)) << what;
    EXPECT_FALSE(fs::exists("/tmp/escaped-deep.cpp")) << what;
    EXPECT_FALSE(fs::exists("pwned")) << what;
  }
  std::size_t filesInOut() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(out), fs::directory_iterator()));
  }
};

// The program text with comments and string/char literals removed: what the compiler treats as code.
std::string codeOutsideLiterals(const std::string& src) {
  std::string code;
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (src.compare(i, 2, "//") == 0) {
      i = src.find('\n', i);
      if (i == std::string::npos) break;
      code += '\n';
    } else if (src.compare(i, 2, "/*") == 0) {
      i = src.find("*/", i + 2) + 1;
    } else if (src[i] == '"' || src[i] == '\'') {
      const char quote = src[i];
      for (++i; i < src.size() && src[i] != quote; ++i)
        if (src[i] == '\\') ++i;
      code += "\"\"";
    } else {
      code += src[i];
    }
  }
  return code;
}

TEST(HostileNames, HwKeepSourceWritesInsideTheDirectoryAndGeneratesNoHostileCode) {
  const auto names = hostileNames();
  for (std::size_t k = 0; k < names.size(); ++k) {
    Sandbox box;
    const fs::path test = box.in / "T.litmus";
    writeRenamed(kShared / "litmus/seed/SB+poonceonces.litmus", names[k], test);
    const auto r = runCommand(std::string(MCM_BINARY) + " hw -n 100 --cache-dir " + kCache.string() +
                              " --keep-source " + box.out.string() + " " + test.string());
    EXPECT_EQ(r.status, 0) << names[k].substr(0, 40) << ": " << r.err;
    box.expectEverythingInsideOut("hw " + names[k].substr(0, 40));
    ASSERT_EQ(box.filesInOut(), 3u);  // the program, the harness and the primitives header it includes
    for (const auto& entry : fs::directory_iterator(box.out)) {
      if (entry.path().extension() != ".cpp") continue;
      const std::string program = slurp(entry.path());
      EXPECT_EQ(codeOutsideLiterals(program).find(names[k]), std::string::npos) << names[k].substr(0, 40);
      EXPECT_EQ(codeOutsideLiterals(program).find("pwned"), std::string::npos) << names[k].substr(0, 40);
    }
  }
  std::error_code ec;
  fs::remove_all(kCache, ec);
}

TEST(HostileNames, RunGraphsAreNamedAfterTheFileInsideTheDirectory) {
  const auto names = hostileNames();
  // The file names are hostile too: `-o` names graphs after the file, as herd7 does.
  const std::vector<std::string> files = {"..evil.litmus", "new\nline.litmus", "$(touch pwned).litmus",
                                          "quote'\"\\.litmus", std::string(240, 'F') + ".litmus"};
  for (std::size_t k = 0; k < files.size(); ++k) {
    Sandbox box;
    const fs::path test = box.in / files[k];
    writeRenamed(kShared / "litmus/seed/SB+poonceonces.litmus", names[k % names.size()], test);
    const auto r = runCommand(std::string(MCM_BINARY) + " run -o " + box.out.string() + " -show all " +
                              shellQuote(test.string()));
    EXPECT_EQ(r.status, 0) << files[k] << ": " << r.err;
    box.expectEverythingInsideOut("run -o " + files[k]);
    EXPECT_EQ(box.filesInOut(), 1u) << files[k];
  }
  Sandbox box;  // an ordinary file keeps herd7's name
  writeRenamed(kShared / "litmus/seed/SB+poonceonces.litmus", "../escaped-by-name", box.in / "SB+x.litmus");
  ASSERT_EQ(runCommand(std::string(MCM_BINARY) + " run -o " + box.out.string() + " -show all " +
                       (box.in / "SB+x.litmus").string()).status, 0);
  EXPECT_TRUE(fs::exists(box.out / "SB+x.dot"));
}

TEST(HostileNames, MembarrierExpandWritesInsideTheDirectory) {
  for (const auto& name : hostileNames()) {
    Sandbox box;
    const fs::path test = box.in / "T.litmus";
    writeRenamed(kShared / "litmus/membarrier/SB+membarrier+barrier.litmus", name, test);
    const auto r = runCommand(std::string(MCM_BINARY) + " membarrier-expand " + test.string() + " " + box.out.string());
    EXPECT_EQ(r.status, 0) << name.substr(0, 40) << ": " << r.err;
    box.expectEverythingInsideOut("membarrier-expand " + name.substr(0, 40));
    EXPECT_GE(box.filesInOut(), 1u);
  }
}

TEST(HostileNames, CompareMinimizeWritesInsideTheDirectory) {
  Sandbox box;
  const auto names = hostileNames();
  const std::vector<std::string> files = {"..evil.litmus", "new\nline.litmus", "$(touch pwned).litmus"};
  for (std::size_t k = 0; k < files.size(); ++k)
    writeRenamed(kShared / "litmus/seed/SB+poonceonces.litmus", names[k], box.in / files[k]);
  const auto r = runCommand(std::string(MCM_BINARY) + " compare sc lkmm " + box.in.string() + " --minimize " +
                            box.out.string());
  EXPECT_EQ(r.status, 0) << r.err;
  box.expectEverythingInsideOut("compare --minimize");
  EXPECT_EQ(box.filesInOut(), files.size()) << r.err;
}

}  // namespace
