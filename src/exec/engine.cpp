#include "exec/engine.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <iterator>
#include <limits>
#include <map>
#include <memory_resource>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "exec/candidate_values.hpp"
#include "exec/hand_over.hpp"
#include "exec/outcome.hpp"
#include "exec/solver.hpp"
#include "exec/structure.hpp"
#include "exec/symmetry.hpp"
#include "exec/test_frame.hpp"
#include "exec/thread_paths.hpp"
#include "exec/work_share.hpp"
#include "support/diagnostic.hpp"

namespace mcm::exec {

using litmus::Location;

namespace {

// How far past the candidate bound the static rf estimate of one structure may go before
// the test is refused outright. Branch values can prune most of those choices, so only an
// estimate no enumeration could ever finish (1e15 with the default bound) is refused.
constexpr double kStaticSlack = 1e8;
// Partial rf choices are refuted in structures of at least kRefuteFrom rf choices; at a depth
// of the search, after kRefuteTrial questions, only while each question drops on average
// kRefuteWorth complete choices.
constexpr double kRefuteFrom = 1024;
constexpr long long kRefuteTrial = 16;
constexpr double kRefuteWorth = 4;

// A verdict standing for more branches than this (a dropped part of a `with` set) counts as this many.
constexpr std::uint64_t kCountLimit = std::uint64_t{1} << 60;

// A final state as judging lists it: its displayed values, packed.
using PackedState = std::vector<PackedValue>;

// What the walker builds once for the whole run and every worker reads: the thread paths
// and the nodes of their values, the test's symmetries. Not changed once the walk starts.
struct Enumeration {
  NodePool pool;
  std::vector<std::vector<ThreadPath>> perThread;
  std::vector<int> initNodes;  // per location: the node of its initial value, -1 for none
  int zeroNode = -1;           // the constant 0 (what a register never written holds)
  // The test's symmetries (findSymmetries); imageDisplayedAt[g]: where an image's displayed
  // values are (Finals) in the execution.
  SymmetryGroup group;
  std::vector<std::vector<int>> imageDisplayedAt;
};

// An event structure being walked, shared with the workers judging its candidates.
struct StructureWork {
  std::shared_ptr<const Enumeration> enumeration;
  Structure s;
  std::vector<int> registerNodes;  // per needed register, the node of its final value (finalRegisterNodes)
};

// A numbered candidate the walker hands to another worker.
struct HandedCandidate {
  long long n = 0;
  long long candidatesBefore = 0;  // candidates counted before it, against the bound
  std::vector<int> images;         // imagesOf
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

// One worker's share of a run (see work_share.hpp, hand_over.hpp). The walker enumerates
// every candidate, numbers them, and judges those it does not hand over; the other workers
// judge what is handed to them. With one worker it judges them all as it walks.
class Runner {
 public:
  Runner(const litmus::Test& t, const ThreadSource& source, std::vector<std::shared_ptr<const cat::Model>> models,
         const RunOptions& o, WorkShare& share, CandidateHandOver& handOver)
      : test_(t), source_(source), models_(std::move(models)), options_(o), share_(share), handOver_(handOver),
        frame_(frame(t)), perModel_(models_.size()),
        fast_(o.speedcheck == RunOptions::SpeedCheck::Fast && models_.size() == 1) {}

  // Called each time the walker numbers a candidate (joiners are started from there).
  void onNumbered(std::function<void()> call) { onNumbered_ = std::move(call); }

  // The walker's share: the walk, then what is left handed over. A failure is kept (with
  // where it happened) rather than thrown.
  void walk() {
    try {
      enumerate();
    } catch (const Stopped&) {
    } catch (...) {
      fail();
    }
    handFilling();
    handOver_.close();
    take();
  }

  // Another worker's share: judging the candidates handed over, until the walk is over.
  void take() {
    try {
      while (auto batch = handOver_.take()) {
        for (std::size_t i = 0; i < batch->size; ++i) {
          const HandedCandidate& h = batch->entries[i];
          if (share_.stoppedBefore(beforeCandidate(h.n))) break;
          if (!enumeration_) useEnumeration(batch->structure->enumeration);
          candidates_ = h.candidatesBefore;
          judgeCandidate(h.n, batch->structure, h.candidate, h.images);
        }
        batch->size = 0;
        batch->structure.reset();
        handOver_.giveBack(std::move(batch));
      }
    } catch (const Stopped&) {
    } catch (...) {
      fail();
    }
    sortStates();
  }

  // The outcome of the run: the single-threaded run's result or error.
  static std::vector<TestResult> merge(std::vector<std::unique_ptr<Runner>>& runners) {
    Position first = kNowhere;
    Runner* decisive = nullptr;
    for (auto& r : runners)
      for (Position p : {r->errorAt_, r->witnessAt_})
        if (p < first) first = p, decisive = r.get();
    if (decisive && decisive->error_ && decisive->errorAt_ == first) std::rethrow_exception(decisive->error_);
    Runner& out = *runners.front();
    if (decisive) {  // a fast witness: it alone is counted, with the candidates judged up to it
      const long long witness = decisive->witnessCandidate_;
      long long judged = 0;
      for (auto& r : runners)
        for (const auto& [n, count] : r->judgedPerCandidate_)
          if (n < witness || (n == witness && r.get() == decisive)) judged += count;
      std::swap(out.perModel_, decisive->perModel_);
      out.perModel_.front().result.candidates = judged;
      return out.finish();
    }
    for (auto& r : runners) {
      if (r.get() == &out) continue;
      for (std::size_t m = 0; m < out.perModel_.size(); ++m) {
        PerModel& into = out.perModel_[m];
        PerModel& from = r->perModel_[m];
        into.sorted = mergeSorted(std::move(into.sorted), std::move(from.sorted));
        into.result.positive += from.result.positive;
        into.result.negative += from.result.negative;
        into.result.candidates += from.result.candidates;
        into.result.flags.merge(from.result.flags);
      }
    }
    return out.finish();
  }

 private:
  // Keeps this worker's earliest failure.
  void fail() {
    if (position_ < errorAt_) {
      error_ = std::current_exception();
      errorAt_ = position_;
    }
    share_.stopAt(position_);
  }

  void useEnumeration(std::shared_ptr<const Enumeration> e) {
    enumeration_ = std::move(e);
    if (test_.condition) indexConditionLocations(test_.condition->prop);
  }
  const NodePool& pool() const { return enumeration_->pool; }
  const SymmetryGroup& group() const { return enumeration_->group; }

  void enumerate() {
    const bool lkmmv2 = options_.variants.count("lkmmv2") > 0;
    auto en = std::make_shared<Enumeration>();
    auto& perThread = en->perThread;
    for (std::size_t i = 0; i < test_.threads.size(); ++i) {
      ThreadSetup setup;
      setup.file = test_.path;
      setup.initRegisters = frame_.initRegs[i];
      for (std::size_t loc = 0; loc < frame_.locations.names.size(); ++loc)
        setup.symbols[frame_.locations.names[loc]] = static_cast<int>(loc);
      setup.lkmmv2 = lkmmv2;
      setup.unroll = options_.unroll;
      setup.maxPaths = options_.maxCandidates;
      auto paths = source_.paths(static_cast<int>(i), setup, en->pool);
      std::vector<ThreadPath> kept;
      for (auto& p : paths) {
        if (p.cutoff) loopCutoff_ = true;
        else kept.push_back(std::move(p));
      }
      perThread.push_back(std::move(kept));
    }
    for (std::size_t loc = 0; loc < frame_.initMemory.size(); ++loc)
      en->initNodes.push_back(frame_.uninitialised[loc] ? -1 : en->pool.constant(frame_.initMemory[loc]));
    en->zeroNode = en->pool.constant(Val::integer(0));

    // Every combination of one path per thread (odometer order: last thread fastest).
    double combinations = 1;
    for (const auto& paths : perThread) {
      if (paths.empty()) return;
      combinations *= static_cast<double>(paths.size());
    }
    // Every combination counts against the bound: exceeding it is certain, so stop before starting.
    if (combinations > double(options_.maxCandidates))
      throw TooManyCandidates(test_.path, {},
                       fmt::format("test too large: {:.3g} combinations of thread paths (bound: {} candidate executions)",
                                   combinations, options_.maxCandidates));
    findSymmetries(*en);
    useEnumeration(en);
    std::vector<std::size_t> pick(perThread.size(), 0);
    while (true) {
      std::vector<const ThreadPath*> chosen;
      for (std::size_t i = 0; i < pick.size(); ++i) chosen.push_back(&perThread[i][pick[i]]);
      // A structure that is another's image is judged as that one's image.
      if (group().firstOfImages(pick, stabilizer_)) runStructure(chosen);
      std::size_t i = pick.size();
      while (i > 0 && ++pick[i - 1] == perThread[i - 1].size()) pick[--i] = 0;
      if (i == 0) break;
    }
  }

  // The test's symmetries (symmetry.hpp): each execution is judged for its images too. Not
  // when every candidate is counted or observed, nor with -speedcheck fast (it stops at the
  // first witness), nor with a filter (which abandons rf choices by one thread's registers);
  // only when no write copies a read's value as it is (so no value is left free, RfSearch:
  // herd's names for those would not follow), and for symmetries keeping what is displayed.
  void findSymmetries(Enumeration& en) {
    if (options_.countEveryCandidate || options_.observer || fast_ || test_.filter) return;
    for (const auto& paths : en.perThread)
      for (const auto& path : paths)
        for (const auto& e : path.events)
          if ((e.kind == EventKind::Write || e.kind == EventKind::ReadWrite) && e.value >= 0 &&
              en.pool[e.value].kind == Node::Kind::Var)
            return;
    TestShape shape;
    for (std::size_t loc = 0; loc < frame_.initMemory.size(); ++loc)
      shape.initValues.push_back(frame_.uninitialised[loc] ? std::nullopt : std::optional(frame_.initMemory[loc]));
    shape.shownRegisters.resize(en.perThread.size());
    for (const auto& l : frame_.displayed) {
      if (l.isRegister()) shape.shownRegisters[l.thread].insert(l.name);
      else shape.shownLocations.insert(frame_.locations.find(l.name));
    }
    auto found = symmetries(en.perThread, en.pool, shape);
    if (found.size() < 2) return;
    en.group = SymmetryGroup(std::move(found));
    // In an image, a displayed value is its preimage's value in the execution.
    en.imageDisplayedAt.resize(en.group.size());
    for (std::size_t g = 0; g < en.group.size(); ++g)
      for (const auto& l : frame_.displayed)
        en.imageDisplayedAt[g].push_back(
            frame_.valueIndex(preimage(l, en.group[en.group.inverse(static_cast<int>(g))])));
  }

  // Where, in an execution, the value of a location of the condition lies in its image g (taken
  // once per image when first asked, not at every candidate). Locations of the condition are found
  // by address (its tree outlives the run); any other location is looked up each time.
  void indexConditionLocations(const litmus::PropPtr& p) {
    if (!p) return;
    if (p->kind == litmus::Prop::Kind::Atom) {
      conditionValueAt_[&p->lhs].assign(group().size(), kNotIndexed);
      if (p->rhsLoc) conditionValueAt_[&*p->rhsLoc].assign(group().size(), kNotIndexed);
    }
    for (const auto& a : p->args) indexConditionLocations(a);
  }

  int valueIndexIn(const Location& l, int g) {
    const auto slow = [&] {
      return frame_.valueIndex(g == 0 ? l : preimage(l, group()[group().inverse(g)]));
    };
    auto it = conditionValueAt_.find(&l);
    if (it == conditionValueAt_.end()) return slow();
    int& at = it->second[static_cast<std::size_t>(g)];
    if (at == kNotIndexed) at = slow();
    return at;
  }

  Location preimage(Location l, const Symmetry& inverse) const {
    if (l.isRegister()) l.thread = inverse.thread[l.thread];
    else l.name = frame_.locations.names[inverse.location[frame_.locations.find(l.name)]];
    return l;
  }

  std::vector<TestResult> finish() {
    std::vector<TestResult> results;
    for (auto& m : perModel_) {
      m.result.loopCutoff = loopCutoff_;
      m.result.states.reserve(m.sorted.size());
      for (auto& state : m.sorted) m.result.states.emplace_back(columns_, std::move(state));
      results.push_back(std::move(m.result));
    }
    return results;
  }

  // This worker's states in herd's line order, taken out of their tree by the worker itself when
  // done (in parallel), so that merging workers' states is a linear pass.
  void sortStates() {
    for (auto& m : perModel_) {
      m.sorted.reserve(m.states.size());
      while (!m.states.empty()) m.sorted.push_back(std::move(m.states.extract(m.states.begin()).value()));
    }
  }

  static std::vector<PackedState> mergeSorted(std::vector<PackedState> a, std::vector<PackedState> b) {
    std::vector<PackedState> out;
    out.reserve(a.size() + b.size());
    auto i = a.begin(), j = b.begin();
    while (i != a.end() && j != b.end()) {
      if (*j < *i) out.push_back(std::move(*j++));
      else {
        if (!(*i < *j)) ++j;  // the same state
        out.push_back(std::move(*i++));
      }
    }
    std::move(i, a.end(), std::back_inserter(out));
    std::move(j, b.end(), std::back_inserter(out));
    return out;
  }

  // Path combinations, complete rf choices tried and candidates judged (rf x final writes) are each bounded.
  void countCandidates(long long& counter, long long n = 1) {
    if (n > options_.maxCandidates - counter)
      throw TooManyCandidates(test_.path, {},
                       "more than " + std::to_string(options_.maxCandidates) +
                           " candidate executions; raise the bound (-maxcandidates N) to run this test");
    counter += n;
  }

  void runStructure(const std::vector<const ThreadPath*>& paths) {
    countCandidates(structures_);  // even a structure with no solvable rf choice costs a search
    auto work = std::make_shared<StructureWork>(
        StructureWork{enumeration_, buildStructure(paths, enumeration_->initNodes, pool()), {}});
    const Structure& s = work->s;
    work->registerNodes = finalRegisterNodes(s);
    RfSearch search(s, pool(), test_.path);
    // An astronomically large test stops at once rather than after the bound's worth of work.
    // The static bound ignores value equations, so only a product far past the bound is refused.
    if (const double bound = search.rfChoicesBound(); bound > kStaticSlack * double(options_.maxCandidates))
      throw TooManyCandidates(test_.path, {},
                       fmt::format("test too large: up to {:.3g} rf choices in one event structure "
                                   "(bound: {} candidate executions)",
                                   bound, options_.maxCandidates));
    pinFilteredRegisters(s, search);
    // An rf choice after one of its images (EventPermutation::compare) is judged as that one's image.
    std::vector<std::pair<int, EventPermutation>> within;
    for (int g : stabilizer_) within.emplace_back(g, EventPermutation(s, group()[g]));
    auto refuted = refutation(work, search);
    if (!within.empty() || refuted)
      search.abandonWhen([&within, refuted](const Candidate& partial, std::size_t assigned) {
        for (const auto& [g, perm] : within)
          if (perm.compare(partial, assigned) > 0) return true;
        return refuted && refuted(partial, assigned);
      });
    refuseIfPastTheBound(s, work->registerNodes, search);
    search.run(
        [this] {
          if (share_.stoppedBefore(beforeCandidate(solved_))) throw Stopped{};
          countCandidates(rfChoices_);
        },
        [&](const Candidate& c) {
          const auto& images = imagesOf(within, c, s.reads.size());
          if (images.empty()) return;
          const long long n = solved_++;
          if (share_.stoppedBefore(beforeCandidate(n))) throw Stopped{};
          if (onNumbered_) onNumbered_();
          if (!filling_) filling_ = handOver_.slot();
          if (!filling_) {
            judgeCandidate(n, work, c, images);
            position_ = beforeCandidate(n + 1);
            return;
          }
          HandedBatch& batch = *filling_;
          if (batch.size == 0) batch.structure = work;
          if (batch.entries.size() == batch.size) batch.entries.emplace_back();
          HandedCandidate& h = batch.entries[batch.size++];
          h.n = n;
          h.candidatesBefore = candidates_;
          h.images = images;
          h.candidate = c;
          if (batch.size == HandedBatch::kCapacity) handFilling();
          // Its judge meets the bound there first; counted here for the candidates after it.
          position_ = counting(n);
          if (auto k = finalCombinations(s, work->registerNodes, c))
            countCandidates(candidates_, *k * static_cast<long long>(images.size()));
          position_ = beforeCandidate(n + 1);
        });
    handFilling();
  }

  void handFilling() {
    if (filling_) handOver_.hand(std::move(filling_));
  }

  void judgeCandidate(long long n, const std::shared_ptr<const StructureWork>& work, const Candidate& c,
                      const std::vector<int>& images) {
    position_ = judging(n);
    auto& evs = evaluatorsFor(work, c.locationOf);
    judgedBefore_ = perModel_.front().result.candidates;
    if (auto f = finalsOf(work->s, work->registerNodes, c)) judge(n, work->s, c, *f, evs, images);
    noteJudged(n);
    if (options_.observer) {
      share_.awaitTurn(n);
      share_.passTurn(n);
    }
  }

  // A value of an execution as its image under symmetry g has it: an address renamed.
  StateValue imageValue(StateValue v, int g) const {
    if (v.kind == StateValue::Kind::Symbol) {
      const auto& names = frame_.locations.names;
      v.symbol = names[group()[g].location[frame_.locations.find(v.symbol)]];
    }
    return v;
  }

  // The symmetries giving the distinct images of rf choice c (the identity first, then one per
  // coset of those mapping c onto itself); none when c is not the first of its images.
  const std::vector<int>& imagesOf(const std::vector<std::pair<int, EventPermutation>>& within, const Candidate& c,
                                   std::size_t reads) {
    images_.assign(1, 0);
    if (group().size() < 2) return images_;
    fixing_.assign(1, 0);
    for (const auto& [g, perm] : within) {
      const int order = perm.compare(c, reads);
      if (order > 0) {
        images_.clear();
        return images_;
      }
      if (order == 0) fixing_.push_back(g);
    }
    group().cosetRepresentatives(fixing_, images_);
    return images_;
  }

  // One evaluator per model for the candidates of a structure whose events are at `locationOf`
  // (those of the structure judged last are kept).
  std::vector<std::unique_ptr<cat::Evaluator>>& evaluatorsFor(const std::shared_ptr<const StructureWork>& work,
                                                             const std::vector<int>& locationOf) {
    if (evaluatorsOf_ != work) {
      evaluators_.clear();
      evaluatorsOf_ = work;
    }
    auto& evs = evaluators_[locationOf];
    if (evs.empty()) evs = newEvaluators(work->s, locationOf);
    return evs;
  }

  // `like`: evaluators of the same models and locations, whose staging the new ones take.
  std::vector<std::unique_ptr<cat::Evaluator>> newEvaluators(
      const Structure& s, const std::vector<int>& locationOf,
      const std::vector<std::unique_ptr<cat::Evaluator>>* like = nullptr) {
    cat::Environment program = programEnvironment(s, locationOf, options_.variants, source_.annotationSets);
    program.candidateNames = {"rf", "FW"};  // what judge() adds
    std::vector<std::unique_ptr<cat::Evaluator>> evs;
    for (std::size_t m = 0; m < models_.size(); ++m) {
      const cat::Evaluator* staged = like ? (*like)[m].get() : evs.empty() ? nullptr : evs.front().get();
      evs.push_back(std::make_unique<cat::Evaluator>(models_[m], program, options_.checks, staged));
      if (options_.observer) evs.back()->enableEvidence();
    }
    return evs;
  }

  // Whether the rf choices extending a partial one hold no execution the models allow: the
  // edges chosen so far fail a check that can only fail more as edges are added
  // (cat::Evaluator::refutes). Abandoning them changes only the count of candidates judged
  // (not done when it is asked for, nor when every candidate is observed). Needs each event's
  // location known before the values read are; asked of evaluators of their own (each question
  // changes rf and FW, which the judging evaluators reuse the work of from one candidate to the next).
  std::function<bool(const Candidate&, std::size_t)> refutation(const std::shared_ptr<const StructureWork>& work,
                                                                 RfSearch& search) {
    const Structure& s = work->s;
    if (options_.countEveryCandidate || options_.observer || search.rfChoicesBound() < kRefuteFrom) return nullptr;
    const auto locations = search.fixedLocations();
    if (!locations) return nullptr;
    auto refuters = std::make_shared<std::vector<std::unique_ptr<cat::Evaluator>>>(
        newEvaluators(s, *locations, &evaluatorsFor(work, *locations)));
    // A question costs about one candidate's judging: it is asked at a depth of the search
    // while the choices it drops there are worth it (none on the RCU chains).
    struct Asked {
      long long times = 0, refuted = 0;
      double below = 0;  // rf choices under one partial choice of this depth
    };
    std::vector<Asked> asked(s.reads.size());
    for (std::size_t k = 0; k < asked.size(); ++k) asked[k].below = search.rfChoicesBound(k);
    return [&s, refuters, asked](const Candidate& partial, std::size_t assigned) mutable {
      Asked& at = asked[assigned];
      if (at.below < 2 * kRefuteWorth ||
          (at.times >= kRefuteTrial && double(at.refuted) * at.below < kRefuteWorth * double(at.times)))
        return false;
      cat::Environment lower;
      lower.numEvents = s.size();
      rel::Relation rf(s.size());
      for (std::size_t i = 0; i < assigned; ++i) rf.insert(partial.rfWrite[i], s.reads[i]);
      lower.relations.emplace("rf", std::move(rf));
      ++at.times;
      const bool refuted =
          std::all_of(refuters->begin(), refuters->end(), [&lower](const auto& ev) { return ev->refutes(lower); });
      at.refuted += refuted;
      return refuted;
    };
  }

  // A structure whose rf choices might pass the bound is first counted without judging
  // (a small part of judging's cost): a test too large stops in seconds, not after judging
  // the bound's worth of candidates. Not with -speedcheck, which may settle it sooner.
  void refuseIfPastTheBound(const Structure& s, const std::vector<int>& registerNodes, RfSearch& search) {
    if (options_.speedcheck != RunOptions::SpeedCheck::Off) return;
    if (search.rfChoicesBound() <= double(options_.maxCandidates - std::max(rfChoices_, candidates_))) return;
    long long rfChoices = rfChoices_, candidates = candidates_;
    search.run([&] { countCandidates(rfChoices); },
               [&](const Candidate& c) {
                 if (auto k = finalCombinations(s, registerNodes, c)) countCandidates(candidates, *k);
               });
  }

  // A filter's `thread:register = value` requirements (each conjunct a disjunction of such
  // conjunctions) abandon rf choices early; the filter still judges every final state, so
  // this drops only candidates it would drop (`mcm hw --against` judges a large test's
  // observed states so).
  void pinFilteredRegisters(const Structure& s, RfSearch& search) {
    if (!test_.filter) return;
    const litmus::Prop& f = *test_.filter;
    std::vector<const litmus::Prop*> conjuncts{&f};
    if (f.kind == litmus::Prop::Kind::And) {
      conjuncts.clear();
      for (const auto& a : f.args) conjuncts.push_back(a.get());
    }
    for (const litmus::Prop* c : conjuncts) {
      auto rows = filterRows(*c);
      if (!rows) continue;
      std::vector<RfSearch::PinRow> pinRows;
      for (const auto& row : *rows) {
        RfSearch::PinRow pins;
        for (const litmus::Prop* atom : row) {
          const auto t = static_cast<std::size_t>(atom->lhs.thread);
          if (t >= s.paths.size()) continue;
          const auto& finals = s.paths[t]->registers;
          auto it = finals.find(atom->lhs.name);
          const Val want = literal(atom->rhs, frame_.locations);
          if (it != finals.end()) pins.emplace_back(it->second, want);
          else pins.emplace_back(enumeration_->zeroNode, want);  // a register never written ends 0
        }
        pinRows.push_back(std::move(pins));
      }
      search.requireOneOf(std::move(pinRows));
    }
  }

  // -speedcheck fast counts the branches judged before the first witness only.
  void noteJudged(long long n) {
    const long long judged = perModel_.front().result.candidates - judgedBefore_;
    if (fast_ && judged > 0) judgedPerCandidate_.emplace_back(n, judged);
  }

  // Per needed register (TestFrame::neededRegisters), the node of its final value in this
  // structure's paths, or -1 (never written: 0).
  std::vector<int> finalRegisterNodes(const Structure& s) const {
    std::vector<int> nodes;
    for (const auto& l : frame_.neededRegisters) {
      const auto& finals = s.paths[l.thread]->registers;
      const auto it = finals.find(l.name);
      nodes.push_back(it != finals.end() ? it->second : -1);
    }
    return nodes;
  }

  // The number of final-write combinations finalsOf gives, without building the states (for
  // candidates only counted).
  std::optional<long long> finalCombinations(const Structure& s, const std::vector<int>& registerNodes,
                                             const Candidate& c) const {
    for (int node : registerNodes)
      if (node >= 0 && !RfSearch::resolve(pool(), node, c).ok) return std::nullopt;
    long long n = 1;
    for (int loc : frame_.observed) {
      long long k = 0;
      for (int w : s.writes) {
        if (c.locationOf[w] != loc || s.events[w].kind == EventKind::InitWrite) continue;
        if (!RfSearch::resolve(pool(), s.events[w].value, c).ok) return std::nullopt;
        ++k;
      }
      k = std::max(k, 1LL);
      n = n > std::numeric_limits<long long>::max() / k ? std::numeric_limits<long long>::max() : n * k;
    }
    return n;
  }

  std::optional<Finals> finalsOf(const Structure& s, const std::vector<int>& registerNodes, const Candidate& c) const {
    const auto& locs = frame_.locations;
    Finals f;
    const bool anyFree = std::any_of(c.freeClass.begin(), c.freeClass.end(), [](int r) { return r >= 0; });
    if (anyFree) f.freeNames = freeValueNames(s, c);
    f.registers.reserve(registerNodes.size());
    for (int node : registerNodes) {
      RfSearch::Resolved r;
      if (node >= 0) {
        r = RfSearch::resolve(pool(), node, c);
        if (!r.ok) return std::nullopt;  // an operation on a free value: herd cannot solve it
      } else {
        r.ok = true;
        r.value = Val::integer(0);
      }
      f.registers.push_back(stateValue(r, locs, f.freeNames));
    }
    // Final-write choices of every observed location; an init write is final only if nothing else writes there.
    for (int loc : frame_.observed) {
      std::vector<std::pair<int, StateValue>> options;
      for (int w : s.writes) {
        if (c.locationOf[w] != loc || s.events[w].kind == EventKind::InitWrite) continue;
        auto r = RfSearch::resolve(pool(), s.events[w].value, c);
        if (!r.ok) return std::nullopt;
        options.emplace_back(w, stateValue(r, locs, f.freeNames));
      }
      if (options.empty())
        options.emplace_back(loc, stateValue({true, false, frame_.initMemory[loc], -1}, locs, f.freeNames));
      f.writes.push_back(std::move(options));
    }
    return f;
  }

  // Filter, condition and each model's verdicts for every final-write choice of candidate n.
  void judge(long long n, const Structure& s, const Candidate& c, const Finals& f,
             const std::vector<std::unique_ptr<cat::Evaluator>>& evaluators, const std::vector<int>& images) {
    const auto& locs = frame_.locations;
    cat::Environment cand;
    cand.numEvents = s.size();
    rel::Relation rf(s.size());
    for (std::size_t i = 0; i < s.reads.size(); ++i) rf.insert(c.rfWrite[i], s.reads[i]);
    cand.relations.emplace("rf", std::move(rf));
    cand.values.resize(s.size());
    for (std::size_t e = 0; e < s.size(); ++e) {
      const Event& ev = s.events[e];
      if (ev.kind == EventKind::InitWrite) {
        if (!frame_.initMemory[e].isSym()) cand.values[e] = frame_.initMemory[e].n;
      } else if (ev.isMemoryRead() || ev.isMemoryWrite()) {
        auto r = RfSearch::resolve(pool(), ev.value, c);
        if (r.ok && !r.free && !r.value.isSym()) cand.values[e] = r.value.n;
      }
    }

    std::vector<EventInfo> events;
    if (options_.observer) events = eventInfos(s, c, f.freeNames);
    // With -speedcheck only the executions that can settle the condition are judged.
    const bool settling = !test_.condition || test_.condition->quantifier != litmus::Quantifier::Forall;
    bool myTurn = false;

    auto& views = views_;
    auto& shown = shown_;
    auto& listed = listed_;
    views.assign(images.size(), View{});
    if (shown.size() < images.size()) shown.resize(images.size());
    std::vector<std::size_t> pick(f.writes.size(), 0);
    while (true) {
      countCandidates(candidates_, static_cast<long long>(images.size()));  // the images are candidates too
      rel::EventSet fw(s.size());
      for (std::size_t i = 0; i < f.writes.size(); ++i) fw.insert(f.writes[i][pick[i]].first);
      const auto valueAt = [&](int at) -> const StateValue& {
        return at >= 0 ? f.registers[static_cast<std::size_t>(at)] : f.writes[static_cast<std::size_t>(~at)][pick[static_cast<std::size_t>(~at)]].second;
      };
      // The execution and its images: the same verdicts, each with its own state.
      for (std::size_t k = 0; k < images.size(); ++k) {
        const int g = images[k];
        StateLookup lookup = [&](const Location& l) -> StateValue {
          if (g == 0) return valueAt(valueIndexIn(l, 0));
          return imageValue(valueAt(valueIndexIn(l, g)), g);
        };
        View& view = views[k];
        view.positive = test_.condition ? holds(test_.condition->prop, lookup) : true;
        view.judged = holds(test_.filter, lookup) &&
                      (options_.speedcheck == RunOptions::SpeedCheck::Off || view.positive == settling);
      }
      if (std::any_of(views.begin(), views.end(), [](const View& v) { return v.judged; })) {
        // Each view's state, listed once per model however many of its branches are allowed.
        for (std::size_t k = 0; k < images.size(); ++k) {
          const int g = images[k];
          shown[k].clear();
          for (int at : g == 0 ? frame_.displayedAt : enumeration_->imageDisplayedAt[g])
            shown[k].push_back(pack(g == 0 ? valueAt(at) : imageValue(valueAt(at), g), locs));
        }
        cand.sets.insert_or_assign("FW", fw);
        for (std::size_t m = 0; m < evaluators.size(); ++m) {
          PerModel& out = perModel_[m];
          listed.assign(images.size(), 0);
          evaluators[m]->run(cand, [&](const cat::Verdict& v) {
            if (options_.observer) {  // never with images
              if (!myTurn) share_.awaitTurn(n);
              myTurn = true;
              const FinalState state(columns_, shown[0]);
              options_.observer(CandidateView{v, state, views[0].positive, events, cand, *models_[m]});
            }
            // herd counts rejected branches and the executions -throughflag lets through.
            if (v.allowed && !options_.throughFlag.empty() &&
                std::find(v.flags.begin(), v.flags.end(), options_.throughFlag) == v.flags.end())
              return;
            for (std::size_t k = 0; k < images.size(); ++k) {
              const View& view = views[k];
              if (!view.judged) continue;
              out.result.candidates += static_cast<long long>(std::min<std::uint64_t>(v.branches, kCountLimit));
              if (!v.allowed) continue;
              (view.positive ? out.result.positive : out.result.negative) += 1;
              for (const auto& flag : v.flags) out.result.flags.insert(flag);
              if (!listed[k]) out.states.insert(shown[k]);
              listed[k] = true;
              if (fast_) stopAtWitness(n);
            }
          });
        }
      }
      std::size_t i = pick.size();
      while (i > 0 && ++pick[i - 1] == f.writes[i - 1].size()) pick[--i] = 0;
      if (i == 0) break;
    }
  }

  // -speedcheck fast: every counted execution settles the condition; the first one ends the run.
  [[noreturn]] void stopAtWitness(long long n) {
    witnessAt_ = judging(n);
    witnessCandidate_ = n;
    noteJudged(n);
    share_.stopAt(witnessAt_);
    throw Stopped{};
  }

  // The states met, then (sortStates) the same in a vector. The tree's nodes come from blocks
  // released all at once: taking 2^18 states out of it frees no node.
  struct PerModel {
    std::pmr::monotonic_buffer_resource nodes;
    std::pmr::set<PackedState> states{&nodes};
    std::vector<PackedState> sorted;
    TestResult result;
  };

  std::vector<EventInfo> eventInfos(const Structure& s, const Candidate& c,
                                    const std::map<int, int>& freeNames) const {
    std::vector<EventInfo> out(s.size());
    std::vector<int> perThread(s.paths.size(), 0);
    for (std::size_t e = 0; e < s.size(); ++e) {
      const Event& ev = s.events[e];
      EventInfo& info = out[e];
      info.thread = ev.thread;
      info.kind = kindLetters(ev.kind);
      if (ev.source) {
        info.index = perThread[ev.thread]++;
        info.line = ev.source->line;
        info.tags = ev.source->tags;
      }
      if (c.locationOf[e] >= 0) info.location = frame_.locations.names[c.locationOf[e]];
      if (ev.kind == EventKind::InitWrite) {
        info.value = valueText(stateValue({true, false, frame_.initMemory[e], -1}, frame_.locations, freeNames));
      } else if (ev.value >= 0) {
        auto r = RfSearch::resolve(pool(), ev.value, c);
        if (r.ok) info.value = valueText(stateValue(r, frame_.locations, freeNames));
      }
    }
    return out;
  }

  const litmus::Test& test_;
  const ThreadSource& source_;
  std::vector<std::shared_ptr<const cat::Model>> models_;
  const RunOptions& options_;
  WorkShare& share_;
  CandidateHandOver& handOver_;
  TestFrame frame_;
  // What the states of this test display, shared by all of them.
  std::shared_ptr<const StateColumns> columns_ =
      std::make_shared<const StateColumns>(StateColumns{frame_.displayed, frame_.locations.names});
  std::shared_ptr<const Enumeration> enumeration_;  // the walker's, once built (a taker's: from its first item)
  std::vector<PerModel> perModel_;
  bool loopCutoff_ = false;  // a thread path was cut off (the walker's)
  const bool fast_;
  // Evaluators (evaluatorsFor) of the structure judged last: one per model and resolved address map.
  std::shared_ptr<const StructureWork> evaluatorsOf_;
  std::map<std::vector<int>, std::vector<std::unique_ptr<cat::Evaluator>>> evaluators_;
  // The symmetries mapping the current structure onto itself but the identity; buffers of imagesOf.
  static constexpr int kNotIndexed = std::numeric_limits<int>::min();
  std::unordered_map<const Location*, std::vector<int>> conditionValueAt_;  // valueIndexIn's, per image
  std::vector<int> stabilizer_;
  std::vector<int> images_, fixing_;
  // judge()'s buffers, per image: its condition's verdict and whether it is judged (a filter,
  // -speedcheck), its state, whether the state is listed yet.
  struct View {
    bool positive = false;
    bool judged = false;
  };
  std::vector<View> views_;
  std::vector<PackedState> shown_;
  std::vector<char> listed_;
  std::function<void()> onNumbered_;
  std::unique_ptr<HandedBatch> filling_;  // the walker's batch being filled (handed when full and after each structure)
  long long candidates_ = 0;
  long long rfChoices_ = 0;
  long long structures_ = 0;
  long long solved_ = 0;                 // solved rf choices met so far: the candidates' numbers
  long long judgedBefore_ = 0;           // branches judged before the current candidate
  Position position_ = beforeCandidate(0);
  std::exception_ptr error_;
  Position errorAt_ = kNowhere;
  Position witnessAt_ = kNowhere;        // -speedcheck fast: where this worker met its first witness
  long long witnessCandidate_ = -1;
  std::vector<std::pair<long long, long long>> judgedPerCandidate_;  // fast: (candidate, branches judged)
};

}  // namespace

std::vector<TestResult> runTestModels(const litmus::Test& test, const ThreadSource& source,
                                      const std::vector<std::shared_ptr<const cat::Model>>& models,
                                      const RunOptions& options) {
  WorkShare share;
  CandidateHandOver handOver;
  // The walker (this thread) first, then the takers.
  std::vector<std::unique_ptr<Runner>> runners;
  const int workers = std::max(1, options.threads);
  for (int i = 0; i < workers; ++i)
    runners.push_back(std::make_unique<Runner>(test, source, models, options, share, handOver));
  ThreadGroup takers;
  const auto startTaker = [&](Runner& r) {
    handOver.addTaker();
    if (takers.start([&r, &handOver] {
          r.take();
          handOver.removeTaker();
        }))
      return true;
    handOver.removeTaker();
    return false;
  };
  for (int i = 1; i < workers; ++i) startTaker(*runners[static_cast<std::size_t>(i)]);  // none to spare: fewer
  // Joiners: started by the walker (so only its thread touches them) when options.extraThreads
  // allows more; they take candidates from then on.
  std::vector<std::unique_ptr<Runner>> joiners;
  if (options.extraThreads)
    runners.front()->onNumbered([&] {
      while (static_cast<int>(joiners.size()) < options.extraThreads->load(std::memory_order_relaxed)) {
        auto joiner = std::make_unique<Runner>(test, source, models, options, share, handOver);
        if (!startTaker(*joiner)) break;
        joiners.push_back(std::move(joiner));
      }
    });
  runners.front()->walk();
  takers.joinAll();
  for (auto& j : joiners) runners.push_back(std::move(j));
  return Runner::merge(runners);
}

TestResult runTest(const litmus::Test& test, const ThreadSource& source, std::shared_ptr<const cat::Model> model,
                   const RunOptions& options) {
  return std::move(runTestModels(test, source, {std::move(model)}, options).front());
}

TestResult runTest(const litmus::Test& expanded, std::shared_ptr<const cat::Model> model, const RunOptions& options) {
  return std::move(runTestModels(expanded, {std::move(model)}, options).front());
}

std::vector<TestResult> runTestModels(const litmus::Test& expanded,
                                      const std::vector<std::shared_ptr<const cat::Model>>& models,
                                      const RunOptions& options) {
  ThreadSource c;
  c.paths = [&expanded](int i, const ThreadSetup& setup, NodePool& pool) {
    return executeThread(expanded.threads[i], setup, pool);
  };
  return runTestModels(expanded, c, models, options);
}

}  // namespace mcm::exec
