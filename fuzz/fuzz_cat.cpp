// Fuzz target: a cat model through parsing, includes (resolved from the built-in
// library only: no include directories), name resolution and type checks.
#include "cat/model.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return mcm::fuzz::expectDiagnosticOrSuccess(
      [&] { mcm::cat::loadModelText(mcm::fuzz::asText(data, size), "fuzz.cat", {}); });
}
