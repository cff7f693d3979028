#pragma once
// The execution engine: every candidate execution of an expanded litmus test,
// judged by a cat model, summarised as herd7 summarises it.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cat/model.hpp"
#include "exec/result.hpp"
#include "litmus/ast.hpp"

namespace mcm::exec {

struct RunOptions {
  std::set<std::string> variants;          // `-variant` names from the cfg, e.g. "lkmmv2"
  int unroll = 2;                          // `while` iterations before a path is cut off
  long long maxCandidates = 10'000'000;    // bound on candidate executions (rf choices x final writes)
};

// `expanded` must hold no macro calls (see macros/). Throws mcm::Diagnostic on
// bad input: a condition naming a missing thread (`Bad process P5`), a write
// through a non-symbolic address, a read no write can satisfy, more than
// maxCandidates candidates.
TestResult runTest(const litmus::Test& expanded, std::shared_ptr<const cat::Model> model, const RunOptions& options);

// The same for several models judging the same candidate executions: one
// enumeration, one verdict per model per candidate; results in model order.
std::vector<TestResult> runTestModels(const litmus::Test& expanded,
                                      const std::vector<std::shared_ptr<const cat::Model>>& models,
                                      const RunOptions& options);

}  // namespace mcm::exec
