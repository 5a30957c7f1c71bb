// The power model on SimGrid: the host energy plugin integrates each performance state's wattage
// exactly as computations run, and a throttled satellite computes the same work more slowly.
#include <gtest/gtest.h>
#include <simgrid/s4u/Engine.hpp>

#include <filesystem>
#include <fstream>

#include "world/world_builder.hpp"
#include "platform/sim_platform.hpp"
#include "platform/sim_runtime.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

struct Fixture {
  Fixture()
      : engine("orbitsim_power_sim_test"), config(load_platform_config(write())), world(build_world(config)),
        topology(world, config.network, shell_links(config.shells)) {
    configure_simgrid({});
    platform = std::make_unique<SimPlatform>(topology, config);
  }
  static std::string write() {
    const auto dir = std::filesystem::temp_directory_path() /  // per test: ctest runs them as parallel processes
                     ("orbitsim_power_sim_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "p.yaml") << "name: ring\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                                     "  - {name: r, walker: 53:4/1/0, altitude_km: 550, isl: {pattern: ring}}\n"
                                     "hardware: {accelerators_per_satellite: 2}\npower: {profile: starcloud-h100}\n";
    return (dir / "p.yaml").string();
  }
  simgrid::s4u::Engine engine;
  PlatformConfig config;
  World world;
  TopologyBuilder topology;
  std::unique_ptr<SimPlatform> platform;
};

class EnergyPerPstate : public ::testing::TestWithParam<int> {};

TEST_P(EnergyPerPstate, AComputationConsumesTheStatesWattageTimesItsDuration) {
  const int pstate = GetParam();
  Fixture f;
  const PerformanceState& state = f.config.power.pstates[static_cast<size_t>(pstate)];
  const double busy_w = 2 * 700.0 * state.busy_power_fraction, idle_w = 2 * 70.0;
  double ended_s = 0.0, energy_j = 0.0, idle_energy_j = 0.0;
  sim_spawn(*f.platform, "probe", [&] {
    f.platform->set_pstate(0, pstate);
    sim_sleep_until(5.0);  // idle first
    idle_energy_j = f.platform->accelerator_energy_j(0);
    ASSERT_TRUE(compute_on_all(*f.platform, {0}, 100.0));  // 100 s of work at full clocks
    ended_s = sim_now();
    energy_j = f.platform->accelerator_energy_j(0);
  });
  f.engine.run();
  EXPECT_NEAR(idle_energy_j, idle_w * 5.0, 1e-9 * idle_w * 5.0);
  const double duration_s = 100.0 / state.speed_fraction;
  EXPECT_NEAR(ended_s - 5.0, duration_s, 1e-9 * duration_s);
  EXPECT_NEAR(energy_j - idle_energy_j, busy_w * duration_s, 1e-9 * busy_w * duration_s);
  EXPECT_EQ(f.platform->accelerator_energy_j(1), idle_w * ended_s);  // never used: idle all along
}

INSTANTIATE_TEST_SUITE_P(Pstates, EnergyPerPstate, ::testing::Values(0, 1, 2));

TEST(PowerSim, AShedSatelliteDrawsNothingAndAPstateChangeMidComputationSplitsTheEnergy) {
  Fixture f;
  double energy_j = 0.0, ended_s = 0.0;
  sim_spawn(*f.platform, "throttle", [&] {
    sim_sleep_until(10.0);
    f.platform->set_pstate(0, 2);  // halfway through the 20 s computation
  });
  sim_spawn(*f.platform, "probe", [&] {
    ASSERT_TRUE(compute_on_all(*f.platform, {0}, 20.0));
    ended_s = sim_now();
    f.platform->set_compute_down(0, true);
    sim_sleep_until(ended_s + 50.0);
    energy_j = f.platform->accelerator_energy_j(0);
  });
  f.engine.run();
  EXPECT_NEAR(ended_s, 10.0 + 10.0 / 0.5, 1e-9);  // the second half at half clocks
  EXPECT_NEAR(energy_j, 1400.0 * 10.0 + 2 * 700.0 * 0.35 * 20.0, 1e-6);  // off afterwards: 0 W
}

// A memory-bound step (activity below 1) lasts as long at full clocks and draws idle + activity x
// (busy - idle); under hardware slowdown (half clocks) it is slowed only past the slower clock's rate.
TEST(PowerSim, AStepAtPartialActivityDrawsThatShareOfTheDynamicPowerAndIgnoresSlowerClocksBelowIt) {
  Fixture f;
  const double idle_w = 2 * 70.0, busy0_w = 2 * 700.0, busy2_w = 2 * 700.0 * 0.35;
  double t[4] = {}, e[4] = {};
  sim_spawn(*f.platform, "probe", [&] {
    ASSERT_TRUE(compute_on_all(*f.platform, {0}, 10.0, 0.4));  // full clocks
    t[0] = sim_now(), e[0] = f.platform->accelerator_energy_j(0);
    f.platform->set_pstate(0, 2);
    ASSERT_TRUE(compute_on_all(*f.platform, {0}, 10.0, 0.4));  // 0.4 of the full rate fits under 0.5
    t[1] = sim_now(), e[1] = f.platform->accelerator_energy_j(0);
    ASSERT_TRUE(compute_on_all(*f.platform, {0}, 10.0, 0.8));  // 0.8 does not: held to 0.5
    t[2] = sim_now(), e[2] = f.platform->accelerator_energy_j(0);
  });
  f.engine.run();
  EXPECT_NEAR(t[0], 10.0, 1e-9);
  EXPECT_NEAR(e[0], (idle_w + 0.4 * (busy0_w - idle_w)) * 10.0, 1e-6);
  EXPECT_NEAR(t[1] - t[0], 10.0, 1e-9);
  EXPECT_NEAR(e[1] - e[0], (idle_w + 0.4 / 0.5 * (busy2_w - idle_w)) * 10.0, 1e-6);
  EXPECT_NEAR(t[2] - t[1], 10.0 * 0.8 / 0.5, 1e-9);
  EXPECT_NEAR(e[2] - e[1], busy2_w * 16.0, 1e-6);
}

}  // namespace
}  // namespace orbitsim
