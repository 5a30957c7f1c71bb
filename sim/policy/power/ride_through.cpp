#include "policy/power/eclipse_training_policy.hpp"

namespace orbitsim {

double RideThrough::pause_until_s(const EclipseTrainingView& view) const { return view.now_s; }

}  // namespace orbitsim
