#include "policy/gsl/gsl_selection_policy.hpp"

#include "policy/gsl/policies.hpp"

namespace orbitsim {

const std::vector<GslPolicyInfo>& gsl_selection_policies() {
  static const std::vector<GslPolicyInfo> kPolicies{
      {"nearest", "shortest slant range", [] { return std::make_unique<NearestGsl>(); }},
      {"highest-elevation", "highest above the horizon", [] { return std::make_unique<HighestElevationGsl>(); }},
      {"longest-remaining-visibility", "stays in view longest (fewest handovers)",
       [] { return std::make_unique<LongestRemainingVisibilityGsl>(); }},
      {"all-visible", "every visible satellite", [] { return std::make_unique<AllVisibleGsl>(); }},
  };
  return kPolicies;
}

std::unique_ptr<GslSelectionPolicy> make_gsl_selection_policy(const std::string& name) {
  return make_named(gsl_selection_policies(), name);
}

}  // namespace orbitsim
