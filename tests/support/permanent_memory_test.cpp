// PermanentMemory's blocks: only inside a scope, aligned, disjoint, recognised by owns().
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>

#include "support/permanent_memory.hpp"

namespace {

using mcm::PermanentMemory;

TEST(PermanentMemory, BlocksOnlyInsideAScope) {
  EXPECT_EQ(PermanentMemory::allocate(16, 16), nullptr);
  {
    const PermanentMemory scope;
    {
      const PermanentMemory nested;
      EXPECT_NE(PermanentMemory::allocate(8, 8), nullptr);
    }
    EXPECT_NE(PermanentMemory::allocate(8, 8), nullptr);  // the outer scope is still open
  }
  EXPECT_EQ(PermanentMemory::allocate(16, 16), nullptr);
}

TEST(PermanentMemory, AlignedDisjointAndOwned) {
  const PermanentMemory scope;
  char* previous = nullptr;
  for (std::size_t size : {1, 7, 16, 17, 100, 4096, 3}) {
    auto* p = static_cast<char*>(PermanentMemory::allocate(size, 16));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 16, 0u) << size;
    EXPECT_TRUE(PermanentMemory::owns(p));
    EXPECT_TRUE(PermanentMemory::owns(p + size - 1));
    std::memset(p, 0xab, size);  // writable, and not overlapping the previous block's bytes
    if (previous) EXPECT_GE(p, previous + 1);
    previous = p;
  }
  EXPECT_EQ(PermanentMemory::allocate(8, 64), nullptr);  // stricter alignment: malloc's business
  EXPECT_EQ(PermanentMemory::allocate(std::size_t{1} << 40, 16), nullptr);  // more than the region
  auto heap = std::make_unique<int>(1);
  EXPECT_FALSE(PermanentMemory::owns(heap.get()));
  const int local = 0;
  EXPECT_FALSE(PermanentMemory::owns(&local));
}

}  // namespace
