#include "policy/failover/training_failover_policy.hpp"

#include "policy/failover/policies.hpp"

namespace orbitsim {

const std::vector<TrainingFailoverInfo>& training_failover_policies() {
  static const std::vector<TrainingFailoverInfo> kPolicies{
      {"none", "the job fails", [] { return std::make_unique<NoFailover>(); }},
      {"checkpoint-restart", "re-place and resume from the last checkpoint", [] { return std::make_unique<CheckpointRestart>(); }},
  };
  return kPolicies;
}

std::unique_ptr<TrainingFailoverPolicy> make_training_failover_policy(const std::string& name) {
  for (const auto& p : training_failover_policies())
    if (p.name == name) return p.make();
  return nullptr;
}

}  // namespace orbitsim
