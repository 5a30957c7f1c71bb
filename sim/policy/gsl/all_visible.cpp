// `all-visible`: every visible satellite is linked; the station's `max_links_per_station` radio chains
// are shared among them (link k uses chain k mod max_links).
#include "policy/gsl/policies.hpp"

namespace orbitsim {

std::vector<GslCandidate> AllVisibleGsl::select(std::span<const GslCandidate> visible, const GslSelectionContext&) const {
  return {visible.begin(), visible.end()};
}

}  // namespace orbitsim
