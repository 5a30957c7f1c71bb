#include "faults/failure_models.hpp"

#include <cmath>

namespace orbitsim {

size_t FailureRandom::below(size_t n) {
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  std::uint64_t x = rng_();
  while (x >= limit) x = rng_();
  return static_cast<size_t>(x % n);
}

std::vector<double> FailureRandom::failure_times(double rate_per_s, double down_s, double horizon_s) {
  std::vector<double> out;
  for (double t = exponential(rate_per_s); t < horizon_s && std::isfinite(t); t += down_s + exponential(rate_per_s))
    out.push_back(t);
  return out;
}

std::vector<FailureEvent> draw_failures(const FaultModelConfig& c, const FaultModelInputs& in, double horizon_s,
                                        unsigned long seed) {
  std::vector<FailureEvent> out;
  auto add = [&out](std::vector<FailureEvent> events) { out.insert(out.end(), events.begin(), events.end()); };
  add(draw_satellite_lifetimes(c, in, horizon_s, seed));
  add(draw_initial_failures(in.satellite_names, c.kill_fraction_at_start, seed));
  add(draw_sefis(c, in, horizon_s, seed));
  add(draw_uncorrectable_seus(c, in, horizon_s, seed));
  add(draw_isl_terminal_failures(c, in, horizon_s, seed));
  add(draw_station_outages(c, in, horizon_s, seed));
  add(draw_station_maintenance(c, in, horizon_s));
  add(draw_plane_failures(c, in, horizon_s, seed));
  add(draw_solar_storms(c, in, horizon_s, seed));
  sort_failures(out);
  return out;
}

}  // namespace orbitsim
