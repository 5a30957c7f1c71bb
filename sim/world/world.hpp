// The physical platform built from a PlatformConfig: every satellite with its propagator, and every
// ground station, in the order the configuration lists them.
#pragma once

#include <vector>

#include "config/platform_config.hpp"
#include "ground/ground_station.hpp"
#include "orbit/constellation.hpp"

namespace orbitsim {

struct World {
  Constellation constellation;
  std::vector<GroundStation> ground_stations;
};

// Generates Walker slots and formation members, reads element-set and ground-station files, and checks
// that satellite and station names are unique. Throws InputError for problems in referenced files.
World build_world(const PlatformConfig& config);

// Semi-major axis of a Walker shell from its altitude or its mean motion.
double walker_semi_major_axis_m(const WalkerShellConfig& shell, const EarthModel& earth);

}  // namespace orbitsim
