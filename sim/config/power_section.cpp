#include "config/power_section.hpp"

#include <fmt/format.h>

namespace orbitsim {
namespace {

struct NumberKey {
  const char* key;
  double PowerConfig::*field;
  Range range;
};

// Every numeric key, its member and its accepted range: one table for reading and writing.
const std::vector<NumberKey>& number_keys() {
  static const std::vector<NumberKey> kKeys{
      {"array_area_m2", &PowerConfig::array_area_m2, {0.0, 1e7, true}},
      {"cell_efficiency", &PowerConfig::cell_efficiency, {0.0, 1.0, true}},
      {"packing_factor", &PowerConfig::packing_factor, {0.0, 1.0, true}},
      {"degradation_per_year", &PowerConfig::degradation_per_year, {0.0, 1.0}},
      {"age_years", &PowerConfig::age_years, {0.0, 100.0}},
      {"battery_capacity_wh", &PowerConfig::battery_capacity_wh, {0.0, 1e9, true}},
      {"max_depth_of_discharge", &PowerConfig::max_depth_of_discharge, {0.0, 1.0, true}},
      {"charge_efficiency", &PowerConfig::charge_efficiency, {0.0, 1.0, true}},
      {"discharge_efficiency", &PowerConfig::discharge_efficiency, {0.0, 1.0, true}},
      {"max_charge_w", &PowerConfig::max_charge_w, {0.0, 1e9}},
      {"initial_soc", &PowerConfig::initial_soc, {0.0, 1.0}},
      {"resume_soc", &PowerConfig::resume_soc, {0.0, 1.0, true}},
      {"inference_reserve_fraction", &PowerConfig::inference_reserve_fraction, {0.0, 1.0}},
      {"bus_reserve_soc", &PowerConfig::bus_reserve_soc, {0.0, 1.0}},
      {"bus_w", &PowerConfig::bus_w, {0.0, 1e9}},
      {"isl_terminal_w", &PowerConfig::isl_terminal_w, {0.0, 1e6}},
      {"gsl_chain_w", &PowerConfig::gsl_chain_w, {0.0, 1e6}},
      {"accelerator_tdp_w", &PowerConfig::accelerator_tdp_w, {0.0, 1e6, true}},
      {"accelerator_idle_w", &PowerConfig::accelerator_idle_w, {0.0, 1e6}},
      {"heat_capacity_j_per_k", &PowerConfig::heat_capacity_j_per_k, {0.0, 1e12, true}},
      {"radiator_area_m2", &PowerConfig::radiator_area_m2, {0.0, 1e7, true}},
      {"radiator_emissivity", &PowerConfig::radiator_emissivity, {0.0, 1.0, true}},
      {"radiator_absorptivity", &PowerConfig::radiator_absorptivity, {0.0, 1.0}},
      {"earth_ir_w_per_m2", &PowerConfig::earth_ir_w_per_m2, {0.0, 1000.0}},
      {"albedo", &PowerConfig::albedo, {0.0, 1.0}},
      {"junction_k_per_w", &PowerConfig::junction_k_per_w, {0.0, 10.0}},
      {"initial_temperature_k", &PowerConfig::initial_temperature_k, {3.0, 600.0}},
      {"throttle_software_c", &PowerConfig::throttle_software_c, {-50.0, 200.0}},
      {"throttle_hardware_c", &PowerConfig::throttle_hardware_c, {-50.0, 200.0}},
      {"shutdown_c", &PowerConfig::shutdown_c, {-50.0, 250.0}},
      {"thermal_hysteresis_k", &PowerConfig::thermal_hysteresis_k, {0.0, 50.0}},
      {"thermal_step_s", &PowerConfig::thermal_step_s, {0.001, 600.0}},
  };
  return kKeys;
}

const std::vector<ArrayAttitude> kAttitudes{ArrayAttitude::kSunTracking, ArrayAttitude::kSingleAxis,
                                            ArrayAttitude::kBodyFixedZenith, ArrayAttitude::kBodyFixedOrbitNormal};

void parse_pstates(YamlObject& o, PowerConfig& c) {
  if (!o.has("pstates")) return;
  c.pstates.clear();
  for (auto& p : o.objects("pstates")) {
    PerformanceState s;
    s.speed_fraction = p.number("speed_fraction", Range{0.0, 1.0, true});
    s.busy_power_fraction = p.number("busy_power_fraction", Range{0.0, 2.0, true});
    if (!c.pstates.empty() && s.speed_fraction >= c.pstates.back().speed_fraction)
      p.fail("speed_fraction", fmt::format("less than the previous state's {}", c.pstates.back().speed_fraction),
             fmt::format("{}", s.speed_fraction));
    p.finish();
    c.pstates.push_back(s);
  }
  if (c.pstates.empty()) o.fail("pstates", "at least one performance state", "none");
  if (c.pstates.front().speed_fraction != 1.0)
    o.fail("pstates", "a first state at speed_fraction 1 (the accelerator's peak)",
           fmt::format("{}", c.pstates.front().speed_fraction));
}

void check_order(YamlObject& o, const PowerConfig& c) {
  if (!(c.throttle_software_c < c.throttle_hardware_c && c.throttle_hardware_c < c.shutdown_c))
    o.fail("shutdown_c", "throttle_software_c < throttle_hardware_c < shutdown_c",
           fmt::format("{} / {} / {}", c.throttle_software_c, c.throttle_hardware_c, c.shutdown_c));
  if (c.resume_soc <= 1.0 - c.max_depth_of_discharge)
    o.fail("resume_soc", fmt::format("above the floor 1 - max_depth_of_discharge = {}", 1.0 - c.max_depth_of_discharge),
           fmt::format("{}", c.resume_soc));
  const double inference_floor_soc = 1.0 - c.max_depth_of_discharge - c.inference_reserve_fraction;
  if (inference_floor_soc < 0.0)
    o.fail("inference_reserve_fraction", fmt::format("at most the floor 1 - max_depth_of_discharge = {}", 1.0 - c.max_depth_of_discharge),
           fmt::format("{}", c.inference_reserve_fraction));
  if (c.bus_reserve_soc > inference_floor_soc)
    o.fail("bus_reserve_soc",
           fmt::format("at most the inference floor 1 - max_depth_of_discharge - inference_reserve_fraction = {}", inference_floor_soc),
           fmt::format("{}", c.bus_reserve_soc));
  if (c.accelerator_idle_w > c.accelerator_tdp_w)
    o.fail("accelerator_idle_w", fmt::format("at most accelerator_tdp_w ({})", c.accelerator_tdp_w),
           fmt::format("{}", c.accelerator_idle_w));
  const int last = static_cast<int>(c.pstates.size()) - 1;
  if (c.software_throttle_pstate > last || c.hardware_slowdown_pstate > last ||
      c.software_throttle_pstate > c.hardware_slowdown_pstate)
    o.fail("hardware_slowdown_pstate",
           fmt::format("software_throttle_pstate <= hardware_slowdown_pstate <= {} (the last pstate)", last),
           fmt::format("{} / {}", c.software_throttle_pstate, c.hardware_slowdown_pstate));
}

// Shortest text that reads back as the same double (0.3, not 0.29999999999999999).
std::string number_text(double v) { return fmt::format("{}", v); }

}  // namespace

PowerConfig parse_power_section(YamlObject& top) {
  auto section = top.optional_object("power");
  if (!section) return PowerConfig{};
  YamlObject& o = *section;
  const std::string profile = o.choice_or("profile", "starcloud-h100", power_profile_names());
  PowerConfig c = *power_profile(profile);
  c.declared = true;
  c.enabled = o.boolean_or("enabled", true);
  for (const auto& k : number_keys()) c.*k.field = o.number_or(k.key, c.*k.field, k.range);
  std::vector<std::string> attitudes;
  for (auto a : kAttitudes) attitudes.push_back(to_string(a));
  const std::string attitude = o.choice_or("attitude", to_string(c.attitude), attitudes);
  for (auto a : kAttitudes)
    if (attitude == to_string(a)) c.attitude = a;
  c.radiator_orientation = o.choice_or("radiator_orientation", to_string(c.radiator_orientation), {"edge-on", "nadir"}) == "nadir"
                               ? RadiatorOrientation::kNadir
                               : RadiatorOrientation::kEdgeOn;
  c.radiator_faces = o.integer_or("radiator_faces", c.radiator_faces, 1, 2);
  parse_pstates(o, c);
  c.software_throttle_pstate = o.integer_or("software_throttle_pstate", c.software_throttle_pstate, 0, 100);
  c.hardware_slowdown_pstate = o.integer_or("hardware_slowdown_pstate", c.hardware_slowdown_pstate, 0, 100);
  check_order(o, c);
  o.finish();
  return c;
}

void write_power_section(YAML::Emitter& out, const PowerConfig& c) {
  if (!c.declared) return;
  out << YAML::Key << "power" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "enabled" << YAML::Value << c.enabled;
  out << YAML::Key << "profile" << YAML::Value << c.profile;
  for (const auto& k : number_keys()) out << YAML::Key << k.key << YAML::Value << number_text(c.*k.field);
  out << YAML::Key << "attitude" << YAML::Value << to_string(c.attitude);
  out << YAML::Key << "radiator_orientation" << YAML::Value << to_string(c.radiator_orientation);
  out << YAML::Key << "radiator_faces" << YAML::Value << c.radiator_faces;
  out << YAML::Key << "pstates" << YAML::Value << YAML::BeginSeq;
  for (const auto& s : c.pstates)
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "speed_fraction" << YAML::Value << number_text(s.speed_fraction)
        << YAML::Key << "busy_power_fraction" << YAML::Value << number_text(s.busy_power_fraction) << YAML::EndMap;
  out << YAML::EndSeq;
  out << YAML::Key << "software_throttle_pstate" << YAML::Value << c.software_throttle_pstate;
  out << YAML::Key << "hardware_slowdown_pstate" << YAML::Value << c.hardware_slowdown_pstate;
  out << YAML::EndMap;
}

}  // namespace orbitsim
