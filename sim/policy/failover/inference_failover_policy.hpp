// What an inference request does when its serving satellite fails (or its prompt cannot be delivered):
// one small policy per file, chosen by name (`failover.inference`).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace orbitsim {

struct InferenceFailure {
  int attempts_so_far = 1;  // including the one that failed
};

enum class InferenceRecovery {
  kFail,   // the request fails
  kRetry,  // after the timeout, sent again to a satellite chosen anew (healthy ones only)
};

class InferenceFailoverPolicy {
 public:
  virtual ~InferenceFailoverPolicy() = default;
  virtual InferenceRecovery on_failure(const InferenceFailure& failure) const = 0;
};

struct InferenceFailoverInfo {
  std::string name;
  std::string description;
  std::function<std::unique_ptr<InferenceFailoverPolicy>()> make;
};

const std::vector<InferenceFailoverInfo>& inference_failover_policies();
std::unique_ptr<InferenceFailoverPolicy> make_inference_failover_policy(const std::string& name);

}  // namespace orbitsim
