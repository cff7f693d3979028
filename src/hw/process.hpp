#pragma once
// Running a child process (the compiler, a generated test) and collecting one of its
// output streams.
#include <string>
#include <vector>

namespace mcm::hw {

struct ProcessResult {
  bool started = false;     // false: the program could not be executed (see error)
  std::string error;        // why it could not be started
  int exitCode = -1;        // when it exited normally
  int signal = 0;           // when a signal killed it
  std::string output;       // the captured stream(s)
  bool succeeded() const { return started && signal == 0 && exitCode == 0; }
};

enum class Capture {
  StdoutAndStderr,  // both into `output` (compilers)
  StdoutOnly,       // stdout into `output`; stderr stays the caller's (progress, errors)
};

// argv[0] is looked up in PATH. With forwardInterrupt, a SIGINT we receive while the
// child runs is passed on to it instead of ending us (the child decides what Ctrl-C
// means; a terminal's Ctrl-C reaches both of us, so the child may see it twice).
ProcessResult runProcess(const std::vector<std::string>& argv, Capture capture, bool forwardInterrupt = false);

}  // namespace mcm::hw
