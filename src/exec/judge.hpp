#pragma once
// Judging numbered candidate executions: the engine's workers (engine.cpp). One walker
// enumerates and numbers the candidates (judging some itself, through a Judge of its own);
// every worker's Judge judges candidates, by every model, keeping states, counts and flags
// until merge() gives the single-threaded run's result (work_share.hpp, hand_over.hpp).
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cat/model.hpp"
#include "exec/candidate_values.hpp"
#include "exec/engine.hpp"
#include "exec/hand_over.hpp"
#include "exec/solver.hpp"
#include "exec/structure.hpp"
#include "exec/symmetry.hpp"
#include "exec/test_frame.hpp"
#include "exec/work_share.hpp"

namespace mcm::exec {

// A final state as judging lists it: its displayed values, packed.
using PackedState = std::vector<PackedValue>;

// What the walker builds once for the whole run and every worker reads: the thread paths
// and the nodes of their values, the test's symmetries. Not changed once the walk starts.
struct Enumeration {
  NodePool pool;
  std::vector<std::vector<ThreadPath>> perThread;
  std::vector<int> initNodes;  // per location: the node of its initial value, -1 for none
  int zeroNode = -1;           // the constant 0 (what a register never written holds)
  // The test's symmetries; imageDisplayedAt[g]: where an image's displayed values are (Finals)
  // in the execution.
  SymmetryGroup group;
  std::vector<std::vector<int>> imageDisplayedAt;
};

// An event structure being walked, shared with the workers judging its candidates.
struct StructureWork {
  std::shared_ptr<const Enumeration> enumeration;
  Structure s;
  std::vector<int> registerNodes;  // per needed register, the node of its final value (-1: never written)
};

// A numbered candidate the walker hands to another worker.
struct HandedCandidate {
  long long n = 0;
  long long candidatesBefore = 0;  // candidates counted before it, against the bound
  std::vector<int> images;         // the symmetries giving its distinct images (0: itself)
  Candidate candidate;
};

// Candidates of one structure handed over together: one queue operation and one reference
// to the structure for many (a candidate costs as little as a few microseconds to judge).
struct HandedBatch {
  static constexpr std::size_t kCapacity = 32;
  std::shared_ptr<const StructureWork> structure;
  std::vector<HandedCandidate> entries;  // the first `size` are in use; the storage is reused
  std::size_t size = 0;
};
using CandidateHandOver = HandOver<HandedBatch>;

// A worker's earliest failure and where it happened.
struct Failure {
  std::exception_ptr error;
  Position at = kNowhere;
  // Keeps the exception being handled if it happened before the one kept; stops the run there.
  void keep(Position p, WorkShare& share);
};

// Counts n more against the bound on candidate executions (path combinations, complete rf
// choices and candidates judged are each bounded); throws TooManyCandidates past it.
void countAgainstBound(long long& counter, long long n, const RunOptions& options, const std::string& file);

class Judge {
 public:
  Judge(const litmus::Test& t, const ThreadSource& source, std::vector<std::shared_ptr<const cat::Model>> models,
        const RunOptions& o, WorkShare& share);
  ~Judge();
  Judge(const Judge&) = delete;
  Judge& operator=(const Judge&) = delete;

  const TestFrame& frame() const { return frame_; }
  // -speedcheck fast with one model: the run ends at the first witness.
  bool stopsAtFirstWitness() const { return fast_; }
  // The walker's enumeration, before the first candidate.
  void useEnumeration(std::shared_ptr<const Enumeration> e);

  // Judges candidate n of a structure (`images`: the symmetries giving its distinct images),
  // counting its executions against the bound from `counted` on; returns the count after it.
  // Throws what judging throws, Stopped when the run has stopped before it.
  long long judge(long long n, const std::shared_ptr<const StructureWork>& work, const Candidate& c,
                  const std::vector<int>& images, long long counted);

  // Judges what is handed over until the walk is over (a failure is kept in `failure`), then
  // takes its states out of their tree, so that merging workers' states is a linear pass.
  void take(CandidateHandOver& handOver);

  // One evaluator per model for the candidates of a structure whose events are at `locationOf`
  // (those of the structure judged last are kept).
  std::vector<std::unique_ptr<cat::Evaluator>>& evaluatorsFor(const std::shared_ptr<const StructureWork>& work,
                                                             const std::vector<int>& locationOf);
  // `like`: evaluators of the same models and locations, whose staging the new ones take.
  std::vector<std::unique_ptr<cat::Evaluator>> newEvaluators(
      const Structure& s, const std::vector<int>& locationOf,
      const std::vector<std::unique_ptr<cat::Evaluator>>* like = nullptr) const;

  // The outcome of the run from every worker's judge (the walker's first) once all are done:
  // the single-threaded run's result, or its error rethrown. `walk` is the walker's failure.
  static std::vector<TestResult> merge(const std::vector<Judge*>& judges, const Failure& walk, bool loopCutoff);

  Failure failure;  // in take()

 private:
  struct PerModel;
  std::optional<Finals> finalsOf(const Structure& s, const std::vector<int>& registerNodes, const Candidate& c) const;
  void judgeFinals(long long n, const Structure& s, const Candidate& c, const Finals& f,
                   const std::vector<std::unique_ptr<cat::Evaluator>>& evaluators, const std::vector<int>& images);
  void noteJudged(long long n);
  [[noreturn]] void stopAtWitness(long long n);
  std::vector<EventInfo> eventInfos(const Structure& s, const Candidate& c, const std::map<int, int>& freeNames) const;
  void indexConditionLocations(const litmus::PropPtr& p);
  int valueIndexIn(const litmus::Location& l, int g);
  StateValue imageValue(StateValue v, int g) const;
  void sortStates();
  std::vector<TestResult> finish(bool loopCutoff);
  const NodePool& pool() const { return enumeration_->pool; }
  const SymmetryGroup& group() const { return enumeration_->group; }

  const litmus::Test& test_;
  const ThreadSource& source_;
  std::vector<std::shared_ptr<const cat::Model>> models_;
  const RunOptions& options_;
  WorkShare& share_;
  TestFrame frame_;
  // What the states of this test display, shared by all of them.
  std::shared_ptr<const StateColumns> columns_;
  std::shared_ptr<const Enumeration> enumeration_;
  std::vector<std::unique_ptr<PerModel>> perModel_;
  const bool fast_;
  std::shared_ptr<const StructureWork> evaluatorsOf_;  // evaluators_'s structure
  std::map<std::vector<int>, std::vector<std::unique_ptr<cat::Evaluator>>> evaluators_;
  static constexpr int kNotIndexed = std::numeric_limits<int>::min();
  std::unordered_map<const litmus::Location*, std::vector<int>> conditionValueAt_;  // valueIndexIn's, per image
  // judgeFinals()'s buffers, per image: its condition's verdict and whether it is judged (a
  // filter, -speedcheck), its state, whether the state is listed yet.
  struct View {
    bool positive = false;
    bool judged = false;
  };
  std::vector<View> views_;
  std::vector<PackedState> shown_;
  std::vector<char> listed_;
  long long candidates_ = 0;             // counted against the bound
  long long judgedBefore_ = 0;           // branches judged before the current candidate
  Position position_ = beforeCandidate(0);
  Position witnessAt_ = kNowhere;        // -speedcheck fast: where this worker met its first witness
  long long witnessCandidate_ = -1;
  std::vector<std::pair<long long, long long>> judgedPerCandidate_;  // fast: (candidate, branches judged)
};

}  // namespace mcm::exec
