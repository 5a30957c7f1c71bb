// Everything a run reads before SimGrid starts, loaded and cross-checked in one place: the scenario and
// its platform, the constellation and its topology, the model catalog, training jobs, inference requests
// and the failures to inject (replayed and drawn). `orbitsim validate SCENARIO` stops here; `orbitsim run`
// goes on to simulate. Every check that spans two files (a station named by the scenario, a model's
// timings for the scenario's accelerator group) happens in the constructor, with the file and line.
#pragma once

#include <string>
#include <vector>

#include "config/scenario_config.hpp"
#include "world/world.hpp"
#include "config/yaml_overrides.hpp"
#include "faults/failure_models.hpp"
#include "topology/topology_builder.hpp"
#include "workload/inference_requests.hpp"
#include "workload/model_catalog.hpp"
#include "workload/training_jobs.hpp"

namespace orbitsim {

struct ScenarioInputs {
  ScenarioInputs(const std::string& file, const std::vector<YamlOverride>& overrides);
  ScenarioInputs(const ScenarioInputs&) = delete;  // the topology refers to the world
  ScenarioInputs& operator=(const ScenarioInputs&) = delete;

  ScenarioConfig scenario;
  World world;
  TopologyBuilder topology;
  ModelCatalog catalog;
  TrainingJobFile jobs;
  InferenceRequestFile requests;
  std::vector<FailureEvent> failures;  // sorted; brown-outs and overheats of a trace dropped when power is modelled
};

}  // namespace orbitsim
