// Fuzz target: a C litmus test through the parser and the embedded LKMM's macro expansion.
#include "fuzz_input.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return mcm::fuzz::expectDiagnosticOrSuccess([&] {
    const auto test = mcm::litmus::parseLitmusText(mcm::fuzz::asText(data, size), "fuzz.litmus");
    mcm::macros::expandMacros(test, *mcm::models::defaultModel().macros());
  });
}
