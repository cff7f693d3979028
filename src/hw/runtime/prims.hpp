// The Linux-kernel primitives as this CPU runs them in user space; prepended to
// every program `mcm hw` generates. Every location is one std::intptr_t cell and every
// value (integer or address) an std::intptr_t, as in herd's C semantics.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

void mcmRelax(unsigned& spins);  // harness: pause, yielding now and then

namespace mcm_prim {

using word = std::intptr_t;
using std::memory_order;

// An address in a register, seen as the cell it points to.
inline std::atomic_ref<word> cell(word address) { return std::atomic_ref<word>(*reinterpret_cast<word*>(address)); }
inline word& plain(word address) { return *reinterpret_cast<word*>(address); }

inline word load(word address, memory_order order) { return cell(address).load(order); }
inline void store(word address, word value, memory_order order) { cell(address).store(value, order); }

inline void fullFence() { std::atomic_thread_fence(std::memory_order_seq_cst); }
inline void compilerBarrier() { std::atomic_signal_fence(std::memory_order_seq_cst); }

// The kernel's fully ordered RMWs (no suffix) order everything before them against
// everything after them, on every architecture: bracket them with full fences.
struct Ordering {
  memory_order order;
  bool full;
};
inline constexpr Ordering kOnce{std::memory_order_relaxed, false};
inline constexpr Ordering kAcquire{std::memory_order_acquire, false};
inline constexpr Ordering kRelease{std::memory_order_release, false};
inline constexpr Ordering kFull{std::memory_order_seq_cst, true};

template <class Rmw>
inline word ordered(Ordering ordering, Rmw rmw) {
  if (ordering.full) fullFence();
  const word result = rmw(ordering.order);
  if (ordering.full) fullFence();
  return result;
}

enum class Op { Add, Sub, And, Or, Xor, AndNot };

inline word apply(Op op, word old, word value) {
  switch (op) {
    case Op::Add: return static_cast<word>(static_cast<std::uintptr_t>(old) + static_cast<std::uintptr_t>(value));
    case Op::Sub: return static_cast<word>(static_cast<std::uintptr_t>(old) - static_cast<std::uintptr_t>(value));
    case Op::And: return old & value;
    case Op::Or: return old | value;
    case Op::Xor: return old ^ value;
    case Op::AndNot: return old & ~value;
  }
  return old;
}

// Returns the old value.
inline word fetchOp(word address, Op op, word value, Ordering ordering) {
  return ordered(ordering, [&](memory_order order) {
    auto c = cell(address);
    switch (op) {
      case Op::Add: return c.fetch_add(value, order);
      case Op::Sub: return c.fetch_sub(value, order);
      case Op::And: return c.fetch_and(value, order);
      case Op::Or: return c.fetch_or(value, order);
      case Op::Xor: return c.fetch_xor(value, order);
      case Op::AndNot: return c.fetch_and(~value, order);
    }
    return c.load(order);
  });
}

// Returns the new value.
inline word opReturn(word address, Op op, word value, Ordering ordering) {
  return apply(op, fetchOp(address, op, value, ordering), value);
}

inline word xchg(word address, word value, Ordering ordering) {
  return ordered(ordering, [&](memory_order order) { return cell(address).exchange(value, order); });
}

// Returns the old value; a failed cmpxchg is a relaxed read, as in the kernel.
inline word cmpxchg(word address, word expected, word desired, Ordering ordering) {
  return ordered(ordering, [&](memory_order order) {
    word seen = expected;
    cell(address).compare_exchange_strong(seen, desired, order, std::memory_order_relaxed);
    return seen;
  });
}

// Adds `value` unless the cell holds `unless`; returns 1 if it added.
inline word addUnless(word address, word value, word unless, Ordering ordering) {
  return ordered(ordering, [&](memory_order order) {
    auto c = cell(address);
    word seen = c.load(std::memory_order_relaxed);
    while (seen != unless) {
      if (c.compare_exchange_weak(seen, apply(Op::Add, seen, value), order, std::memory_order_relaxed)) return word{1};
    }
    return word{0};
  });
}

// spin_lock and friends: a test-and-set lock with acquire/release ordering.
inline void lock(word address) {
  unsigned spins = 0;
  auto c = cell(address);
  while (c.exchange(1, std::memory_order_acquire) != 0)
    while (c.load(std::memory_order_relaxed) != 0) mcmRelax(spins);
}
inline void unlock(word address) { cell(address).store(0, std::memory_order_release); }
inline word trylock(word address) {
  word expected = 0;
  return cell(address).compare_exchange_strong(expected, 1, std::memory_order_acquire, std::memory_order_relaxed) ? 1 : 0;
}
inline word islocked(word address) { return cell(address).load(std::memory_order_relaxed) != 0 ? 1 : 0; }

// Guards against division by zero in test arithmetic (herd has no such trap).
inline word divide(word a, word b) { return b == 0 ? 0 : a / b; }

[[noreturn]] inline void fail(const char* message) {
  std::fprintf(stderr, "error: %s\n", message);
  std::fflush(stderr);
  std::_Exit(4);
}

}  // namespace mcm_prim
