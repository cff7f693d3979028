#include "exec/work_share.hpp"

#include <limits.h>
#include <pthread.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace mcm::exec {

void WorkShare::stopAt(Position p) {
  Position current = stop_.load();
  while (p < current && !stop_.compare_exchange_weak(current, p)) {
  }
  std::lock_guard lock(mutex_);
  turned_.notify_all();
}

void WorkShare::awaitTurn(long long n) {
  std::unique_lock lock(mutex_);
  turned_.wait(lock, [&] { return turn_ == n || stoppedBefore(judging(n)); });
  if (turn_ != n) throw Stopped{};
}

void WorkShare::passTurn(long long n) {
  std::lock_guard lock(mutex_);
  turn_ = n + 1;
  turned_.notify_all();
}

namespace {

std::size_t currentStackSize() {
  pthread_attr_t attr;
  std::size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstacksize(&attr, &size);
    pthread_attr_destroy(&attr);
  }
  return size;
}

struct Job {
  const std::function<void(int)>* work;
  int index;
};

void* startJob(void* arg) {
  const Job& job = *static_cast<const Job*>(arg);
  (*job.work)(job.index);
  return nullptr;
}

}  // namespace

void runOnThreads(int n, const std::function<void(int)>& work) {
  const std::size_t stack = currentStackSize();
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  if (stack >= PTHREAD_STACK_MIN) pthread_attr_setstacksize(&attr, stack);
  std::vector<Job> jobs;
  for (int i = 1; i < n; ++i) jobs.push_back({&work, i});
  std::vector<pthread_t> threads;
  for (auto& job : jobs) {
    pthread_t t;
    if (pthread_create(&t, &attr, startJob, &job) != 0) {
      work(job.index);  // no thread to spare: this one does that share too
      continue;
    }
    threads.push_back(t);
  }
  pthread_attr_destroy(&attr);
  work(0);
  for (pthread_t t : threads) pthread_join(t, nullptr);
}

}  // namespace mcm::exec
