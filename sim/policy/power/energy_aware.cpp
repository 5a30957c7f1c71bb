// Keeps the battery above its floor through the next eclipse, assuming the accelerators stay busy.
// In sunlight: the fastest state that still reaches the eclipse with enough energy to ride it through
// at the slowest state (the choice is made again at every step, and in the eclipse). In the eclipse:
// the fastest state whose drain to the end of it stays above the floor. A satellite slows down when it
// must rather than being shed in the middle of an eclipse. Without an eclipse in sight: P0.
#include "policy/power/governors.hpp"

namespace orbitsim {

int EnergyAware::choose(const GovernorView& v) const {
  const int slowest = static_cast<int>(v.busy_power_w.size()) - 1;
  if (!v.eclipse_known) return 0;
  const bool in_eclipse = v.eclipse_start_in_s <= 0.0;
  for (int p = 0; p < slowest; ++p)
    if (battery_after_next_eclipse_wh(v, p, in_eclipse ? p : slowest) >= v.floor_wh) return p;
  return slowest;
}

}  // namespace orbitsim
