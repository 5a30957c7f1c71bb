// A family of policies, each selected by name from the scenario or platform file: one entry per policy
// with its name, a one-line description and a factory taking the family's options (if any).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace orbitsim {

template <class Policy, class... Options>
struct PolicyEntry {
  std::string name;
  std::string description;
  std::function<std::unique_ptr<Policy>(const Options&...)> make;
};

// The policy called `name`, or nullptr when the family has none.
template <class Policy, class... Options>
std::unique_ptr<Policy> make_named(const std::vector<PolicyEntry<Policy, Options...>>& family, const std::string& name,
                                   const Options&... options) {
  for (const auto& entry : family)
    if (entry.name == name) return entry.make(options...);
  return nullptr;
}

// The names of a family, in its order (the choices a key accepts).
template <class Policy, class... Options>
std::vector<std::string> policy_names(const std::vector<PolicyEntry<Policy, Options...>>& family) {
  std::vector<std::string> names;
  for (const auto& entry : family) names.push_back(entry.name);
  return names;
}

}  // namespace orbitsim
