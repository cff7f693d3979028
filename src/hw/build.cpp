#include "hw/build.hpp"

#include <cstdlib>
#include <fstream>
#include <functional>
#include <string_view>
#include <iterator>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>
#include <nettle/sha2.h>

#include "hw/process.hpp"
#include "support/file_names.hpp"

extern const std::string_view kHwHarnessSource;
extern const std::string_view kHwPrimsSource;

namespace mcm::hw {
namespace {

namespace fs = std::filesystem;

std::string sha256Hex(std::string_view data) {
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
  sha256_digest(&context, sizeof digest, digest);
  std::string hex;
  for (std::uint8_t byte : digest) hex += fmt::format("{:02x}", byte);
  return hex;
}

void writeFile(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw HwError(fmt::format("cannot write {}", path.string()));
}

// Runs the compiler; on failure the error shows its first diagnostics.
void compile(const BuildOptions& options, std::vector<std::string> args, const std::string& what) {
  std::vector<std::string> argv{options.compiler};
  for (const char* flag : kCompileFlags) argv.emplace_back(flag);
  argv.insert(argv.end(), args.begin(), args.end());
  const ProcessResult r = runProcess(argv, Capture::StdoutAndStderr);
  if (!r.started)
    throw HwError(fmt::format("cannot run the compiler '{}': {} (install g++, or set CXX)", options.compiler, r.error));
  if (!r.succeeded()) {
    constexpr std::size_t kShown = 4000;
    throw HwError(fmt::format("{} failed to compile with '{}' (a bug in mcm hw's generator):\n{}{}", what,
                              options.compiler, r.output.substr(0, kShown),
                              r.output.size() > kShown ? "\n[...]" : ""));
  }
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Made by this user and writable by nobody else (a symbolic link never is).
bool isPrivate(const fs::path& path) {
  struct stat st {};
  return lstat(path.c_str(), &st) == 0 && !S_ISLNK(st.st_mode) && st.st_uid == geteuid() &&
         (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

// The cache root is created private; one that others could write into is refused, since
// mcm would run what they put there.
void preparePrivateRoot(const fs::path& root) {
  std::error_code ec;
  if (!fs::exists(root)) {
    fs::create_directories(root, ec);
    if (!ec) fs::permissions(root, fs::perms::owner_all, fs::perm_options::replace, ec);
    if (ec) throw HwError(fmt::format("cannot create the cache directory {}: {}", root.string(), ec.message()));
  }
  struct stat st {};
  if (stat(root.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
      (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    throw HwError(fmt::format("the cache directory {} is not a directory private to this user: mcm hw will not run "
                              "programs from it (remove it, or give --cache-dir)",
                              root.string()));
}

// A cached file is used only if this user made it and it is unchanged since: it and its
// directory are private, and its digest matches the one stored when it was built.
bool isTrustedEntry(const fs::path& dir, const fs::path& target, const fs::path& digest) {
  return isPrivate(dir) && isPrivate(target) && isPrivate(digest) && readFile(digest) == sha256Hex(readFile(target));
}

// Builds into private temporary names, then renames (the digest first): concurrent builds of
// the same program (parallel tests) never see a half-written file. A corrupt or foreign
// entry is rebuilt, never run.
fs::path buildOnce(const fs::path& dir, const std::string& fileName,
                   const std::function<void(const fs::path&)>& produce) {
  const fs::path target = dir / fileName, digest = dir / (fileName + ".sha256");
  if (isTrustedEntry(dir, target, digest)) return target;
  std::error_code ec;
  if (fs::exists(dir) && !isPrivate(dir)) fs::remove_all(dir, ec);
  fs::remove(target, ec);
  fs::create_directories(dir, ec);
  if (!ec) fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) throw HwError(fmt::format("cannot create the cache directory {}: {}", dir.string(), ec.message()));
  const fs::path temporary = dir / fmt::format("{}.tmp{}", fileName, getpid());
  produce(temporary);
  const fs::path temporaryDigest = dir / fmt::format("{}.sha256.tmp{}", fileName, getpid());
  writeFile(temporaryDigest, sha256Hex(readFile(temporary)));
  fs::rename(temporaryDigest, digest, ec);
  if (!ec) fs::rename(temporary, target, ec);
  if (ec) throw HwError(fmt::format("cannot store {}: {}", target.string(), ec.message()));
  return target;
}

std::string flagsKey(const BuildOptions& options) {
  std::string key = options.compiler;
  for (const char* flag : kCompileFlags) key += std::string(" ") + flag;
  return key;
}

fs::path buildHarness(const BuildOptions& options) {
  const fs::path dir = options.cacheDir / ("harness-" + sha256Hex(flagsKey(options) + "\n" + std::string(kHwHarnessSource)));
  return buildOnce(dir, "harness.o", [&](const fs::path& object) {
    const fs::path source = dir / fmt::format("harness.cpp.tmp{}", getpid());
    writeFile(source, kHwHarnessSource);
    compile(options, {"-x", "c++", "-c", source.string(), "-o", object.string()}, "the hardware harness");
    fs::remove(source);
  });
}

// The primitives header every test includes, and its precompiled form next to it: parsing
// the standard headers it includes is most of a test's compile time. Returns the directory,
// checked once per process (the precompiled header is large: ~30 MB to digest).
fs::path buildPrims(const BuildOptions& options) {
  const fs::path dir = options.cacheDir / ("prims-" + sha256Hex(flagsKey(options) + "\n" + std::string(kHwPrimsSource)));
  static std::mutex mutex;
  static std::set<fs::path> checked;
  const std::lock_guard lock(mutex);
  if (checked.count(dir)) return dir;
  const fs::path header =
      buildOnce(dir, kPrimsHeader, [&](const fs::path& file) { writeFile(file, kHwPrimsSource); });
  buildOnce(dir, std::string(kPrimsHeader) + ".gch", [&](const fs::path& pch) {
    compile(options, {"-x", "c++-header", header.string(), "-o", pch.string()}, "the hardware primitives");
  });
  checked.insert(dir);
  return dir;
}

}  // namespace

fs::path defaultCacheDir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "mcm" / "hw";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "mcm" / "hw";
  return fmt::format("/tmp/mcm-hw-cache-{}", geteuid());
}

fs::path buildProgram(const Program& program, const std::string& testName, const BuildOptions& options) {
  if (!options.keepSourceDir.empty()) {
    std::error_code ec;
    fs::create_directories(options.keepSourceDir, ec);
    writeFile(fileInside(options.keepSourceDir, testName, ".cpp"), program.source);
    writeFile(options.keepSourceDir / kKeptHarnessFile, kHwHarnessSource);
    writeFile(options.keepSourceDir / kPrimsHeader, kHwPrimsSource);
  }
  preparePrivateRoot(options.cacheDir);
  const fs::path harness = buildHarness(options);
  const fs::path prims = buildPrims(options);
  const std::string libraries = program.usesRcu ? "-lurcu-memb" : "";
  const fs::path dir = options.cacheDir / sha256Hex(flagsKey(options) + "\n" + harness.string() + "\n" +
                                                    prims.string() + "\n" + libraries + "\n" + program.source);
  return buildOnce(dir, "test", [&](const fs::path& executable) {
    const fs::path source = dir / fmt::format("test-{}.cpp", getpid());
    writeFile(source, program.source);
    std::vector<std::string> args{"-I", prims.string(), source.string(), harness.string(), "-o", executable.string()};
    if (!libraries.empty()) args.push_back(libraries);
    compile(options, args, fmt::format("the program generated for {}", testName));
    std::error_code ec;
    fs::rename(source, dir / "test.cpp", ec);  // kept next to the executable for inspection
  });
}

}  // namespace mcm::hw
