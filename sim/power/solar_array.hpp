// Solar array output: P = S * area * efficiency * packing * cos(incidence) * (1 - degradation * age),
// scaled by the visible fraction of the solar disk (0 in umbra). physics.md 4a.
#pragma once

#include "power/power_config.hpp"
#include "power/sun_geometry.hpp"

namespace orbitsim {

inline constexpr double kSolarConstant_w_per_m2 = 1361.0;  // Kopp & Lean 2011 (physics.md 4b)

// Cosine of the Sun's incidence on the array for its attitude (0 when the Sun is behind it).
double array_incidence_cosine(ArrayAttitude attitude, const SunGeometry& sun);
double array_power_w(const PowerConfig& config, const SunGeometry& sun);

}  // namespace orbitsim
