// `checkpoint-restart`: after the detection delay the job goes back to the head of the queue, is placed on
// healthy satellites, pays the restart overhead and the restore of its checkpoint, and resumes from the
// last checkpoint (or from the start if it never checkpointed): the work since then is lost.
#include "policy/failover/policies.hpp"

namespace orbitsim {

TrainingRecovery CheckpointRestart::on_failure(const TrainingFailure&) const {
  return TrainingRecovery::kRestartFromCheckpoint;
}

}  // namespace orbitsim
