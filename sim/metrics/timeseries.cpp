#include "metrics/timeseries.hpp"

#include <fmt/format.h>

namespace orbitsim {

std::string timeseries_csv(const std::vector<RunSample>& samples, int satellites) {
  std::string out = "t_s,jobs_running,jobs_queued,busy_satellites,busy_fraction,requests_in_flight,tokens_per_s,isl_utilisation,"
      "gsl_utilisation,satellites_down,stations_down\n";
  for (size_t i = 0; i < samples.size(); ++i) {
    const RunSample& s = samples[i];
    const double dt = i > 0 ? s.t_s - samples[i - 1].t_s : 0.0;
    const double rate = dt > 0 ? static_cast<double>(s.tokens_delivered - samples[i - 1].tokens_delivered) / dt : 0.0;
    out += fmt::format("{:.3f},{},{},{},{:.6f},{},{:.3f},{:.6f},{:.6f},{},{}\n", s.t_s, s.jobs_running, s.jobs_queued,
                       s.busy_satellites, satellites > 0 ? static_cast<double>(s.busy_satellites) / satellites : 0.0,
                       s.requests_in_flight, rate, s.isl_utilisation, s.gsl_utilisation, s.satellites_down,
                       s.stations_down);
  }
  return out;
}

}  // namespace orbitsim
