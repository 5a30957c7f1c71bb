// Sun-synchronous circular orbits: the inclination at which J2 turns the node at the Sun's mean rate
// (cos i = -(2/3) * dOmega_sun/dt * a^(7/2) / (J2 * Re^2 * sqrt(mu)), physics.md 2c), and the node
// that puts the ascending node at a given local solar time (LTAN).
#pragma once

#include <optional>

#include "core/constants.hpp"
#include "orbit/julian_date.hpp"

namespace orbitsim {

// Nothing when no sun-synchronous circular orbit exists at that radius (above ~12,350 km for WGS-84).
std::optional<double> sun_synchronous_inclination_rad(double semi_major_axis_m, const EarthModel& earth);

// RAAN placing the ascending node at local time `ltan_h` (hours, 18 = dawn-dusk) at `epoch`.
double raan_for_ltan_rad(double ltan_h, const JulianDate& epoch);

}  // namespace orbitsim
