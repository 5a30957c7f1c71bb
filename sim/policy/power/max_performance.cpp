#include "policy/power/governors.hpp"

namespace orbitsim {

int MaxPerformance::choose(const GovernorView&) const { return 0; }

}  // namespace orbitsim
