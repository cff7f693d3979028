// mcm's operator new and delete: malloc and free, except inside a PermanentMemory scope
// (support/permanent_memory.hpp), whose blocks are bump-allocated and never freed.
#include <cstdlib>
#include <new>

#include "support/permanent_memory.hpp"

namespace {

void* allocate(std::size_t size, std::size_t align) {
  if (void* p = mcm::PermanentMemory::allocate(size, align)) return p;
  if (size == 0) size = 1;
  void* p = align <= __STDCPP_DEFAULT_NEW_ALIGNMENT__ ? std::malloc(size) : std::aligned_alloc(align, (size + align - 1) & ~(align - 1));
  if (!p) throw std::bad_alloc();
  return p;
}

void* allocateOrNull(std::size_t size) noexcept {
  try {
    return allocate(size, __STDCPP_DEFAULT_NEW_ALIGNMENT__);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

void release(void* p) noexcept {
  if (!mcm::PermanentMemory::owns(p)) std::free(p);
}

constexpr std::size_t kDefault = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

}  // namespace

void* operator new(std::size_t n) { return allocate(n, kDefault); }
void* operator new[](std::size_t n) { return allocate(n, kDefault); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a)); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocateOrNull(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocateOrNull(n); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
