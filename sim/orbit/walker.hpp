// Walker constellations (Walker, RAE TR 77044, 1977): T satellites in P equally spaced circular planes.
// Delta patterns spread the planes' nodes over 360 deg, star patterns over 180 deg; satellite j of plane
// k sits at j*360/S + k*F*360/T (S = T/P). Hypatia's shells instead shift odd planes by half a slot.
#pragma once

#include <string>
#include <vector>

#include "orbit/kepler_j2.hpp"

namespace orbitsim {

enum class WalkerPattern { kDelta, kStar };
enum class WalkerPhasing {
  kWalkerF,         // k*F*360/T between adjacent planes
  kHypatiaHalfSlot  // odd-numbered planes shifted by 360/(2S) (Kassing et al., IMC 2020)
};

struct WalkerShell {
  WalkerPattern pattern = WalkerPattern::kDelta;
  WalkerPhasing phasing = WalkerPhasing::kWalkerF;
  double inclination_rad = 0.0;
  int total = 0;
  int planes = 0;
  int phasing_f = 0;
  double semi_major_axis_m = 0.0;
  double raan_offset_rad = 0.0;
};

struct WalkerSlot {
  int plane = 0;
  int index = 0;  // position in the plane
  CircularElements elements;
};

// Slots in plane-major order. Requires total % planes == 0 and 0 <= phasing_f < planes.
std::vector<WalkerSlot> walker_slots(const WalkerShell& shell);

}  // namespace orbitsim
