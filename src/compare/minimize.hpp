#pragma once
// Distinguishing tests, minimised: from a C or RISC-V test on which two models differ, a
// smallest variant (threads, then statements deleted while the difference
// persists) whose `exists` clause names a final state exactly one model allows.
#include <optional>
#include <string>

#include "compare/compare.hpp"
#include "litmus/ast.hpp"

namespace mcm::compare {

struct MinimizedTest {
  std::string text;         // C litmus text ending in `exists (STATE)`
  int allowedBy = 0;        // the side (0: A, 1: B) that allows STATE; the other forbids it
  std::size_t threads = 0;  // of the variant
  std::size_t statements = 0;  // other than register declarations
};

// nullopt when the models agree on the test (or cannot both run it). Each
// deletion tried costs one comparison; at most maxTrials are made.
std::optional<MinimizedTest> minimizeDifference(const litmus::Test& test, const Side& a, const Side& b,
                                                int maxTrials = 400);
// The same for the text of a RISC-V test: threads (columns of its code) and instructions
// (cells) are deleted; the variant shows every location and every register a load writes.
std::optional<MinimizedTest> minimizeRiscvDifference(const std::string& text, const std::string& path, const Side& a,
                                                     const Side& b, int maxTrials = 400);

}  // namespace mcm::compare
