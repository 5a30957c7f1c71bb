#include "faults/fault_injector.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "platform/sim_runtime.hpp"

namespace orbitsim {

FaultInjector::FaultInjector(SimPlatform& platform, std::vector<FailureEvent> events, FaultObserver observer)
    : platform_(platform), events_(std::move(events)), observer_(std::move(observer)),
      node_failures_(static_cast<size_t>(platform.nodes()), 0), compute_failures_(static_cast<size_t>(platform.nodes()), 0),
      training_sheds_(static_cast<size_t>(platform.nodes()), 0),
      satellites_(platform.satellites()), unavailable_(static_cast<size_t>(platform.nodes()), false) {
  for (int n = 0; n < platform_.nodes(); ++n) node_of_[platform_.name(n)] = n;
}

void FaultInjector::update_node(int node) {
  const auto i = static_cast<size_t>(node);
  const bool node_down = node_failures_[i] > 0, compute_down = compute_failures_[i] > 0;
  if (node_down != platform_.node_down(node)) platform_.set_node_down(node, node_down);
  if (!node_down) platform_.set_compute_down(node, compute_down);  // a down node's host is off anyway
  const bool unavailable = node_down || compute_down;
  if (unavailable != unavailable_[i]) {
    unavailable_[i] = unavailable;
    (node < satellites_ ? satellites_down_ : stations_down_) += unavailable ? 1 : -1;
  }
  if (node < satellites_ && observer_.satellite_unusable) observer_.satellite_unusable(node, unavailable);
}

void FaultInjector::apply(const FailureEvent& e, bool failed) {
  if (event_log_)
    event_log_->record(sim_now(), "faults", e.target, failed ? "failed" : "recovered", fmt::format("{} ({})", to_string(e.kind), to_string(e.cause)));
  const int delta = failed ? 1 : -1;
  if (e.kind == FailureKind::kIsl) {
    const auto colon = e.target.rfind(':');
    const int satellite = node_of_.at(e.target.substr(0, colon));
    const int terminal = std::stoi(e.target.substr(colon + 1));
    int& count = terminal_failures_[{satellite, terminal}];
    count += delta;
    platform_.set_terminal_down(satellite, terminal, count > 0);
    return;
  }
  const int node = node_of_.at(e.target);
  if (e.kind == FailureKind::kSeu) {
    if (failed && observer_.upset && !platform_.node_down(node)) observer_.upset(node);
    return;
  }
  if (e.kind == FailureKind::kShedTraining) {
    int& count = training_sheds_[static_cast<size_t>(node)];
    count += delta;
    if (observer_.training_shed && (count == 0 || (count == 1 && failed))) observer_.training_shed(node, count > 0);
    return;
  }
  (e.kind == FailureKind::kSefi || e.kind == FailureKind::kShed ? compute_failures_ : node_failures_)[static_cast<size_t>(node)] += delta;
  update_node(node);
}

size_t FaultInjector::fail_now(const std::string& target, FailureKind kind, FailureCause cause) {
  run_time_events_.push_back({sim_now(), target, kind, std::numeric_limits<double>::infinity(), cause});
  apply(run_time_events_.back(), true);
  return run_time_events_.size() - 1;
}

void FaultInjector::recover_now(size_t id) {
  FailureEvent& e = run_time_events_[id];
  e.duration_s = sim_now() - e.time_s;
  apply(e, false);
}

void FaultInjector::start() {
  if (events_.empty()) return;
  sim_spawn(platform_, "fault-injector", [this] {
    for (const FailureEvent& e : events_) {
      sim_sleep_until(e.time_s);
      apply(e, true);
      if (std::isfinite(e.duration_s) && e.kind != FailureKind::kSeu)
        sim_spawn(platform_, "recovery-" + e.target, [this, &e] {
          sim_sleep_until(e.time_s + e.duration_s);
          apply(e, false);
        }, true);
    }
  }, true);
}

}  // namespace orbitsim
