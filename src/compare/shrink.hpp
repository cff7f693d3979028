#pragma once
// The deletion loop both minimisers share: whole threads first (the most reduction per
// trial), then single statements, for as long as some deletion keeps the difference.
#include <cstddef>
#include <optional>

namespace mcm::compare {

// `Space` names a variant type and offers:
//   threads(v), statements(v, t)                 sizes of the current variant
//   withoutThread(v, t), withoutStatement(v, t, i) -> std::optional<Variant> (nullopt: not deletable)
//   keep(Variant) -> bool: true when the variant still separates the models (it becomes the best)
//   best() -> const Variant&, trialsLeft() -> bool
template <class Space>
void shrinkWhileDifferent(Space& space) {
  for (bool progress = true; progress && space.trialsLeft();) {
    progress = false;
    for (std::size_t t = space.threads(space.best()); t-- > 0 && space.threads(space.best()) > 1;)
      if (auto v = space.withoutThread(space.best(), t)) progress |= space.keep(std::move(*v));
    for (std::size_t t = 0; t < space.threads(space.best()); ++t)
      for (std::size_t i = space.statements(space.best(), t); i-- > 0;)
        if (auto v = space.withoutStatement(space.best(), t, i)) progress |= space.keep(std::move(*v));
  }
}

}  // namespace mcm::compare
