// The shipped satellite power profiles. Sizing arithmetic, with sources, in platforms/README.md "power".
#include "power/power_config.hpp"

#include <algorithm>
#include <map>

namespace orbitsim {
namespace {

// Starcloud-1-class: one H100 (700 W) on a ~60 kg dawn-dusk SSO satellite (physics.md 1b). Array for
// ~1.2 kW, battery for a 19.7 min eclipse at DoD 0.25, radiator at ~2.5 m2 per kW [E/D].
PowerConfig starcloud_h100() {
  PowerConfig c;
  c.profile = "starcloud-h100";
  return c;
}

// Starlink-V3-class compute bus: ~2,000 kg (physics.md 1c), sized here for 8 H100s (5.6 kW) and a 3 kW
// communications payload through a 35.6 min eclipse of a 53 deg shell [E].
PowerConfig starlink_v3() {
  PowerConfig c;
  c.profile = "starlink-v3";
  c.array_area_m2 = 40.0;           // 14.4 kW BOL: 8.6 kW average load at a 69 % sunlit share, plus charging
  c.attitude = ArrayAttitude::kSingleAxis;
  c.battery_capacity_wh = 22000.0;  // 8.6 kW x 35.6 min / (0.25 x 0.95)
  c.bus_w = 3000.0;
  c.isl_terminal_w = 80.0;
  c.heat_capacity_j_per_k = 1.8e6;  // 2,000 kg x 900 J/(kg K)
  c.radiator_area_m2 = 12.0;        // 24 m2 over two faces: ~2.5 m2/kW for 9.6 kW
  return c;
}

// Suncatcher-class TPU satellite (physics.md 1a: per-satellite power is not public): 4 TPU v6e at
// ~310 W TDP [E], on a dawn-dusk SSO with minimal batteries.
PowerConfig suncatcher_tpu() {
  PowerConfig c;
  c.profile = "suncatcher-tpu";
  c.accelerator_tdp_w = 310.0;
  c.accelerator_idle_w = 60.0;          // TPU v3 measured min 123 W of max 262 W scaled to v6e [E]
  c.array_area_m2 = 4.5;                // 1.6 kW BOL
  c.battery_capacity_wh = 2000.0;       // 1.44 kW x 19.7 min / (0.25 x 0.95)
  c.bus_w = 200.0;
  c.heat_capacity_j_per_k = 135000.0;   // 150 kg [E]
  c.radiator_area_m2 = 1.8;
  c.junction_k_per_w = 0.13;            // 40 K at 310 W [E]
  return c;
}

const std::map<std::string, PowerConfig>& profiles() {
  static const std::map<std::string, PowerConfig> kProfiles{
      {"starcloud-h100", starcloud_h100()}, {"starlink-v3", starlink_v3()}, {"suncatcher-tpu", suncatcher_tpu()}};
  return kProfiles;
}

}  // namespace

const PowerConfig* power_profile(const std::string& name) {
  const auto it = profiles().find(name);
  return it == profiles().end() ? nullptr : &it->second;
}

std::vector<std::string> power_profile_names() {
  std::vector<std::string> out;
  for (const auto& [name, config] : profiles()) out.push_back(name);
  return out;
}

std::string to_string(ArrayAttitude a) {
  switch (a) {
    case ArrayAttitude::kSunTracking: return "sun-tracking";
    case ArrayAttitude::kSingleAxis: return "single-axis";
    case ArrayAttitude::kBodyFixedZenith: return "body-fixed-zenith";
    case ArrayAttitude::kBodyFixedOrbitNormal: return "body-fixed-orbit-normal";
  }
  return "";
}

std::string to_string(RadiatorOrientation o) { return o == RadiatorOrientation::kEdgeOn ? "edge-on" : "nadir"; }

double PowerConfig::activity_for_power_fraction(double fraction_of_rated) const {
  const double dynamic_w = accelerator_tdp_w * pstates.front().busy_power_fraction - accelerator_idle_w;
  if (dynamic_w <= 0.0) return 1.0;
  return std::clamp((fraction_of_rated * accelerator_tdp_w - accelerator_idle_w) / dynamic_w, kMinActivity, 1.0);
}

}  // namespace orbitsim
