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
  double isl_utilisation = 0.0;  // load / capacity over all ISL terminals, at the sample time
  double gsl_utilisation = 0.0;  // the same over all ground-link radio chains
  int satellites_down = 0;        // failed, or hung (SEFI) and not yet reset
  int stations_down = 0;
};

// Columns: t_s,jobs_running,jobs_queued,busy_satellites,busy_fraction,requests_in_flight,tokens_per_s,
// isl_utilisation,gsl_utilisation,satellites_down,stations_down (tokens_per_s: delivered since the previous sample, per second;
// utilisations: instantaneous, at the sample time).
std::string timeseries_csv(const std::vector<RunSample>& samples, int satellites);

}  // namespace orbitsim
