// The dates at which one satellite enters and leaves Earth's shadow (less or more than half of the solar
// disk visible), found ahead of time: the illuminated fraction is sampled every `scan_step_s` and each
// change of side is bisected to `tolerance_s`. An eclipse shorter than the scan step can be missed (it
// happens only at the edge of the eclipse season, where eclipses last seconds).
#pragma once

#include <deque>
#include <functional>

namespace orbitsim {

struct Eclipse {
  double start_s = 0.0;  // the current time when the satellite is already in shadow
  double end_s = 0.0;
};

class EclipseSchedule {
 public:
  using Illumination = std::function<double(double t_s)>;  // visible fraction of the solar disk at t
  EclipseSchedule(Illumination illumination, double scan_step_s = 30.0, double tolerance_s = 1e-3);

  bool sunlit(double t_s) const { return illumination_(t_s) > 0.5; }
  // The first change of side strictly after t and no later than t + horizon_s; +inf if none. A date
  // returned is the first instant on the new side.
  double next_transition_after(double t_s, double horizon_s);
  // The eclipse under way at t, or the next one starting within the horizon; its end may lie beyond
  // the horizon (then it is t + horizon_s). false when none starts within the horizon.
  bool next_eclipse(double t_s, double horizon_s, Eclipse& out);

 private:
  void scan_to(double t_s);

  Illumination illumination_;
  double scan_step_s_, tolerance_s_;
  bool started_ = false;
  double scanned_to_s_ = 0.0;
  bool scanned_side_sunlit_ = true;
  std::deque<double> transitions_;  // ascending, all > the oldest time asked for
};

}  // namespace orbitsim
