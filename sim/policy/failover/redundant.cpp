// `redundant`: dual modular redundancy, as in Tesla's FSD computer (physics.md 5d): two whole replicas
// of the job run in lockstep on separate satellites and exchange a digest of each step to compare. When
// a satellite of one replica fails, the other replica goes on alone (nothing is lost, nothing redone);
// a failure of the last replica falls back to checkpoint-restart. Twice the satellites and compute.
#include "policy/failover/policies.hpp"

namespace orbitsim {

TrainingReservation Redundant::reservation(int) const { return {2, 0}; }

TrainingRecovery Redundant::on_failure(const TrainingFailure& failure) const {
  return failure.replicas_alive > 0 ? TrainingRecovery::kContinueOnReplica : TrainingRecovery::kRestartFromCheckpoint;
}

}  // namespace orbitsim
