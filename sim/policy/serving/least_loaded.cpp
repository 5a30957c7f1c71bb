// `least-loaded`: among the candidates within reach, the one with the fewest active requests (ties: the
// shorter delay, then the lower id). Spreads load at the cost of longer routes.
#include <tuple>

#include "policy/serving/policies.hpp"

namespace orbitsim {

std::optional<int> LeastLoadedServing::choose(const std::vector<ServingCandidate>& candidates) const {
  const ServingCandidate* best = nullptr;
  for (const auto& c : candidates)
    if (!best || std::tie(c.active_requests, c.route_delay_s, c.satellite) <
                     std::tie(best->active_requests, best->route_delay_s, best->satellite))
      best = &c;
  if (!best) return std::nullopt;
  return best->satellite;
}

}  // namespace orbitsim
