// Failures as data (failures.csv: time_s,target,kind,duration_s): drawn from failure models or given by
// the user, replayed exactly, and written back by every run so that any run can be replayed.
//   kinds: satellite (the satellite and its links stop), station (a ground-station outage)
//   duration_s: time to recovery; empty or inf = permanent
#pragma once

#include <limits>
#include <string>
#include <vector>

namespace orbitsim {

struct FailureEvent {
  double time_s = 0.0;
  std::string target;  // a satellite or ground-station name
  std::string kind;    // satellite | station
  double duration_s = std::numeric_limits<double>::infinity();
};

// Checks kinds and targets against the platform's node names (satellites first, then stations).
std::vector<FailureEvent> read_failure_trace(const std::string& path, const std::vector<std::string>& node_names,
                                             int satellites);
std::string failure_trace_csv(const std::vector<FailureEvent>& events);

// Permanent satellite failures, exponential with `rate_per_day` per satellite (memoryless: a constant
// hazard, e.g. physics.md 9's ~1 %/yr random loss), drawn from a stream seeded by `seed` alone so that
// every policy compared on that seed sees the same failures. Sorted by time, then target.
std::vector<FailureEvent> draw_satellite_failures(const std::vector<std::string>& satellite_names, double rate_per_day,
                                                  double horizon_s, unsigned long seed);

// round(fraction x N) satellites, chosen by a seeded shuffle, failing permanently at t = 0.
std::vector<FailureEvent> draw_initial_failures(const std::vector<std::string>& satellite_names, double fraction,
                                                unsigned long seed);

}  // namespace orbitsim
