#include "config/scenario_config.hpp"

#include <cmath>
#include <filesystem>
#include <functional>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "config/config_key.hpp"
#include "config/yaml_object.hpp"
#include "config/yaml_overrides.hpp"
#include "policy/placement/placement_policy.hpp"
#include "policy/failover/inference_failover_policy.hpp"
#include "policy/failover/training_failover_policy.hpp"
#include "policy/power/dvfs_governor.hpp"
#include "policy/power/eclipse_training_policy.hpp"
#include "policy/serving/serving_policy.hpp"

namespace orbitsim {
namespace {

std::string resolve_existing(YamlObject& o, const std::string& key, const std::string& what) {
  const std::string given = o.string(key);
  std::filesystem::path p(given);
  if (!p.is_absolute()) p = std::filesystem::path(o.file()).parent_path() / p;
  const std::string resolved = p.lexically_normal().string();
  if (!std::filesystem::is_regular_file(resolved))
    o.fail(key, "an existing " + what, "\"" + given + "\" (looked for " + resolved + ")");
  return resolved;
}

// Each section's keys, read and written from these tables (documented in workloads/README.md).
using TrainingKey = ConfigKey<TrainingScenarioConfig>;
using InferenceKey = ConfigKey<InferenceScenarioConfig>;
using FaultKey = ConfigKey<FaultModelConfig>;
using FailoverKey = ConfigKey<FailoverScenarioConfig>;
using PowerKey = ConfigKey<PowerRunOptions>;

const std::vector<TrainingKey>& training_keys() {
  using T = TrainingScenarioConfig;
  static const std::vector<TrainingKey> keys{
      choice_key("placement", &T::placement, policy_names(training_placement_policies())),
      choice_key("checkpoint_target", &T::checkpoint_target, {"neighbour", "ground"}),
      text_key("checkpoint_station", &T::checkpoint_station, true),
      boolean_key("fit_memory", &T::fit_memory),
      integer_key("fsdp_units", &T::fsdp_units, 1, 1000)};
  return keys;
}

const std::vector<InferenceKey>& inference_keys() {
  using I = InferenceScenarioConfig;
  const Range bytes_per_token{0.0, 1e9}, slo{0.0, 1e9};
  static const std::vector<InferenceKey> keys{
      choice_key("placement", &I::placement, policy_names(serving_policies())),
      text_key("accelerator_group", &I::accelerator_group),
      integer_key("max_batch", &I::max_batch, 1, 100000),
      number_key("kv_memory_bytes", &I::kv_memory_bytes, Range{0.0, 1e15}),
      integer_key("max_hops", &I::max_hops, 1, 1000),
      boolean_key("stream_handover", &I::stream_handover),
      choice_key("over_context", &I::over_context, {"reject", "truncate"}),
      choice_key("token_transfer", &I::token_transfer, {"delay", "flow"}),
      boolean_key("prefix_cache", &I::prefix_cache),
      integer_key("prefix_block_tokens", &I::prefix_block_tokens, 1, 1000000),
      number_key("prompt_bytes_per_token", &I::prompt_bytes_per_token, bytes_per_token),
      number_key("output_bytes_per_token", &I::output_bytes_per_token, bytes_per_token),
      number_key("slo_ttft_s", &I::slo_ttft_s, slo),
      number_key("slo_tpot_s", &I::slo_tpot_s, slo),
      number_key("slo_e2e_s", &I::slo_e2e_s, slo)};
  return keys;
}

// The failure models' parameters (sim/faults/failure_models.hpp).
const std::vector<FaultKey>& fault_keys() {
  using F = FaultModelConfig;
  const Range rate{0.0, 1e6}, seconds{1e-3, 1e12}, fraction{0.0, 1.0}, days{0.0, 1e6};
  static const std::vector<FaultKey> keys{
      choice_key("satellite_lifetime", &F::satellite_lifetime, {"exponential", "weibull"}),
      number_key("rate_scale", &F::rate_scale, Range{0.0, 1e6}),
      number_key("satellite_failure_rate_per_day", &F::satellite_failure_rate_per_day, rate),
      number_key("weibull_shape", &F::weibull_shape, Range{0.05, 20.0}),
      number_key("weibull_scale_days", &F::weibull_scale_days, Range{1e-6, 1e7}),
      number_key("infant_mortality_fraction", &F::infant_mortality_fraction, fraction),
      number_key("infant_mortality_days", &F::infant_mortality_days, Range{1e-6, 1e5}),
      number_key("satellite_age_days", &F::satellite_age_days, days),
      number_key("kill_fraction_at_start", &F::kill_fraction_at_start, fraction),
      number_key("sefi_rate_per_accelerator_day", &F::sefi_rate_per_accelerator_day, rate),
      number_key("sefi_reset_s", &F::sefi_reset_s, seconds),
      number_key("seu_rate_per_bit_day", &F::seu_rate_per_bit_day, Range{0.0, 1.0}),
      number_key("seu_uncorrectable_fraction", &F::seu_uncorrectable_fraction, fraction),
      number_key("seu_saa_multiplier", &F::seu_saa_multiplier, Range{1.0, 1e6}),
      number_key("saa_latitude_min_deg", &F::saa_latitude_min_deg, Range{-90.0, 90.0}),
      number_key("saa_latitude_max_deg", &F::saa_latitude_max_deg, Range{-90.0, 90.0}),
      number_key("saa_longitude_min_deg", &F::saa_longitude_min_deg, Range{-180.0, 180.0}),
      number_key("saa_longitude_max_deg", &F::saa_longitude_max_deg, Range{-180.0, 180.0}),
      number_key("isl_terminal_failure_rate_per_day", &F::isl_terminal_failure_rate_per_day, rate),
      duration_key("isl_terminal_repair_s", &F::isl_terminal_repair_s, seconds),
      number_key("station_outage_rate_per_day", &F::station_outage_rate_per_day, rate),
      number_key("station_outage_mean_s", &F::station_outage_mean_s, seconds),
      number_key("station_maintenance_interval_days", &F::station_maintenance_interval_days, days),
      number_key("station_maintenance_s", &F::station_maintenance_s, seconds),
      number_key("plane_failure_rate_per_day", &F::plane_failure_rate_per_day, rate),
      duration_key("plane_failure_duration_s", &F::plane_failure_duration_s, seconds),
      number_key("solar_storm_rate_per_day", &F::solar_storm_rate_per_day, rate),
      number_key("solar_storm_fraction", &F::solar_storm_fraction, fraction),
      duration_key("solar_storm_duration_s", &F::solar_storm_duration_s, seconds)};
  return keys;
}

const std::vector<FailoverKey>& failover_keys() {
  using F = FailoverScenarioConfig;
  const Range seconds{0.0, 1e6};
  static const std::vector<FailoverKey> keys{
      choice_key("training", &F::training, policy_names(training_failover_policies())),
      choice_key("inference", &F::inference, policy_names(inference_failover_policies())),
      number_key("request_timeout_s", &F::request_timeout_s, seconds),
      number_key("detection_s", &F::detection_s, seconds),
      number_key("restart_s", &F::restart_s, seconds),
      integer_key("hot_spares", &F::hot_spares, 0, 100000),
      number_key("elastic_min_fraction", &F::elastic_min_fraction, Range{0.0, 1.0})};
  return keys;
}

const std::vector<PowerKey>& power_keys() {
  using P = PowerRunOptions;
  static const std::vector<PowerKey> keys{
      choice_key("governor", &P::governor, policy_names(dvfs_governors())),
      choice_key("eclipse_training", &P::eclipse_training, policy_names(eclipse_training_policies())),
      number_key("step_s", &P::step_s, Range{0.01, 3600.0}),
      number_key("eclipse_scan_step_s", &P::eclipse_scan_step_s, Range{0.1, 600.0}),
      number_key("forecast_horizon_s", &P::forecast_horizon_s, Range{60.0, 1e6})};
  return keys;
}

// Reads a section's keys from its table and rejects any other key.
template <typename S>
void read_section(YamlObject& top, const char* name, S& section, const std::vector<ConfigKey<S>>& keys,
                  const std::function<void(YamlObject&)>& check = nullptr) {
  if (auto o = top.optional_object(name)) {
    read_keys(*o, section, keys);
    if (check) check(*o);
    o->finish();
  }
}

template <typename S>
void write_section(YAML::Emitter& out, const char* name, const S& section, const std::vector<ConfigKey<S>>& keys,
                   const std::function<void()>& first = nullptr) {
  out << YAML::Key << name << YAML::Value << YAML::BeginMap;
  if (first) first();
  write_keys(out, section, keys);
  out << YAML::EndMap;
}

}  // namespace

ScenarioConfig load_scenario_config(const std::string& path, const std::vector<YamlOverride>& overrides) {
  YAML::Node doc = load_yaml_file(path);
  std::vector<YamlOverride> own, platform;
  for (const auto& o : overrides) (o.first.rfind("platform.", 0) == 0 ? platform : own).push_back(o);
  apply_yaml_overrides(doc, own);
  YamlObject top(doc, path, "");
  ScenarioConfig c;
  c.source_file = path;
  c.overrides = overrides;
  c.name = top.string("name");
  c.platform_file = resolve_existing(top, "platform", "platform file");
  c.seed = static_cast<unsigned long>(top.number_or("seed", 1, Range{0, 4294967295.0}));
  c.duration_s = top.number_or("duration_s", c.duration_s, Range{0.0, 1e9, true, false});
  c.timeseries_interval_s = top.number_or("timeseries_interval_s", c.timeseries_interval_s, Range{0.001, 1e9});
  c.network_optim = top.choice_or("network_optim", c.network_optim, {"Full", "Lazy"});
  c.key_locations["training.checkpoint_station"] = c.key_locations["inference.accelerator_group"] = {path, 0};
  auto workload = top.optional_object("workload");
  if (!workload) top.fail("workload", "a mapping with models and jobs", "nothing");
  c.models_file = resolve_existing(*workload, "models", "model catalog");
  if (workload->has("jobs")) c.jobs_file = resolve_existing(*workload, "jobs", "jobs.csv file");
  else workload->string_or("jobs", "");
  if (workload->has("requests")) c.requests_file = resolve_existing(*workload, "requests", "requests.csv file");
  else workload->string_or("requests", "");
  workload->finish();
  read_section(top, "training", c.training, training_keys(), [&](YamlObject& t) {
    c.key_locations["training.checkpoint_station"] = t.location_of("checkpoint_station");
    if (c.training.checkpoint_target == "ground" && c.training.checkpoint_station.empty())
      t.fail("checkpoint_station", "a ground station name when checkpoint_target is ground", "nothing");
    if (t.has("satellite_failure_rate_per_day"))
      t.fail("satellite_failure_rate_per_day",
             "no such key: the automatic checkpoint interval is sized by the faults.* rates the run draws", "a value");
  });
  read_section(top, "inference", c.inference, inference_keys(), [&](YamlObject& i) {
    c.key_locations["inference.accelerator_group"] = i.location_of("accelerator_group");
  });
  read_section<FaultModelConfig>(top, "faults", c.faults, fault_keys(), [&](YamlObject& f) {
    if (f.has("trace")) c.faults.trace_file = resolve_existing(f, "trace", "failures.csv file");
    else f.string_or("trace", "");
    const FaultModelConfig& m = c.faults;
    if (m.saa_latitude_min_deg > m.saa_latitude_max_deg || m.saa_longitude_min_deg > m.saa_longitude_max_deg)
      f.fail(m.saa_latitude_min_deg > m.saa_latitude_max_deg ? "saa_latitude_min_deg" : "saa_longitude_min_deg",
             "a minimum no greater than the matching maximum", "an empty SAA box");
  });
  read_section(top, "failover", c.failover, failover_keys());
  read_section(top, "power", c.power, power_keys());
  top.finish();
  c.platform = load_platform_config(c.platform_file, [&] {
    std::vector<YamlOverride> stripped;
    for (const auto& [k, v] : platform) stripped.emplace_back(k.substr(9), v);
    return stripped;
  }());
  return c;
}

std::string to_yaml(const ScenarioConfig& c, const std::string& dir) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << c.name;
  out << YAML::Key << "platform" << YAML::Value << "platform.yaml" << YAML::Comment("from " + c.platform_file);
  out << YAML::Key << "seed" << YAML::Value << c.seed;
  out << YAML::Key << "duration_s" << YAML::Value << c.duration_s;
  out << YAML::Key << "timeseries_interval_s" << YAML::Value << c.timeseries_interval_s;
  out << YAML::Key << "network_optim" << YAML::Value << c.network_optim;
  out << YAML::Key << "workload" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "models" << YAML::Value << written_path(c.models_file, c.models_file, dir);
  if (!c.jobs_file.empty()) out << YAML::Key << "jobs" << YAML::Value << written_path(c.jobs_file, c.jobs_file, dir);
  if (!c.requests_file.empty())
    out << YAML::Key << "requests" << YAML::Value << written_path(c.requests_file, c.requests_file, dir);
  out << YAML::EndMap;
  write_section(out, "training", c.training, training_keys());
  write_section(out, "inference", c.inference, inference_keys());
  write_section<FaultModelConfig>(out, "faults", c.faults, fault_keys(), [&] {
    if (!c.faults.trace_file.empty())
      out << YAML::Key << "trace" << YAML::Value << written_path(c.faults.trace_file, c.faults.trace_file, dir);
  });
  write_section(out, "failover", c.failover, failover_keys());
  write_section(out, "power", c.power, power_keys());
  out << YAML::EndMap;
  std::string overrides;
  for (const auto& [k, v] : c.overrides) overrides += fmt::format("# --set {}={}\n", k, v);
  return overrides + with_shortest_numbers(out.c_str()) + "\n";
}

}  // namespace orbitsim
