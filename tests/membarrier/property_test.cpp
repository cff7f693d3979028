// Property: on random tests, the embedded model's final states equal the union
// over placements of the literal expansion's (judged by the kernel's own model
// files, projected to the test's own locations).
// MCM_MEMB_PROPERTY_COUNT=N (default 40) sets how many tests are checked; see
// docs/membarrier.md for the full run.
#include <gtest/gtest.h>

#include <cstdlib>

#include "cat/model.hpp"
#include "exec/engine.hpp"
#include "generator.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "membarrier/membarrier.hpp"
#include "models/models.hpp"

namespace mcm::membarrier {
namespace {

std::shared_ptr<const cat::Model> kernelModel() {
  static const auto model = [] {
    const std::string dir = std::string(MCM_SHARED_DIR) + "/models/lkmm";
    return cat::loadModel(dir + "/linux-kernel.cat", {dir}, dir + "/linux-kernel.bell");
  }();
  return model;
}

std::vector<std::string> lines(const std::vector<exec::FinalState>& states) {
  std::vector<std::string> out;
  for (const auto& st : states) {
    std::string line;
    for (const auto& [loc, v] : st.entries())
      line += (loc.isRegister() ? std::to_string(loc.thread) + ":" : "") + loc.name + "=" +
              (v.kind == exec::StateValue::Kind::Symbol ? v.symbol : std::to_string(v.number)) + "; ";
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

constexpr long long kMaxPlacements = 24;

TEST(MembarrierProperty, ModelEqualsUnionOfPlacements) {
  const char* env = std::getenv("MCM_MEMB_PROPERTY_COUNT");
  const int count = env ? std::atoi(env) : 40;
  exec::RunOptions run;
  run.variants = {"lkmmv2"};
  testing::Generator gen(20261129);
  int checked = 0, withCalls = 0, differences = 0;
  for (unsigned seed = 0; checked < count; ++seed) {
    const std::string text = gen.test(seed);
    const litmus::Test test = litmus::parseLitmusText(text, "gen" + std::to_string(seed) + ".litmus");
    if (countPlacements(test) > kMaxPlacements) continue;  // keeps the literal side affordable
    if (std::getenv("MCM_MEMB_PROPERTY_VERBOSE")) std::cout << text << std::flush;
    const auto& macros = *models::defaultModel().macros();
    const auto model = lines(exec::runTest(macros::expandMacros(test, macros), models::defaultModel().model(), run).states);
    const auto literal = lines(allowedStates(test, macros, kernelModel(), run));
    ++checked;
    if (usesMembarrier(test)) ++withCalls;
    if (model != literal) {
      ++differences;
      ADD_FAILURE() << "model and literal expansion differ on\n" << text << "model:\n"
                    << ::testing::PrintToString(model) << "\nliteral:\n" << ::testing::PrintToString(literal);
    }
  }
  std::cout << checked << " random tests checked (" << withCalls << " with sys_membarrier()), " << differences
            << " differences\n";
}

}  // namespace
}  // namespace mcm::membarrier
