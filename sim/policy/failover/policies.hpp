// The failover policies shipped with orbitsim (one implementation file each).
#pragma once

#include "policy/failover/inference_failover_policy.hpp"
#include "policy/failover/training_failover_policy.hpp"

namespace orbitsim {

struct NoFailover : TrainingFailoverPolicy {
  TrainingRecovery on_failure(const TrainingFailure& failure) const override;
};
struct CheckpointRestart : TrainingFailoverPolicy {
  TrainingRecovery on_failure(const TrainingFailure& failure) const override;
};

struct NoInferenceFailover : InferenceFailoverPolicy {
  InferenceRecovery on_failure(const InferenceFailure& failure) const override;
};
struct RetryInference : InferenceFailoverPolicy {
  InferenceRecovery on_failure(const InferenceFailure& failure) const override;
};

}  // namespace orbitsim
