// Physical constants and Earth models. SI units throughout (metres, seconds, radians).
#pragma once

#include <numbers>

namespace orbitsim {

inline constexpr double kPi = std::numbers::pi;
inline constexpr double kTwoPi = 2.0 * std::numbers::pi;
inline constexpr double kDegToRad = kPi / 180.0;
inline constexpr double kRadToDeg = 180.0 / kPi;
inline constexpr double kSecondsPerDay = 86400.0;
inline constexpr double kSpeedOfLight_mps = 299'792'458.0;  // exact, SI definition
inline constexpr double kAstronomicalUnit_m = 149'597'870'700.0;  // IAU 2012 Resolution B2
inline constexpr double kSunRadius_m = 695'700'000.0;             // IAU 2015 Resolution B3 nominal
// Mean rate of the Sun's apparent motion in right ascension: 360 deg per tropical year
// (365.2422 d). A sun-synchronous orbit's RAAN must drift at this rate (physics.md 2c).
inline constexpr double kSunMeanMotion_radps = kTwoPi / (365.2422 * kSecondsPerDay);

// Gravity and ellipsoid constants of one Earth model.
struct EarthModel {
  const char* name;
  double mu_m3ps2;          // gravitational parameter
  double radius_m;          // equatorial radius
  double flattening;        // ellipsoid flattening f
  double j2;                // second zonal harmonic
};

// WGS-84 (NIMA TR8350.2, 3rd ed.); J2 = 1.08263e-3 as in physics.md 2c.
inline constexpr EarthModel kWgs84{"wgs84", 3.986004418e14, 6'378'137.0, 1.0 / 298.257223563, 1.08263e-3};
// WGS-72 as used by SGP4 (Vallado et al. 2006, AIAA 2006-6753): mu 398600.8 km^3/s^2, Re 6378.135 km.
inline constexpr EarthModel kWgs72{"wgs72", 3.986008e14, 6'378'135.0, 1.0 / 298.26, 1.082616e-3};

}  // namespace orbitsim
