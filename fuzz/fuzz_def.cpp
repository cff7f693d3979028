// Fuzz target: a .def macro file.
#include "fuzz_input.hpp"
#include "macros/macros.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return mcm::fuzz::expectDiagnosticOrSuccess(
      [&] { mcm::macros::parseDefText(mcm::fuzz::asText(data, size), "fuzz.def"); });
}
