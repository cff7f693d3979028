#pragma once
// rf enumeration and equation solving for one event structure.
//
// Every memory read takes its value from one memory write (init writes
// included) at the same address; each choice adds the equations
// "value read = value written" and "address read = address written", plus the
// path's assumptions (branch outcomes, cmpxchg success...). Choices whose
// equations fail are dropped. Reads are assigned in event order and every
// equation is checked as soon as both sides are known, so a doomed partial
// choice is abandoned early; values never change once known, so this pruning
// gives exactly the candidates of the exhaustive enumeration.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "exec/structure.hpp"

namespace mcm::exec {

struct Candidate {
  std::vector<int> rfWrite;      // per entry of Structure::reads: the write it reads from
  std::vector<Val> values;       // per variable
  std::vector<char> known;       // per variable: values[v] is set
  std::vector<int> freeClass;    // per variable: its class representative when left free (a copy cycle), else -1
  std::vector<int> locationOf;   // per event: symbol id of its location, -1 for fences
};

class RfSearch {
 public:
  RfSearch(const Structure& s, const NodePool& pool, std::string file);
  // Calls onSolved for every solvable rf choice (the Candidate is valid during the call).
  // `onLeaf` is called for every complete rf choice before solving (for the candidate bound).
  // Throws mcm::Diagnostic for a write through a non-symbolic address.
  void run(const std::function<void()>& onLeaf, const std::function<void(const Candidate&)>& onSolved);

  // The value of a node in a solved candidate: nullopt when it depends on a free variable through an operation.
  struct Resolved {
    bool ok = false;
    bool free = false;
    Val value;
    int freeClass = -1;
  };
  static Resolved resolve(const NodePool& pool, int node, const Candidate& c);

  // An upper bound on the complete rf choices run() will visit: the product of each
  // read's candidate writes (value equations only ever remove choices), from read `from` on
  // (the choices below a partial choice of the reads before it). Saturates to infinity.
  double rfChoicesBound(std::size_t from = 0) const;

  // What a filter requires, to abandon doomed choices early: the candidate must match at
  // least one row, a row being values some nodes must take. A choice under which every row
  // has a node already known to hold another value is dropped; a node whose value stays
  // unknown never drops one (whoever set the rows still checks the final state).
  using PinRow = std::vector<std::pair<int, Val>>;
  void requireOneOf(std::vector<PinRow> rows);

  // A partial choice (the first `assigned` reads have their write, assigned < reads) that
  // `doomed` refuses is abandoned with every choice extending it. Its answers are asked
  // during the first complete run() and replayed in the runs after it (the bound's count,
  // then the judging, visit the same choices).
  void abandonWhen(std::function<bool(const Candidate& partial, std::size_t assigned)> doomed) {
    doomed_ = std::move(doomed);
  }

  // Each event's location when no address depends on what is read (Candidate::locationOf).
  std::optional<std::vector<int>> fixedLocations() const;

 private:
  void search(std::size_t k);
  bool propagate();
  bool consistent();
  bool matchesPins() const;
  void finish();
  std::optional<Val> eval(int node) const { return pool_.eval(node, cand_.values, cand_.known); }

  const Structure& s_;
  const NodePool& pool_;
  std::string file_;
  std::vector<std::vector<int>> choices_;  // per read: writes it may read from
  std::vector<char> addressToCheck_;       // per read: an address of it or its choices is computed
  bool locationsFixed_ = false;            // every address is constant: cand_.locationOf set once
  std::vector<VarId> unresolved_;          // finish()'s, kept
  std::vector<char> assumptionHeld_;       // per assumption: found to hold on the current choices
  std::vector<std::size_t> heldTrail_;     // those, in the order found (undone on backtracking)
  std::vector<VarId> trail_;               // variables set, for undoing
  Candidate cand_;
  // Each must be matched (requireOneOf). Rows share nodes (a 19-thread chain's observed
  // states: about 600 rows over the same 19 registers): each distinct node is evaluated
  // once per check, and a row's pins index them.
  struct PinSet {
    std::vector<int> nodes;                                  // distinct
    std::vector<std::vector<std::pair<std::size_t, Val>>> rows;  // (index into nodes, value)
  };
  std::vector<PinSet> pinSets_;
  mutable std::vector<std::optional<Val>> pinValues_;  // matchesPins()'s, kept (it runs at every step)
  bool doomed(std::size_t assigned);
  std::function<bool(const Candidate&, std::size_t)> doomed_;
  std::vector<bool> answers_;  // doomed_'s, in the order asked
  bool answered_ = false;      // a run() completed: answers_ holds all of them
  std::size_t replayed_ = 0;
  const std::function<void()>* onLeaf_ = nullptr;
  const std::function<void(const Candidate&)>* onSolved_ = nullptr;
};

}  // namespace mcm::exec
