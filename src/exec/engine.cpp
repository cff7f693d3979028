#include "exec/engine.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "exec/judge.hpp"

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

// The walker of a run: it enumerates every candidate execution, numbers them in the
// single-threaded order, counts them against the bound, and hands them over to the other
// workers while they can take more (hand_over.hpp), judging the others with its own judge.
class Walker {
 public:
  Walker(const litmus::Test& t, const ThreadSource& source, const RunOptions& o, WorkShare& share,
         CandidateHandOver& handOver, Judge& own)
      : test_(t), source_(source), options_(o), share_(share), handOver_(handOver), judge_(own),
        frame_(own.frame()), fast_(own.stopsAtFirstWitness()) {}

  // Called each time a candidate is numbered (joiners are started from there).
  void onNumbered(std::function<void()> call) { onNumbered_ = std::move(call); }

  // The walk, then what is left handed over. A failure is kept rather than thrown.
  void walk() {
    try {
      enumerate();
    } catch (const Stopped&) {
    } catch (...) {
      failure.keep(position_, share_);
    }
    handFilling();
    handOver_.close();
    judge_.take(handOver_);
  }

  bool loopCutoff() const { return loopCutoff_; }
  Failure failure;

 private:
  const NodePool& pool() const { return enumeration_->pool; }
  const SymmetryGroup& group() const { return enumeration_->group; }
  void count(long long& counter, long long n = 1) { countAgainstBound(counter, n, options_, test_.path); }

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
    enumeration_ = en;
    judge_.useEnumeration(en);
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
            frame_.valueIndex(frame_.preimage(l, en.group[en.group.inverse(static_cast<int>(g))])));
  }

  void runStructure(const std::vector<const ThreadPath*>& paths) {
    count(structures_);  // even a structure with no solvable rf choice costs a search
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
          count(rfChoices_);
        },
        [&](const Candidate& c) {
          const auto& images = imagesOf(within, c, s.reads.size());
          if (images.empty()) return;
          const long long n = solved_++;
          if (share_.stoppedBefore(beforeCandidate(n))) throw Stopped{};
          if (onNumbered_) onNumbered_();
          if (!filling_) filling_ = handOver_.slot();
          if (!filling_) {
            position_ = judging(n);
            candidates_ = judge_.judge(n, work, c, images, candidates_);
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
            count(candidates_, *k * static_cast<long long>(images.size()));
          position_ = beforeCandidate(n + 1);
        });
    handFilling();
  }

  void handFilling() {
    if (filling_) handOver_.hand(std::move(filling_));
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
        judge_.newEvaluators(s, *locations, &judge_.evaluatorsFor(work, *locations)));
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
    search.run([&] { count(rfChoices); },
               [&](const Candidate& c) {
                 if (auto k = finalCombinations(s, registerNodes, c)) count(candidates, *k);
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

  const litmus::Test& test_;
  const ThreadSource& source_;
  const RunOptions& options_;
  WorkShare& share_;
  CandidateHandOver& handOver_;
  Judge& judge_;
  const TestFrame& frame_;
  const bool fast_;
  std::shared_ptr<const Enumeration> enumeration_;
  bool loopCutoff_ = false;  // a thread path was cut off
  // The symmetries mapping the current structure onto itself but the identity; buffers of imagesOf.
  std::vector<int> stabilizer_;
  std::vector<int> images_, fixing_;
  std::function<void()> onNumbered_;
  std::unique_ptr<HandedBatch> filling_;  // the batch being filled (handed when full and after each structure)
  long long candidates_ = 0;
  long long rfChoices_ = 0;
  long long structures_ = 0;
  long long solved_ = 0;  // solved rf choices met so far: the candidates' numbers
  Position position_ = beforeCandidate(0);
};

}  // namespace

std::vector<TestResult> runTestModels(const litmus::Test& test, const ThreadSource& source,
                                      const std::vector<std::shared_ptr<const cat::Model>>& models,
                                      const RunOptions& options) {
  WorkShare share;
  CandidateHandOver handOver;
  // The walker's judge first, then the takers'.
  std::vector<std::unique_ptr<Judge>> judges;
  const int workers = std::max(1, options.threads);
  for (int i = 0; i < workers; ++i) judges.push_back(std::make_unique<Judge>(test, source, models, options, share));
  Walker walker(test, source, options, share, handOver, *judges.front());
  ThreadGroup takers;
  const auto startTaker = [&](Judge& j) {
    handOver.addTaker();
    if (takers.start([&j, &handOver] {
          j.take(handOver);
          handOver.removeTaker();
        }))
      return true;
    handOver.removeTaker();
    return false;
  };
  for (int i = 1; i < workers; ++i) startTaker(*judges[static_cast<std::size_t>(i)]);  // none to spare: fewer
  // Joiners: started by the walker (so only its thread touches them) when options.extraThreads
  // allows more; they take candidates from then on.
  std::vector<std::unique_ptr<Judge>> joiners;
  if (options.extraThreads)
    walker.onNumbered([&] {
      while (static_cast<int>(joiners.size()) < options.extraThreads->load(std::memory_order_relaxed)) {
        auto joiner = std::make_unique<Judge>(test, source, models, options, share);
        if (!startTaker(*joiner)) break;
        joiners.push_back(std::move(joiner));
      }
    });
  walker.walk();
  takers.joinAll();
  std::vector<Judge*> all;
  for (auto& j : judges) all.push_back(j.get());
  for (auto& j : joiners) all.push_back(j.get());
  return Judge::merge(all, walker.failure, walker.loopCutoff());
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
