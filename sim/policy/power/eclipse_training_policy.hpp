// What a training job does about its satellites' eclipses (scenario `power.eclipse_training`). Asked
// before every iteration, with each job satellite's current or next eclipse; one small policy per file.
//   ride-through  run on battery (the brown-out path catches a battery that cannot carry it)
//   pause         checkpoint, then idle until none of the job's satellites is in shadow: suits a formation,
//                 whose members enter and leave the shadow together; a ring spread around an orbit always has
//                 members in shadow and would never run
//   shrink        the ranks in shadow sit the iteration out, idle, and the others share the global batch (as
//                 elastic does); a rank back in the sun fetches the model state from its ring predecessor
//                 and rejoins. Below failover.elastic_min_fraction of the ranks in the sun, it pauses
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "power/eclipse_schedule.hpp"

#include "policy/policy_registry.hpp"

namespace orbitsim {

struct SatelliteEclipse {
  int satellite = -1;
  Eclipse eclipse;
};

struct EclipseTrainingView {
  double now_s = 0.0;
  double iteration_s = 0.0;                // expected length of the next iteration
  std::vector<SatelliteEclipse> eclipses;  // the job satellites' eclipses under way or due within the forecast
  std::vector<int> ranks;                  // the ring's satellites that may sit out; empty: none may (replicas)
  int min_ranks = 1;                       // fewest ranks that may train
};

struct EclipseTrainingPlan {
  double pause_until_s = 0.0;  // after a checkpoint, idle until then (now or earlier: go on)
  std::vector<int> resting;    // ranks that sit the next iteration out
};

class EclipseTrainingPolicy {
 public:
  virtual ~EclipseTrainingPolicy() = default;
  virtual EclipseTrainingPlan plan(const EclipseTrainingView& view) const = 0;
};

using EclipseTrainingPolicyInfo = PolicyEntry<EclipseTrainingPolicy>;

const std::vector<EclipseTrainingPolicyInfo>& eclipse_training_policies();
std::unique_ptr<EclipseTrainingPolicy> make_eclipse_training_policy(const std::string& name);

struct RideThrough : EclipseTrainingPolicy {
  EclipseTrainingPlan plan(const EclipseTrainingView& view) const override;
};
struct PauseInEclipse : EclipseTrainingPolicy {
  EclipseTrainingPlan plan(const EclipseTrainingView& view) const override;
};
struct ShrinkInEclipse : EclipseTrainingPolicy {
  EclipseTrainingPlan plan(const EclipseTrainingView& view) const override;
};

}  // namespace orbitsim
