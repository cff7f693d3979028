#pragma once
// Runs a command line as a user would, capturing stdout, stderr and the exit status.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace mcm::test {

struct Outcome {
  std::string out, err;
  int status = -1;
};

// Runs `PROGRAM ARGS...` through the shell (so ARGS may hold redirections and pipes).
inline Outcome run(const std::string& program, const std::string& args) {
  static int counter = 0;
  namespace fs = std::filesystem;
  fs::path errFile = fs::temp_directory_path() / ("mcm-run-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::string cmd = "timeout 300 " + program + " " + args + " 2>" + errFile.string();
  Outcome o;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) o.out.append(buf, n);
  int raw = ::pclose(pipe);
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream err(errFile);
  o.err.assign(std::istreambuf_iterator<char>(err), {});
  fs::remove(errFile);
  return o;
}

}  // namespace mcm::test
