// Failures of links and ground stations:
//  - ISL terminals fail at `isl_terminal_failure_rate_per_day` each (a Poisson process per terminal),
//    permanently by default (no repair in orbit) or for `isl_terminal_repair_s`;
//  - ground-station outages (weather, power) arrive at `station_outage_rate_per_day` per station and last
//    an exponential time of mean `station_outage_mean_s`;
//  - scheduled maintenance takes each station down for `station_maintenance_s` every
//    `station_maintenance_interval_days`, staggered across stations so that they are not all down at once.
#include "faults/failure_models.hpp"

#include <cmath>
#include <limits>

namespace orbitsim {

std::vector<FailureEvent> draw_isl_terminal_failures(const FaultModelConfig& c, const FaultModelInputs& in,
                                                     double horizon_s, unsigned long seed) {
  std::vector<FailureEvent> out;
  const double rate_per_s = c.isl_terminal_failure_rate_per_day * c.rate_scale / 86400.0;
  if (rate_per_s <= 0.0) return out;
  FailureRandom random(seed, 0x69736cULL);  // "isl"
  for (size_t i = 0; i < in.satellite_names.size(); ++i)
    for (int terminal = 0; terminal < in.isl_terminals[i]; ++terminal) {
      const std::string target = in.satellite_names[i] + ":" + std::to_string(terminal);
      for (double t : random.failure_times(rate_per_s, c.isl_terminal_repair_s, horizon_s))
        out.push_back({t, target, FailureKind::kIsl, c.isl_terminal_repair_s, FailureCause::kIslTerminal});
    }
  return out;
}

std::vector<FailureEvent> draw_station_outages(const FaultModelConfig& c, const FaultModelInputs& in, double horizon_s,
                                               unsigned long seed) {
  std::vector<FailureEvent> out;
  const double rate_per_s = c.station_outage_rate_per_day * c.rate_scale / 86400.0;
  if (rate_per_s <= 0.0) return out;
  FailureRandom random(seed, 0x77656174686572ULL);  // "weather"
  for (const auto& name : in.station_names) {
    double t = random.exponential(rate_per_s);
    while (t < horizon_s) {
      const double duration_s = random.exponential(1.0 / c.station_outage_mean_s);
      out.push_back({t, name, FailureKind::kStation, duration_s, FailureCause::kStationOutage});
      t += duration_s + random.exponential(rate_per_s);
    }
  }
  return out;
}

std::vector<FailureEvent> draw_station_maintenance(const FaultModelConfig& c, const FaultModelInputs& in,
                                                   double horizon_s) {
  std::vector<FailureEvent> out;
  if (c.station_maintenance_interval_days <= 0.0) return out;
  const double interval_s = c.station_maintenance_interval_days * 86400.0;
  const auto n = static_cast<double>(in.station_names.size());
  for (size_t g = 0; g < in.station_names.size(); ++g)
    for (double t = interval_s * static_cast<double>(g) / n; t < horizon_s; t += interval_s)
      out.push_back({t, in.station_names[g], FailureKind::kStation, c.station_maintenance_s, FailureCause::kMaintenance});
  return out;
}

}  // namespace orbitsim
