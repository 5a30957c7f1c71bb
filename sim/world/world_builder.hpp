// Builds the World a PlatformConfig describes.
#pragma once

#include "config/platform_config.hpp"
#include "world/world.hpp"

namespace orbitsim {

// Generates Walker slots and formation members, reads element-set and ground-station files, and checks
// that satellite and station names are unique. Throws InputError for problems in referenced files.
World build_world(const PlatformConfig& config);

// Semi-major axis of a Walker shell from its altitude or its mean motion.
double walker_semi_major_axis_m(const WalkerShellConfig& shell, const EarthModel& earth);

}  // namespace orbitsim
