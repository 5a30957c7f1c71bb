// The training failover policies shipped with orbitsim (one implementation file each).
#pragma once

#include "policy/failover/training_failover_policy.hpp"

namespace orbitsim {

struct NoFailover : TrainingFailoverPolicy {
  TrainingRecovery on_failure(const TrainingFailure& failure) const override;
};
struct CheckpointRestart : TrainingFailoverPolicy {
  TrainingRecovery on_failure(const TrainingFailure& failure) const override;
};

}  // namespace orbitsim
