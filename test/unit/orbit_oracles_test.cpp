// Orbit models against analytic oracles: circular-orbit radius and period, J2 nodal drift of a
// sun-synchronous orbit, Walker phasing measured from propagated positions, the sunlit fraction of a
// day against the cylindrical-shadow formula, and the Suncatcher formation's 1 km envelope.
#include <gtest/gtest.h>

#include <cmath>

#include "orbit/formation.hpp"
#include "orbit/kepler_j2.hpp"
#include "orbit/sun.hpp"
#include "orbit/sun_synchronous.hpp"
#include "orbit/walker.hpp"

namespace orbitsim {
namespace {

constexpr double kRe = kWgs84.radius_m;
constexpr double kMu = kWgs84.mu_m3ps2;

KeplerJ2 make(const CircularElements& e, double j2 = kWgs84.j2) { return KeplerJ2(e, kMu, kRe, j2); }

Vec3 velocity(const KeplerJ2& k, double t) {
  return (k.position_eci_m(t + 0.5) - k.position_eci_m(t - 0.5)) * 1.0;
}

// Right ascension of the ascending node of the osculating plane.
double node_of(const KeplerJ2& k, double t) {
  const Vec3 h = k.position_eci_m(t).cross(velocity(k, t));
  return std::atan2(h.x, -h.y);
}

TEST(CircularOrbit, TwoBodyRadiusIsConstantAndPeriodMatchesKeplersThirdLaw) {
  CircularElements e;
  e.semi_major_axis_m = kRe + 550e3;
  e.inclination_rad = 53.0 * kDegToRad;
  const KeplerJ2 k = make(e, 0.0);
  const double period_s = kTwoPi * std::sqrt(std::pow(e.semi_major_axis_m, 3) / kMu);
  EXPECT_NEAR(period_s / 60.0, 95.7, 0.06);  // physics.md 2d: 95.7 min (rounded) at 550 km
  for (double t = 0; t < period_s; t += 97.0) EXPECT_NEAR(k.position_eci_m(t).norm(), e.semi_major_axis_m, 1e-6);
  EXPECT_LT(distance(k.position_eci_m(period_s), k.position_eci_m(0.0)), 1e-3);
  EXPECT_GT(distance(k.position_eci_m(period_s / 2), k.position_eci_m(0.0)), 2 * e.semi_major_axis_m - 1e-3);
}

TEST(SunSynchronous, InclinationMatchesPublishedValues) {
  // physics.md 2c: 550 km -> 97.59 deg, 650 km -> 97.99 deg.
  EXPECT_NEAR(*sun_synchronous_inclination_rad(kRe + 550e3, kWgs84) * kRadToDeg, 97.59, 0.01);
  EXPECT_NEAR(*sun_synchronous_inclination_rad(kRe + 650e3, kWgs84) * kRadToDeg, 97.99, 0.01);
  EXPECT_FALSE(sun_synchronous_inclination_rad(kRe + 20000e3, kWgs84).has_value());
}

TEST(SunSynchronous, NodeDriftsEastAtTheSunsRateOfAboutOneDegreePerDay) {
  CircularElements e;
  e.semi_major_axis_m = kRe + 550e3;
  e.inclination_rad = *sun_synchronous_inclination_rad(e.semi_major_axis_m, kWgs84);
  const KeplerJ2 k = make(e);
  // Measured from the propagated positions, not read back from the model's rate: the inertial
  // direction of the satellite when it crosses the equator northbound is the ascending node.
  auto node_crossing_after = [&](double t0) {
    double lo = t0, hi = t0;
    while (!(k.position_eci_m(lo).z < 0 && k.position_eci_m(lo + 10).z >= 0)) lo += 10;
    hi = lo + 10;
    for (int i = 0; i < 60; ++i) {
      const double mid = 0.5 * (lo + hi);
      (k.position_eci_m(mid).z < 0 ? lo : hi) = mid;
    }
    const Vec3 p = k.position_eci_m(hi);
    return std::pair{hi, std::atan2(p.y, p.x)};
  };
  const auto [t1, node1] = node_crossing_after(0.0);
  const auto [t2, node2] = node_crossing_after(10 * 86400.0);
  const double drift_deg = std::remainder(node2 - node1, kTwoPi) * kRadToDeg / ((t2 - t1) / 86400.0);
  EXPECT_NEAR(drift_deg, 360.0 / 365.2422, 0.0005);  // +0.9856 deg/day
}

TEST(Walker, DeltaPhasingMatchesTheNotation) {
  WalkerShell s;
  s.inclination_rad = 53.0 * kDegToRad;
  s.total = 1584;
  s.planes = 72;
  s.phasing_f = 1;
  s.semi_major_axis_m = kRe + 550e3;
  const auto slots = walker_slots(s);
  ASSERT_EQ(slots.size(), 1584u);
  // Measured from positions at t = 0: node spacing 360/P, in-plane spacing 360/S, inter-plane phase F*360/T.
  auto at = [&](int plane, int index) { return make(slots[plane * 22 + index].elements, 0.0); };
  auto arg_latitude = [&](const KeplerJ2& k) {
    const Vec3 r = k.position_eci_m(0.0);
    const double node = node_of(k, 0.0);
    const Vec3 node_dir{std::cos(node), std::sin(node), 0.0};
    const Vec3 h = r.cross(velocity(k, 0.0)).unit();
    return std::atan2(h.cross(node_dir).dot(r), node_dir.dot(r));
  };
  for (int p = 0; p + 1 < 72; p += 7) {
    EXPECT_NEAR(std::remainder(node_of(at(p + 1, 0), 0) - node_of(at(p, 0), 0), kTwoPi) * kRadToDeg, 5.0, 1e-6);
    EXPECT_NEAR(std::remainder(arg_latitude(at(p + 1, 0)) - arg_latitude(at(p, 0)), kTwoPi) * kRadToDeg,
                360.0 / 1584, 1e-6);
  }
  for (int j = 0; j + 1 < 22; j += 5)
    EXPECT_NEAR(std::remainder(arg_latitude(at(3, j + 1)) - arg_latitude(at(3, j)), kTwoPi) * kRadToDeg,
                360.0 / 22, 1e-6);
}

TEST(Walker, StarSpreadsNodesOver180DegreesAndHypatiaShiftsOddPlanesByHalfASlot) {
  WalkerShell s;
  s.pattern = WalkerPattern::kStar;
  s.phasing = WalkerPhasing::kHypatiaHalfSlot;
  s.inclination_rad = 98.98 * kDegToRad;
  s.total = 351;
  s.planes = 27;
  s.semi_major_axis_m = kRe + 1015e3;
  const auto slots = walker_slots(s);
  EXPECT_NEAR(slots[13 * 26].elements.raan_rad - slots[0].elements.raan_rad, 26 * kPi / 27, 1e-12);
  EXPECT_NEAR(slots[13].elements.arg_latitude_rad - slots[0].elements.arg_latitude_rad, kPi / 13, 1e-12);
  EXPECT_NEAR(slots[26].elements.arg_latitude_rad, 0.0, 1e-12);  // plane 2: no shift
}

TEST(Eclipse, SunlitFractionOverADayMatchesTheCylindricalShadowFormula) {
  // A sun-synchronous orbit keeps its beta angle nearly constant over a day, so the day's shadow
  // fraction must equal acos(sqrt(h^2 + 2 R h) / ((R + h) cos beta)) / pi.
  const JulianDate epoch = *parse_iso8601_utc("2026-03-01T00:00:00Z");
  for (double ltan_h : {12.0, 10.5, 9.0}) {
    CircularElements e;
    e.semi_major_axis_m = kRe + 550e3;
    e.inclination_rad = *sun_synchronous_inclination_rad(e.semi_major_axis_m, kWgs84);
    e.raan_rad = raan_for_ltan_rad(ltan_h, epoch);
    const KeplerJ2 k = make(e);
    const Vec3 sun_mid = sun_position_eci_m(epoch.plus_seconds(43200.0)).unit();
    const Vec3 normal = k.position_eci_m(43200.0).cross(velocity(k, 43200.0)).unit();
    const double beta = std::asin(normal.dot(sun_mid));
    int shadowed = 0, samples = 0;
    for (double t = 0; t < 86400.0; t += 5.0, ++samples)
      shadowed += is_sunlit(k.position_eci_m(t), sun_position_eci_m(epoch.plus_seconds(t)), kRe,
                            ShadowModel::kCylindrical) ? 0 : 1;
    const double h = 550e3;
    const double expected = std::acos(std::sqrt(h * h + 2 * kRe * h) / ((kRe + h) * std::cos(beta))) / kPi;
    EXPECT_NEAR(static_cast<double>(shadowed) / samples, expected, 0.003) << "LTAN " << ltan_h << " beta "
                                                                           << beta * kRadToDeg;
  }
}

TEST(Eclipse, ConicalShadowHasAPenumbraBetweenSunAndUmbra) {
  const Vec3 sun{kAstronomicalUnit_m, 0, 0};
  const double r = kRe + 550e3;
  EXPECT_EQ(illuminated_fraction({r, 0, 0}, sun, kRe, ShadowModel::kConical), 1.0);
  EXPECT_EQ(illuminated_fraction({-r, 0, 0}, sun, kRe, ShadowModel::kConical), 0.0);
  // Walk along the terminator: the illuminated fraction rises monotonically through (0, 1).
  double previous = 0.0;
  bool saw_partial = false;
  for (double y = kRe - 40e3; y < kRe + 40e3; y += 1e3) {
    const double f = illuminated_fraction({-std::sqrt(r * r - y * y), y, 0}, sun, kRe, ShadowModel::kConical);
    EXPECT_GE(f, previous - 1e-12);
    saw_partial |= f > 0.01 && f < 0.99;
    previous = f;
  }
  EXPECT_TRUE(saw_partial);
}

TEST(Formation, EightyOneMembersStayWithinOneKilometreAndKeepTheirSpacing) {
  CircularElements reference;
  reference.semi_major_axis_m = kRe + 650e3;
  reference.inclination_rad = *sun_synchronous_inclination_rad(reference.semi_major_axis_m, kWgs84);
  reference.arg_latitude_rad = 0.3;
  const auto members = formation_members(reference, 81, 100.0);
  ASSERT_EQ(members.size(), 81u);
  EXPECT_EQ(members[0].lattice_i, 0);
  EXPECT_EQ(members[0].lattice_j, 0);
  std::vector<KeplerJ2> ks;
  for (const auto& m : members) ks.push_back(make(m.elements));
  double max_from_centre = 0.0, min_pair = 1e30;
  for (double t = 0; t < 6000.0; t += 300.0) {
    const Vec3 centre = ks[0].position_eci_m(t);
    for (size_t i = 0; i < ks.size(); ++i) {
      const Vec3 p = ks[i].position_eci_m(t);
      max_from_centre = std::max(max_from_centre, distance(p, centre));
      for (size_t j = i + 1; j < ks.size(); ++j) min_pair = std::min(min_pair, distance(p, ks[j].position_eci_m(t)));
    }
  }
  EXPECT_LE(max_from_centre, 1000.0 + 1.0);
  EXPECT_GT(max_from_centre, 990.0);
  EXPECT_GE(min_pair, 100.0 - 1.0);
}

}  // namespace
}  // namespace orbitsim
