// `none`: a failed satellite fails the job or the request; nothing is retried.
#include "policy/failover/policies.hpp"

namespace orbitsim {

TrainingRecovery NoFailover::on_failure(const TrainingFailure&) const { return TrainingRecovery::kAbort; }

InferenceRecovery NoInferenceFailover::on_failure(const InferenceFailure&) const { return InferenceRecovery::kFail; }

}  // namespace orbitsim
