#include "app/scenario_inputs.hpp"

#include <map>

#include "core/input_error.hpp"
#include "core/name_index.hpp"
#include "faults/failure_trace.hpp"
#include "orbit/frames.hpp"
#include "world/world_builder.hpp"

namespace orbitsim {
namespace {

// ISL terminals per satellite; an unlimited formation has as many as the platform's terminal links.
std::vector<int> terminal_counts(const TopologyBuilder& topology) {
  std::vector<int> out;
  for (int s = 0; s < topology.satellites(); ++s) out.push_back(topology.failable_terminals(s));
  return out;
}

// The satellites in orbit: a data centre's servers are not drawn radiation, lifetime or laser failures
// (a trace may still fail them).
FaultModelInputs fault_model_inputs(World& world, const TopologyBuilder& topology, const HardwareConfig& hw) {
  FaultModelInputs in;
  std::map<std::pair<std::string, int>, int> plane_key;
  std::vector<size_t> orbiting;
  for (int s = 0; s < topology.satellites(); ++s) {
    if (topology.earth_fixed(s)) continue;
    orbiting.push_back(static_cast<size_t>(s));
    const SatelliteInfo& info = world.constellation.info(static_cast<size_t>(s));
    in.satellite_names.push_back(info.name);
    in.satellite_plane.push_back(
        info.plane < 0 ? -1 : plane_key.emplace(std::pair{info.shell, info.plane}, static_cast<int>(plane_key.size())).first->second);
    in.isl_terminals.push_back(topology.isl_terminals(s));
  }
  for (const auto& gs : world.ground_stations) in.station_names.push_back(gs.name);
  in.accelerators_per_satellite = hw.accelerators_per_satellite;
  in.accelerator_memory_bytes = hw.accelerator_memory_bytes;
  in.latitude_longitude_deg = [&world, orbiting](size_t i, double t) {
    auto& c = world.constellation;
    const size_t s = orbiting[i];
    const Geodetic g = ecef_to_geodetic(eci_to_ecef(c.position_eci_m(s, t), c.gmst_rad(t)), c.earth());
    return std::pair{g.latitude_rad * kRadToDeg, g.longitude_rad * kRadToDeg};
  };
  return in;
}

// The failures of the run: the scenario's trace, if any, and those drawn from its failure models.
std::vector<FailureEvent> run_failures(const ScenarioConfig& scenario, World& world, const TopologyBuilder& topology) {
  std::vector<std::string> node_names;
  for (int n = 0; n < topology.nodes(); ++n) node_names.push_back(topology.name(n));
  std::vector<FailureEvent> failures =
      scenario.faults.trace_file.empty()
          ? std::vector<FailureEvent>{}
          : read_failure_trace(scenario.faults.trace_file, node_names, topology.satellites(), terminal_counts(topology));
  // A run that models power decides its own brown-outs and overheats: a trace's are replayed only without it.
  if (scenario.platform.power.enabled)
    std::erase_if(failures, [](const FailureEvent& e) {
      return e.cause == FailureCause::kBrownout || e.cause == FailureCause::kOverheat;
    });
  const auto drawn = draw_failures(scenario.faults, fault_model_inputs(world, topology, scenario.platform.hardware),
                                   scenario.duration_s, scenario.seed);
  failures.insert(failures.end(), drawn.begin(), drawn.end());
  sort_failures(failures);
  return failures;
}

TrainingHardware training_hardware(const ScenarioConfig& scenario) {
  const HardwareConfig& hw = scenario.platform.hardware;
  return {hw.accelerators_per_satellite * hw.accelerator_peak_flops, hw.accelerators_per_satellite,
          hw.accelerator_memory_bytes, scenario.training.fit_memory, hw.intra_satellite_bandwidth_bps,
          hw.intra_satellite_latency_s};
}

// The ground checkpoint target is a station of the platform; written back as the platform spells it.
void resolve_checkpoint_station(ScenarioConfig& scenario, const World& world) {
  if (scenario.training.checkpoint_target != "ground") return;
  std::vector<std::string> names;
  for (const auto& gs : world.ground_stations) names.push_back(gs.name);
  const NameIndex stations(names);
  const std::string& wanted = scenario.training.checkpoint_station;
  const int found = stations.find(wanted);
  if (found < 0)
    throw InputError(scenario.key_locations.at("training.checkpoint_station"), "training.checkpoint_station",
                     "a ground station of the platform " + scenario.platform_file,
                     "\"" + wanted + "\"" + stations.did_you_mean(wanted));
  scenario.training.checkpoint_station = names[static_cast<size_t>(found)];
}

// Every requested model has timings for the accelerator group the scenario serves on.
void check_accelerator_group(const ScenarioConfig& scenario, const ModelCatalog& catalog,
                             const InferenceRequestFile& requests) {
  const std::string& group = scenario.inference.accelerator_group;
  for (const auto& q : requests.requests) {
    const auto& timings = catalog.at(q.model).inference;
    if (timings.count(group)) continue;
    std::string known;
    for (const auto& [name, _] : timings) known += (known.empty() ? "" : ", ") + name;
    throw InputError(scenario.key_locations.at("inference.accelerator_group"), "inference.accelerator_group",
                     "an accelerator group with timings for model " + q.model + " in " + scenario.models_file +
                         " (it has: " + (known.empty() ? "none" : known) + ")",
                     "\"" + group + "\" (used by request " + q.req_id + ")");
  }
}

}  // namespace

ScenarioInputs::ScenarioInputs(const std::string& file, const std::vector<YamlOverride>& overrides)
    : scenario(load_scenario_config(file, overrides)),
      world(build_world(scenario.platform)),
      topology(world, scenario.platform.network, shell_links(scenario.platform.shells)),
      catalog(load_model_catalog(scenario.models_file)),
      jobs(scenario.jobs_file.empty()
               ? TrainingJobFile{}
               : read_training_jobs(scenario.jobs_file, catalog, training_hardware(scenario), topology.satellites())),
      requests(scenario.requests_file.empty()
                   ? InferenceRequestFile{}
                   : read_inference_requests(scenario.requests_file, catalog, world.ground_stations,
                                             *scenario.platform.earth)),
      failures(run_failures(scenario, world, topology)) {
  resolve_checkpoint_station(scenario, world);
  check_accelerator_group(scenario, catalog, requests);
}

}  // namespace orbitsim
