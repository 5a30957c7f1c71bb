// `reroute`: a prompt or token lost in the network (a relay satellite or an ISL terminal failed on its
// way) is sent again at once over the current route, which already avoids the failure; the request keeps
// its serving satellite. If the serving satellite itself failed, the request fails.
#include "policy/failover/policies.hpp"

namespace orbitsim {

InferenceRecovery RerouteInference::on_failure(const InferenceFailure& failure) const {
  return failure.message_lost && failure.serving_satellite_alive ? InferenceRecovery::kResend : InferenceRecovery::kFail;
}

}  // namespace orbitsim
