#pragma once
// Comparison sides the compare tests share.
#include "compare/compare.hpp"
#include "models/models.hpp"

namespace mcm::testing {

// An embedded model (lkmm, sc, tso, ...) as a comparison side, with its macros and variants.
inline compare::Side embeddedSide(const std::string& name) {
  const auto& m = *models::findEmbeddedModel(name);
  compare::Side s{name, m.model(), m.macros(), {}};
  s.options.variants.insert(m.variants.begin(), m.variants.end());
  return s;
}

}  // namespace mcm::testing
