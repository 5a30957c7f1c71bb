// What a metric is worth over replications (seeds): mean, standard deviation and a 95 % interval for the
// mean that respects what the metric is. The interval is a percentile bootstrap of the mean (10,000
// resamples drawn from a fixed seed, so the same values give the same interval): it never leaves the
// range of the observed values, hence never the metric's own range (a fraction stays in [0, 1]), and
// it does not assume the normality a Student-t interval over a handful of seeds would.
#pragma once

#include <cstddef>
#include <vector>

namespace orbitsim {

struct ReplicationInterval {
  size_t n = 0;            // finite values
  double mean = 0.0;       // NaN when n = 0
  double sd = 0.0;         // sample standard deviation; NaN when n < 2
  double ci95_low = 0.0;   // NaN when n < 2
  double ci95_high = 0.0;  // NaN when n < 2
};

// Non-finite values (a metric a run has no figure for) are left out.
ReplicationInterval replication_interval(const std::vector<double>& values);

// How the interval is computed, for file headers.
inline constexpr const char* kReplicationIntervalMethod =
    "ci95: percentile bootstrap of the mean over seeds (10000 resamples, fixed seed); sd: sample standard deviation";

}  // namespace orbitsim
