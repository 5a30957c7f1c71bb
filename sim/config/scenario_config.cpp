#include "config/scenario_config.hpp"

#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

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

// The failure models' keys (sim/faults/failure_models.hpp), documented in workloads/README.md.
void read_fault_models(YamlObject& f, FaultModelConfig& m) {
  const Range rate{0.0, 1e6}, seconds{1e-3, 1e12}, fraction{0.0, 1.0}, days{0.0, 1e6};
  m.rate_scale = f.number_or("rate_scale", m.rate_scale, Range{0.0, 1e6});
  m.satellite_lifetime = f.choice_or("satellite_lifetime", m.satellite_lifetime, {"exponential", "weibull"});
  m.satellite_failure_rate_per_day = f.number_or("satellite_failure_rate_per_day", m.satellite_failure_rate_per_day, rate);
  m.weibull_shape = f.number_or("weibull_shape", m.weibull_shape, Range{0.05, 20.0});
  m.weibull_scale_days = f.number_or("weibull_scale_days", m.weibull_scale_days, Range{1e-6, 1e7});
  m.infant_mortality_fraction = f.number_or("infant_mortality_fraction", m.infant_mortality_fraction, fraction);
  m.infant_mortality_days = f.number_or("infant_mortality_days", m.infant_mortality_days, Range{1e-6, 1e5});
  m.satellite_age_days = f.number_or("satellite_age_days", m.satellite_age_days, days);
  m.kill_fraction_at_start = f.number_or("kill_fraction_at_start", m.kill_fraction_at_start, fraction);
  m.sefi_rate_per_accelerator_day = f.number_or("sefi_rate_per_accelerator_day", m.sefi_rate_per_accelerator_day, rate);
  m.sefi_reset_s = f.number_or("sefi_reset_s", m.sefi_reset_s, seconds);
  m.seu_rate_per_bit_day = f.number_or("seu_rate_per_bit_day", m.seu_rate_per_bit_day, Range{0.0, 1.0});
  m.seu_uncorrectable_fraction = f.number_or("seu_uncorrectable_fraction", m.seu_uncorrectable_fraction, fraction);
  m.seu_saa_multiplier = f.number_or("seu_saa_multiplier", m.seu_saa_multiplier, Range{1.0, 1e6});
  m.saa_latitude_min_deg = f.number_or("saa_latitude_min_deg", m.saa_latitude_min_deg, Range{-90.0, 90.0});
  m.saa_latitude_max_deg = f.number_or("saa_latitude_max_deg", m.saa_latitude_max_deg, Range{-90.0, 90.0});
  m.saa_longitude_min_deg = f.number_or("saa_longitude_min_deg", m.saa_longitude_min_deg, Range{-180.0, 180.0});
  m.saa_longitude_max_deg = f.number_or("saa_longitude_max_deg", m.saa_longitude_max_deg, Range{-180.0, 180.0});
  m.isl_terminal_failure_rate_per_day =
      f.number_or("isl_terminal_failure_rate_per_day", m.isl_terminal_failure_rate_per_day, rate);
  m.isl_terminal_repair_s = f.duration_or("isl_terminal_repair_s", m.isl_terminal_repair_s, seconds);
  m.station_outage_rate_per_day = f.number_or("station_outage_rate_per_day", m.station_outage_rate_per_day, rate);
  m.station_outage_mean_s = f.number_or("station_outage_mean_s", m.station_outage_mean_s, seconds);
  m.station_maintenance_interval_days =
      f.number_or("station_maintenance_interval_days", m.station_maintenance_interval_days, days);
  m.station_maintenance_s = f.number_or("station_maintenance_s", m.station_maintenance_s, seconds);
  m.plane_failure_rate_per_day = f.number_or("plane_failure_rate_per_day", m.plane_failure_rate_per_day, rate);
  m.plane_failure_duration_s = f.duration_or("plane_failure_duration_s", m.plane_failure_duration_s, seconds);
  m.solar_storm_rate_per_day = f.number_or("solar_storm_rate_per_day", m.solar_storm_rate_per_day, rate);
  m.solar_storm_fraction = f.number_or("solar_storm_fraction", m.solar_storm_fraction, fraction);
  m.solar_storm_duration_s = f.duration_or("solar_storm_duration_s", m.solar_storm_duration_s, seconds);
  if (m.saa_latitude_min_deg > m.saa_latitude_max_deg || m.saa_longitude_min_deg > m.saa_longitude_max_deg)
    f.fail(m.saa_latitude_min_deg > m.saa_latitude_max_deg ? "saa_latitude_min_deg" : "saa_longitude_min_deg",
           "a minimum no greater than the matching maximum", "an empty SAA box");
}

void write_fault_models(YAML::Emitter& out, const FaultModelConfig& m) {
  const std::vector<std::pair<const char*, double>> numbers{
      {"rate_scale", m.rate_scale},
      {"satellite_failure_rate_per_day", m.satellite_failure_rate_per_day},
      {"weibull_shape", m.weibull_shape},
      {"weibull_scale_days", m.weibull_scale_days},
      {"infant_mortality_fraction", m.infant_mortality_fraction},
      {"infant_mortality_days", m.infant_mortality_days},
      {"satellite_age_days", m.satellite_age_days},
      {"kill_fraction_at_start", m.kill_fraction_at_start},
      {"sefi_rate_per_accelerator_day", m.sefi_rate_per_accelerator_day},
      {"sefi_reset_s", m.sefi_reset_s},
      {"seu_rate_per_bit_day", m.seu_rate_per_bit_day},
      {"seu_uncorrectable_fraction", m.seu_uncorrectable_fraction},
      {"seu_saa_multiplier", m.seu_saa_multiplier},
      {"saa_latitude_min_deg", m.saa_latitude_min_deg},
      {"saa_latitude_max_deg", m.saa_latitude_max_deg},
      {"saa_longitude_min_deg", m.saa_longitude_min_deg},
      {"saa_longitude_max_deg", m.saa_longitude_max_deg},
      {"isl_terminal_failure_rate_per_day", m.isl_terminal_failure_rate_per_day},
      {"isl_terminal_repair_s", m.isl_terminal_repair_s},
      {"station_outage_rate_per_day", m.station_outage_rate_per_day},
      {"station_outage_mean_s", m.station_outage_mean_s},
      {"station_maintenance_interval_days", m.station_maintenance_interval_days},
      {"station_maintenance_s", m.station_maintenance_s},
      {"plane_failure_rate_per_day", m.plane_failure_rate_per_day},
      {"plane_failure_duration_s", m.plane_failure_duration_s},
      {"solar_storm_rate_per_day", m.solar_storm_rate_per_day},
      {"solar_storm_fraction", m.solar_storm_fraction},
      {"solar_storm_duration_s", m.solar_storm_duration_s}};
  out << YAML::Key << "satellite_lifetime" << YAML::Value << m.satellite_lifetime;
  for (const auto& [key, value] : numbers)
    if (std::isfinite(value)) out << YAML::Key << key << YAML::Value << value;
    else out << YAML::Key << key << YAML::Value << "inf";
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
  if (auto t = top.optional_object("training")) {
    c.training.placement = t->choice_or("placement", c.training.placement, policy_names(training_placement_policies()));
    c.training.checkpoint_target = t->choice_or("checkpoint_target", c.training.checkpoint_target, {"neighbour", "ground"});
    c.training.checkpoint_station = t->string_or("checkpoint_station", "");
    c.key_locations["training.checkpoint_station"] = t->location_of("checkpoint_station");
    if (c.training.checkpoint_target == "ground" && c.training.checkpoint_station.empty())
      t->fail("checkpoint_station", "a ground station name when checkpoint_target is ground", "nothing");
    if (t->has("satellite_failure_rate_per_day"))
      t->fail("satellite_failure_rate_per_day",
              "no such key: the automatic checkpoint interval is sized by the faults.* rates the run draws", "a value");
    c.training.fit_memory = t->boolean_or("fit_memory", c.training.fit_memory);
    c.training.fsdp_units = t->integer_or("fsdp_units", c.training.fsdp_units, 1, 1000);
    t->finish();
  }
  if (auto i = top.optional_object("inference")) {
    InferenceScenarioConfig& n = c.inference;
    n.placement = i->choice_or("placement", n.placement, policy_names(serving_policies()));
    n.accelerator_group = i->string_or("accelerator_group", n.accelerator_group);
    c.key_locations["inference.accelerator_group"] = i->location_of("accelerator_group");
    n.max_batch = i->integer_or("max_batch", n.max_batch, 1, 100000);
    n.kv_memory_bytes = i->number_or("kv_memory_bytes", n.kv_memory_bytes, Range{0.0, 1e15});
    n.max_hops = i->integer_or("max_hops", n.max_hops, 1, 1000);
    n.stream_handover = i->boolean_or("stream_handover", n.stream_handover);
    n.over_context = i->choice_or("over_context", n.over_context, {"reject", "truncate"});
    n.prefix_cache = i->boolean_or("prefix_cache", n.prefix_cache);
    n.prefix_block_tokens = i->integer_or("prefix_block_tokens", n.prefix_block_tokens, 1, 1000000);
    n.prompt_bytes_per_token = i->number_or("prompt_bytes_per_token", n.prompt_bytes_per_token, Range{0.0, 1e9});
    n.output_bytes_per_token = i->number_or("output_bytes_per_token", n.output_bytes_per_token, Range{0.0, 1e9});
    n.slo_ttft_s = i->number_or("slo_ttft_s", n.slo_ttft_s, Range{0.0, 1e9});
    n.slo_tpot_s = i->number_or("slo_tpot_s", n.slo_tpot_s, Range{0.0, 1e9});
    n.slo_e2e_s = i->number_or("slo_e2e_s", n.slo_e2e_s, Range{0.0, 1e9});
    i->finish();
  }
  if (auto f = top.optional_object("faults")) {
    if (f->has("trace")) c.faults.trace_file = resolve_existing(*f, "trace", "failures.csv file");
    else f->string_or("trace", "");
    read_fault_models(*f, c.faults);
    f->finish();
  }
  if (auto f = top.optional_object("failover")) {
    c.failover.training = f->choice_or("training", c.failover.training, policy_names(training_failover_policies()));
    c.failover.inference = f->choice_or("inference", c.failover.inference, policy_names(inference_failover_policies()));
    c.failover.request_timeout_s = f->number_or("request_timeout_s", c.failover.request_timeout_s, Range{0.0, 1e6});
    c.failover.detection_s = f->number_or("detection_s", c.failover.detection_s, Range{0.0, 1e6});
    c.failover.restart_s = f->number_or("restart_s", c.failover.restart_s, Range{0.0, 1e6});
    c.failover.hot_spares = f->integer_or("hot_spares", c.failover.hot_spares, 0, 100000);
    c.failover.elastic_min_fraction =
        f->number_or("elastic_min_fraction", c.failover.elastic_min_fraction, Range{0.0, 1.0});
    f->finish();
  }
  if (auto p = top.optional_object("power")) {
    c.power.governor = p->choice_or("governor", c.power.governor, policy_names(dvfs_governors()));
    c.power.eclipse_training =
        p->choice_or("eclipse_training", c.power.eclipse_training, policy_names(eclipse_training_policies()));
    c.power.step_s = p->number_or("step_s", c.power.step_s, Range{0.01, 3600.0});
    c.power.eclipse_scan_step_s = p->number_or("eclipse_scan_step_s", c.power.eclipse_scan_step_s, Range{0.1, 600.0});
    c.power.forecast_horizon_s = p->number_or("forecast_horizon_s", c.power.forecast_horizon_s, Range{60.0, 1e6});
    p->finish();
  }
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
  out << YAML::Key << "training" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "placement" << YAML::Value << c.training.placement;
  out << YAML::Key << "checkpoint_target" << YAML::Value << c.training.checkpoint_target;
  if (!c.training.checkpoint_station.empty())
    out << YAML::Key << "checkpoint_station" << YAML::Value << c.training.checkpoint_station;
  out << YAML::Key << "fit_memory" << YAML::Value << c.training.fit_memory;
  out << YAML::Key << "fsdp_units" << YAML::Value << c.training.fsdp_units;
  out << YAML::EndMap;
  const InferenceScenarioConfig& n = c.inference;
  out << YAML::Key << "inference" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "placement" << YAML::Value << n.placement;
  out << YAML::Key << "accelerator_group" << YAML::Value << n.accelerator_group;
  out << YAML::Key << "max_batch" << YAML::Value << n.max_batch;
  out << YAML::Key << "kv_memory_bytes" << YAML::Value << n.kv_memory_bytes;
  out << YAML::Key << "max_hops" << YAML::Value << n.max_hops;
  out << YAML::Key << "stream_handover" << YAML::Value << n.stream_handover;
  out << YAML::Key << "over_context" << YAML::Value << n.over_context;
  out << YAML::Key << "prefix_cache" << YAML::Value << n.prefix_cache;
  out << YAML::Key << "prefix_block_tokens" << YAML::Value << n.prefix_block_tokens;
  out << YAML::Key << "prompt_bytes_per_token" << YAML::Value << n.prompt_bytes_per_token;
  out << YAML::Key << "output_bytes_per_token" << YAML::Value << n.output_bytes_per_token;
  out << YAML::Key << "slo_ttft_s" << YAML::Value << n.slo_ttft_s;
  out << YAML::Key << "slo_tpot_s" << YAML::Value << n.slo_tpot_s;
  out << YAML::Key << "slo_e2e_s" << YAML::Value << n.slo_e2e_s;
  out << YAML::EndMap;
  out << YAML::Key << "faults" << YAML::Value << YAML::BeginMap;
  if (!c.faults.trace_file.empty())
    out << YAML::Key << "trace" << YAML::Value << written_path(c.faults.trace_file, c.faults.trace_file, dir);
  write_fault_models(out, c.faults);
  out << YAML::EndMap;
  out << YAML::Key << "failover" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "training" << YAML::Value << c.failover.training;
  out << YAML::Key << "inference" << YAML::Value << c.failover.inference;
  out << YAML::Key << "request_timeout_s" << YAML::Value << c.failover.request_timeout_s;
  out << YAML::Key << "detection_s" << YAML::Value << c.failover.detection_s;
  out << YAML::Key << "restart_s" << YAML::Value << c.failover.restart_s;
  out << YAML::Key << "hot_spares" << YAML::Value << c.failover.hot_spares;
  out << YAML::Key << "elastic_min_fraction" << YAML::Value << c.failover.elastic_min_fraction;
  out << YAML::EndMap;
  out << YAML::Key << "power" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "governor" << YAML::Value << c.power.governor;
  out << YAML::Key << "eclipse_training" << YAML::Value << c.power.eclipse_training;
  out << YAML::Key << "step_s" << YAML::Value << c.power.step_s;
  out << YAML::Key << "eclipse_scan_step_s" << YAML::Value << c.power.eclipse_scan_step_s;
  out << YAML::Key << "forecast_horizon_s" << YAML::Value << c.power.forecast_horizon_s;
  out << YAML::EndMap;
  out << YAML::EndMap;
  std::string overrides;
  for (const auto& [k, v] : c.overrides) overrides += fmt::format("# --set {}={}\n", k, v);
  return overrides + with_shortest_numbers(out.c_str()) + "\n";
}

}  // namespace orbitsim
