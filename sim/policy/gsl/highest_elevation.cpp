// `highest-elevation`: the visible satellites highest above the horizon (least atmosphere and rain fade).
#include "policy/gsl/policies.hpp"

namespace orbitsim {

std::vector<GslCandidate> HighestElevationGsl::select(std::span<const GslCandidate> visible,
                                                      const GslSelectionContext& c) const {
  return take_best(visible, c.max_links, [](const GslCandidate& g) { return -g.elevation_rad(); });
}

}  // namespace orbitsim
