// What the network tests share: a platform file written for the test case, an engine with the platform
// on it, and a small ISL grid. One SimGrid engine per test case (ctest runs each in its own process).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <simgrid/s4u/Engine.hpp>
#include <string>

#include "config/platform_config.hpp"
#include "platform/sim_platform.hpp"
#include "platform/transfer_service.hpp"
#include "topology/topology_builder.hpp"
#include "world/world_builder.hpp"

namespace orbitsim {

// In a folder of its own per test case (ctest runs the cases of all test binaries side by side).
inline std::string write_platform(const std::string& yaml) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::temp_directory_path() / (std::string("orbitsim_") + test->test_suite_name() + "_" + test->name());
  std::filesystem::create_directories(dir);
  const auto path = (dir / "platform.yaml").string();
  std::ofstream(path) << yaml;
  return path;
}

inline constexpr const char* kGridPlatform =
    "name: grid\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
    "  - {name: s, walker: 53:32/4/1, altitude_km: 1000, isl: {bandwidth_bps: 8e9}}\n"
    "network: {topology_epoch_s: 1000, transfer_chunk_bytes: 1e8}\n";

struct NetworkFixture {
  explicit NetworkFixture(const std::string& platform_file)
      : engine("orbitsim_sim_test"),
        config(load_platform_config(platform_file)),
        world(build_world(config)),
        topology(world, config.network, shell_links(config.shells)) {
    configure_simgrid({});
    platform = std::make_unique<SimPlatform>(topology, config);
    transfers = std::make_unique<TransferService>(*platform);
  }
  simgrid::s4u::Engine engine;
  PlatformConfig config;
  World world;
  TopologyBuilder topology;
  std::unique_ptr<SimPlatform> platform;
  std::unique_ptr<TransferService> transfers;
};

}  // namespace orbitsim
