// A satellite's power and thermal design: solar array, battery, loads, radiator, accelerator
// performance states and throttle limits. Defaults are the `starcloud-h100` profile (physics.md 1b, 4,
// 9; sources in platforms/README.md "power"); [E] marks engineering estimates.
#pragma once

#include <string>
#include <vector>

namespace orbitsim {

// How the solar array is pointed, which sets the cosine of the Sun's incidence on it.
enum class ArrayAttitude {
  kSunTracking,            // two-axis tracking: cos = 1 whenever sunlit
  kSingleAxis,             // rotates about the orbit normal (a nadir-pointing bus): cos = cos(beta)
  kBodyFixedZenith,        // fixed, facing away from Earth: cos = max(0, r.s)
  kBodyFixedOrbitNormal,   // fixed, facing the orbit normal on the Sun's side: cos = |sin(beta)|
};

// How the radiator faces Earth; it is kept edge-on to the Sun in both cases.
enum class RadiatorOrientation {
  kEdgeOn,  // both faces horizontal: each sees Earth with F = (rho - sin rho cos rho) / pi
  kNadir,   // one face to nadir (F = sin^2 rho), the other to zenith (sees the Sun when it is overhead)
};

// One accelerator performance state: clocks and busy power as fractions of pstate 0 and the TDP.
struct PerformanceState {
  double speed_fraction = 1.0;
  double busy_power_fraction = 1.0;
};

struct PowerConfig {
  bool declared = false;  // the platform has a `power:` block
  bool enabled = false;   // ... and models power with it unless `enabled: false`
  std::string profile = "starcloud-h100";

  // Solar array: P = S * area * efficiency * packing * cos(incidence) * (1 - degradation * age).
  double array_area_m2 = 4.0;                  // 1.44 kW BOL: ~1 kW of load through a 20 % eclipse share [D]
  double cell_efficiency = 0.30;               // Spectrolab XTJ 29.8 % BOL (physics.md 4b)
  double packing_factor = 0.88;                // physics.md 9
  double degradation_per_year = 0.005;         // physics.md 9 [E]
  double age_years = 0.0;
  ArrayAttitude attitude = ArrayAttitude::kSunTracking;

  // Battery (Li-ion, physics.md 9).
  double battery_capacity_wh = 1600.0;         // ~1.1 kW (H100, bus, links) through a 19.7 min eclipse at DoD 0.25 [D]
  double max_depth_of_discharge = 0.25;        // LEO cycling limit: accelerators are shed below 1 - DoD
  double charge_efficiency = 0.95;
  double discharge_efficiency = 0.95;
  double max_charge_w = 0.0;                   // 0: no limit besides the array's surplus
  double initial_soc = 1.0;
  double resume_soc = 0.85;                    // shed accelerators come back above this state of charge [E]
  // Load shedding as the battery falls: training at the floor, inference this share of the capacity
  // below it, the laser terminals at bus_reserve_soc, the bus (dark) at empty.
  double inference_reserve_fraction = 0.05;    // ~5 min of a busy H100 with bus and links, ~9 decoding [E]
  double bus_reserve_soc = 0.05;               // the bus alone lives on the rest [E]

  // Loads besides the accelerators.
  double bus_w = 150.0;                        // avionics, attitude control, thermal control [E]
  double isl_terminal_w = 20.0;                // per laser link held (800G-class optics ~16 W) [E]
  double gsl_chain_w = 0.0;                    // per ground link held (a radio chain); 0: in bus_w [E]

  // Accelerators (per accelerator; the platform's hardware says how many).
  double accelerator_tdp_w = 700.0;            // H100 SXM (physics.md 4b)
  double accelerator_idle_w = 70.0;            // ~10 % of TDP [E]
  std::vector<PerformanceState> pstates{{1.0, 1.0}, {0.8, 0.65}, {0.5, 0.35}};  // P0, software throttle, hardware slowdown [E]
  int software_throttle_pstate = 1;
  int hardware_slowdown_pstate = 2;            // "about 50 % clocks" (physics.md 9)

  // Thermal: one lumped node (the radiator and what it is bolted to), the accelerator junction above it.
  double heat_capacity_j_per_k = 54000.0;      // 60 kg at 900 J/(kg K) (Starcloud-1 mass, aluminium) [E]
  double radiator_area_m2 = 1.25;              // per face: 2.5 m2 for ~1 kW (physics.md 9: ~2.5 m2/kW)
  int radiator_faces = 2;
  double radiator_emissivity = 0.90;           // physics.md 9
  double radiator_absorptivity = 0.20;         // white paint / OSR solar absorptance [E]
  RadiatorOrientation radiator_orientation = RadiatorOrientation::kEdgeOn;
  double earth_ir_w_per_m2 = 237.0;            // physics.md 4a
  double albedo = 0.30;                        // physics.md 4a
  double junction_k_per_w = 0.057;             // junction above the radiator: 40 K at 700 W [E]
  double initial_temperature_k = 293.15;
  double throttle_software_c = 87.0;           // H100: clocks down to hold 87 C (physics.md 4b)
  double throttle_hardware_c = 89.0;           // hardware slowdown
  double shutdown_c = 92.0;                    // the accelerators switch off
  double thermal_hysteresis_k = 2.0;           // a throttle lifts this far below its threshold [E]
  double thermal_step_s = 10.0;                // fixed RK4 step of the thermal ODE; < 1e-6 K from a 100x finer step (tested)

  // The share of an accelerator's dynamic power (busy at full clocks minus idle) that drawing
  // `fraction_of_rated` x TDP takes, in [kMinActivity, 1]: what a memory-bound step runs at.
  double activity_for_power_fraction(double fraction_of_rated) const;
  static constexpr double kMinActivity = 0.01;  // a step at or below idle power still makes progress
};

// How the power model runs (scenario `power:`); the satellites' design is the platform's PowerConfig.
struct PowerRunOptions {
  std::string governor = "max-performance";  // a DVFS governor of sim/policy/power
  std::string eclipse_training = "ride-through";  // an eclipse training policy of sim/policy/power
  double step_s = 10.0;                      // battery and thermal update interval [E]
  double eclipse_scan_step_s = 30.0;         // shadow sampling before bisection; shorter eclipses can be missed
  double forecast_horizon_s = 12000.0;       // how far ahead eclipses are looked for (~2 LEO orbits)
};

// The named profile's defaults (starcloud-h100, starlink-v3, suncatcher-tpu); nullptr when unknown.
const PowerConfig* power_profile(const std::string& name);
std::vector<std::string> power_profile_names();

std::string to_string(ArrayAttitude a);
std::string to_string(RadiatorOrientation o);

}  // namespace orbitsim
