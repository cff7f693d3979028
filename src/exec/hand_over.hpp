#pragma once
// The candidates the walking worker of a run (`-j N`) hands to the other workers.
//
// One worker walks the rf choices and numbers the candidates, so the walk is done once,
// whatever the number of threads. It hands candidates over (in batches: an item) only
// while some worker takes them and the queue has room, and otherwise judges them itself:
// it never waits, and with no other worker (-j 1) it judges everything as it walks. Items
// are taken in the order handed (their numbers increase) and their storage is reused.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace mcm::exec {

template <class Item>
class HandOver {
 public:
  // A worker that will take items, counted before its thread starts; removed when it stops.
  void addTaker() { takers_.fetch_add(1); }
  void removeTaker() { takers_.fetch_sub(1); }

  // Storage for the next item to hand over (filled, then given to hand), or null when the
  // walker judges the candidate itself.
  std::unique_ptr<Item> slot() {
    const int takers = takers_.load(std::memory_order_relaxed);
    if (takers == 0) return nullptr;
    std::lock_guard lock(mutex_);
    if (queue_.size() >= kPerTaker * static_cast<std::size_t>(takers)) return nullptr;
    if (spares_.empty()) return std::make_unique<Item>();
    auto item = std::move(spares_.back());
    spares_.pop_back();
    return item;
  }
  void hand(std::unique_ptr<Item> item) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(item));
    ready_.notify_one();
  }

  // The next item; null once the walk is over (close) and nothing is left.
  std::unique_ptr<Item> take() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return nullptr;
    auto item = std::move(queue_.front());
    queue_.pop_front();
    return item;
  }
  void giveBack(std::unique_ptr<Item> item) {
    std::lock_guard lock(mutex_);
    spares_.push_back(std::move(item));
  }

  // The walk is over: nothing more is handed.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }

 private:
  // Items waiting per taker: enough that none waits while the walker judges one candidate.
  static constexpr std::size_t kPerTaker = 2;
  std::atomic<int> takers_{0};
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::unique_ptr<Item>> queue_;
  std::vector<std::unique_ptr<Item>> spares_;
  bool closed_ = false;
};

}  // namespace mcm::exec
