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
class HotSpare : public TrainingFailoverPolicy {
 public:
  explicit HotSpare(int spares) : spares_(spares) {}
  TrainingReservation reservation(int ranks) const override;
  TrainingRecovery on_failure(const TrainingFailure& failure) const override;

 private:
  int spares_;
};
class Elastic : public TrainingFailoverPolicy {
 public:
  explicit Elastic(double min_fraction) : min_fraction_(min_fraction) {}
  TrainingRecovery on_failure(const TrainingFailure& failure) const override;

 private:
  double min_fraction_;
};
struct Redundant : TrainingFailoverPolicy {
  TrainingReservation reservation(int ranks) const override;
  TrainingRecovery on_failure(const TrainingFailure& failure) const override;
};

struct NoInferenceFailover : InferenceFailoverPolicy {
  InferenceRecovery on_failure(const InferenceFailure& failure) const override;
};
struct RetryInference : InferenceFailoverPolicy {
  InferenceRecovery on_failure(const InferenceFailure& failure) const override;
};
struct RerouteInference : InferenceFailoverPolicy {
  InferenceRecovery on_failure(const InferenceFailure& failure) const override;
};
struct HedgedInference : InferenceFailoverPolicy {
  int copies() const override { return 2; }
  InferenceRecovery on_failure(const InferenceFailure& failure) const override;
};

}  // namespace orbitsim
