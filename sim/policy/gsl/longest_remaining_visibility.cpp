// `longest-remaining-visibility`: the visible satellites that stay in view longest, which minimises
// handovers (a "sticky" choice at the cost of longer slant ranges).
#include "policy/gsl/policies.hpp"

namespace orbitsim {

std::vector<GslCandidate> LongestRemainingVisibilityGsl::select(std::span<const GslCandidate> visible,
                                                                const GslSelectionContext& c) const {
  std::vector<std::pair<double, GslCandidate>> scored;
  for (const auto& g : visible) scored.emplace_back(-c.remaining_visibility_s(g.satellite), g);
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<GslCandidate> out;
  for (const auto& [score, g] : scored) {
    if (static_cast<int>(out.size()) == c.max_links) break;
    out.push_back(g);
  }
  return out;
}

}  // namespace orbitsim
