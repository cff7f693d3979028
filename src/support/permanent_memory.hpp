#pragma once
// Memory for what a process keeps until it exits (the embedded models and macros restored
// from their snapshots). While a PermanentMemory scope is open on a thread, mcm's operator new
// (src/cli/allocation.cpp) takes blocks from one reserved region by bumping a pointer, and
// operator delete leaves them be. Restoring the kernel model makes thousands of small
// allocations: malloc's bookkeeping for them was about a sixth of a small test's instructions.
// Where operator new is the standard one (the libraries' tests), a scope changes nothing.
#include <cstddef>

namespace mcm {

class PermanentMemory {
 public:
  PermanentMemory();  // opens a scope on this thread (scopes nest)
  ~PermanentMemory();
  PermanentMemory(const PermanentMemory&) = delete;
  PermanentMemory& operator=(const PermanentMemory&) = delete;

  // For operator new: `size` bytes aligned to `align` (a power of two) from the region, or
  // nullptr when no scope is open on this thread or the region is used up.
  static void* allocate(std::size_t size, std::size_t align) noexcept;
  // Whether `p` came from allocate (operator delete must not free it).
  static bool owns(const void* p) noexcept;
};

}  // namespace mcm
