// The simulated outputs of `orbitsim run`, written from the records of its simulation objects:
// jobs.csv, requests.csv, nodes.csv, timeseries.csv, failures.csv, events.csv, power.csv, summary.json
// and the effective scenario.yaml / platform.yaml (byte-identical for the same scenario and seed).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/scenario_config.hpp"
#include "core/event_log.hpp"
#include "faults/fault_injector.hpp"
#include "faults/failure_trace.hpp"
#include "metrics/timeseries.hpp"
#include "platform/sim_platform.hpp"
#include "platform/transfer_service.hpp"
#include "power/power_controller.hpp"
#include "workload/inference_server.hpp"
#include "workload/training_runner.hpp"

namespace orbitsim {

// What a run has recorded: the objects the outputs are read from.
struct RunRecords {
  const ScenarioConfig& scenario;
  const std::vector<FailureEvent>& failures;  // drawn or replayed before the run (the faults add their own)
  const SimPlatform& platform;
  const TransferService& transfers;
  TrainingRunner& training;  // its records are closed at the instant written
  const InferenceServer& inference;
  const FaultInjector& faults;
  const PowerController* power;  // nullptr without the power model
  const EventLog& events;
  const std::vector<RunSample>& samples;
};

// Writes every output into `out_dir` as of `reached_s`: the horizon, or the simulated time at which a
// signal stopped the run (`interrupted`: then rates are per simulated second reached, summary.json says
// so and failures after it are left out). Returns summary.json's content.
nlohmann::json write_run_outputs(const RunRecords& run, const std::string& out_dir, double reached_s, bool interrupted);

}  // namespace orbitsim
