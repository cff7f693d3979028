#pragma once
// What every fuzz target shares: bad input must end in mcm::Diagnostic (a
// positioned error); any other exception, a crash or a sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "support/diagnostic.hpp"

namespace mcm::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `body`; a Diagnostic is the expected answer to bad input and is swallowed.
template <class Body>
int expectDiagnosticOrSuccess(Body&& body) {
  try {
    body();
  } catch (const mcm::Diagnostic&) {
  }
  return 0;
}

}  // namespace mcm::fuzz
