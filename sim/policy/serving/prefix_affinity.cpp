// `prefix-affinity`: the lowest estimated time to first token, like `lowest-latency`, but counting only
// the part of the prompt the candidate must prefill: a satellite that served an earlier turn of the
// conversation still holds its prefix, and may be worth a few more hops than the one overhead now
// (ties: lower id).
#include "policy/serving/policies.hpp"

namespace orbitsim {

std::optional<int> PrefixAffinityServing::choose(const std::vector<ServingCandidate>& candidates) const {
  return lowest_estimate(candidates,
                         [](const ServingCandidate& c) { return 2.0 * c.route_delay_s + c.estimated_prefill_after_cache_s; });
}

}  // namespace orbitsim
