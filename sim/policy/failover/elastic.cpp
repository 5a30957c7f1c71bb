// `elastic`: after the detection delay the surviving ranks re-form the ring without the failed
// satellites and redo the interrupted iteration; the global batch is kept, so each survivor computes
// K0/K' times longer per iteration (gradient accumulation). Below `failover.elastic_min_fraction` of
// the submitted ranks the job restarts from its checkpoint on a full set instead.
#include "policy/failover/policies.hpp"

namespace orbitsim {

TrainingRecovery Elastic::on_failure(const TrainingFailure& failure) const {
  const int survivors = failure.ranks - failure.failed_satellites;
  const bool can_shrink = failure.failed_satellites > 0 && survivors >= 1 &&
                          survivors >= min_fraction_ * static_cast<double>(failure.ranks_at_start);
  return can_shrink ? TrainingRecovery::kShrink : TrainingRecovery::kRestartFromCheckpoint;
}

}  // namespace orbitsim
