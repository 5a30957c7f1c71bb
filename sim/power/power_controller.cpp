#include "power/power_controller.hpp"

#include <algorithm>
#include <cmath>

#include "platform/sim_runtime.hpp"
#include "power/solar_array.hpp"
#include "power/thermal_node.hpp"

namespace orbitsim {

namespace {
constexpr double kOrbitPlaneProbe_s = 1.0;  // a second later along the orbit fixes its plane
// Battery events closer than this are taken at this distance: a date within rounding of the current
// time would not advance the clock.
constexpr double kMinimumEventGap_s = 1e-3;
constexpr double kClockPrecision_s = 1e-9;  // SimGrid's surf/precision default
}

PowerController::PowerController(SimPlatform& platform, FaultInjector& faults, Constellation& constellation,
                                 const PowerConfig& power, const PowerRunOptions& options,
                                 int accelerators_per_satellite, double sample_interval_s, double horizon_s)
    : platform_(platform), faults_(faults), constellation_(constellation), config_(power), options_(options),
      governor_(make_dvfs_governor(options.governor)), sample_interval_s_(sample_interval_s), horizon_s_(horizon_s),
      needs_orbit_plane_(power.attitude == ArrayAttitude::kSingleAxis || power.attitude == ArrayAttitude::kBodyFixedOrbitNormal) {
  for (int s = 0; s < platform_.satellites(); ++s) {
    satellites_.emplace_back(
        SatellitePower(config_, accelerators_per_satellite),
        EclipseSchedule([this, s](double t) { return illuminated_fraction_at(s, t); }, options.eclipse_scan_step_s));
    satellites_.back().terminal_events.assign(static_cast<size_t>(platform_.isl_terminals(s)), -1);
  }
  for (size_t p = 0; p < config_.pstates.size(); ++p)
    view_.busy_power_w.push_back(satellites_.empty() ? 0.0 : satellites_.front().power.busy_power_w(static_cast<int>(p)));
  for (const auto& sat : satellites_) totals_.stored_start_wh += sat.power.battery().energy_wh();
}

// Every satellite asks for the Sun at the same grid and eclipse-scan times: computed once per time.
const Vec3& PowerController::sun_eci_m(double t_s) {
  if (sun_cache_.size() > 4096) sun_cache_.clear();
  const auto [it, added] = sun_cache_.try_emplace(t_s);
  if (added) it->second = sun_position_eci_m(constellation_.epoch().plus_seconds(t_s));
  return it->second;
}

SunGeometry PowerController::geometry(int s, double t_s) {
  const auto i = static_cast<size_t>(s);
  const Vec3 position = constellation_.position_eci_m(i, t_s);
  // The orbit plane (beta) only matters to attitudes that follow it; a radial step leaves beta at 0.
  const Vec3 later = needs_orbit_plane_ ? constellation_.position_eci_m(i, t_s + kOrbitPlaneProbe_s) : position * 2.0;
  return sun_geometry(position, later, sun_eci_m(t_s), constellation_.earth().radius_m, constellation_.shadow_model());
}

double PowerController::illuminated_fraction_at(int s, double t_s) {
  return illuminated_fraction(constellation_.position_eci_m(static_cast<size_t>(s), t_s), sun_eci_m(t_s),
                              constellation_.earth().radius_m, constellation_.shadow_model());
}

double PowerController::other_load_w(int s) {
  const SatellitePower& p = satellites_[static_cast<size_t>(s)].power;
  if (p.dark() || platform_.node_down(s)) return 0.0;  // a failed satellite draws nothing either
  const double terminals_w = p.terminals_shed() ? 0.0 : config_.isl_terminal_w * platform_.active_isl_links(s);
  const double radios_w = config_.gsl_chain_w > 0.0 ? config_.gsl_chain_w * platform_.active_gsl_links(s) : 0.0;
  return config_.bus_w + terminals_w + radios_w;
}

// Integrates [updated_s, t]: generation at the midpoint (constant between shadow transitions for a
// tracking array), the accelerators' energy from SimGrid, the fixed loads as they are now.
void PowerController::advance(int s, double t_s) {
  Satellite& sat = satellites_[static_cast<size_t>(s)];
  const double dt = t_s - sat.updated_s;
  if (dt <= 0) return;
  const SunGeometry mid = geometry(s, 0.5 * (sat.updated_s + t_s));
  const double energy_j = platform_.accelerator_energy_j(s);
  const double used_j = energy_j - sat.accelerator_energy_j;
  const EnergyFlows flows = sat.power.advance(dt, array_power_w(config_, mid), {used_j, other_load_w(s)},
                                              environment_heat_w(config_, mid));
  totals_.flows += flows;
  totals_.accelerator_energy_j += used_j;
  totals_.satellite_s += dt;
  if (mid.illuminated_fraction > 0.5) totals_.sunlit_s += dt;
  if (sat.throttled) totals_.throttled_s += dt;
  const std::string shed = sat.shed_recorded;
  if (shed == "brownout") totals_.brownout_s += dt;
  if (shed == "overheat") totals_.overheat_s += dt;
  if (shed == "dark") totals_.dark_s += dt;
  if (shed == "training") totals_.training_shed_s += dt;
  sat.updated_s = t_s;
  sat.accelerator_energy_j = energy_j;
  observe(s);
}

// What the satellite's decisions start from at updated_s: its array output, shadow and laser links.
void PowerController::observe(int s) {
  Satellite& sat = satellites_[static_cast<size_t>(s)];
  const SunGeometry now = geometry(s, sat.updated_s);
  sat.generation_now_w = array_power_w(config_, now);
  sat.sunlit_now = now.illuminated_fraction > 0.5;
  sat.other_load_now_w = other_load_w(s);
}

// A run-time failure open (its id in `event`) exactly while `failed` holds.
void PowerController::hold_failure(long& event, bool failed, const std::string& target, FailureKind kind,
                                   FailureCause cause) {
  if (failed == (event >= 0)) return;
  if (failed) event = static_cast<long>(faults_.fail_now(target, kind, cause));
  else faults_.recover_now(static_cast<size_t>(event)), event = -1;
}

// Applies the states the satellite's power forces, and the governor's choice, to the platform.
void PowerController::act(int s) {
  Satellite& sat = satellites_[static_cast<size_t>(s)];
  const std::string& name = platform_.name(s);
  const bool dark = sat.power.dark(), shed = sat.power.accelerators_shed();
  const FailureCause shed_cause =
      sat.power.shed_cause() == ShedCause::kOverheat ? FailureCause::kOverheat : FailureCause::kBrownout;
  hold_failure(sat.dark_event, dark, name, FailureKind::kSatellite, FailureCause::kBrownout);
  hold_failure(sat.training_event, sat.power.training_shed(), name, FailureKind::kShedTraining, FailureCause::kBrownout);
  for (int t = 0; t < platform_.isl_terminals(s); ++t)
    hold_failure(sat.terminal_events[static_cast<size_t>(t)], sat.power.terminals_shed(), name + ":" + std::to_string(t),
                 FailureKind::kIsl, FailureCause::kBrownout);
  hold_failure(sat.shed_event, shed, name, FailureKind::kShed, shed_cause);
  sat.shed_recorded = dark ? "dark" : shed ? to_string(shed_cause) : sat.power.training_shed() ? "training" : "";

  GovernorView& v = view_;
  v.current_pstate = sat.governor_pstate;
  v.other_load_w = other_load_w(s);
  v.generation_w = sat.generation_now_w;
  const Battery& b = sat.power.battery();
  v.battery_wh = b.energy_wh();
  v.floor_wh = b.config().floor_wh;
  v.capacity_wh = b.config().capacity_wh;
  v.charge_efficiency = b.config().charge_efficiency;
  v.discharge_efficiency = b.config().discharge_efficiency;
  Eclipse e;
  v.eclipse_known = governor_->reads_eclipse_forecast() &&
                    sat.eclipses.next_eclipse(sat.updated_s, options_.forecast_horizon_s, e);
  v.eclipse_start_in_s = e.start_s - sat.updated_s;
  v.eclipse_end_in_s = e.end_s - sat.updated_s;
  v.accelerator_c = sat.power.accelerator_k() - 273.15;
  v.software_throttle_c = config_.throttle_software_c;
  v.hysteresis_k = config_.thermal_hysteresis_k;
  sat.governor_pstate = governor_->choose(v);
  const int pstate = std::max(sat.governor_pstate, sat.power.firmware_pstate());
  sat.throttled = pstate > 0;
  platform_.set_pstate(s, pstate);
}

double PowerController::endurance_s(int s) const {
  const Satellite& sat = satellites_[static_cast<size_t>(s)];
  if (sat.power.accelerators_shed() || sat.power.dark() ||
      sat.power.accelerator_k() - 273.15 >= config_.throttle_software_c)
    return 0.0;
  const double load_w = sat.power.busy_power_w(0) + sat.other_load_now_w;
  if (sat.generation_now_w >= load_w) return kNever;  // the array carries the load
  if (sat.power.battery().energy_wh() <= sat.power.floor_wh()) return 0.0;
  return sat.power.battery().seconds_to_reach(sat.power.floor_wh(), sat.generation_now_w, load_w);
}

bool PowerController::next_eclipse(int s, Eclipse& out) {
  return satellites_[static_cast<size_t>(s)].eclipses.next_eclipse(sim_now(), options_.forecast_horizon_s, out);
}

void PowerController::schedule(int s) {
  Satellite& sat = satellites_[static_cast<size_t>(s)];
  const double t = sat.updated_s;
  const double shadow = sat.eclipses.next_transition_after(t, options_.forecast_horizon_s);
  const double battery =
      sat.power.seconds_to_next_battery_event(sat.generation_now_w, platform_.accelerator_power_w(s) + other_load_w(s));
  sat.next_event_s = std::min(shadow, t + std::max(battery, kMinimumEventGap_s));
  if (sat.next_event_s < next_grid_s_) queue_.insert({sat.next_event_s, s});  // the grid reschedules the rest
}

void PowerController::record(int s) {
  const Satellite& sat = satellites_[static_cast<size_t>(s)];
  PowerSample p;
  p.t_s = sat.updated_s;
  p.satellite = s;
  p.generation_w = sat.generation_now_w;
  p.load_w = platform_.accelerator_power_w(s) + other_load_w(s);
  p.battery_wh = sat.power.battery().energy_wh();
  p.soc = sat.power.battery().soc();
  p.radiator_k = sat.power.radiator_k();
  p.accelerator_k = sat.power.accelerator_k();
  p.pstate = platform_.pstate(s);
  p.sunlit = sat.sunlit_now;
  p.throttled = sat.throttled;
  p.shed = sat.shed_recorded;
  samples_.push_back(p);
}

void PowerController::start() {
  sim_spawn(platform_, "power", [this] {
    const int n = static_cast<int>(satellites_.size());
    next_grid_s_ = options_.step_s;
    for (int s = 0; s < n; ++s) observe(s), act(s), schedule(s), record(s);
    long step = 0;
    double next_sample_s = sample_interval_s_;
    for (;;) {
      const double grid_s = static_cast<double>(step + 1) * options_.step_s;
      next_grid_s_ = grid_s;
      const double event_s = queue_.empty() ? grid_s : std::min(grid_s, queue_.begin()->first);
      const double t = std::min(event_s, horizon_s_);
      // Events a rounding error ahead (satellites reaching a battery level together) are taken now:
      // SimGrid does not sleep below its 1e-9 s precision.
      if (t > sim_now() + kClockPrecision_s) sim_sleep_until(t);
      if (t >= grid_s || t >= horizon_s_) {  // every satellite, on the grid
        ++step;
        next_grid_s_ = static_cast<double>(step + 1) * options_.step_s;
        queue_.clear();
        const bool sample = t + 1e-9 >= next_sample_s || t >= horizon_s_;
        if (sample) next_sample_s += sample_interval_s_;
        for (int s = 0; s < n; ++s) {
          advance(s, t);
          const std::string before = satellites_[static_cast<size_t>(s)].shed_recorded;
          const bool throttled = satellites_[static_cast<size_t>(s)].throttled;
          act(s);
          schedule(s);
          const auto& sat = satellites_[static_cast<size_t>(s)];
          if (sample || before != sat.shed_recorded || throttled != sat.throttled) record(s);
        }
        if (t >= horizon_s_) break;
        continue;
      }
      while (!queue_.empty() && queue_.begin()->first <= t) {  // the satellites whose event this is
        const int s = queue_.begin()->second;
        queue_.erase(queue_.begin());
        advance(s, t);
        act(s);
        schedule(s);
        record(s);
      }
    }
    for (const auto& sat : satellites_) totals_.stored_end_wh += sat.power.battery().energy_wh();
  });  // not a daemon: the totals cover the whole horizon
}

}  // namespace orbitsim
