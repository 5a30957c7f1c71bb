// What an inference request does when its serving satellite fails or one of its messages (the prompt
// going up, a token coming down) is lost: one small policy per file, chosen by name (`failover.inference`).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "policy/policy_registry.hpp"

namespace orbitsim {

struct InferenceFailure {
  int attempts_so_far = 1;             // including the one that failed
  bool message_lost = false;           // a prompt or token was lost in the network...
  bool serving_satellite_alive = false;  // ...and the satellite serving it still works
};

enum class InferenceRecovery {
  kFail,    // the request (this copy of it) fails
  kRetry,   // after the timeout, sent again to a satellite chosen anew (healthy ones only)
  kResend,  // the lost message is sent again at once over the current route, around the failure
};

class InferenceFailoverPolicy {
 public:
  virtual ~InferenceFailoverPolicy() = default;
  // Copies of each request sent at once to different satellites; the first complete answer is kept.
  virtual int copies() const { return 1; }
  virtual InferenceRecovery on_failure(const InferenceFailure& failure) const = 0;
};

using InferenceFailoverInfo = PolicyEntry<InferenceFailoverPolicy>;

const std::vector<InferenceFailoverInfo>& inference_failover_policies();
std::unique_ptr<InferenceFailoverPolicy> make_inference_failover_policy(const std::string& name);

}  // namespace orbitsim
