// NORAD mean element sets (from a TLE or a CCSDS OMM): the input of SGP4. Angles in radians, mean
// motion in radians per minute (Kozai convention, as published), B* in inverse Earth radii.
#pragma once

#include <string>

#include "orbit/julian_date.hpp"

namespace orbitsim {

struct MeanElements {
  std::string name;           // object name (3-line TLE title or OMM OBJECT_NAME); may be empty
  long catalog_number = 0;    // NORAD catalogue number
  JulianDate epoch;           // UTC
  double bstar_per_earth_radii = 0.0;
  double mean_motion_dot_rev_per_day2 = 0.0;   // first derivative / 2, as published (unused by SGP4)
  double mean_motion_ddot_rev_per_day3 = 0.0;  // second derivative / 6, as published (unused by SGP4)
  double inclination_rad = 0.0;
  double raan_rad = 0.0;
  double eccentricity = 0.0;
  double arg_perigee_rad = 0.0;
  double mean_anomaly_rad = 0.0;
  double mean_motion_rad_per_min = 0.0;
};

}  // namespace orbitsim
