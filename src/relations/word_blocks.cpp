#include <array>
#include <new>
#include <vector>

#include "relations/relation.hpp"

namespace mcm::rel::detail {

namespace {

constexpr std::size_t kSizes = 4;          // distinct block sizes kept (a run has one or two)
constexpr std::size_t kKeptPerSize = 64;   // free blocks kept of each
constexpr std::size_t kLargestKept = 4096;  // words (32 KB): larger blocks go back at once

struct Pool {
  struct Bin {
    std::size_t words = 0;
    std::vector<std::uint64_t*> free;
  };
  std::array<Bin, kSizes> bins;
  Pool() {
    for (auto& b : bins) b.free.reserve(kKeptPerSize);
  }
  ~Pool();
};

// Set while this thread's pool exists: a relation destroyed after it (a static one, at exit)
// frees its block directly.
thread_local bool poolAlive = false;
thread_local Pool pool;

Pool::~Pool() {
  poolAlive = false;
  for (auto& b : bins)
    for (auto* p : b.free) ::operator delete(p);
}

}  // namespace

std::uint64_t* takeBlock(std::size_t words) {
  if (words <= kLargestKept) {
    poolAlive = true;  // (first use on this thread constructs the pool)
    for (auto& b : pool.bins)
      if (b.words == words && !b.free.empty()) {
        std::uint64_t* p = b.free.back();
        b.free.pop_back();
        return p;
      }
  }
  return static_cast<std::uint64_t*>(::operator new(words * sizeof(std::uint64_t)));
}

void giveBlock(std::uint64_t* block, std::size_t words) noexcept {
  if (poolAlive && words <= kLargestKept) {
    // The bin of this size, else an empty one to become it.
    Pool::Bin* bin = nullptr;
    for (auto& b : pool.bins)
      if (b.words == words) {
        bin = &b;
        break;
      } else if (!bin && b.free.empty()) {
        bin = &b;
      }
    if (bin && bin->free.size() < kKeptPerSize) {
      bin->words = words;
      bin->free.push_back(block);
      return;
    }
  }
  ::operator delete(block);
}

}  // namespace mcm::rel::detail
