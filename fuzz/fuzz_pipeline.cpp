// Fuzz target: the whole pipeline on a small test (parse, expand, enumerate,
// evaluate with the embedded LKMM, print herd7's text), under a tight candidate bound.
#include "cat/model.hpp"
#include "exec/engine.hpp"
#include "fuzz_input.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"
#include "report/herd_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto model = mcm::models::defaultModel().model();
  static const auto macros = mcm::models::defaultModel().macros();
  return mcm::fuzz::expectDiagnosticOrSuccess([&] {
    const auto test = mcm::litmus::parseLitmusText(mcm::fuzz::asText(data, size), "fuzz.litmus");
    const auto expanded = mcm::macros::expandMacros(test, *macros);
    mcm::exec::RunOptions options;
    options.variants.insert("lkmmv2");
    options.maxCandidates = 2000;
    const auto result = mcm::exec::runTest(expanded, model, options);
    mcm::report::renderHerdText(test, result, 0.0);
  });
}
