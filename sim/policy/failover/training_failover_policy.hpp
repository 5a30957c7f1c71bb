// What a training job does when one of its satellites fails: one small policy per file, chosen by name
// (`failover.training` in the scenario). The policy decides; the runner carries the decision out with the
// detection and restart costs of the scenario.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace orbitsim {

struct TrainingFailure {
  long iterations_done = 0;
  long last_checkpoint_iteration = 0;  // 0 when the job never checkpointed
  int restarts_so_far = 0;
};

enum class TrainingRecovery {
  kAbort,                  // the job fails
  kRestartFromCheckpoint,  // re-placed on healthy satellites, resumes from the last checkpoint
};

class TrainingFailoverPolicy {
 public:
  virtual ~TrainingFailoverPolicy() = default;
  virtual TrainingRecovery on_failure(const TrainingFailure& failure) const = 0;
};

struct TrainingFailoverInfo {
  std::string name;
  std::string description;
  std::function<std::unique_ptr<TrainingFailoverPolicy>()> make;
};

const std::vector<TrainingFailoverInfo>& training_failover_policies();
std::unique_ptr<TrainingFailoverPolicy> make_training_failover_policy(const std::string& name);

}  // namespace orbitsim
