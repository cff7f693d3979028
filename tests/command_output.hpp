#pragma once
// Runs a shell command line and collects its stdout, stderr and exit status.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace mcm::testing {

struct CommandOutput {
  std::string out, err;
  int status = -1;
};

inline CommandOutput runCommand(const std::string& commandLine) {
  static int counter = 0;
  namespace fs = std::filesystem;
  const fs::path errFile = fs::temp_directory_path() /
                           ("mcm-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".err");
  CommandOutput o;
  FILE* pipe = ::popen((commandLine + " 2>" + errFile.string()).c_str(), "r");
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) o.out.append(buf, n);
  const int raw = ::pclose(pipe);
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream err(errFile);
  o.err.assign(std::istreambuf_iterator<char>(err), {});
  fs::remove(errFile);
  return o;
}

}  // namespace mcm::testing
