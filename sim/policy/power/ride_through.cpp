#include "policy/power/eclipse_training_policy.hpp"

namespace orbitsim {

EclipseTrainingPlan RideThrough::plan(const EclipseTrainingView& view) const { return {view.now_s, {}}; }

}  // namespace orbitsim
