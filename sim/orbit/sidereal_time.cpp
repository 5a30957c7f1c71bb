#include "orbit/sidereal_time.hpp"

#include <cmath>

#include "core/constants.hpp"

namespace orbitsim {

double gmst_iau82_rad(double jd_ut1) {
  const double tut1 = (jd_ut1 - 2451545.0) / 36525.0;
  const double seconds = -6.2e-6 * tut1 * tut1 * tut1 + 0.093104 * tut1 * tut1 +
                         (876600.0 * 3600.0 + 8640184.812866) * tut1 + 67310.54841;
  double theta = std::fmod(seconds * kDegToRad / 240.0, kTwoPi);  // 240 s of time per degree
  if (theta < 0.0) theta += kTwoPi;
  return theta;
}

}  // namespace orbitsim
