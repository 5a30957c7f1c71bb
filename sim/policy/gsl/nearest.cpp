// `nearest`: the visible satellites with the shortest slant range (lowest propagation delay).
#include "policy/gsl/policies.hpp"

namespace orbitsim {

std::vector<GslCandidate> NearestGsl::select(std::span<const GslCandidate> visible, const GslSelectionContext& c) const {
  return take_best(visible, c.max_links, [](const GslCandidate& g) { return g.range_m; });
}

}  // namespace orbitsim
