#include "app/run_outputs.hpp"

#include <filesystem>
#include <map>

#include "metrics/inference_report.hpp"
#include "metrics/output_files.hpp"
#include "metrics/power_report.hpp"
#include "metrics/training_report.hpp"

namespace orbitsim {
namespace {

nlohmann::json failures_summary(const std::vector<FailureEvent>& failures) {
  std::map<std::string, long> by_kind;
  for (const auto& f : failures) ++by_kind[to_string(f.kind)];
  return {{"total", failures.size()}, {"by_kind", by_kind}};
}

// Drawn or replayed, then decided during the run, in the order a replay applies them.
std::vector<FailureEvent> all_failures(const RunRecords& run, double reached_s, bool interrupted) {
  std::vector<FailureEvent> out = run.failures;
  out.insert(out.end(), run.faults.run_time_events().begin(), run.faults.run_time_events().end());
  sort_failures(out);
  if (interrupted) std::erase_if(out, [&](const FailureEvent& e) { return e.time_s > reached_s; });
  return out;
}

nlohmann::json summary_of(const RunRecords& run, const std::vector<FailureEvent>& failures, double reached_s,
                          bool interrupted) {
  const ScenarioConfig& scenario = run.scenario;
  const auto& hw = scenario.platform.hardware;
  const double span_s = interrupted ? reached_s : scenario.duration_s;
  nlohmann::json summary;
  summary["scenario"] = scenario.name;
  summary["seed"] = scenario.seed;
  summary["simulated_s"] = reached_s;
  summary["horizon_s"] = scenario.duration_s;
  summary["interrupted"] = interrupted;
  summary["training"] = training_summary(run.training.records(), run.training.busy_time_s(), span_s,
                                         hw.accelerators_per_satellite * hw.accelerator_peak_flops);
  summary["inference"] = inference_summary(run.inference.records(), scenario.inference, span_s);
  summary["failures"] = failures_summary(failures);
  if (run.power) {
    WorkloadEnergy work{0, run.training.compute_energy_j(), run.inference.tokens_delivered(),
                        run.inference.serving_energy_j()};
    for (const auto& r : run.training.records()) work.iterations_done += r.iterations_done;
    summary["power"] = power_summary(run.power->totals(), work);
  }
  summary["network"] = {{"topology_epochs", run.platform.epochs_built()},
                        {"transfer_reroutes", run.transfers.reroutes()},
                        {"transfer_failure_reroutes", run.transfers.failure_reroutes()}};
  return summary;
}

}  // namespace

nlohmann::json write_run_outputs(const RunRecords& run, const std::string& out_dir, double reached_s, bool interrupted) {
  const ScenarioConfig& scenario = run.scenario;
  const int satellites = run.platform.satellites();
  const double span_s = interrupted ? reached_s : scenario.duration_s;
  std::vector<std::string> names;
  for (int n = 0; n < run.platform.nodes(); ++n) names.push_back(run.platform.name(n));
  run.training.close_records(reached_s);
  const std::vector<FailureEvent> failures = all_failures(run, reached_s, interrupted);
  const nlohmann::json summary = summary_of(run, failures, reached_s, interrupted);

  std::filesystem::create_directories(out_dir);
  write_file_atomically(out_dir + "/jobs.csv", jobs_csv(run.training.records(), names, reached_s));
  write_file_atomically(out_dir + "/requests.csv", [&](std::ostream& out) {
    write_requests_csv(out, run.inference.records(), names, satellites, scenario.inference);
  });
  write_file_atomically(out_dir + "/nodes.csv",
                        nodes_csv(run.training.busy_time_s(), run.inference.busy_time_s(), names, span_s));
  write_file_atomically(out_dir + "/timeseries.csv", timeseries_csv(run.samples, satellites));
  write_file_atomically(out_dir + "/failures.csv", failure_trace_csv(failures));
  write_file_atomically(out_dir + "/events.csv", run.events.csv_until(reached_s));
  if (run.power) write_file_atomically(out_dir + "/power.csv", power_csv(run.power->samples(), names));
  write_file_atomically(out_dir + "/summary.json", summary.dump(2) + "\n");
  write_file_atomically(out_dir + "/scenario.yaml", to_yaml(scenario, out_dir));  // re-runnable from there
  write_file_atomically(out_dir + "/platform.yaml", to_yaml(scenario.platform, out_dir));
  return summary;
}

}  // namespace orbitsim
