// Replays failure events on the simulated platform. At each event's time:
//   satellite, station  the node's host and links are turned off (the activities using them fail, their
//                       owners react through their failover policies) and routes avoid it;
//   sefi, shed          the satellite's host is turned off, its links stay on (it still relays);
//   shed-training       the satellite stops training (a brown-out's first stage): the observer hears of it,
//                       its host stays on and may serve inference;
//   isl                 the terminal's link leaves the routes and its egress link is turned off;
//   seu                 nothing stops: the observer hears of the upset (the step under way is corrupted).
// After `duration_s` the target comes back, unless another failure still holds it down: overlapping
// failures of a target are counted, and a permanent one is never undone.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/event_log.hpp"
#include "faults/failure_trace.hpp"
#include "platform/sim_platform.hpp"

namespace orbitsim {

struct FaultObserver {
  std::function<void(int satellite, bool unusable)> satellite_unusable;  // failed or hung, then back
  std::function<void(int satellite)> upset;                              // an uncorrectable SEU
  std::function<void(int satellite, bool shed)> training_shed;           // shed-training, then back
};

class FaultInjector {
 public:
  FaultInjector(SimPlatform& platform, std::vector<FailureEvent> events, FaultObserver observer);
  void start();
  // Where each failure's start and end are recorded (events.csv); none by default.
  void set_event_log(EventLog* log) { event_log_ = log; }
  const std::vector<FailureEvent>& events() const { return events_; }
  // A failure decided during the run (a brown-out, an overheat): applied now, ended by recover_now.
  // Recorded with its real duration (inf while under way) in run_time_events().
  size_t fail_now(const std::string& target, FailureKind kind, FailureCause cause);
  void recover_now(size_t id);
  const std::vector<FailureEvent>& run_time_events() const { return run_time_events_; }
  // Satellites failed or hung now, and stations down now.
  int satellites_down() const { return satellites_down_; }
  int stations_down() const { return stations_down_; }

 private:
  void apply(const FailureEvent& e, bool failed);
  void update_node(int node);

  SimPlatform& platform_;
  std::vector<FailureEvent> events_;
  std::vector<FailureEvent> run_time_events_;
  FaultObserver observer_;
  std::map<std::string, int> node_of_;
  std::vector<int> node_failures_;     // satellite/station events holding each node down
  std::vector<int> compute_failures_;  // sefi events holding each satellite's compute down
  std::vector<int> training_sheds_;    // shed-training events holding each satellite out of training
  std::map<std::pair<int, int>, int> terminal_failures_;
  int satellites_ = 0;
  std::vector<bool> unavailable_;  // per node, as last counted
  int satellites_down_ = 0, stations_down_ = 0;
  EventLog* event_log_ = nullptr;
};

}  // namespace orbitsim
