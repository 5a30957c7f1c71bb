// Replays failure events on the simulated platform: at each event's time the target's host and links
// are turned off (so the activities using them fail, and the owners react through their failover
// policies) and routes avoid it; after `duration_s` it comes back.
#pragma once

#include <functional>
#include <vector>

#include "faults/failure_trace.hpp"
#include "platform/sim_platform.hpp"

namespace orbitsim {

class FaultInjector {
 public:
  // `observer(node, failed)` is told of every change (the workload layer marks satellites unusable).
  FaultInjector(SimPlatform& platform, std::vector<FailureEvent> events, std::function<void(int, bool)> observer);
  void start();
  const std::vector<FailureEvent>& events() const { return events_; }

 private:
  void apply(int node, bool failed);

  SimPlatform& platform_;
  std::vector<FailureEvent> events_;
  std::function<void(int, bool)> observer_;
};

}  // namespace orbitsim
