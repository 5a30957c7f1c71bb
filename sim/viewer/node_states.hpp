// What the viewer colours a node by over time, from what a run wrote: failures (failures.csv), power
// samples (power.csv) and the share of the run it computed (nodes.csv). The most severe state wins:
// failed, then compute off (a hang or a power shed), throttled, in eclipse, then normal.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "faults/failure_trace.hpp"

namespace orbitsim {

enum class NodeState { kNormal, kEclipse, kThrottled, kComputeOff, kFailed };
const char* node_state_name(NodeState state);

// One satellite's power sample: valid from t_s until its next sample.
struct PowerSample {
  double t_s = 0.0;
  int satellite = 0;
  bool sunlit = true, throttled = false, shed = false;
  double soc = 0.0;
};

struct StateInterval {
  double start_s = 0.0, stop_s = 0.0;
  NodeState state = NodeState::kNormal;
};

// The states of every node over [start_s, stop_s], merged into maximal intervals.
class NodeStates {
 public:
  // `names`: node names (satellites first, then stations), to resolve failure targets.
  NodeStates(const std::vector<std::string>& names, int satellites, const std::vector<FailureEvent>& failures,
             const std::vector<PowerSample>& power);
  std::vector<StateInterval> intervals(int node, double start_s, double stop_s) const;
  // Whether a node's links are down at t (a failed satellite or station; compute-off nodes still relay).
  bool down(int node, double t_s) const;
  // A satellite's power samples, by time (empty without a power model).
  const std::vector<PowerSample>& power(int satellite) const { return power_[static_cast<size_t>(satellite)]; }
  // The (satellite, terminal) pairs of laser terminals down at t.
  std::set<std::pair<int, int>> failed_terminals(double t_s) const;

 private:
  struct Span {
    double start_s, stop_s;
    NodeState state;
  };
  std::vector<std::vector<Span>> failures_;      // per node
  std::vector<std::vector<PowerSample>> power_;  // per satellite, by time
  std::vector<std::pair<std::pair<int, int>, Span>> terminal_failures_;
};

}  // namespace orbitsim
