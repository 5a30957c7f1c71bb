// The GSL selection policies shipped with orbitsim (one implementation file each).
#pragma once

#include "policy/gsl/gsl_selection_policy.hpp"

namespace orbitsim {

struct NearestGsl : GslSelectionPolicy {
  std::vector<GslCandidate> select(std::span<const GslCandidate> visible, const GslSelectionContext& c) const override;
};
struct HighestElevationGsl : GslSelectionPolicy {
  std::vector<GslCandidate> select(std::span<const GslCandidate> visible, const GslSelectionContext& c) const override;
};
struct LongestRemainingVisibilityGsl : GslSelectionPolicy {
  std::vector<GslCandidate> select(std::span<const GslCandidate> visible, const GslSelectionContext& c) const override;
};
struct AllVisibleGsl : GslSelectionPolicy {
  std::vector<GslCandidate> select(std::span<const GslCandidate> visible, const GslSelectionContext& c) const override;
};

}  // namespace orbitsim
