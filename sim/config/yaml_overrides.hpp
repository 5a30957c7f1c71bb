// Command-line overrides (`--set key.path=value`) applied to a YAML document before it is validated, so
// that an override is checked exactly like the same value written in the file.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace orbitsim {

using YamlOverride = std::pair<std::string, std::string>;  // ("training.placement", "least-loaded")

// Parses "key.path=value"; throws InputError naming `option` when there is no '=' or no key.
YamlOverride parse_yaml_override(const std::string& text, const std::string& option);

// Sets every override whose path starts with `prefix` (the prefix removed) in `doc`. Numeric path
// segments index lists ("shells.0.altitude_km").
void apply_yaml_overrides(YAML::Node& doc, const std::vector<YamlOverride>& overrides, const std::string& prefix = "");

}  // namespace orbitsim
