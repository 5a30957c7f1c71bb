// `lowest-latency`: the lowest estimated time to first token, 2 x route delay (prompt up, token down) plus
// the prefill work already queued there and this request's own (ties: lower id).
#include "policy/serving/policies.hpp"

namespace orbitsim {

std::optional<int> LowestLatencyServing::choose(const std::vector<ServingCandidate>& candidates) const {
  return lowest_estimate(candidates, [](const ServingCandidate& c) { return 2.0 * c.route_delay_s + c.estimated_prefill_s; });
}

}  // namespace orbitsim
