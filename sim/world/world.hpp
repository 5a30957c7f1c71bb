// The physical platform: every satellite with its propagator, and every ground station, in the order
// the configuration lists them (built by build_world, world_builder.hpp).
#pragma once

#include <vector>

#include "ground/ground_station.hpp"
#include "orbit/constellation.hpp"

namespace orbitsim {

struct World {
  Constellation constellation;
  std::vector<GroundStation> ground_stations;
};

}  // namespace orbitsim
