#include "hw/process.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mcm::hw {
namespace {

volatile sig_atomic_t interruptTarget = 0;  // the child SIGINT is forwarded to

void passInterruptToChild(int) {
  if (interruptTarget > 0) kill(interruptTarget, SIGINT);
}

// Installs the forwarding handler for its lifetime (a handler, unlike SIG_IGN, is
// not inherited by the child).
class InterruptForwarding {
 public:
  explicit InterruptForwarding(bool enabled) : enabled_(enabled) {
    if (!enabled_) return;
    struct sigaction action {};
    action.sa_handler = passInterruptToChild;
    sigaction(SIGINT, &action, &saved_);
  }
  ~InterruptForwarding() {
    if (!enabled_) return;
    sigaction(SIGINT, &saved_, nullptr);
    interruptTarget = 0;
  }
  InterruptForwarding(const InterruptForwarding&) = delete;
  InterruptForwarding& operator=(const InterruptForwarding&) = delete;

 private:
  bool enabled_;
  struct sigaction saved_ {};
};

}  // namespace

ProcessResult runProcess(const std::vector<std::string>& argv, Capture capture, bool forwardInterrupt) {
  InterruptForwarding forwarding(forwardInterrupt);
  ProcessResult result;
  int out[2], execError[2];  // execError reports a failed exec through a close-on-exec pipe
  if (pipe(out) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  if (pipe2(execError, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    close(out[0]);
    close(out[1]);
    return result;
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const pid_t pid = fork();
  if (pid == 0) {
    close(out[0]);
    close(execError[0]);
    dup2(out[1], STDOUT_FILENO);
    if (capture == Capture::StdoutAndStderr) dup2(out[1], STDERR_FILENO);
    close(out[1]);
    execvp(args[0], args.data());
    const int e = errno;
    (void)!write(execError[1], &e, sizeof e);
    _exit(127);
  }
  close(out[1]);
  close(execError[1]);
  if (pid > 0) interruptTarget = pid;
  if (pid < 0) {
    result.error = std::strerror(errno);
    close(out[0]);
    close(execError[0]);
    return result;
  }
  char buffer[65536];
  for (;;) {
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n > 0) result.output.append(buffer, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  close(out[0]);
  int execErrno = 0;
  ssize_t got;
  do got = read(execError[0], &execErrno, sizeof execErrno);
  while (got < 0 && errno == EINTR);
  close(execError[0]);

  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (got == static_cast<ssize_t>(sizeof execErrno)) {
    result.error = std::strerror(execErrno);
    return result;
  }
  result.started = true;
  if (WIFEXITED(status)) result.exitCode = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace mcm::hw
