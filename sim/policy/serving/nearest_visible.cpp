// `nearest-visible`: the satellite the station's ground link points to now (the bent pipe); with several
// links, the nearest of them; among equally near ones (a data centre's servers, over the same fibre), the
// least busy, then the first.
#include "policy/serving/policies.hpp"

namespace orbitsim {

std::optional<int> NearestVisibleServing::choose(const std::vector<ServingCandidate>& candidates) const {
  const ServingCandidate* best = nullptr;
  for (const auto& c : candidates)
    if (c.linked && (!best || c.route_delay_s < best->route_delay_s ||
                     (c.route_delay_s == best->route_delay_s && c.active_requests < best->active_requests)))
      best = &c;
  if (!best) return std::nullopt;
  return best->satellite;
}

}  // namespace orbitsim
