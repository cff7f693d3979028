#include "exec/judge.hpp"

#include <algorithm>
#include <iterator>
#include <memory_resource>
#include <set>

#include "exec/outcome.hpp"

namespace mcm::exec {

using litmus::Location;

namespace {

// A verdict standing for more branches than this (a dropped part of a `with` set) counts as this many.
constexpr std::uint64_t kCountLimit = std::uint64_t{1} << 60;

std::vector<PackedState> mergeSorted(std::vector<PackedState> a, std::vector<PackedState> b) {
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

}  // namespace

void Failure::keep(Position p, WorkShare& share) {
  if (p < at) {
    error = std::current_exception();
    at = p;
  }
  share.stopAt(p);
}

void countAgainstBound(long long& counter, long long n, const RunOptions& options, const std::string& file) {
  if (n > options.maxCandidates - counter)
    throw TooManyCandidates(file, {},
                            "more than " + std::to_string(options.maxCandidates) +
                                " candidate executions; raise the bound (-maxcandidates N) to run this test");
  counter += n;
}

// The states met, then (sortStates) the same in a vector. The tree's nodes come from blocks
// released all at once: taking 2^18 states out of it frees no node.
struct Judge::PerModel {
  std::pmr::monotonic_buffer_resource nodes;
  std::pmr::set<PackedState> states{&nodes};
  std::vector<PackedState> sorted;
  TestResult result;
};

Judge::Judge(const litmus::Test& t, const ThreadSource& source, std::vector<std::shared_ptr<const cat::Model>> models,
             const RunOptions& o, WorkShare& share)
    : test_(t), source_(source), models_(std::move(models)), options_(o), share_(share), frame_(exec::frame(t)),
      columns_(std::make_shared<const StateColumns>(StateColumns{frame_.displayed, frame_.locations.names})),
      fast_(o.speedcheck == RunOptions::SpeedCheck::Fast && models_.size() == 1) {
  for (std::size_t m = 0; m < models_.size(); ++m) perModel_.push_back(std::make_unique<PerModel>());
}

Judge::~Judge() = default;

void Judge::useEnumeration(std::shared_ptr<const Enumeration> e) {
  enumeration_ = std::move(e);
  if (test_.condition) indexConditionLocations(test_.condition->prop);
}

long long Judge::judge(long long n, const std::shared_ptr<const StructureWork>& work, const Candidate& c,
                       const std::vector<int>& images, long long counted) {
  position_ = judging(n);
  candidates_ = counted;
  auto& evs = evaluatorsFor(work, c.locationOf);
  judgedBefore_ = perModel_.front()->result.candidates;
  if (auto f = finalsOf(work->s, work->registerNodes, c)) judgeFinals(n, work->s, c, *f, evs, images);
  noteJudged(n);
  if (options_.observer) {
    share_.awaitTurn(n);
    share_.passTurn(n);
  }
  return candidates_;
}

void Judge::take(CandidateHandOver& handOver) {
  try {
    while (auto batch = handOver.take()) {
      for (std::size_t i = 0; i < batch->size; ++i) {
        const HandedCandidate& h = batch->entries[i];
        if (share_.stoppedBefore(beforeCandidate(h.n))) break;
        if (!enumeration_) useEnumeration(batch->structure->enumeration);
        judge(h.n, batch->structure, h.candidate, h.images, h.candidatesBefore);
      }
      batch->size = 0;
      batch->structure.reset();
      handOver.giveBack(std::move(batch));
    }
  } catch (const Stopped&) {
  } catch (...) {
    failure.keep(position_, share_);
  }
  sortStates();
}

std::vector<std::unique_ptr<cat::Evaluator>>& Judge::evaluatorsFor(const std::shared_ptr<const StructureWork>& work,
                                                                  const std::vector<int>& locationOf) {
  if (evaluatorsOf_ != work) {
    evaluators_.clear();
    evaluatorsOf_ = work;
  }
  auto& evs = evaluators_[locationOf];
  if (evs.empty()) evs = newEvaluators(work->s, locationOf);
  return evs;
}

std::vector<std::unique_ptr<cat::Evaluator>> Judge::newEvaluators(
    const Structure& s, const std::vector<int>& locationOf,
    const std::vector<std::unique_ptr<cat::Evaluator>>* like) const {
  cat::Environment program = programEnvironment(s, locationOf, options_.variants, source_.annotationSets);
  program.candidateNames = {"rf", "FW"};  // what judgeFinals() adds
  std::vector<std::unique_ptr<cat::Evaluator>> evs;
  for (std::size_t m = 0; m < models_.size(); ++m) {
    const cat::Evaluator* staged = like ? (*like)[m].get() : evs.empty() ? nullptr : evs.front().get();
    evs.push_back(std::make_unique<cat::Evaluator>(models_[m], program, options_.checks, staged));
    if (options_.observer) evs.back()->enableEvidence();
  }
  return evs;
}

std::vector<TestResult> Judge::merge(const std::vector<Judge*>& judges, const Failure& walk, bool loopCutoff) {
  Position first = walk.at;
  const Failure* failed = walk.error ? &walk : nullptr;
  Judge* witness = nullptr;
  for (Judge* j : judges) {
    if (j->failure.at < first) first = j->failure.at, failed = &j->failure, witness = nullptr;
    if (j->witnessAt_ < first) first = j->witnessAt_, failed = nullptr, witness = j;
  }
  if (failed) std::rethrow_exception(failed->error);
  Judge& out = *judges.front();
  if (witness) {  // a fast witness: it alone is counted, with the candidates judged up to it
    const long long n = witness->witnessCandidate_;
    long long judged = 0;
    for (Judge* j : judges)
      for (const auto& [k, count] : j->judgedPerCandidate_)
        if (k < n || (k == n && j == witness)) judged += count;
    std::swap(out.perModel_, witness->perModel_);
    out.perModel_.front()->result.candidates = judged;
    return out.finish(loopCutoff);
  }
  for (Judge* j : judges) {
    if (j == &out) continue;
    for (std::size_t m = 0; m < out.perModel_.size(); ++m) {
      PerModel& into = *out.perModel_[m];
      PerModel& from = *j->perModel_[m];
      into.sorted = mergeSorted(std::move(into.sorted), std::move(from.sorted));
      into.result.positive += from.result.positive;
      into.result.negative += from.result.negative;
      into.result.candidates += from.result.candidates;
      into.result.flags.merge(from.result.flags);
    }
  }
  return out.finish(loopCutoff);
}

std::vector<TestResult> Judge::finish(bool loopCutoff) {
  std::vector<TestResult> results;
  for (auto& m : perModel_) {
    m->result.loopCutoff = loopCutoff;
    m->result.states.reserve(m->sorted.size());
    for (auto& state : m->sorted) m->result.states.emplace_back(columns_, std::move(state));
    results.push_back(std::move(m->result));
  }
  return results;
}

void Judge::sortStates() {
  for (auto& m : perModel_) {
    m->sorted.reserve(m->states.size());
    while (!m->states.empty()) m->sorted.push_back(std::move(m->states.extract(m->states.begin()).value()));
  }
}

// Where, in an execution, the value of a location of the condition lies in its image g (taken
// once per image when first asked, not at every candidate). Locations of the condition are found
// by address (its tree outlives the run); any other location is looked up each time.
void Judge::indexConditionLocations(const litmus::PropPtr& p) {
  if (!p) return;
  if (p->kind == litmus::Prop::Kind::Atom) {
    conditionValueAt_[&p->lhs].assign(group().size(), kNotIndexed);
    if (p->rhsLoc) conditionValueAt_[&*p->rhsLoc].assign(group().size(), kNotIndexed);
  }
  for (const auto& a : p->args) indexConditionLocations(a);
}

int Judge::valueIndexIn(const Location& l, int g) {
  const auto slow = [&] {
    return frame_.valueIndex(g == 0 ? l : frame_.preimage(l, group()[group().inverse(g)]));
  };
  auto it = conditionValueAt_.find(&l);
  if (it == conditionValueAt_.end()) return slow();
  int& at = it->second[static_cast<std::size_t>(g)];
  if (at == kNotIndexed) at = slow();
  return at;
}

// A value of an execution as its image under symmetry g has it: an address renamed.
StateValue Judge::imageValue(StateValue v, int g) const {
  if (v.kind == StateValue::Kind::Symbol) {
    const auto& names = frame_.locations.names;
    v.symbol = names[group()[g].location[frame_.locations.find(v.symbol)]];
  }
  return v;
}

// -speedcheck fast counts the branches judged before the first witness only.
void Judge::noteJudged(long long n) {
  const long long judged = perModel_.front()->result.candidates - judgedBefore_;
  if (fast_ && judged > 0) judgedPerCandidate_.emplace_back(n, judged);
}

std::optional<Finals> Judge::finalsOf(const Structure& s, const std::vector<int>& registerNodes,
                                      const Candidate& c) const {
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
void Judge::judgeFinals(long long n, const Structure& s, const Candidate& c, const Finals& f,
                        const std::vector<std::unique_ptr<cat::Evaluator>>& evaluators,
                        const std::vector<int>& images) {
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
    // The images are candidates too.
    countAgainstBound(candidates_, static_cast<long long>(images.size()), options_, test_.path);
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
        PerModel& out = *perModel_[m];
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
void Judge::stopAtWitness(long long n) {
  witnessAt_ = judging(n);
  witnessCandidate_ = n;
  noteJudged(n);
  share_.stopAt(witnessAt_);
  throw Stopped{};
}

std::vector<EventInfo> Judge::eventInfos(const Structure& s, const Candidate& c,
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

}  // namespace mcm::exec
