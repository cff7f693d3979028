#include "compare/program_space.hpp"

#include <algorithm>
#include <numeric>

namespace mcm::compare {

namespace {

// A thread without its locations: the vocabulary indices of its instructions.
using Shape = std::vector<int>;

// Threads come in non-increasing order of (events, shape); locations are then given to the
// accesses in text order, each either one used before or the next new one (a restricted
// growth string). Two such programs are the same up to renaming only if they have the same
// shapes and one is the other with threads of equal shape swapped: of each such class, only
// the one whose locations read smallest is run.
class Enumerator {
 public:
  Enumerator(const std::vector<Instruction>& vocabulary, const std::function<bool(const Program&, int)>& visit)
      : vocabulary_(vocabulary), visit_(visit) {}

  bool run(int events) {
    shapes_.assign(events + 1, {});
    Shape shape;
    collectShapes(shape, 0, events);
    threads_.clear();
    return addThread(events);
  }

 private:
  // Every shape of at most `limit` events, by its number of events.
  void collectShapes(Shape& shape, int used, int limit) {
    if (!shape.empty() && vocabulary_[shape.back()].access) shapes_[used].push_back(shape);
    for (std::size_t i = 0; i < vocabulary_.size(); ++i) {
      const Instruction& ins = vocabulary_[i];
      if (used + ins.events > limit) continue;
      if (!ins.access && (shape.empty() || !vocabulary_[shape.back()].access)) continue;
      shape.push_back(static_cast<int>(i));
      collectShapes(shape, used + ins.events, limit);
      shape.pop_back();
    }
  }

  bool addThread(int eventsLeft) {
    if (eventsLeft == 0) return assignLocations();
    for (int size = eventsLeft; size >= 1; --size) {
      if (!threads_.empty() && size > threadEvents_.back()) continue;
      for (const Shape& shape : shapes_[size]) {
        if (!threads_.empty() && size == threadEvents_.back() && threads_.back() < shape) continue;
        threads_.push_back(shape);
        threadEvents_.push_back(size);
        const bool more = addThread(eventsLeft - size);
        threads_.pop_back();
        threadEvents_.pop_back();
        if (!more) return false;
      }
    }
    return true;
  }

  bool assignLocations() {
    slots_.clear();
    for (std::size_t t = 0; t < threads_.size(); ++t)
      for (int ins : threads_[t])
        if (vocabulary_[ins].access) slots_.push_back(static_cast<int>(t));
    locations_.assign(slots_.size(), 0);
    return assignFrom(0, 0);
  }

  bool assignFrom(std::size_t slot, int used) {
    if (slot == slots_.size()) return !smallestOfItsClass() || visit_(program(), used);
    for (int l = 0; l <= used; ++l) {
      locations_[slot] = l;
      if (!assignFrom(slot + 1, std::max(used, l + 1))) return false;
    }
    return true;
  }

  // Whether no swap of threads of equal shape gives locations that, renamed in order of first
  // use, read smaller.
  bool smallestOfItsClass() {
    std::vector<std::size_t> firstSlot(threads_.size() + 1, 0);
    for (std::size_t t = 0, s = 0; t < threads_.size(); ++t) {
      firstSlot[t] = s;
      s += static_cast<std::size_t>(std::count_if(threads_[t].begin(), threads_[t].end(),
                                                  [this](int i) { return vocabulary_[i].access; }));
      firstSlot[t + 1] = s;
    }
    std::vector<std::size_t> order(threads_.size());
    std::iota(order.begin(), order.end(), 0);
    return permuteBlocks(order, 0, firstSlot);
  }

  // Tries every order of the threads from `from` on that only swaps threads of equal shape.
  bool permuteBlocks(std::vector<std::size_t>& order, std::size_t from, const std::vector<std::size_t>& firstSlot) {
    if (from == order.size()) return !renamedIsSmaller(order, firstSlot);
    std::size_t end = from + 1;
    while (end < order.size() && threads_[end] == threads_[from]) ++end;
    do {
      if (!permuteBlocks(order, end, firstSlot)) return false;
    } while (std::next_permutation(order.begin() + static_cast<long>(from), order.begin() + static_cast<long>(end)));
    return true;
  }

  bool renamedIsSmaller(const std::vector<std::size_t>& order, const std::vector<std::size_t>& firstSlot) {
    std::vector<int> rename(locations_.size(), -1);
    int next = 0;
    std::size_t at = 0;
    for (std::size_t t : order)
      for (std::size_t s = firstSlot[t]; s < firstSlot[t + 1]; ++s, ++at) {
        int& r = rename[locations_[s]];
        if (r < 0) r = next++;
        if (r != locations_[at]) return r < locations_[at];
      }
    return false;
  }

  Program program() const {
    Program p(threads_.size());
    std::size_t slot = 0;
    for (std::size_t t = 0; t < threads_.size(); ++t)
      for (int ins : threads_[t]) p[t].push_back({ins, vocabulary_[ins].access ? locations_[slot++] : -1});
    return p;
  }

  const std::vector<Instruction>& vocabulary_;
  const std::function<bool(const Program&, int)>& visit_;
  std::vector<std::vector<Shape>> shapes_;  // by events
  std::vector<Shape> threads_;
  std::vector<int> threadEvents_;
  std::vector<int> slots_;      // per access, in text order: its thread
  std::vector<int> locations_;  // per access: its location
};

}  // namespace

bool forEachProgram(const std::vector<Instruction>& vocabulary, int events,
                    const std::function<bool(const Program&, int)>& visit) {
  return Enumerator(vocabulary, visit).run(events);
}

std::vector<Instruction> knownInstructions() {
  return {
      {"once-read", 1, true, false, true, "$r = READ_ONCE(*$x);"},
      {"once-write", 1, false, true, true, "WRITE_ONCE(*$x, $v);"},
      {"acquire", 1, true, false, true, "$r = smp_load_acquire($x);"},
      {"release", 1, false, true, true, "smp_store_release($x, $v);"},
      {"mb", 1, false, false, false, "smp_mb();"},
      {"rmb", 1, false, false, false, "smp_rmb();"},
      {"wmb", 1, false, false, false, "smp_wmb();"},
      {"xchg", 2, true, true, true, "$r = xchg($x, $v);"},
      {"xchg-relaxed", 2, true, true, true, "$r = xchg_relaxed($x, $v);"},
      {"xchg-acquire", 2, true, true, true, "$r = xchg_acquire($x, $v);"},
      {"xchg-release", 2, true, true, true, "$r = xchg_release($x, $v);"},
      {"lw", 1, true, false, true, "lw $r,0($x)", "RISCV"},
      {"sw", 1, false, true, true, "sw $v,0($x)", "RISCV"},
      {"lw.aq", 1, true, false, true, "lw.aq $r,0($x)", "RISCV"},
      {"sw.rl", 1, false, true, true, "sw.rl $v,0($x)", "RISCV"},
      {"fence.rw.rw", 1, false, false, false, "fence rw,rw", "RISCV"},
      {"fence.r.r", 1, false, false, false, "fence r,r", "RISCV"},
      {"fence.w.w", 1, false, false, false, "fence w,w", "RISCV"},
      {"fence.tso", 1, false, false, false, "fence.tso", "RISCV"},
      {"fence.r.rw", 1, false, false, false, "fence r,rw", "RISCV"},
      {"fence.rw.w", 1, false, false, false, "fence rw,w", "RISCV"},
      {"amoswap.w", 1, true, true, true, "amoswap.w $r,$v,($x)", "RISCV"},
      {"amoswap.w.aq", 1, true, true, true, "amoswap.w.aq $r,$v,($x)", "RISCV"},
      {"amoswap.w.rl", 1, true, true, true, "amoswap.w.rl $r,$v,($x)", "RISCV"},
      {"amoswap.w.aqrl", 1, true, true, true, "amoswap.w.aq.rl $r,$v,($x)", "RISCV"},
  };
}

std::vector<Instruction> defaultVocabulary(const std::string& arch) {
  const std::vector<std::string> names =
      arch == "RISCV" ? std::vector<std::string>{"lw", "sw", "lw.aq", "sw.rl", "fence.rw.rw", "fence.r.r", "fence.w.w",
                                                 "fence.tso"}
                      : std::vector<std::string>{"once-read", "once-write", "acquire", "release", "mb", "rmb", "wmb"};
  std::vector<Instruction> out;
  for (const auto& i : knownInstructions())
    if (std::find(names.begin(), names.end(), i.name) != names.end()) out.push_back(i);
  return out;
}

}  // namespace mcm::compare
