// Ground-satellite link selection: which of the satellites a ground station can see it links to.
// One small policy per file, chosen by name from the platform file (`network.gsl.selection`).
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "policy/policy_registry.hpp"

namespace orbitsim {

struct GslCandidate {
  int satellite = 0;         // satellite id
  double range_m = 0.0;      // slant range from the station
  double elevation_rad = 0;  // above the station's horizon
};

struct GslSelectionContext {
  int max_links = 1;
  // Seconds the satellite stays visible from the station after now (computed on demand: costly).
  std::function<double(int satellite)> remaining_visibility_s;
};

class GslSelectionPolicy {
 public:
  virtual ~GslSelectionPolicy() = default;
  // `visible` is sorted by satellite id; returns the chosen satellites, the station's radio chain k
  // serving the k-th one.
  virtual std::vector<GslCandidate> select(std::vector<GslCandidate> visible, const GslSelectionContext& context) const = 0;
};

using GslPolicyInfo = PolicyEntry<GslSelectionPolicy>;

// Every policy, in a fixed order.
const std::vector<GslPolicyInfo>& gsl_selection_policies();
// Nothing when `name` is unknown.
std::unique_ptr<GslSelectionPolicy> make_gsl_selection_policy(const std::string& name);

// Keeps the first `max_links` of `candidates` after a stable sort by `key` (ties: lower satellite id).
template <typename Key>
std::vector<GslCandidate> take_best(std::vector<GslCandidate> candidates, int max_links, Key key) {
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](const GslCandidate& a, const GslCandidate& b) { return key(a) < key(b); });
  if (static_cast<int>(candidates.size()) > max_links) candidates.resize(static_cast<size_t>(max_links));
  return candidates;
}

}  // namespace orbitsim
