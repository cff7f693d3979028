#pragma once
// One event structure: an init write per location plus one path of every thread.
// Events are numbered 0..n-1: init writes first (by location id), then each
// thread's path events in order.
#include <string>
#include <vector>

#include "cat/model.hpp"
#include "exec/symbolic.hpp"
#include "exec/thread_paths.hpp"

namespace mcm::exec {

// Every location of a test, numbered in name byte order (the symbol ids of Val).
struct LocationTable {
  std::vector<std::string> names;
  int find(const std::string& name) const;  // -1 if absent
};

struct Event {
  EventKind kind = EventKind::Fence;
  int thread = -1;  // -1 for init writes
  const PathEvent* source = nullptr;  // null for init writes
  int addr = -1;    // node of the address (-1 for fences)
  int value = -1;   // node of the value (reads: their Var; writes: the stored value)
  VarId var = -1;
  bool isMemoryRead() const { return kind == EventKind::Read || kind == EventKind::ReadWrite; }
  bool isMemoryWrite() const {
    return kind == EventKind::Write || kind == EventKind::InitWrite || kind == EventKind::ReadWrite;
  }
};

struct Structure {
  std::vector<Event> events;
  std::vector<int> reads;   // memory reads, in event order
  std::vector<int> writes;  // memory writes including init writes, in event order
  std::vector<const ThreadPath*> paths;  // per thread
  std::vector<Assumption> assumptions;   // of all paths
  std::vector<int> threadStart;          // first event id of each thread
  bool staticAddresses = true;           // no address depends on a read value
  rel::Relation po;                      // program order incl. intra-statement causality
  std::size_t size() const { return events.size(); }
};

// Builds the structure; `initValues[loc]` is the node of location loc's initial value
// (-1: none, its init write is never read from).
Structure buildStructure(const std::vector<const ThreadPath*>& paths, const std::vector<int>& initValues,
                         const NodePool& pool);

// The candidate-independent names of the structure (herd's predefined sets and
// relations), given the resolved address of every event (a symbol id, or -1
// for events without a location).
// `annotationSets` are defined (possibly empty) whatever the events carry.
cat::Environment programEnvironment(const Structure& s, const std::vector<int>& locationOf,
                                    const std::set<std::string>& variants,
                                    const std::vector<std::string>& annotationSets = {});

// herd's set name for a tag: the tag with its first letter upper-cased (`rcu-lock` -> `Rcu-lock`).
std::string tagSetName(const std::string& tag);

}  // namespace mcm::exec
