#include "faults/fault_injector.hpp"

#include <cmath>

#include "platform/sim_runtime.hpp"

namespace orbitsim {

FaultInjector::FaultInjector(SimPlatform& platform, std::vector<FailureEvent> events,
                             std::function<void(int, bool)> observer)
    : platform_(platform), events_(std::move(events)), observer_(std::move(observer)) {}

void FaultInjector::apply(int node, bool failed) {
  platform_.set_node_down(node, failed);
  observer_(node, failed);
}

void FaultInjector::start() {
  if (events_.empty()) return;
  sim_spawn(platform_, "fault-injector", [this] {
    for (const FailureEvent& e : events_) {
      sim_sleep_until(e.time_s);
      int node = -1;
      for (int n = 0; n < platform_.nodes(); ++n)
        if (platform_.name(n) == e.target) node = n;
      apply(node, true);
      if (std::isfinite(e.duration_s))
        sim_spawn(platform_, "recovery-" + e.target, [this, node, until = e.time_s + e.duration_s] {
          sim_sleep_until(until);
          apply(node, false);
        }, true);
    }
  }, true);
}

}  // namespace orbitsim
