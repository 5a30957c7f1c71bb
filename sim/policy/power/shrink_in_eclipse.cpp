// `shrink`: the ranks in shadow, or entering it before the next iteration ends, sit it out. When that
// would leave fewer than min_ranks, idle until the first eclipse end after which enough ranks would be
// in the sun for a whole iteration (ranks whose next eclipse is not yet known count as sunlit).
#include <algorithm>

#include "policy/power/eclipse_training_policy.hpp"

namespace orbitsim {

namespace {
// The ranks in shadow at some point of [t, t + iteration_s).
std::vector<int> shadowed_ranks(const EclipseTrainingView& view, double t) {
  std::vector<int> out;
  for (const SatelliteEclipse& s : view.eclipses)
    if (s.eclipse.start_s < t + view.iteration_s && s.eclipse.end_s > t &&
        std::find(view.ranks.begin(), view.ranks.end(), s.satellite) != view.ranks.end())
      out.push_back(s.satellite);
  return out;
}
}  // namespace

EclipseTrainingPlan ShrinkInEclipse::plan(const EclipseTrainingView& view) const {
  if (view.ranks.empty()) return {view.now_s, {}};  // no rank may sit out: ride through
  const auto enough = [&](const std::vector<int>& resting) {
    return static_cast<int>(view.ranks.size() - resting.size()) >= view.min_ranks;
  };
  std::vector<int> resting = shadowed_ranks(view, view.now_s);
  if (enough(resting)) return {view.now_s, resting};
  std::vector<double> ends;
  for (const SatelliteEclipse& s : view.eclipses) ends.push_back(s.eclipse.end_s);
  std::sort(ends.begin(), ends.end());
  for (double t : ends)
    if (t > view.now_s && enough(shadowed_ranks(view, t))) return {t, {}};
  return {ends.empty() ? view.now_s : ends.back(), {}};
}

}  // namespace orbitsim
