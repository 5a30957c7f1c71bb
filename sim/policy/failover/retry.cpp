// `retry`: after the client's timeout the request is sent again, to a serving satellite chosen anew
// among the healthy ones, up to 3 attempts in all; generation restarts from the prompt.
#include "policy/failover/policies.hpp"

namespace orbitsim {

InferenceRecovery RetryInference::on_failure(const InferenceFailure& failure) const {
  return failure.attempts_so_far < 3 ? InferenceRecovery::kRetry : InferenceRecovery::kFail;
}

}  // namespace orbitsim
