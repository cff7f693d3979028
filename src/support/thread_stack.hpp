#pragma once
// The stack of the calling thread: where it ends (deep recursion must stop with a diagnostic
// before it) and how large it is (threads mcm starts get as much as the main thread).
#include <cstddef>

namespace mcm {

struct StackExtent {
  const char* low = nullptr;  // lowest usable address; nullptr when unknown
  std::size_t size = 0;
};

// Cached per thread. For the main thread it is computed from RLIMIT_STACK and the top of the
// stack (where the kernel put the executable's name), not by pthread_getattr_np, which
// reads and parses /proc/self/maps: a measurable part of a short run.
StackExtent currentThreadStack();

}  // namespace mcm
