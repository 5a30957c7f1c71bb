// Resolves a `--sats` list (ids, id ranges "a..b", satellite names or shell names, comma-separated)
// into satellite indices in platform order.
#pragma once

#include <string>
#include <vector>

#include "orbit/constellation.hpp"

namespace orbitsim {

// Empty text selects every satellite. Throws InputError naming the unknown item.
std::vector<size_t> select_satellites(const Constellation& constellation, const std::string& text);

}  // namespace orbitsim
