#include "support/thread_stack.hpp"

#include <pthread.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>

namespace mcm {

namespace {

StackExtent fromPthread() {
  StackExtent s;
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return s;
  void* low = nullptr;
  std::size_t size = 0;
  if (pthread_attr_getstack(&attr, &low, &size) == 0) s = {static_cast<const char*>(low), size};
  pthread_attr_destroy(&attr);
  return s;
}

// The main thread's stack grows down from just above the executable's name (the kernel
// copies it there first, above the environment and arguments) up to RLIMIT_STACK.
StackExtent mainThreadStack() {
  rlimit limit{};
  const auto* name = reinterpret_cast<const char*>(getauxval(AT_EXECFN));
  if (!name || getrlimit(RLIMIT_STACK, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return fromPthread();
  const std::uintptr_t top = reinterpret_cast<std::uintptr_t>(name) + std::strlen(name) + 1;
  const std::size_t size = limit.rlim_cur;
  if (size >= top) return fromPthread();
  return {reinterpret_cast<const char*>(top - size), size};
}

StackExtent find() {
  const bool mainThread = static_cast<pid_t>(::syscall(SYS_gettid)) == ::getpid();
  return mainThread ? mainThreadStack() : fromPthread();
}

}  // namespace

StackExtent currentThreadStack() {
  thread_local const StackExtent extent = find();
  return extent;
}

}  // namespace mcm
