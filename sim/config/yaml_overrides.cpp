#include "config/yaml_overrides.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/input_error.hpp"

namespace orbitsim {

YamlOverride parse_yaml_override(const std::string& text, const std::string& option) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError({"command line", 0}, option, "key.path=value, e.g. training.placement=least-loaded",
                     "\"" + text + "\"");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

void apply_yaml_overrides(YAML::Node& doc, const std::vector<YamlOverride>& overrides, const std::string& prefix) {
  for (const auto& [path, value] : overrides) {
    if (path.rfind(prefix, 0) != 0) continue;
    std::vector<std::string> keys;
    std::stringstream ss(path.substr(prefix.size()));
    for (std::string k; std::getline(ss, k, '.');) keys.push_back(k);
    // yaml-cpp nodes are handles: walk with fresh handles so that assignment does not rebind parents.
    std::vector<YAML::Node> chain{doc};
    for (size_t i = 0; i + 1 < keys.size(); ++i) {
      const std::string& k = keys[i];
      const bool index = !k.empty() && std::all_of(k.begin(), k.end(), [](char c) { return std::isdigit(c); });
      YAML::Node next = index && chain.back().IsSequence() ? chain.back()[std::stoul(k)] : chain.back()[k];
      chain.push_back(next);
    }
    chain.back()[keys.back()] = YAML::Load(value);
  }
}

}  // namespace orbitsim
