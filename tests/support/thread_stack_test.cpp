// currentThreadStack against pthread_getattr_np (which reads /proc/self/maps for the main
// thread): the same lowest address within a page or two, the floor evaluation guards; the
// size at least glibc's (which leaves out the pages of arguments and environment above the
// first frame).
#include <gtest/gtest.h>

#include <pthread.h>

#include <cstdint>
#include <thread>

#include "support/thread_stack.hpp"

namespace {

mcm::StackExtent byPthread() {
  pthread_attr_t attr;
  void* low = nullptr;
  std::size_t size = 0;
  EXPECT_EQ(pthread_getattr_np(pthread_self(), &attr), 0);
  EXPECT_EQ(pthread_attr_getstack(&attr, &low, &size), 0);
  pthread_attr_destroy(&attr);
  return {static_cast<const char*>(low), size};
}

void expectSameStack() {
  const mcm::StackExtent mine = mcm::currentThreadStack(), theirs = byPthread();
  ASSERT_NE(mine.low, nullptr);
  EXPECT_GE(mine.size, theirs.size);
  const auto distance = std::llabs(static_cast<long long>(reinterpret_cast<std::uintptr_t>(mine.low)) -
                                   static_cast<long long>(reinterpret_cast<std::uintptr_t>(theirs.low)));
  EXPECT_LE(distance, 8192) << "mine " << static_cast<const void*>(mine.low) << ", pthread's "
                            << static_cast<const void*>(theirs.low);
  // This frame lies within it.
  const char here = 0;
  EXPECT_GT(&here, mine.low);
  EXPECT_LT(&here, mine.low + mine.size);
}

TEST(ThreadStack, MainThreadAsPthreadSeesIt) { expectSameStack(); }

TEST(ThreadStack, OtherThreadAsPthreadSeesIt) {
  std::thread t(expectSameStack);
  t.join();
}

}  // namespace
