#pragma once
// herd7's `Hash=` line (herd7-semantics.md §8): the MD5 of four raw MD5 digests
// that cover the init block, the unexpanded thread code and the displayed
// locations, so the same test text gives the same hash in herd7 and in mcm.
#include <string>
#include <vector>

#include "litmus/ast.hpp"

namespace mcm::report {

// The strings herd digests (exposed so tests can check them against hand derivations).
struct HashInputs {
  std::string init;       // "int u=3; x=y": sorted init entries, values as written
  std::string code;       // " P0(int* x) {<body>}\n | P1(...) {...}\n ;\n"
  std::string observed;   // "1:r0; 1:r1; x": displayed locations, sorted
};
HashInputs herdHashInputs(const litmus::Test& test);

// 32 lowercase hex digits, or the text of the test's own `Hash=` info line.
std::string herdHash(const litmus::Test& test);
// The same for an assembly test, whose code text its front end prints.
std::string herdHash(const litmus::Test& test, const std::string& codeText);

}  // namespace mcm::report
