// Failures as data (failures.csv: time_s,target,kind,duration_s[,cause]): drawn from failure models or
// given by the user, replayed exactly, and written back by every run so that any run can be replayed.
//   kinds: satellite  the satellite and its links stop (routes avoid it)
//          station    a ground-station outage
//          sefi       the satellite's accelerators hang until reset: its computations and the transfers
//                     it sends or receives fail, it still relays traffic
//          seu        an uncorrectable upset (duration 0): the step the satellite is computing is corrupted
//          isl        target "<satellite>:<terminal>": that laser terminal, and so its link, is down
//          shed       the satellite's accelerators are switched off for power or heat (causes brownout,
//                     overheat): as sefi, it still relays
//   duration_s: time to recovery; empty or inf = permanent
//   cause: the model that drew it (free text; "trace" when absent)
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "faults/failure_kind.hpp"

namespace orbitsim {

struct FailureEvent {
  double time_s = 0.0;
  std::string target;  // a satellite or ground-station name; "<satellite>:<terminal>" for isl
  FailureKind kind = FailureKind::kSatellite;
  double duration_s = std::numeric_limits<double>::infinity();
  FailureCause cause = FailureCause::kTrace;
};

// Checks kinds and targets against the platform's node names (satellites first, then stations) and
// isl terminals against `terminals` (per satellite; empty: not checked).
std::vector<FailureEvent> read_failure_trace(const std::string& path, const std::vector<std::string>& node_names,
                                             int satellites, const std::vector<int>& terminals = {});
std::string failure_trace_csv(const std::vector<FailureEvent>& events);
// Sorted by time, then target and kind: the order a run applies them in.
void sort_failures(std::vector<FailureEvent>& events);

// Events that stop a satellite's computation (losses and accelerator hangs: kinds satellite and sefi)
// per satellite per day of the horizon: the run's own failure rate, replayed or drawn, which the
// automatic checkpoint interval is sized against.
double interruptions_per_satellite_day(const std::vector<FailureEvent>& events, int satellites, double horizon_s);

}  // namespace orbitsim
