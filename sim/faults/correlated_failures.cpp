// Correlated failures: many satellites at the same instant.
//  - a whole orbital plane (a launch batch with a common defect, a plane-wide software fault): planes fail
//    at `plane_failure_rate_per_day` each, for `plane_failure_duration_s` (permanent by default);
//  - a solar storm (physics.md 5a: the February 2022 storm cost up to 40 of 49 fresh Starlinks): storms
//    arrive at `solar_storm_rate_per_day` for the whole constellation and take down a seeded
//    `solar_storm_fraction` of the satellites for `solar_storm_duration_s` (permanent by default).
#include "faults/failure_models.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace orbitsim {

std::vector<FailureEvent> draw_plane_failures(const FaultModelConfig& c, const FaultModelInputs& in, double horizon_s,
                                              unsigned long seed) {
  std::vector<FailureEvent> out;
  const double rate_per_s = c.plane_failure_rate_per_day * c.rate_scale / 86400.0;
  if (rate_per_s <= 0.0) return out;
  std::map<int, std::vector<size_t>> planes;
  for (size_t i = 0; i < in.satellite_plane.size(); ++i)
    if (in.satellite_plane[i] >= 0) planes[in.satellite_plane[i]].push_back(i);
  FailureRandom random(seed, 0x706c616e65ULL);  // "plane"
  for (const auto& [plane, members] : planes)
    for (double t : random.failure_times(rate_per_s, c.plane_failure_duration_s, horizon_s))
      for (size_t i : members) out.push_back({t, in.satellite_names[i], FailureKind::kSatellite, c.plane_failure_duration_s, FailureCause::kPlane});
  return out;
}

std::vector<FailureEvent> draw_solar_storms(const FaultModelConfig& c, const FaultModelInputs& in, double horizon_s,
                                            unsigned long seed) {
  std::vector<FailureEvent> out;
  const double rate_per_s = c.solar_storm_rate_per_day * c.rate_scale / 86400.0;
  const size_t n = in.satellite_names.size();
  if (rate_per_s <= 0.0 || n == 0) return out;
  FailureRandom random(seed, 0x73746f726dULL);  // "storm"
  const auto hit = static_cast<size_t>(std::llround(c.solar_storm_fraction * static_cast<double>(n)));
  for (double t = random.exponential(rate_per_s); t < horizon_s; t += random.exponential(rate_per_s)) {
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    for (size_t i = 0; i < hit; ++i) std::swap(order[i], order[i + random.below(n - i)]);  // partial Fisher-Yates
    std::vector<size_t> chosen(order.begin(), order.begin() + static_cast<long>(hit));
    std::sort(chosen.begin(), chosen.end());
    for (size_t i : chosen) out.push_back({t, in.satellite_names[i], FailureKind::kSatellite, c.solar_storm_duration_s, FailureCause::kSolarStorm});
  }
  return out;
}

}  // namespace orbitsim
