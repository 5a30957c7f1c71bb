// `pause`: when a job satellite is in shadow, or would enter it before the next iteration ends, idle
// until the last of those eclipses is over. Eclipses that start later are dealt with at a later
// iteration, so a pause never waits for an eclipse that has not begun by the end of the next iteration.
#include <algorithm>

#include "policy/power/eclipse_training_policy.hpp"

namespace orbitsim {

EclipseTrainingPlan PauseInEclipse::plan(const EclipseTrainingView& view) const {
  double until = view.now_s;
  for (const SatelliteEclipse& s : view.eclipses)
    if (s.eclipse.start_s < view.now_s + view.iteration_s) until = std::max(until, s.eclipse.end_s);
  return {until, {}};
}

}  // namespace orbitsim
