#pragma once
// Names the literal expansion adds to a test (prefix memb_, kept out of the
// test's own names): the IPI flag of call C, the completion flag of C's handler
// in thread T, and the registers recording that the handler saw the IPI and that
// the caller saw the completion.
#include <fmt/format.h>

#include <string>

namespace mcm::membarrier {

inline std::string ipiLocation(std::size_t call) { return fmt::format("memb_ipi{}", call); }
inline std::string doneLocation(std::size_t call, int thread) { return fmt::format("memb_done{}_{}", call, thread); }
inline std::string seenRegister(std::size_t call) { return fmt::format("memb_seen{}", call); }
inline std::string doneRegister(std::size_t call, int thread) { return fmt::format("memb_saw{}_{}", call, thread); }
inline bool isExpansionRegister(const std::string& name) {
  return name.rfind("memb_seen", 0) == 0 || name.rfind("memb_saw", 0) == 0;
}

}  // namespace mcm::membarrier
