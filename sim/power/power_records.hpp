// What the power model records during a run, for power.csv and summary.json (sim/metrics/power_report).
#pragma once

#include <vector>

#include "power/battery.hpp"

namespace orbitsim {

// One satellite's state at a sampling time or at a change of state.
struct PowerSample {
  double t_s = 0.0;
  int satellite = 0;
  double generation_w = 0.0;
  double load_w = 0.0;           // accelerators (SimGrid's figure now), bus and terminals
  double battery_wh = 0.0;
  double soc = 0.0;
  double radiator_k = 0.0;
  double accelerator_k = 0.0;
  int pstate = 0;
  bool sunlit = true;
  bool throttled = false;        // held below pstate 0 by the firmware or the governor
  const char* shed = "";         // "", "brownout", "overheat", "dark" (the whole satellite off)
};

// Totals over every satellite and the whole run.
struct PowerTotals {
  EnergyFlows flows;                    // Wh
  double accelerator_energy_j = 0.0;    // integrated by SimGrid's host energy plugin
  double stored_start_wh = 0.0, stored_end_wh = 0.0;
  double sunlit_s = 0.0;                // satellite-seconds
  double throttled_s = 0.0;
  double training_shed_s = 0.0;         // training shed for lack of energy, inference still served
  double brownout_s = 0.0;              // every accelerator shed for lack of energy
  double overheat_s = 0.0;
  double dark_s = 0.0;                  // the whole satellite off
  double satellite_s = 0.0;             // satellites x duration
};

}  // namespace orbitsim
