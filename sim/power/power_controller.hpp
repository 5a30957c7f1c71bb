// Couples the power model to the simulation. One actor on the control host advances each satellite's
// battery and thermal node over intervals of constant generation and load, ending an interval
//   - every `power.step_s` on a common grid (the thermal ODE and the governor run there),
//   - at the satellite's own eclipse entries and exits (bisected on the shadow function),
//   - at the date its battery reaches the floor, empty or the resume level at the current balance.
// The accelerators' energy over each interval is SimGrid's (host energy plugin, pstates); bus and
// laser terminals add their fixed draws. Then it acts: the firmware's thermal throttle and the governor
// set the pstate; brown-outs and overheats shed the accelerators (failures of kind `shed`), an empty
// battery switches the satellite off (kind `satellite`), both through the FaultInjector so every
// failover policy reacts as to any failure, and both end when energy or temperature recover.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "faults/fault_injector.hpp"
#include "orbit/constellation.hpp"
#include "platform/sim_platform.hpp"
#include "policy/power/dvfs_governor.hpp"
#include "power/eclipse_schedule.hpp"
#include "power/power_records.hpp"
#include "power/satellite_power.hpp"

namespace orbitsim {

class PowerController {
 public:
  PowerController(SimPlatform& platform, FaultInjector& faults, Constellation& constellation, const PowerConfig& power,
                  const PowerRunOptions& options, int accelerators_per_satellite, double sample_interval_s,
                  double horizon_s);
  void start();

  const std::vector<PowerSample>& samples() const { return samples_; }
  const PowerTotals& totals() const { return totals_; }
  // Seconds the satellite could keep its accelerators busy at P0 before its battery reaches the floor,
  // at its last update's generation and fixed loads; inf while the array covers that; 0 when shed, dark
  // or at the software-throttle temperature. For power-aware placement.
  double endurance_s(int satellite) const;
  // The satellite's eclipse under way now or due within the forecast horizon (false: none).
  bool next_eclipse(int satellite, Eclipse& out);

 private:
  struct Satellite {
    Satellite(SatellitePower p, EclipseSchedule e) : power(std::move(p)), eclipses(std::move(e)) {}
    SatellitePower power;
    EclipseSchedule eclipses;
    double updated_s = 0.0;
    double accelerator_energy_j = 0.0;  // SimGrid's reading at updated_s
    int governor_pstate = 0;
    long training_event = -1, shed_event = -1, dark_event = -1;  // open run-time failures
    std::vector<long> terminal_events;                          // per laser terminal
    const char* shed_recorded = "";
    bool throttled = false;
    double next_event_s = 0.0;
    double generation_now_w = 0.0;  // at updated_s
    bool sunlit_now = true;
    double other_load_now_w = 0.0;  // bus, terminals and radios at updated_s
  };

  SunGeometry geometry(int satellite, double t_s);
  double illuminated_fraction_at(int satellite, double t_s);
  const Vec3& sun_eci_m(double t_s);
  double other_load_w(int satellite);
  void advance(int satellite, double t_s);
  void observe(int satellite);
  void act(int satellite);
  void hold_failure(long& event, bool failed, const std::string& target, FailureKind kind, FailureCause cause);
  void schedule(int satellite);
  void record(int satellite);

  SimPlatform& platform_;
  FaultInjector& faults_;
  Constellation& constellation_;
  PowerConfig config_;
  PowerRunOptions options_;
  std::unique_ptr<DvfsGovernor> governor_;
  double sample_interval_s_, horizon_s_;
  std::vector<Satellite> satellites_;
  std::set<std::pair<double, int>> queue_;  // (next event, satellite) before the next grid time
  double next_grid_s_ = 0.0;
  GovernorView view_;                       // reused: its per-pstate powers are set once
  bool needs_orbit_plane_;                  // the array's attitude depends on the beta angle
  std::map<double, Vec3> sun_cache_;        // the Sun at the times asked for lately
  std::vector<PowerSample> samples_;
  PowerTotals totals_;
};

}  // namespace orbitsim
