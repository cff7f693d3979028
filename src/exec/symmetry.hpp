#pragma once
// Symmetries of a test. When thread i's paths, their locations renamed, are thread j's
// (identical threads; or a ring's threads, each on its own locations), the threads can trade
// places, taking their locations with them, in any candidate execution: the image (every
// event for its image) is a candidate too, and no model tells it apart, as a model names
// neither threads nor locations; its final state is the same but for the threads' registers
// and the locations, permuted. So the engine judges one execution of each orbit and counts
// it for every image.
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "exec/solver.hpp"
#include "exec/structure.hpp"
#include "exec/thread_paths.hpp"

namespace mcm::exec {

// A symmetry: thread i becomes thread `thread[i]`, location l location `location[l]`.
struct Symmetry {
  std::vector<int> thread;
  std::vector<int> location;
  friend bool operator==(const Symmetry&, const Symmetry&) = default;
  friend auto operator<=>(const Symmetry&, const Symmetry&) = default;
};

// What a symmetry keeps besides the programs: initial values, and what a final state shows.
struct TestShape {
  std::vector<std::optional<Val>> initValues;         // per location (nullopt: uninitialised)
  std::vector<std::set<std::string>> shownRegisters;  // per thread
  std::set<int> shownLocations;
};

// At most this many symmetries are used (a larger group gives way to a subgroup: the
// symmetries that leave the first threads where they are).
constexpr std::size_t kMaxSymmetries = 120;

// The symmetries of a test, the identity first: a group (each composition of two, and each
// inverse, is one of them).
std::vector<Symmetry> symmetries(const std::vector<std::vector<ThreadPath>>& perThread, const NodePool& pool,
                                 const TestShape& shape);

// The symmetries of a test (symmetries()) as a group: their products, inverses and cosets.
class SymmetryGroup {
 public:
  SymmetryGroup() = default;  // no symmetry but the identity
  explicit SymmetryGroup(std::vector<Symmetry> elements);

  std::size_t size() const { return elements_.empty() ? 1 : elements_.size(); }
  const Symmetry& operator[](int g) const { return elements_[static_cast<std::size_t>(g)]; }
  int inverse(int g) const { return inverse_[static_cast<std::size_t>(g)]; }

  // Whether an event structure (the index of each thread's path) comes first among its images
  // (lexicographically); if so, `fixing` holds the symmetries but the identity that map it
  // onto itself.
  bool firstOfImages(const std::vector<std::size_t>& pick, std::vector<int>& fixing) const;

  // One symmetry per coset of the subgroup `fixing` (the identity first in both): one per
  // distinct image of what that subgroup maps onto itself, the identity first.
  void cosetRepresentatives(const std::vector<int>& fixing, std::vector<int>& out) const;

 private:
  std::vector<Symmetry> elements_;
  std::vector<std::vector<int>> product_;  // product_[a][b]: b, then a
  std::vector<int> inverse_;
  mutable std::vector<char> covered_;
};

// A symmetry of a test acting on one event structure whose threads' paths it maps onto
// themselves (path for path).
class EventPermutation {
 public:
  EventPermutation(const Structure& s, const Symmetry& g);

  // Compares an rf choice whose first `assigned` reads have their write with its image, read
  // by read in the search's order, as far as both are known: negative when the choice comes
  // first, positive when its image does, 0 when not known yet or, every read assigned, when
  // the choice is its own image.
  int compare(const Candidate& c, std::size_t assigned) const;

 private:
  std::vector<int> event_;          // per event: its image
  std::vector<std::size_t> read_;   // per read (index in Structure::reads): the index of the read it is the image of
};

}  // namespace mcm::exec
