#include "policy/failover/training_failover_policy.hpp"

#include "policy/failover/policies.hpp"

namespace orbitsim {

const std::vector<TrainingFailoverInfo>& training_failover_policies() {
  static const std::vector<TrainingFailoverInfo> kPolicies{
      {"none", "the job fails", [](const TrainingFailoverOptions&) { return std::make_unique<NoFailover>(); }},
      {"checkpoint-restart", "re-place and resume from the last checkpoint",
       [](const TrainingFailoverOptions&) { return std::make_unique<CheckpointRestart>(); }},
      {"hot-spare", "reserved spares take over with the state of a peer (failover.hot_spares per job)",
       [](const TrainingFailoverOptions& o) { return std::make_unique<HotSpare>(o.hot_spares); }},
      {"elastic", "shrink the data-parallel group and go on (down to failover.elastic_min_fraction)",
       [](const TrainingFailoverOptions& o) { return std::make_unique<Elastic>(o.elastic_min_fraction); }},
      {"redundant", "two replicas compare every step (DMR); survives one failure at twice the compute",
       [](const TrainingFailoverOptions&) { return std::make_unique<Redundant>(); }},
  };
  return kPolicies;
}

std::unique_ptr<TrainingFailoverPolicy> make_training_failover_policy(const std::string& name,
                                                                       const TrainingFailoverOptions& options) {
  return make_named(training_failover_policies(), name, options);
}

}  // namespace orbitsim
