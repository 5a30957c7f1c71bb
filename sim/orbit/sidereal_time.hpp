// Greenwich mean sidereal time, IAU-82 model (Vallado, Fundamentals of Astrodynamics, eq. 3-47).
#pragma once

namespace orbitsim {

// GMST in radians, [0, 2*pi), for a Julian date in UT1 (UTC is used in its place).
double gmst_iau82_rad(double jd_ut1);

}  // namespace orbitsim
