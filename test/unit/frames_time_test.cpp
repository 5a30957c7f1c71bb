// Time scales and frames against published worked examples (Vallado, Fundamentals of Astrodynamics).
#include <gtest/gtest.h>

#include <cmath>

#include "orbit/frames.hpp"
#include "orbit/julian_date.hpp"
#include "orbit/sidereal_time.hpp"
#include "orbit/sun.hpp"

namespace orbitsim {
namespace {

TEST(JulianDate, J2000AndIsoRoundTrip) {
  const auto j2000 = parse_iso8601_utc("2000-01-01T12:00:00Z");
  ASSERT_TRUE(j2000);
  EXPECT_DOUBLE_EQ(j2000->value(), 2451545.0);
  EXPECT_EQ(parse_iso8601_utc("2026-05-13T00:25:30.250Z")->to_iso8601(), "2026-05-13T00:25:30.250Z");
  EXPECT_FALSE(parse_iso8601_utc("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_iso8601_utc("yesterday"));
  EXPECT_FALSE(parse_iso8601_utc("2026-05-13T00:00:00+02:00"));  // only UTC is accepted
  // Differences keep microseconds although Julian dates are ~2.46e6 days.
  const JulianDate a = *parse_iso8601_utc("2026-05-13T00:00:00Z");
  EXPECT_NEAR(a.plus_seconds(1e-6).seconds_since(a), 1e-6, 1e-9);
  // A TLE epoch: day 176.82412014 of 2006.
  EXPECT_NEAR(JulianDate::from_year_and_day(2006, 176.82412014).value(), 2453912.32412014, 1e-8);
}

TEST(SiderealTime, MatchesValladoExample3_5) {
  // 1992 Aug 20, 12:14 UT1 -> GMST 152.578787886 deg.
  const JulianDate jd = JulianDate::from_calendar(1992, 8, 20, 12, 14, 0.0);
  EXPECT_NEAR(gmst_iau82_rad(jd.value()) * kRadToDeg, 152.578787886, 1e-6);
}

TEST(Sun, MatchesValladoExample5_1) {
  // 2006 April 2, 00:00 UTC: r = (0.9771945, 0.1924424, 0.0834308) AU, mean equator of date.
  const Vec3 s = sun_position_eci_m(JulianDate::from_calendar(2006, 4, 2, 0, 0, 0.0)) * (1.0 / kAstronomicalUnit_m);
  EXPECT_NEAR(s.x, 0.9771945, 2e-4);
  EXPECT_NEAR(s.y, 0.1924424, 2e-4);
  EXPECT_NEAR(s.z, 0.0834308, 2e-4);
}

TEST(Geodetic, RoundTripsAndKnownPoints) {
  for (const EarthModel* earth : {&kWgs84, &kWgs72}) {
    for (double lat : {-89.9, -53.0, 0.0, 35.6895, 89.9})
      for (double alt : {0.0, 550e3, 20000e3}) {
        const Geodetic g{lat * kDegToRad, 139.69171 * kDegToRad, alt};
        const Geodetic back = ecef_to_geodetic(geodetic_to_ecef(g, *earth), *earth);
        EXPECT_NEAR(back.latitude_rad, g.latitude_rad, 1e-11);
        EXPECT_NEAR(back.longitude_rad, g.longitude_rad, 1e-12);
        EXPECT_NEAR(back.altitude_m, alt, 1e-4);
      }
  }
  const Vec3 north_pole = geodetic_to_ecef({kPi / 2, 0, 0}, kWgs84);
  EXPECT_NEAR(north_pole.z, 6356752.314, 1e-3);  // WGS-84 semi-minor axis
  EXPECT_NEAR(ecef_to_geodetic({0, 0, 7e6}, kWgs84).altitude_m, 7e6 - 6356752.314, 1e-3);
}

TEST(Geodetic, ElevationIsNinetyDegreesOverheadAndZeroOnTheHorizon) {
  const Geodetic site{0.5, 1.0, 0.0};
  const Vec3 p = geodetic_to_ecef(site, kWgs84);
  const Vec3 overhead = geodetic_to_ecef({0.5, 1.0, 550e3}, kWgs84);
  EXPECT_NEAR(elevation_rad(p, site, overhead) * kRadToDeg, 90.0, 1e-6);
}

TEST(Frames, EciToEcefIsARotationAboutZ) {
  const Vec3 v{7000e3, 1000e3, 300e3};
  const Vec3 e = eci_to_ecef(v, 1.234);
  EXPECT_NEAR(e.norm(), v.norm(), 1e-6);
  EXPECT_DOUBLE_EQ(e.z, v.z);
  const Vec3 back = ecef_to_eci(e, 1.234);
  EXPECT_NEAR(distance(back, v), 0.0, 1e-6);
  // A point on the x axis at GMST 90 deg is at longitude -90 deg.
  const Vec3 x = eci_to_ecef({7000e3, 0, 0}, kPi / 2);
  EXPECT_NEAR(std::atan2(x.y, x.x) * kRadToDeg, -90.0, 1e-9);
}

}  // namespace
}  // namespace orbitsim
