// Ground-satellite link selection: which of the satellites a ground station can see it links to.
// One small policy per file, chosen by name from the platform file (`network.gsl.selection`).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <memory>
#include <span>
#include <utility>
#include <string>
#include <vector>

#include "policy/policy_registry.hpp"

namespace orbitsim {

struct GslCandidate {
  int satellite = 0;         // satellite id
  double range_m = 0.0;      // slant range from the station
  double sin_elevation = 0;  // of the elevation above the station's horizon
  // Computed when asked: most policies never need the arcsine.
  double elevation_rad() const { return std::asin(std::min(1.0, sin_elevation)); }
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
  virtual std::vector<GslCandidate> select(std::span<const GslCandidate> visible, const GslSelectionContext& context) const = 0;
};

using GslPolicyInfo = PolicyEntry<GslSelectionPolicy>;

// Every policy, in a fixed order.
const std::vector<GslPolicyInfo>& gsl_selection_policies();
// Nothing when `name` is unknown.
std::unique_ptr<GslSelectionPolicy> make_gsl_selection_policy(const std::string& name);

// The `max_links` candidates of least `key` (ties: lower satellite id), in that order, in one pass that
// keeps the best so far: a station sees tens of satellites and links to a few, and most candidates lose
// against the last one kept. (key, satellite) orders the candidates totally: the order of a full sort.
// The best so far are (key, index) pairs, on the stack for up to 16 links: this runs for every station at
// every epoch.
template <typename Key>
std::vector<GslCandidate> take_best(std::span<const GslCandidate> candidates, int max_links, Key key) {
  const size_t kept = std::min(candidates.size(), static_cast<size_t>(std::max(max_links, 0)));
  if (kept == 0) return {};
  using Scored = std::pair<decltype(key(std::declval<const GslCandidate&>())), size_t>;
  const auto before = [&](const Scored& a, const Scored& b) {
    return a.first < b.first || (!(b.first < a.first) && candidates[a.second].satellite < candidates[b.second].satellite);
  };
  constexpr size_t kOnStack = 16;
  std::array<Scored, kOnStack + 1> on_stack;
  std::vector<Scored> on_heap(kept > kOnStack ? kept + 1 : 0);
  const std::span<Scored> best(kept > kOnStack ? on_heap.data() : on_stack.data(), kept + 1);  // sorted, [0, count)
  size_t count = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Scored scored{key(candidates[i]), i};
    if (count == kept && !before(scored, best[count - 1])) continue;
    size_t at = count;  // an insertion sort's step: the new one moves down past those after it
    for (; at > 0 && before(scored, best[at - 1]); --at) best[at] = best[at - 1];
    best[at] = scored;
    count = std::min(count + 1, kept);
  }
  std::vector<GslCandidate> out;
  out.reserve(count);
  for (size_t k = 0; k < count; ++k) out.push_back(candidates[best[k].second]);
  return out;
}

}  // namespace orbitsim
