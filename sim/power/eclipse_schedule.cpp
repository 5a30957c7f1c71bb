#include "power/eclipse_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace orbitsim {

EclipseSchedule::EclipseSchedule(Illumination illumination, double scan_step_s, double tolerance_s)
    : illumination_(std::move(illumination)), scan_step_s_(scan_step_s), tolerance_s_(tolerance_s) {}

void EclipseSchedule::scan_to(double t_s) {
  while (scanned_to_s_ < t_s) {
    const double a = scanned_to_s_, b = a + scan_step_s_;
    const bool side_b = sunlit(b);
    if (side_b != scanned_side_sunlit_) {
      double lo = a, hi = b;  // lo on the old side, hi on the new one
      while (hi - lo > tolerance_s_) {
        const double mid = 0.5 * (lo + hi);
        (sunlit(mid) == scanned_side_sunlit_ ? lo : hi) = mid;
      }
      transitions_.push_back(hi);
      scanned_side_sunlit_ = side_b;
    }
    scanned_to_s_ = b;
  }
}

double EclipseSchedule::next_transition_after(double t_s, double horizon_s) {
  if (!started_) {
    started_ = true;
    scanned_to_s_ = t_s;
    scanned_side_sunlit_ = sunlit(t_s);
  }
  while (!transitions_.empty() && transitions_.front() <= t_s) transitions_.pop_front();
  scan_to(t_s + horizon_s);
  if (!transitions_.empty() && transitions_.front() <= t_s + horizon_s) return transitions_.front();
  return std::numeric_limits<double>::infinity();
}

bool EclipseSchedule::next_eclipse(double t_s, double horizon_s, Eclipse& out) {
  const double first = next_transition_after(t_s, horizon_s);
  if (!sunlit(t_s)) {
    out = {t_s, std::min(first, t_s + horizon_s)};
    return true;
  }
  if (!std::isfinite(first)) return false;
  const auto it = std::upper_bound(transitions_.begin(), transitions_.end(), first);
  out = {first, it != transitions_.end() && *it <= t_s + horizon_s ? *it : t_s + horizon_s};
  return true;
}

}  // namespace orbitsim
