// The power layer against independent recomputation: eclipse shares against the cylindrical-shadow
// formula for the beta angle, eclipse dates against a fine bisection on positions, the battery against
// hand-worked energy balances, the thermal node against its radiative equilibrium, the throttle against
// an undersized and a correctly sized radiator, and the governors' choices. No SimGrid engine.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "config/platform_config.hpp"
#include "world/world_builder.hpp"
#include "core/constants.hpp"
#include "core/input_error.hpp"
#include "policy/placement/placement_policy.hpp"
#include "policy/serving/serving_policy.hpp"
#include "policy/power/dvfs_governor.hpp"
#include "policy/power/eclipse_training_policy.hpp"
#include "power/battery.hpp"
#include "power/eclipse_schedule.hpp"
#include "power/satellite_power.hpp"
#include "power/solar_array.hpp"
#include "power/sun_geometry.hpp"
#include "power/thermal_node.hpp"

namespace orbitsim {
namespace {

// One folder per test: ctest runs the tests of this file as parallel processes.
std::string write_platform(const std::string& name, const std::string& yaml) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("orbitsim_power_model_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / (name + ".yaml")) << yaml;
  return (dir / (name + ".yaml")).string();
}

World one_satellite(const std::string& shell_yaml) {
  const PlatformConfig c = load_platform_config(
      write_platform("one", "name: one\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n  - " + shell_yaml + "\n"));
  return build_world(c);
}

SunGeometry geometry_at(World& w, double t) {
  auto& c = w.constellation;
  return sun_geometry(c.position_eci_m(0, t), c.position_eci_m(0, t + 1.0), sun_position_eci_m(c.epoch().plus_seconds(t)),
                      c.earth().radius_m, c.shadow_model());
}

// physics.md 4a: f_e = arccos(sqrt(h^2 + 2 R h) / ((R + h) cos beta)) / pi when |beta| < asin(R / (R + h)).
double analytic_eclipse_fraction(double beta_rad, double altitude_m, double r_m) {
  const double beta_star = std::asin(r_m / (r_m + altitude_m));
  if (std::abs(beta_rad) >= beta_star) return 0.0;
  return std::acos(std::sqrt(altitude_m * altitude_m + 2 * r_m * altitude_m) / ((r_m + altitude_m) * std::cos(beta_rad))) / kPi;
}

// Sunlit share over a day from the schedule's transitions, and the formula averaged over the day's beta.
void expect_sunlit_share_matches_formula(const std::string& shell_yaml, double altitude_km) {
  World w = one_satellite(shell_yaml);
  EclipseSchedule schedule([&](double t) { return geometry_at(w, t).illuminated_fraction; });
  const double day = 86400.0;
  double t = 0.0, sunlit = 0.0;
  bool side = schedule.sunlit(0.0);
  while (t < day) {
    const double next = std::min(day, schedule.next_transition_after(t, 20000.0));
    if (side) sunlit += next - t;
    side = !side;
    t = next;
  }
  double formula = 0.0;
  const int n = 96;
  for (int k = 0; k < n; ++k) {
    const double beta = std::asin(geometry_at(w, (k + 0.5) * day / n).sin_beta);
    formula += (1.0 - analytic_eclipse_fraction(beta, altitude_km * 1e3, w.constellation.earth().radius_m)) / n;
  }
  EXPECT_NEAR(sunlit / day, formula, 0.01) << shell_yaml;
}

TEST(Eclipses, SunlitShareOverADayMatchesTheCylindricalShadowFormula) {
  expect_sunlit_share_matches_formula("{name: s, walker: 53:1/1/0, altitude_km: 550}", 550.0);
  expect_sunlit_share_matches_formula("{name: sso, type: formation, altitude_km: 650, ltan_h: 18, satellites: 1}", 650.0);
}

TEST(Eclipses, EntryAndExitDatesAgreeWithAFineBisectionOnPositions) {
  World w = one_satellite("{name: s, walker: 53:1/1/0, altitude_km: 550}");
  EclipseSchedule schedule([&](double t) { return geometry_at(w, t).illuminated_fraction; }, 30.0);
  auto lit = [&](double t) { return illuminated_fraction(w.constellation.position_eci_m(0, t),
                                                         sun_position_eci_m(w.constellation.epoch().plus_seconds(t)),
                                                         w.constellation.earth().radius_m, ShadowModel::kCylindrical) > 0.5; };
  int checked = 0;
  double t = 0.0;
  for (double probe = 1.0; probe < 12000.0; probe += 1.0) {  // independent: 1 s scan, bisection to 1e-6 s
    if (lit(probe) == lit(probe - 1.0)) continue;
    double lo = probe - 1.0, hi = probe;
    while (hi - lo > 1e-6) ((lit(0.5 * (lo + hi)) == lit(probe - 1.0)) ? lo : hi) = 0.5 * (lo + hi);
    const double found = schedule.next_transition_after(t, 20000.0);
    EXPECT_NEAR(found, hi, 1.0);
    t = found;
    ++checked;
  }
  EXPECT_GE(checked, 4);  // two eclipses of a 95.7 min orbit
}

TEST(SolarArray, AttitudeSetsTheIncidence) {
  PowerConfig c;
  SunGeometry sun{1.0, 0.5, std::sin(60.0 * kDegToRad), 1.0};
  const double full = kSolarConstant_w_per_m2 * c.array_area_m2 * c.cell_efficiency * c.packing_factor;
  EXPECT_NEAR(array_power_w(c, sun), full, 1e-9);
  c.attitude = ArrayAttitude::kSingleAxis;
  EXPECT_NEAR(array_power_w(c, sun), full * 0.5, 1e-9);  // cos(60 deg)
  c.attitude = ArrayAttitude::kBodyFixedOrbitNormal;
  EXPECT_NEAR(array_power_w(c, sun), full * std::sin(60.0 * kDegToRad), 1e-9);
  c.attitude = ArrayAttitude::kBodyFixedZenith;
  EXPECT_NEAR(array_power_w(c, sun), full * 0.5, 1e-9);
  c.age_years = 10.0;  // 0.5 %/yr
  EXPECT_NEAR(array_power_w(c, sun), full * 0.5 * 0.95, 1e-9);
  sun.illuminated_fraction = 0.0;
  EXPECT_EQ(array_power_w(c, sun), 0.0);
}

TEST(Battery, ConstantLoadThroughAKnownEclipseEndsAtTheEnergyBalance) {
  World w = one_satellite("{name: s, walker: 53:1/1/0, altitude_km: 550}");
  EclipseSchedule schedule([&](double t) { return geometry_at(w, t).illuminated_fraction; });
  Eclipse e;
  ASSERT_TRUE(schedule.next_eclipse(0.0, 20000.0, e));
  const double entry = e.start_s > 0 ? e.start_s : schedule.next_transition_after(e.end_s, 20000.0);
  const double exit = schedule.next_transition_after(entry, 20000.0);
  const BatteryConfig config{1000.0, 750.0, 0.95, 0.9, 0.0};
  Battery b(config, 600.0);
  const double generation_w = 900.0, load_w = 400.0;
  // Sunlit 600 s before entry, through the eclipse, 300 s after exit.
  b.apply(generation_w, load_w, 600.0);
  b.apply(0.0, load_w, exit - entry);
  b.apply(generation_w, load_w, 300.0);
  const double expected = 600.0 + 500.0 * 0.95 * 600.0 / 3600.0 - 400.0 / 0.9 * (exit - entry) / 3600.0 +
                          500.0 * 0.95 * 300.0 / 3600.0;
  EXPECT_NEAR(b.energy_wh(), expected, 1e-6);
  EXPECT_GT(exit - entry, 1500.0);  // a 550 km 53 deg eclipse in June lasts ~30 min
}

TEST(Battery, EnergyIsConservedOverADayOfOrbits) {
  World w = one_satellite("{name: s, walker: 53:1/1/0, altitude_km: 550}");
  PowerConfig c;
  Battery b(battery_config(c), 600.0);
  EnergyFlows total;
  const double start = b.energy_wh();
  for (double t = 0.0; t < 86400.0; t += 10.0) {
    const double generation = array_power_w(c, geometry_at(w, t + 5.0));
    const double load = 500.0 + 400.0 * std::sin(t / 700.0);  // varies, sometimes above generation
    total += b.apply(generation, load, 10.0);
  }
  EXPECT_GT(total.curtailed_wh, 0.0);
  EXPECT_GT(total.drawn_wh, 0.0);
  // generated = used directly + into the battery + curtailed; stored change = in x eta_c - out / eta_d.
  EXPECT_NEAR(total.generated_wh, (total.consumed_wh - total.drawn_wh) + total.charge_input_wh + total.curtailed_wh, 1e-6);
  EXPECT_NEAR(b.energy_wh() - start, total.charge_input_wh * c.charge_efficiency - total.drawn_wh / c.discharge_efficiency, 1e-6);
}

TEST(Battery, ThresholdDatesFollowFromTheBalance) {
  Battery b({1000.0, 750.0, 1.0, 0.8, 0.0}, 900.0);
  EXPECT_NEAR(b.seconds_to_reach(750.0, 100.0, 500.0), 150.0 / (400.0 / 0.8) * 3600.0, 1e-9);
  EXPECT_EQ(b.seconds_to_reach(950.0, 100.0, 500.0), kNever);
  Battery limited({1000.0, 750.0, 0.5, 1.0, 100.0}, 900.0);  // 100 W charge limit at 50 %
  EXPECT_NEAR(limited.seconds_to_reach(950.0, 800.0, 100.0), 50.0 / 50.0 * 3600.0, 1e-9);
}

TEST(Thermal, ASteadyLoadConvergesToTheRadiativeEquilibrium) {
  PowerConfig c;
  ThermalNode node(c, 250.0);
  const double heat_w = 1000.0;
  node.advance(heat_w, 20.0 * 86400.0, 10.0);
  const double expected = std::pow(heat_w / (c.radiator_emissivity * kStefanBoltzmann_w_per_m2k4 * c.radiator_area_m2 * c.radiator_faces), 0.25);
  EXPECT_NEAR(node.temperature_k(), expected, 0.1);
  EXPECT_NEAR(node.equilibrium_k(heat_w), expected, 1e-9);
}

TEST(Thermal, TheFixedStepErrorIsSmallAgainstAFinerStep) {
  PowerConfig c;
  ThermalNode coarse(c, 280.0), fine(c, 280.0);
  for (int i = 0; i < 360; ++i) {  // one hour of alternating load in 10 s intervals
    const double heat_w = i % 60 < 30 ? 1400.0 : 300.0;
    coarse.advance(heat_w, 10.0, c.thermal_step_s);
    fine.advance(heat_w, 10.0, c.thermal_step_s / 100.0);
  }
  EXPECT_NEAR(coarse.temperature_k(), fine.temperature_k(), 1e-6);
}

TEST(Thermal, EarthViewFactorsOfANadirAndAnEdgeOnFace) {
  const double rho = std::asin(6378.137 / (6378.137 + 550.0));
  EXPECT_NEAR(earth_view_factor_nadir(rho), 0.848, 0.001);  // physics.md 4b
  // Edge-on: half of the Earth cap in front of the face, cosine-weighted, by midpoint quadrature.
  double f = 0.0;
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    const double a = (i + 0.5) * rho / n;
    f += std::sin(a) * std::sin(a) * 2.0 * (rho / n) / kPi;  // integral over azimuth of cos(phi) = 2
  }
  EXPECT_NEAR(earth_view_factor_edge_on(rho), f, 1e-6);
}

// One H100 busy at whatever pstate the firmware allows, for 12 hours in 10 s steps.
int first_throttle_step(double radiator_area_m2, double& junction_c_at_throttle) {
  PowerConfig c;
  c.radiator_area_m2 = radiator_area_m2;
  c.battery_capacity_wh = 1e9;  // energy is not the question here
  SatellitePower sat(c, 1);
  int pstate = 0;
  for (int step = 0; step < 4320; ++step) {
    const double accelerator_w = sat.busy_power_w(pstate);
    sat.advance(10.0, 1e6, {accelerator_w * 10.0, c.bus_w}, 0.0);
    pstate = sat.firmware_pstate();
    if (pstate > 0) {
      junction_c_at_throttle = sat.accelerator_k() - 273.15;
      return step;
    }
  }
  return -1;
}

TEST(Thermal, AnUndersizedRadiatorThrottlesAt87CAndACorrectlySizedOneNever) {
  double junction_c = 0.0;
  EXPECT_GE(first_throttle_step(0.5, junction_c), 0);
  EXPECT_GE(junction_c, 87.0);
  EXPECT_LT(junction_c, 88.0);  // found within one 10 s step of crossing
  EXPECT_EQ(first_throttle_step(1.25, junction_c), -1);
}

TEST(Thermal, TheFirmwareHoldsTheThresholdAndOnlyARadiatorTooSmallForTheSlowestStateOverheats) {
  for (double area : {0.6, 0.2}) {
    PowerConfig c;
    c.radiator_area_m2 = area;
    c.battery_capacity_wh = 1e9;
    SatellitePower sat(c, 1);
    int pstate = 0, overheats = 0, recoveries = 0;
    double hottest_c = 0.0;
    for (int step = 0; step < 4320; ++step) {  // 12 h, busy whenever the accelerator is on
      const bool was_shed = sat.accelerators_shed();
      const double accelerator_w = was_shed ? 0.0 : sat.busy_power_w(pstate);
      sat.advance(10.0, 1e6, {accelerator_w * 10.0, c.bus_w}, 0.0);
      pstate = sat.firmware_pstate();
      hottest_c = std::max(hottest_c, sat.accelerator_k() - 273.15);
      overheats += !was_shed && sat.accelerators_shed();
      recoveries += was_shed && !sat.accelerators_shed();
    }
    if (area == 0.6) {  // 0.6 m2: the slowest state fits; the firmware never lets it reach 92 C
      EXPECT_EQ(overheats, 0);
      EXPECT_LT(hottest_c, c.shutdown_c);
    } else {  // 0.2 m2: even 245 W at the slowest state heats past 92 C: shut down, cool, restart, again
      EXPECT_GE(overheats, 2);
      EXPECT_GE(recoveries, 1);
      EXPECT_EQ(sat.shed_cause() == ShedCause::kOverheat, sat.accelerators_shed());
    }
  }
}

// Loads go in the order as the battery falls: training at the floor (750 Wh of 1000), every
// accelerator (inference) 5 % of the capacity lower, the laser terminals at 5 % state of charge, the bus
// (dark) at empty; each level is reached at the date the energy balance gives.
TEST(Brownout, LoadsAreShedTrainingFirstThenInferenceThenTerminalsThenTheBus) {
  PowerConfig c;
  c.battery_capacity_wh = 1000.0;
  c.initial_soc = 0.80;
  SatellitePower sat(c, 1);
  auto run_to_next_level = [&](double accelerator_w, double other_w) {
    const double dt = sat.seconds_to_next_battery_event(0.0, accelerator_w + other_w);
    sat.advance(dt, 0.0, {accelerator_w * dt, other_w}, 0.0);
    return dt;
  };
  const double serving_w = 700.0, terminals_w = 4 * c.isl_terminal_w;
  EXPECT_NEAR(run_to_next_level(serving_w, c.bus_w + terminals_w), 50.0 * 0.95 / (serving_w + c.bus_w + terminals_w) * 3600.0, 1e-9);
  EXPECT_TRUE(sat.training_shed());
  EXPECT_FALSE(sat.accelerators_shed());  // still serving inference
  EXPECT_NEAR(run_to_next_level(serving_w, c.bus_w + terminals_w), 50.0 * 0.95 / (serving_w + c.bus_w + terminals_w) * 3600.0, 1e-9);
  EXPECT_TRUE(sat.accelerators_shed());
  EXPECT_EQ(sat.shed_cause(), ShedCause::kBrownout);
  EXPECT_FALSE(sat.terminals_shed());
  EXPECT_NEAR(run_to_next_level(0.0, c.bus_w + terminals_w), 650.0 * 0.95 / (c.bus_w + terminals_w) * 3600.0, 1e-9);
  EXPECT_TRUE(sat.terminals_shed());
  EXPECT_FALSE(sat.dark());
  EXPECT_NEAR(run_to_next_level(0.0, c.bus_w), 50.0 * 0.95 / c.bus_w * 3600.0, 1e-9);
  EXPECT_TRUE(sat.dark());
  // Charging: the bus and terminals are back at the floor, the accelerators at resume_soc (850 Wh).
  sat.advance(3600.0 * 760.0 / (1000.0 * 0.95), 1000.0, {0.0, 0.0}, 0.0);  // 760 Wh stored
  EXPECT_FALSE(sat.dark());
  EXPECT_FALSE(sat.terminals_shed());
  EXPECT_TRUE(sat.training_shed());
  EXPECT_TRUE(sat.accelerators_shed());
  sat.advance(3600.0, 1000.0, {0.0, c.bus_w}, 0.0);
  EXPECT_FALSE(sat.training_shed());
  EXPECT_FALSE(sat.accelerators_shed());
}

GovernorView view_before_eclipse(double battery_wh) {
  GovernorView v;
  v.busy_power_w = {700.0, 455.0, 245.0};
  v.other_load_w = 200.0;
  v.generation_w = 1400.0;
  v.battery_wh = battery_wh;
  v.floor_wh = 850.0;
  v.capacity_wh = 1200.0;
  v.charge_efficiency = v.discharge_efficiency = 0.95;
  v.eclipse_known = true;
  v.eclipse_start_in_s = 60.0;
  v.eclipse_end_in_s = 60.0 + 1200.0;
  return v;
}

TEST(Governors, EnergyAwareSlowsDownWhenTheNextEclipseWouldCrossTheFloor) {
  const auto g = make_dvfs_governor("energy-aware");
  // Before the eclipse: full speed as long as the battery reaches it with enough to ride it through at
  // the slowest state (445 W x 20 min / 0.95 = 156.1 Wh); 60 s of charging before it.
  EXPECT_EQ(g->choose(view_before_eclipse(1000.0)), 0);  // 1000 + 7.9 - 156.1 = 851.8 >= 850
  EXPECT_EQ(g->choose(view_before_eclipse(996.0)), 1);   // P0: 847.8 < 850; P1 (655 W): 996 + 11.8 - 156.1 = 851.7
  EXPECT_EQ(g->choose(view_before_eclipse(950.0)), 2);
  // In the eclipse: the fastest state that keeps the floor to its end.
  GovernorView in = view_before_eclipse(1200.0);
  in.eclipse_start_in_s = 0.0;
  in.eclipse_end_in_s = 1200.0;
  EXPECT_EQ(g->choose(in), 0);  // 900 W: 1200 - 315.8 = 884.2
  in.battery_wh = 1150.0;
  EXPECT_EQ(g->choose(in), 1);  // 900 W: 834.2; 655 W: 1150 - 229.8 = 920.2
  GovernorView no_eclipse = view_before_eclipse(950.0);
  no_eclipse.eclipse_known = false;
  EXPECT_EQ(g->choose(no_eclipse), 0);
  EXPECT_EQ(make_dvfs_governor("max-performance")->choose(view_before_eclipse(950.0)), 0);
  EXPECT_EQ(make_dvfs_governor("nonsense"), nullptr);
}

TEST(Governors, ThermalAwareStepsDownNearTheThresholdAndUpWhenCool) {
  const auto g = make_dvfs_governor("thermal-aware");
  GovernorView v = view_before_eclipse(1200.0);
  v.accelerator_c = 84.0;
  EXPECT_EQ(g->choose(v), 1);
  v.current_pstate = 2;
  v.accelerator_c = 70.0;
  EXPECT_EQ(g->choose(v), 1);
}

// Three planes of 5: a job of two 4-stage pipelines larger than a plane gets each pipeline inside one
// plane, on consecutive slots, and its spare anywhere free.
TEST(Placement, ContiguousInPlaneKeepsEachPipelineInsideAPlane) {
  std::vector<SatelliteInfo> satellites(15);
  for (int i = 0; i < 15; ++i) satellites[static_cast<size_t>(i)] = {i, "s" + std::to_string(i), "shell", i / 5, i % 5};
  std::vector<bool> busy(15, false);
  busy[1] = true;  // plane 0 has no 4 consecutive free slots without wrapping
  const std::vector<double> busy_time(15, 0.0);
  const auto policy = make_training_placement_policy("contiguous-in-plane");
  const auto view = [&](int stages) {
    return PlacementView{satellites, busy, busy_time, [](int) { return Vec3{}; }, [](int) { return 0.0; }, stages};
  };
  EXPECT_EQ(policy->place(9, view(4)), (std::vector<int>{5, 6, 7, 8, 10, 11, 12, 13, 0}));
  EXPECT_EQ(policy->place(9, view(1)), (std::vector<int>{0, 2, 3, 4, 5, 6, 7, 8, 9}));  // a ring: platform order
}

TEST(Placement, PowerAwareTakesTheSatellitesThatCanRunBusyLongest) {
  std::vector<SatelliteInfo> satellites(6);
  for (int i = 0; i < 6; ++i) satellites[static_cast<size_t>(i)].id = i;
  const std::vector<bool> busy{false, false, true, false, false, false};
  const std::vector<double> busy_time(6, 0.0);
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> endurance{100.0, 0.0, inf, 500.0, inf, 300.0};  // satellite 2 is busy
  const PlacementView view{satellites, busy, busy_time, [](int) { return Vec3{}; },
                           [&](int s) { return endurance[static_cast<size_t>(s)]; }, 1};
  const auto policy = make_training_placement_policy("power-aware");
  EXPECT_EQ(policy->place(3, view), (std::vector<int>{3, 4, 5}));  // inf, 500, 300; ring in id order
  EXPECT_EQ(policy->place(5, view), (std::vector<int>{0, 1, 3, 4, 5}));
  EXPECT_EQ(policy->place(6, view), std::nullopt);
}

TEST(Placement, PowerAwareServingAvoidsSatellitesAboutToBrownOut) {
  auto candidate = [](int satellite, double delay_s, double endurance_s) {
    ServingCandidate c;
    c.satellite = satellite;
    c.route_delay_s = delay_s;
    c.power_endurance_s = endurance_s;
    return c;
  };
  const auto policy = make_serving_policy("power-aware");
  // The nearest has 2 minutes of battery left: the next nearest with endurance serves.
  EXPECT_EQ(policy->choose({candidate(0, 0.002, 120.0), candidate(1, 0.004, 900.0), candidate(2, 0.003, 3600.0)}), 2);
  // Nobody has endurance: the lowest latency of all.
  EXPECT_EQ(policy->choose({candidate(0, 0.002, 120.0), candidate(1, 0.004, 0.0)}), 0);
  EXPECT_EQ(policy->choose({}), std::nullopt);
}

TEST(Placement, PauseWaitsForTheEclipsesThatBeginBeforeTheNextIterationEnds) {
  const auto pause = make_eclipse_training_policy("pause");
  EclipseTrainingView v{1000.0, 30.0, {{0, {1010.0, 2200.0}}, {1, {1000.0, 2100.0}}, {2, {1500.0, 2700.0}}}, {0, 1, 2}, 1};
  EXPECT_EQ(pause->plan(v).pause_until_s, 2200.0);  // the third begins after the iteration: a later decision
  EXPECT_TRUE(pause->plan(v).resting.empty());
  v.eclipses = {{2, {1500.0, 2700.0}}};
  EXPECT_EQ(pause->plan(v).pause_until_s, 1000.0);  // nothing in the way: go on
  EXPECT_EQ(make_eclipse_training_policy("ride-through")->plan({1000.0, 30.0, {{0, {1000.0, 2000.0}}}, {0}, 1}).pause_until_s,
            1000.0);
}

TEST(Placement, ShrinkRestsTheRanksInShadowAndPausesOnlyBelowTheMinimum) {
  const auto shrink = make_eclipse_training_policy("shrink");
  // Four ranks; 1 is in shadow, 2 enters it during the next 30 s iteration, 3's eclipse starts later.
  EclipseTrainingView v{1000.0, 30.0, {{1, {900.0, 2100.0}}, {2, {1020.0, 2200.0}}, {3, {1500.0, 2700.0}}}, {0, 1, 2, 3}, 2};
  EclipseTrainingPlan p = shrink->plan(v);
  EXPECT_EQ(p.pause_until_s, 1000.0);
  EXPECT_EQ(p.resting, (std::vector<int>{1, 2}));
  // At least three must train: idle until 1's eclipse ends (2100 s; 2 and 3 are then in shadow: still
  // two resting), then until 2's ends (2200 s: only 3 rests).
  v.min_ranks = 3;
  p = shrink->plan(v);
  EXPECT_EQ(p.pause_until_s, 2200.0);
  EXPECT_TRUE(p.resting.empty());
  // Several replicas (no rank may rest): ride through.
  v.ranks.clear();
  EXPECT_EQ(shrink->plan(v).pause_until_s, 1000.0);
  EXPECT_TRUE(shrink->plan(v).resting.empty());
}

TEST(PowerInput, BadValuesAreNamedWithFileLineAndKey) {
  auto error_of = [](const std::string& power_yaml) {
    const std::string path = write_platform(
        "bad", "name: b\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n  - {name: s, walker: 53:1/1/0, altitude_km: 550}\npower:\n" +
                   power_yaml);
    try {
      load_platform_config(path);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("  array_area_m2: -2\n").find("bad.yaml:6: power.array_area_m2: expected a number in (0"), std::string::npos)
      << error_of("  array_area_m2: -2\n");
  EXPECT_NE(error_of("  cell_efficiency: 1.2\n").find("power.cell_efficiency"), std::string::npos);
  EXPECT_NE(error_of("  throttle_software_c: 95\n").find("throttle_software_c < throttle_hardware_c < shutdown_c"),
            std::string::npos);
  EXPECT_NE(error_of("  max_depth_of_discharge: 0.5\n  resume_soc: 0.4\n").find("power.resume_soc: expected above the floor"),
            std::string::npos) << error_of("  max_depth_of_discharge: 0.5\n  resume_soc: 0.4\n");
  EXPECT_NE(error_of("  profile: nope\n").find("power.profile: expected one of"), std::string::npos);
  // Shedding levels out of order: the terminals' reserve above the level where inference goes.
  EXPECT_NE(error_of("  bus_reserve_soc: 0.72\n").find("power.bus_reserve_soc: expected at most the inference floor"),
            std::string::npos) << error_of("  bus_reserve_soc: 0.72\n");
  EXPECT_NE(error_of("  max_depth_of_discharge: 0.9\n  inference_reserve_fraction: 0.2\n")
                .find("power.inference_reserve_fraction: expected at most the floor"),
            std::string::npos);
  EXPECT_NE(error_of("  pstates: [{speed_fraction: 1, busy_power_fraction: 1}, {speed_fraction: 1, busy_power_fraction: 0.5}]\n")
                .find("speed_fraction: expected less than"),
            std::string::npos);
  EXPECT_EQ(error_of("  profile: starlink-v3\n  array_area_m2: 50\n"), "no error");
}

}  // namespace
}  // namespace orbitsim
