// The platform's `power:` block (sim/power/power_config.hpp): parsed and validated, and written back
// with every default filled in. Documented key by key in platforms/README.md "power".
#pragma once

#include <yaml-cpp/yaml.h>

#include "config/yaml_object.hpp"
#include "power/power_config.hpp"

namespace orbitsim {

// The top-level `power:` mapping of a platform file; a platform without one models no power.
PowerConfig parse_power_section(YamlObject& top);
void write_power_section(YAML::Emitter& out, const PowerConfig& power);

}  // namespace orbitsim
