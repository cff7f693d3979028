#include "exec/work_share.hpp"

#include <limits.h>
#include <pthread.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "support/thread_stack.hpp"

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

void* startWork(void* work) {
  (*static_cast<const std::function<void()>*>(work))();
  return nullptr;
}

}  // namespace

ThreadGroup::ThreadGroup() : stackSize_(currentThreadStack().size) {}

ThreadGroup::~ThreadGroup() { joinAll(); }

bool ThreadGroup::start(std::function<void()> work) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  if (stackSize_ >= static_cast<std::size_t>(PTHREAD_STACK_MIN)) pthread_attr_setstacksize(&attr, stackSize_);
  auto owned = std::make_unique<std::function<void()>>(std::move(work));
  pthread_t thread;
  const bool started = pthread_create(&thread, &attr, startWork, owned.get()) == 0;
  pthread_attr_destroy(&attr);
  if (started) threads_.emplace_back(thread, std::move(owned));
  return started;
}

void ThreadGroup::joinAll() {
  for (auto& [thread, work] : threads_) pthread_join(thread, nullptr);
  threads_.clear();
}

}  // namespace mcm::exec
