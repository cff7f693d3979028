#include "corpus/workers.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <new>
#include <stdexcept>

namespace mcm::corpus {

namespace {

using Clock = std::chrono::steady_clock;

struct Child {
  pid_t pid = -1;
  int fd = -1;
  std::size_t index = 0;
  Clock::time_point deadline;
  std::string received;
  bool timedOut = false;
  int granted = 0;  // extra threads granted (SIGUSR1 each)
};

// A child's grants arrive as SIGUSR1 (handler set in the parent, inherited at fork).
std::atomic<int> granted{0};
static_assert(std::atomic<int>::is_always_lock_free, "raised from a signal handler");
void onGrant(int) { granted.fetch_add(1, std::memory_order_relaxed); }

// Restores the parent's SIGUSR1 disposition when the run is over.
class GrantHandler {
 public:
  GrantHandler() {
    struct sigaction action {};
    action.sa_handler = onGrant;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGUSR1, &action, &previous_);
  }
  ~GrantHandler() { sigaction(SIGUSR1, &previous_, nullptr); }
  GrantHandler(const GrantHandler&) = delete;
  GrantHandler& operator=(const GrantHandler&) = delete;

 private:
  struct sigaction previous_ {};
};

// No item waits: the jobs not in use go to the running children, a thread at a time to
// the one with the fewest grants.
void grantIdleJobs(std::vector<Child>& running, int jobs) {
  int used = 0;
  for (const Child& c : running) used += 1 + c.granted;
  for (; used < jobs && !running.empty(); ++used) {
    Child& c = *std::min_element(running.begin(), running.end(),
                                 [](const Child& a, const Child& b) { return a.granted < b.granted; });
    kill(c.pid, SIGUSR1);
    ++c.granted;
  }
}

double processCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void writeAll(int fd, const std::string& data) {
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    const ssize_t n = write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

// Body of the forked child: run one test, send its outcome as JSON, exit.
[[noreturn]] void runChild(int fd, const std::string& item,
                           const std::function<TestOutcome(const std::string&)>& runOne,
                           const WorkerOptions& options) {
  if (options.memoryLimitBytes > 0) {
    rlimit limit{options.memoryLimitBytes, options.memoryLimitBytes};
    setrlimit(RLIMIT_AS, &limit);
  }
  const double start = processCpuSeconds();
  TestOutcome outcome;
  try {
    outcome = runOne(item);
  } catch (const std::bad_alloc&) {
    outcome = {};
    outcome.status = TestOutcome::Status::OutOfMemory;
    outcome.error = fmt::format("memory bound of {} MiB exceeded", options.memoryLimitBytes >> 20);
  } catch (const std::exception& e) {
    outcome = {};
    outcome.status = TestOutcome::Status::Error;
    outcome.error = e.what();
  }
  const double seconds = processCpuSeconds() - start;
  outcome.seconds = seconds;
  std::string sent;
  try {
    sent = toJson(std::move(outcome)).dump();
  } catch (const std::exception& e) {  // text that is not UTF-8, the memory bound: said, not a bare exit
    TestOutcome unsendable;
    unsendable.status = TestOutcome::Status::Error;
    unsendable.error = std::string("the test's result could not be sent: ") + e.what();
    unsendable.seconds = seconds;
    try {
      sent = toJson(unsendable).dump();
    } catch (const std::exception&) {
      _exit(3);
    }
  }
  writeAll(fd, sent);
  _exit(0);
}

TestOutcome outcomeOfFinishedChild(const Child& child, int waitStatus, const WorkerOptions& options) {
  TestOutcome o;
  if (child.timedOut) {
    o.status = TestOutcome::Status::Timeout;
    o.error = fmt::format("exceeded the time limit of {} s", options.timeoutSeconds);
    o.seconds = options.timeoutSeconds;
    return o;
  }
  if (WIFEXITED(waitStatus) && WEXITSTATUS(waitStatus) == 0 && !child.received.empty()) {
    try {
      return outcomeFromJson(nlohmann::json::parse(child.received));
    } catch (const std::exception& e) {
      o.error = std::string("unreadable worker result: ") + e.what();
    }
  } else if (WIFSIGNALED(waitStatus)) {
    o.error = fmt::format("worker killed by signal {} ({})", WTERMSIG(waitStatus), strsignal(WTERMSIG(waitStatus)));
  } else {
    o.error = fmt::format("worker exited with status {}", WIFEXITED(waitStatus) ? WEXITSTATUS(waitStatus) : -1);
  }
  o.status = TestOutcome::Status::Crash;
  return o;
}

}  // namespace

const std::atomic<int>& grantedThreads() { return granted; }

std::vector<TestOutcome> runInWorkers(const std::vector<std::string>& items,
                                      const std::function<TestOutcome(const std::string&)>& runOne,
                                      const WorkerOptions& options,
                                      const std::function<void(std::size_t, TestOutcome&)>& onResult) {
  std::vector<TestOutcome> outcomes(items.size());
  const GrantHandler grantHandler;
  std::vector<Child> running;
  std::size_t next = 0;
  const int jobs = options.jobs < 1 ? 1 : options.jobs;
  const auto timeout = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(options.timeoutSeconds > 0 ? options.timeoutSeconds : 1e9));

  while (next < items.size() || !running.empty()) {
    while (next < items.size() && static_cast<int>(running.size()) < jobs) {
      int pipeFds[2];
      if (pipe(pipeFds) != 0) throw std::runtime_error(std::string("pipe: ") + strerror(errno));
      const pid_t pid = fork();
      if (pid < 0) throw std::runtime_error(std::string("fork: ") + strerror(errno));
      if (pid == 0) {
        close(pipeFds[0]);
        runChild(pipeFds[1], items[next], runOne, options);
      }
      close(pipeFds[1]);
      running.push_back({pid, pipeFds[0], next, Clock::now() + timeout, {}, false, 0});
      ++next;
    }
    if (next == items.size()) grantIdleJobs(running, jobs);

    std::vector<pollfd> fds;
    auto nearest = running.front().deadline;
    for (const auto& c : running) {
      fds.push_back({c.fd, POLLIN, 0});
      nearest = std::min(nearest, c.deadline);
    }
    const auto waitMs = std::chrono::duration_cast<std::chrono::milliseconds>(nearest - Clock::now()).count();
    const int ready = poll(fds.data(), fds.size(), static_cast<int>(std::clamp<long long>(waitMs + 1, 0, 1000)));
    if (ready < 0 && errno != EINTR) throw std::runtime_error(std::string("poll: ") + strerror(errno));

    const auto now = Clock::now();
    for (std::size_t i = running.size(); i-- > 0;) {
      Child& c = running[i];
      bool finished = false;
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buffer[65536];
        const ssize_t n = read(c.fd, buffer, sizeof buffer);
        if (n > 0) c.received.append(buffer, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) finished = true;
      }
      if (!finished && now >= c.deadline) {
        kill(c.pid, SIGKILL);
        c.timedOut = true;
        finished = true;
      }
      if (!finished) continue;
      close(c.fd);
      int status = 0;
      while (waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
      }
      outcomes[c.index] = outcomeOfFinishedChild(c, status, options);
      if (onResult) onResult(c.index, outcomes[c.index]);
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  return outcomes;
}

}  // namespace mcm::corpus
