// Writes NORAD two-line element sets in the fixed columns that tle_reader.hpp reads (and SGP4 users
// expect), checksums included. Angles to 1e-4 deg (≈ 12 m along a LEO orbit), mean motion to 1e-8 rev/day.
#pragma once

#include <array>
#include <string>

#include "orbit/mean_elements.hpp"

namespace orbitsim {

std::array<std::string, 2> format_tle(const MeanElements& elements);

}  // namespace orbitsim
