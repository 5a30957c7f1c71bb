// What a training job does when one of its satellites fails: one small policy per file, chosen by name
// (`failover.training` in the scenario). The policy says what the job reserves when it is placed
// (replicas, spares) and what to do after a failure; the runner carries the decision out with the
// detection and restart costs of the scenario.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "policy/policy_registry.hpp"

namespace orbitsim {

struct TrainingFailure {
  long iterations_done = 0;
  long last_checkpoint_iteration = 0;  // 0 when the job never checkpointed
  int restarts_so_far = 0;
  int ranks = 0;               // data-parallel ranks before the failure
  int ranks_at_start = 0;      // as submitted
  int failed_satellites = 0;   // of the job, now failed (0: a path broke without a satellite failing)
  int spares_left = 0;         // hot spares still reserved
  int replicas_alive = 0;      // redundant replicas still whole after the failure
};

enum class TrainingRecovery {
  kAbort,                  // the job fails
  kRestartFromCheckpoint,  // re-placed on healthy satellites, resumes from the last checkpoint
  kReplaceWithSpares,      // spares take the failed ranks' places and fetch the state from a peer
  kShrink,                 // the surviving ranks go on (the global batch is split among fewer satellites)
  kContinueOnReplica,      // a replica is still whole: it goes on alone, nothing is redone
};

// Sizes that a policy makes the job reserve at placement.
struct TrainingReservation {
  int replicas = 1;  // whole copies of the job, computing in lockstep and comparing each step
  int spares = 0;    // idle satellites held for the job
};

class TrainingFailoverPolicy {
 public:
  virtual ~TrainingFailoverPolicy() = default;
  virtual TrainingReservation reservation(int /*ranks*/) const { return {}; }
  virtual TrainingRecovery on_failure(const TrainingFailure& failure) const = 0;
};

// Tunables from the scenario's `failover` section that policies read.
struct TrainingFailoverOptions {
  int hot_spares = 1;                 // hot-spare: spares per job
  double elastic_min_fraction = 0.5;  // elastic: below this fraction of the ranks, restart instead
};

using TrainingFailoverInfo = PolicyEntry<TrainingFailoverPolicy, TrainingFailoverOptions>;

const std::vector<TrainingFailoverInfo>& training_failover_policies();
std::unique_ptr<TrainingFailoverPolicy> make_training_failover_policy(const std::string& name,
                                                                       const TrainingFailoverOptions& options = {});

}  // namespace orbitsim
