#include "orbit/walker.hpp"

#include <cmath>

namespace orbitsim {

std::vector<WalkerSlot> walker_slots(const WalkerShell& shell) {
  const int per_plane = shell.total / shell.planes;
  const double node_spread = shell.pattern == WalkerPattern::kDelta ? kTwoPi : kPi;
  std::vector<WalkerSlot> slots;
  slots.reserve(static_cast<size_t>(shell.total));
  for (int k = 0; k < shell.planes; ++k) {
    const double plane_phase = shell.phasing == WalkerPhasing::kWalkerF
                                   ? k * shell.phasing_f * kTwoPi / shell.total
                                   : (k % 2) * kPi / per_plane;
    for (int j = 0; j < per_plane; ++j) {
      WalkerSlot slot;
      slot.plane = k;
      slot.index = j;
      slot.elements.semi_major_axis_m = shell.semi_major_axis_m;
      slot.elements.inclination_rad = shell.inclination_rad;
      slot.elements.raan_rad = std::remainder(shell.raan_offset_rad + k * node_spread / shell.planes, kTwoPi);
      slot.elements.arg_latitude_rad = std::remainder(j * kTwoPi / per_plane + plane_phase, kTwoPi);
      slots.push_back(slot);
    }
  }
  return slots;
}

}  // namespace orbitsim
