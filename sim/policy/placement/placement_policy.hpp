// Training placement: which free satellites a gang-scheduled job runs on, in ring order (the
// all-reduce ring follows the returned order; a pipelined job's stages follow it too). One small policy per file, chosen by name
// (`training.placement` in the scenario). A policy reads a view and returns a decision; it keeps no state.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/vec3.hpp"
#include "orbit/constellation.hpp"

#include "policy/policy_registry.hpp"

namespace orbitsim {

// Every satellite's position at a recent instant (the network's current epoch), for a policy that ranks many
// satellites by their distances now: it asks PlacementView::position_ecef_m only for those whose rank these
// leave open. Empty: none.
struct RecentPositions {
  std::span<const Vec3> ecef_m;               // by satellite
  const std::vector<bool>* known = nullptr;    // by satellite; false: its propagation failed then
  double age_s = 0.0;                         // how long ago
  // At most how far satellite `s` is now from ecef_m[s] (+inf when unknown).
  double error_m(int s) const;
};

struct PlacementView {
  const std::vector<SatelliteInfo>& satellites;
  const std::vector<bool>& busy;          // running a job (or failed)
  const std::vector<double>& busy_time_s; // accumulated compute time so far
  std::function<Vec3(int)> position_ecef_m;  // now
  // Seconds the satellite could keep its accelerators busy at full clocks before its battery reaches the
  // floor (inf while its array covers that load, or without a power model); 0 when shed or at the
  // throttle temperature.
  std::function<double(int)> power_endurance_s;
  // The job's pipelines: runs of this many consecutive satellites of the returned order are the stages
  // of one pipeline (1: a data-parallel ring), which should be ISL neighbours.
  int pipeline_stages = 1;
  RecentPositions recent;
};

class TrainingPlacementPolicy {
 public:
  virtual ~TrainingPlacementPolicy() = default;
  // `count` free satellites in ring order, or nothing when the job cannot be placed now.
  virtual std::optional<std::vector<int>> place(int count, const PlacementView& view) const = 0;
};

using PlacementPolicyInfo = PolicyEntry<TrainingPlacementPolicy>;

const std::vector<PlacementPolicyInfo>& training_placement_policies();
std::unique_ptr<TrainingPlacementPolicy> make_training_placement_policy(const std::string& name);

}  // namespace orbitsim
