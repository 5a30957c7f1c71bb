// Inference placement: which satellite serves a request arriving at a ground station. One small policy
// per file, chosen by name (`inference.placement` in the scenario); a policy reads a view and returns a
// decision.
#pragma once

#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/policy_registry.hpp"

namespace orbitsim {

struct ServingCandidate {
  int satellite = 0;
  double route_delay_s = 0.0;    // one-way propagation delay station -> satellite now
  int hops = 0;
  bool linked = false;           // the station's own GSL satellite
  int active_requests = 0;       // queued + running on that satellite's engine
  double queued_prefill_tokens = 0.0;
  double estimated_prefill_s = 0.0;  // for the queued tokens plus this request's, at this satellite
  // This request's prompt prefix held in that satellite's prefix cache, and the estimate above for the rest.
  long cached_prompt_tokens = 0;
  double estimated_prefill_after_cache_s = 0.0;
  // Seconds it could keep its accelerators busy at full clocks on its battery (inf while its array
  // carries the load, or without a power model; 0 when shed or at the throttle temperature).
  double power_endurance_s = std::numeric_limits<double>::infinity();
};

class ServingPolicy {
 public:
  virtual ~ServingPolicy() = default;
  // `candidates` are the satellites within reach (sorted by satellite id); nothing = reject the request.
  virtual std::optional<int> choose(const std::vector<ServingCandidate>& candidates) const = 0;
  // A policy that only ever picks one of the station's own links (`linked`) is given those alone: they
  // need no routing tree, which is most of the cost of a request's placement.
  virtual bool linked_only() const { return false; }
};

using ServingPolicyInfo = PolicyEntry<ServingPolicy>;

const std::vector<ServingPolicyInfo>& serving_policies();
std::unique_ptr<ServingPolicy> make_serving_policy(const std::string& name);

}  // namespace orbitsim
