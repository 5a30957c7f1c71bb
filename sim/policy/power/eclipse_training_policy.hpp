// What a training job does about its satellites' eclipses (scenario `power.eclipse_training`). Asked
// before every iteration, with each job satellite's current or next eclipse; one small policy per file.
//   ride-through  run on battery (the brown-out path catches a battery that cannot carry it)
//   pause         checkpoint, then idle until none of the job's satellites is in shadow: suits a formation,
//                 whose members enter and leave the shadow together; a ring spread around an orbit always has
//                 members in shadow and would never run
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "power/eclipse_schedule.hpp"

namespace orbitsim {

struct EclipseTrainingView {
  double now_s = 0.0;
  double iteration_s = 0.0;           // expected length of the next iteration
  std::vector<Eclipse> eclipses;      // the job satellites' eclipses under way or due within the forecast
};

class EclipseTrainingPolicy {
 public:
  virtual ~EclipseTrainingPolicy() = default;
  // The date to idle until before the next iteration (after a checkpoint); now_s or earlier: go on.
  virtual double pause_until_s(const EclipseTrainingView& view) const = 0;
};

struct EclipseTrainingPolicyInfo {
  std::string name;
  std::string description;
  std::function<std::unique_ptr<EclipseTrainingPolicy>()> make;
};

const std::vector<EclipseTrainingPolicyInfo>& eclipse_training_policies();
std::unique_ptr<EclipseTrainingPolicy> make_eclipse_training_policy(const std::string& name);

struct RideThrough : EclipseTrainingPolicy {
  double pause_until_s(const EclipseTrainingView& view) const override;
};
struct PauseInEclipse : EclipseTrainingPolicy {
  double pause_until_s(const EclipseTrainingView& view) const override;
};

}  // namespace orbitsim
