// Failure models: every failure of a run is drawn up front from the scenario's `faults` section and the
// seed alone, as failures.csv rows, so that every policy compared on a seed sees the same failures and
// any run can be replayed. Each model draws from its own random stream (seed x model), so enabling one
// model does not move the failures of another. One model per file:
//   satellite_lifetime.cpp  permanent loss: exponential or Weibull, with infant mortality
//   radiation_events.cpp    SEFI (accelerator hang, reset) and uncorrectable SEUs, x SAA inside the anomaly
//   link_and_station_outages.cpp  ISL terminal failures, ground-station weather outages and maintenance
//   correlated_failures.cpp  a whole orbital plane, a solar storm hitting a fraction of all satellites
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "faults/failure_trace.hpp"

namespace orbitsim {

struct FaultModelConfig {
  double rate_scale = 1.0;  // multiplies every rate below (compare --failure-scale)
  // Permanent satellite loss.
  std::string satellite_lifetime = "exponential";  // exponential | weibull
  double satellite_failure_rate_per_day = 0.0;     // exponential hazard
  double weibull_shape = 1.0;                      // < 1: decreasing hazard; > 1: wear-out
  double weibull_scale_days = 1825.0;              // characteristic life (physics.md 9: design life 5 yr)
  double infant_mortality_fraction = 0.0;          // of new satellites, failing within infant_mortality_days
  double infant_mortality_days = 180.0;
  double satellite_age_days = 0.0;  // age at t = 0: the draws are conditional on having survived it
  double kill_fraction_at_start = 0.0;
  // Radiation.
  double sefi_rate_per_accelerator_day = 0.0;
  double sefi_reset_s = 60.0;
  double seu_rate_per_bit_day = 0.0;
  double seu_uncorrectable_fraction = 0.012;
  double seu_saa_multiplier = 20.0;
  double saa_latitude_min_deg = -50.0, saa_latitude_max_deg = 0.0;
  double saa_longitude_min_deg = -90.0, saa_longitude_max_deg = 20.0;
  // Links and stations.
  double isl_terminal_failure_rate_per_day = 0.0;
  double isl_terminal_repair_s = std::numeric_limits<double>::infinity();
  double station_outage_rate_per_day = 0.0;
  double station_outage_mean_s = 1800.0;
  double station_maintenance_interval_days = 0.0;  // 0: none
  double station_maintenance_s = 4.0 * 3600.0;
  // Correlated.
  double plane_failure_rate_per_day = 0.0;
  double plane_failure_duration_s = std::numeric_limits<double>::infinity();
  double solar_storm_rate_per_day = 0.0;
  double solar_storm_fraction = 0.1;
  double solar_storm_duration_s = std::numeric_limits<double>::infinity();
};

// What the models need to know about the platform.
struct FaultModelInputs {
  std::vector<std::string> satellite_names;
  std::vector<int> satellite_plane;  // a plane key per satellite (shell and plane); -1: not in a plane
  std::vector<std::string> station_names;
  std::vector<int> isl_terminals;  // per satellite
  int accelerators_per_satellite = 1;
  double accelerator_memory_bytes = 80e9;
  // Geodetic latitude and longitude (deg) of satellite i at time t (s): the SAA test.
  std::function<std::pair<double, double>(size_t, double)> latitude_longitude_deg;
};

// Uniform and exponential draws from one stream per (seed, model), consumed in a fixed order.
class FailureRandom {
 public:
  FailureRandom(unsigned long seed, std::uint64_t model_salt) : rng_(seed ^ model_salt) {}
  double uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double exponential(double rate) { return -std::log1p(-uniform()) / rate; }
  size_t below(size_t n);  // uniform integer in [0, n), unbiased
  // Failure times of a target that fails at `rate_per_s` while up and stays down `down_s` each time
  // (an alternating renewal process; a permanent failure, down_s = inf, ends it).
  std::vector<double> failure_times(double rate_per_s, double down_s, double horizon_s);

 private:
  std::mt19937_64 rng_;
};

std::vector<FailureEvent> draw_failures(const FaultModelConfig& config, const FaultModelInputs& inputs, double horizon_s,
                                        unsigned long seed);

// The models, each usable alone (tests check their rates).
std::vector<FailureEvent> draw_satellite_lifetimes(const FaultModelConfig& c, const FaultModelInputs& in, double horizon_s,
                                                   unsigned long seed);
std::vector<FailureEvent> draw_initial_failures(const std::vector<std::string>& satellite_names, double fraction,
                                                unsigned long seed);
std::vector<FailureEvent> draw_sefis(const FaultModelConfig& c, const FaultModelInputs& in, double horizon_s,
                                     unsigned long seed);
std::vector<FailureEvent> draw_uncorrectable_seus(const FaultModelConfig& c, const FaultModelInputs& in,
                                                  double horizon_s, unsigned long seed);
bool inside_saa(const FaultModelConfig& c, double latitude_deg, double longitude_deg);
std::vector<FailureEvent> draw_isl_terminal_failures(const FaultModelConfig& c, const FaultModelInputs& in,
                                                     double horizon_s, unsigned long seed);
std::vector<FailureEvent> draw_station_outages(const FaultModelConfig& c, const FaultModelInputs& in, double horizon_s,
                                               unsigned long seed);
std::vector<FailureEvent> draw_station_maintenance(const FaultModelConfig& c, const FaultModelInputs& in,
                                                   double horizon_s);
std::vector<FailureEvent> draw_plane_failures(const FaultModelConfig& c, const FaultModelInputs& in, double horizon_s,
                                              unsigned long seed);
std::vector<FailureEvent> draw_solar_storms(const FaultModelConfig& c, const FaultModelInputs& in, double horizon_s,
                                            unsigned long seed);

}  // namespace orbitsim
