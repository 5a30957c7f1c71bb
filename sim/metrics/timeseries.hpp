// The run's time series (timeseries.csv): counts sampled every `timeseries_interval_s` of simulated time.
#pragma once

#include <string>
#include <vector>

namespace orbitsim {

struct RunSample {
  double t_s = 0.0;
  int jobs_running = 0;
  int jobs_queued = 0;
  int busy_satellites = 0;
  int requests_in_flight = 0;
  long tokens_delivered = 0;  // cumulative
};

// Columns: t_s,jobs_running,jobs_queued,busy_satellites,busy_fraction,requests_in_flight,tokens_per_s
// (tokens delivered since the previous sample, per second).
std::string timeseries_csv(const std::vector<RunSample>& samples, int satellites);

}  // namespace orbitsim
