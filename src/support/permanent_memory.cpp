#include "support/permanent_memory.hpp"

#include <sys/mman.h>

#include <atomic>
#include <cstdint>
#include <mutex>

namespace mcm {

namespace {

// Reserved at first use, backed page by page as it is touched. One embedded model and its
// macros take about 0.4 MB, every embedded model together under 2 MB; what does not fit comes
// from malloc as usual. Kept small: the reservation counts against a worker's --memory bound.
constexpr std::size_t kRegionBytes = std::size_t{8} << 20;
// Larger alignments come from malloc: one rounding keeps every block aligned to this.
constexpr std::size_t kMaxAlign = 16;

std::atomic<char*> regionBase{nullptr};
std::atomic<std::size_t> regionUsed{0};
thread_local int openScopes = 0;

char* region() noexcept {
  static std::once_flag once;
  std::call_once(once, [] {
    void* p = ::mmap(nullptr, kRegionBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) regionBase.store(static_cast<char*>(p), std::memory_order_release);
  });
  return regionBase.load(std::memory_order_acquire);
}

}  // namespace

PermanentMemory::PermanentMemory() { ++openScopes; }
PermanentMemory::~PermanentMemory() { --openScopes; }

void* PermanentMemory::allocate(std::size_t size, std::size_t align) noexcept {
  if (openScopes == 0) return nullptr;
  char* base = regionBase.load(std::memory_order_acquire);
  if (!base && !(base = region())) return nullptr;
  // Every block is rounded up to kMaxAlign, so every block starts aligned to it (the region
  // is page-aligned).
  const std::size_t rounded = (size + kMaxAlign - 1) & ~(kMaxAlign - 1);
  if (align > kMaxAlign || rounded > kRegionBytes) return nullptr;
  const std::size_t start = regionUsed.fetch_add(rounded, std::memory_order_relaxed);
  return start <= kRegionBytes - rounded ? base + start : nullptr;
}

bool PermanentMemory::owns(const void* p) noexcept {
  const char* base = regionBase.load(std::memory_order_acquire);
  const auto* c = static_cast<const char*>(p);
  return base && c >= base && c < base + kRegionBytes;
}

}  // namespace mcm
