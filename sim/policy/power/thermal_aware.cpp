// Holds the junction below the software-throttle temperature by choice rather than by firmware: one
// state slower when within two hysteresis bands of the threshold, one faster when four bands below.
#include "policy/power/governors.hpp"

#include <algorithm>

namespace orbitsim {

int ThermalAware::choose(const GovernorView& v) const {
  const int slowest = static_cast<int>(v.busy_power_w.size()) - 1;
  if (v.accelerator_c >= v.software_throttle_c - 2.0 * v.hysteresis_k) return std::min(slowest, v.current_pstate + 1);
  if (v.accelerator_c < v.software_throttle_c - 4.0 * v.hysteresis_k) return std::max(0, v.current_pstate - 1);
  return v.current_pstate;
}

}  // namespace orbitsim
