// `none`: a failed satellite fails the job; nothing is retried.
#include "policy/failover/policies.hpp"

namespace orbitsim {

TrainingRecovery NoFailover::on_failure(const TrainingFailure&) const { return TrainingRecovery::kAbort; }

}  // namespace orbitsim
