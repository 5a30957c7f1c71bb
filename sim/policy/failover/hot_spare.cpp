// `hot-spare`: each job holds `failover.hot_spares` idle satellites, booted and loaded ("hot"). After the
// detection delay a spare takes each failed rank's place in the ring and fetches the model state from
// its ring predecessor (data-parallel ranks all hold it), so only the interrupted iteration is redone;
// no restart overhead and no queueing. When the spares are used up, the job falls back to
// checkpoint-restart.
#include "policy/failover/policies.hpp"

namespace orbitsim {

TrainingReservation HotSpare::reservation(int) const { return {1, spares_}; }

TrainingRecovery HotSpare::on_failure(const TrainingFailure& failure) const {
  const bool enough = failure.failed_satellites > 0 && failure.failed_satellites <= failure.spares_left;
  return enough ? TrainingRecovery::kReplaceWithSpares : TrainingRecovery::kRestartFromCheckpoint;
}

}  // namespace orbitsim
