// Fuzz target: a RISC-V litmus test through its front end and, when it parses, the
// whole pipeline (enumerate, evaluate the embedded RVWMO, print herd7's text and Hash)
// under a tight candidate bound.
#include "exec/engine.hpp"
#include "fuzz_input.hpp"
#include "models/models.hpp"
#include "report/herd_hash.hpp"
#include "report/herd_text.hpp"
#include "riscv/parser.hpp"
#include "riscv/semantics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto model = mcm::models::defaultModel("RISCV").model();
  return mcm::fuzz::expectDiagnosticOrSuccess([&] {
    const auto test = mcm::riscv::parseText(mcm::fuzz::asText(data, size), "fuzz.litmus");
    mcm::exec::RunOptions options;
    options.maxCandidates = 2000;
    const auto result = mcm::exec::runTest(test.frame, mcm::riscv::threadSource(test), model, options);
    mcm::report::HerdTextOptions text;
    text.hash = mcm::report::herdHash(test.asWritten, mcm::riscv::hashCodeText(test));
    mcm::report::renderHerdText(test.frame, result, 0.0, text);
  });
}
