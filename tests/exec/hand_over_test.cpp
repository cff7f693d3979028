// The walker's hand-over queue (exec/hand_over.hpp): nothing is handed without a taker or
// past the room each taker has, items come out in the order handed, storage is reused, and
// takers stop once the walk is over and nothing is left.
#include "exec/hand_over.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace mcm::exec {
namespace {

struct Numbered {
  int n = -1;
};

TEST(HandOver, NothingIsHandedWithoutATaker) {
  HandOver<Numbered> h;
  EXPECT_EQ(h.slot(), nullptr);
  h.addTaker();
  EXPECT_NE(h.slot(), nullptr);
  h.removeTaker();
  EXPECT_EQ(h.slot(), nullptr);
}

TEST(HandOver, EachTakerHasRoomForTwoItems) {
  HandOver<Numbered> h;
  h.addTaker();
  int handed = 0;
  while (auto item = h.slot()) {
    item->n = handed++;
    h.hand(std::move(item));
    ASSERT_LT(handed, 100);
  }
  EXPECT_EQ(handed, 2);
  h.addTaker();
  while (auto item = h.slot()) h.hand(std::move(item)), ++handed;
  EXPECT_EQ(handed, 4);
  // Taking one makes room for one; its storage comes back with the next slot.
  auto first = h.take();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->n, 0);
  Numbered* storage = first.get();
  h.giveBack(std::move(first));
  auto again = h.slot();
  EXPECT_EQ(again.get(), storage);
  h.hand(std::move(again));
  EXPECT_EQ(h.slot(), nullptr);
}

TEST(HandOver, TakersGetItemsInOrderAndStopAfterClose) {
  HandOver<Numbered> h;
  h.addTaker();
  std::vector<int> taken;
  std::thread taker([&] {
    while (auto item = h.take()) {
      taken.push_back(item->n);
      h.giveBack(std::move(item));
    }
  });
  int next = 0;
  while (next < 1000) {
    if (auto item = h.slot()) {
      item->n = next++;
      h.hand(std::move(item));
    } else {
      std::this_thread::yield();
    }
  }
  h.close();
  taker.join();
  ASSERT_EQ(taken.size(), 1000u);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(taken[static_cast<std::size_t>(i)], i);
}

}  // namespace
}  // namespace mcm::exec
