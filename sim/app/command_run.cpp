// `orbitsim run SCENARIO.yaml [--out DIR] [--seed N] [--set key=value ...] [--threads N] [--quiet]`: simulates a
// scenario on SimGrid and writes its outputs to one folder:
//   jobs.csv, requests.csv, nodes.csv, timeseries.csv, failures.csv, events.csv, summary.json
//                                                         simulated results (byte-identical for a seed)
//   scenario.yaml, platform.yaml                          the effective configuration
//   run_info.json                       wall time, peak memory, threads, versions (kept apart)
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include "app/commands.hpp"
#include "app/interrupt.hpp"
#include "app/progress.hpp"
#include "app/scenario_inputs.hpp"
#include "config/scenario_config.hpp"
#include "config/yaml_overrides.hpp"
#include "orbit/frames.hpp"
#include "world/world.hpp"
#include "core/input_error.hpp"
#include "core/worker_pool.hpp"
#include "metrics/output_files.hpp"
#include "faults/fault_injector.hpp"
#include "faults/failure_models.hpp"
#include "faults/failure_trace.hpp"
#include "metrics/inference_report.hpp"
#include "metrics/power_report.hpp"
#include "metrics/timeseries.hpp"
#include "metrics/training_report.hpp"
#include "platform/sim_platform.hpp"
#include "platform/sim_runtime.hpp"
#include "platform/transfer_service.hpp"
#include "policy/power/eclipse_training_policy.hpp"
#include "power/power_controller.hpp"
#include "topology/topology_builder.hpp"
#include "policy/failover/inference_failover_policy.hpp"
#include "policy/failover/training_failover_policy.hpp"
#include "workload/inference_requests.hpp"
#include "workload/inference_server.hpp"
#include "workload/training_jobs.hpp"
#include "workload/training_runner.hpp"

namespace orbitsim {
namespace {

struct RunOptions {
  std::string file, out;
  std::vector<std::string> sets;
  long seed = -1;
  bool quiet = false;
  std::string log_level = "warn";
  int threads = default_thread_count();
  std::vector<std::string> simgrid_args;
};

// A row of mean / p50 / p99 of a described metric (summary.json's describe()).
void print_percentiles(const char* label, const nlohmann::json& d, const char* fmtspec) {
  auto num = [&](const nlohmann::json& v) {
    return v.is_null() ? std::string("-") : fmt::format(fmt::runtime(fmtspec), v.get<double>());
  };
  std::cout << fmt::format("  {:<24} {:>10} {:>10} {:>10}\n", label, num(d["mean"]), num(d["p50"]), num(d["p99"]));
}

std::string percent(const nlohmann::json& share) {
  return share.is_null() ? std::string("-") : fmt::format("{:.1f}%", 100.0 * share.get<double>());
}

void print_training(const nlohmann::json& t, bool failures) {
  std::cout << fmt::format("training jobs: {} submitted;", t["jobs_submitted"].get<size_t>());
  for (const auto& [status, n] : t["jobs_by_status"].items()) std::cout << fmt::format(" {} {}", n.get<int>(), status);
  std::cout << fmt::format("\n  {:<24} {:>10} {:>10} {:>10}\n", "", "mean", "p50", "p99");
  print_percentiles("JCT (s)", t["jct_s"], "{:.2f}");
  print_percentiles("queueing delay (s)", t["queue_delay_s"], "{:.2f}");
  print_percentiles("iteration time (s)", t["iteration_s"], "{:.2f}");
  std::cout << fmt::format("  share of iteration time (mean): all-reduce {}, pipeline bubble {}, exposed communication {}; "
                           "satellite compute utilisation: {:.1f}%\n",
                           percent(t["allreduce_time_share"]["mean"]), percent(t["pipeline_bubble_time_share"]["mean"]),
                           percent(t["exposed_comm_time_share"]["mean"]),
                           100.0 * t["satellite_compute_utilisation"].get<double>());
  if (!t["goodput_tokens_per_s"].is_null())
    std::cout << fmt::format("  training tokens/s over the horizon: goodput {:.4g} (iterations kept), throughput {:.4g} "
                             "(every iteration computed)\n",
                             t["goodput_tokens_per_s"].get<double>(), t["throughput_tokens_per_s"].get<double>());
  if (failures)
    std::cout << fmt::format("  recovery: {} restarts ({} iterations lost), {} spare takeovers, {} shrinks, {} replica "
                             "failovers, {} corrupted and {} recomputed steps\n",
                             t["restarts"].get<long>(), t["lost_iterations"].get<long>(), t["spare_takeovers"].get<long>(),
                             t["shrinks"].get<long>(), t["replica_failovers"].get<long>(),
                             t["corrupted_steps"].get<long>(), t["recomputed_steps"].get<long>());
}

void print_inference(const nlohmann::json& q) {
  std::cout << fmt::format("inference requests: {} submitted;", q["requests_submitted"].get<size_t>());
  for (const auto& [status, n] : q["requests_by_status"].items()) std::cout << fmt::format(" {} {}", n.get<int>(), status);
  std::cout << fmt::format("\n  {:<24} {:>10} {:>10} {:>10}\n", "", "mean", "p50", "p99");
  print_percentiles("TTFT (s)", q["ttft_s"], "{:.3f}");
  print_percentiles("TPOT (s)", q["tpot_s"], "{:.3f}");
  print_percentiles("end to end (s)", q["e2e_s"], "{:.3f}");
  if (!q["slo_attainment"].is_null())
    std::cout << fmt::format("  SLO attainment {:.1f}%, goodput {:.3f} req/s, {:.1f} output tokens/s\n",
                             100.0 * q["slo_attainment"].get<double>(), q["goodput_requests_per_s"].get<double>(),
                             q["output_tokens_per_s"].get<double>());
  if (const auto& b = q["latency_breakdown"]; !b["network_time_share"].is_null()) {
    std::cout << "  where the finished requests' time went (mean):";
    for (const auto& [label, key] : {std::pair{"retry wait", "retry_wait_s"}, std::pair{"uplink", "uplink_s"},
                                     std::pair{"queue", "queue_s"}, std::pair{"prefill", "prefill_s"},
                                     std::pair{"decode", "decode_s"}, std::pair{"downlink", "downlink_s"}})
      std::cout << fmt::format(" {} {:.1f} ms;", label, 1e3 * b[key]["mean"].get<double>());
    std::cout << fmt::format(" network {}, waiting {}, compute {} of E2E\n", percent(b["network_time_share"]),
                             percent(b["waiting_time_share"]), percent(b["compute_time_share"]));
  }
  if (q["corrupted_requests"].get<long>() > 0)
    std::cout << fmt::format("  {} requests corrupted by an uncorrectable upset\n", q["corrupted_requests"].get<long>());
}

void print_failures(const nlohmann::json& f) {
  std::cout << fmt::format("failures: {}\n", f["total"].get<size_t>());
  for (const auto& [kind, n] : f["by_kind"].items()) std::cout << fmt::format("  {:<24} {:>10}\n", kind, n.get<long>());
}

void print_power(const nlohmann::json& p) {
  std::cout << fmt::format("power: {:.1f} kWh generated, {:.1f} consumed, {:.1f} curtailed; sunlit {:.1f}%; "
                           "throttled {:.2f}, training shed {:.2f}, browned out {:.2f}, overheated {:.2f}, dark {:.2f} "
                           "satellite-h",
                           p["generated_wh"].get<double>() / 1e3, p["consumed_wh"].get<double>() / 1e3,
                           p["curtailed_wh"].get<double>() / 1e3, 100.0 * p["sunlit_fraction"].get<double>(),
                           p["throttled_satellite_h"].get<double>(), p["training_shed_satellite_h"].get<double>(),
                           p["brownout_satellite_h"].get<double>(), p["overheat_satellite_h"].get<double>(),
                           p["dark_satellite_h"].get<double>());
  if (!p["energy_per_iteration_j"].is_null())
    std::cout << fmt::format("; {:.3g} J per training iteration ({:.3g} J in its compute steps)",
                             p["energy_per_iteration_j"].get<double>(), p["training_compute_energy_per_iteration_j"].get<double>());
  if (!p["serving_energy_per_output_token_j"].is_null())
    std::cout << fmt::format("; {:.3g} J per output token in serving steps", p["serving_energy_per_output_token_j"].get<double>());
  std::cout << "\n";
}

// The run's summary on stdout: a section for each workload the scenario has, its failures, its power.
void print_summary(const nlohmann::json& s, const std::string& out_dir) {
  std::cout << fmt::format("scenario {} (seed {}), {:.0f} s simulated\n", s["scenario"].get<std::string>(),
                           s["seed"].get<unsigned long>(), s["simulated_s"].get<double>());
  const bool failures = s["failures"]["total"].get<size_t>() > 0;
  if (s["training"]["jobs_submitted"].get<size_t>() > 0) print_training(s["training"], failures);
  if (s["inference"]["requests_submitted"].get<size_t>() > 0) print_inference(s["inference"]);
  print_failures(s["failures"]);
  if (s.contains("power")) print_power(s["power"]);
  std::cout << "outputs: " << out_dir << "/\n";
}

// Wall time, peak memory and versions: kept apart from the simulated outputs, which must compare byte
// for byte between runs of the same scenario and seed.
void write_run_info(const std::string& path, const std::string& scenario_file,
                    std::chrono::steady_clock::time_point wall_start, const nlohmann::json& execution,
                    const nlohmann::json& interruption) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  nlohmann::json info{
      {"wall_time_s", std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count()},
      {"peak_rss_mb", static_cast<double>(usage.ru_maxrss) / 1024.0},
      {"orbitsim_version", ORBITSIM_VERSION},
      {"simgrid_version", simgrid_version()},
      {"scenario_file", scenario_file},
      {"interrupted", !interruption.is_null()}};
  info.update(execution);
  if (!interruption.is_null()) info["interruption"] = interruption;
  write_file_atomically(path, info.dump(2) + "\n");
}

nlohmann::json failures_summary(const std::vector<FailureEvent>& failures) {
  std::map<std::string, long> by_kind;
  for (const auto& f : failures) ++by_kind[f.kind];
  return {{"total", failures.size()}, {"by_kind", by_kind}};
}

// The power model, when the platform has one, started and wired to the workload's power-aware choices.
std::unique_ptr<PowerController> start_power_model(const ScenarioConfig& scenario, World& world, SimPlatform& platform,
                                                   FaultInjector& faults, TrainingRunner& training,
                                                   InferenceServer& inference, const EclipseTrainingPolicy& eclipse) {
  if (!scenario.platform.power.enabled) return nullptr;
  auto power = std::make_unique<PowerController>(platform, faults, world.constellation, scenario.platform.power,
                                                 scenario.power, scenario.platform.hardware.accelerators_per_satellite,
                                                 scenario.timeseries_interval_s, scenario.duration_s);
  power->start();
  PowerController* p = power.get();
  training.set_power_endurance([p](int s) { return p->endurance_s(s); });
  inference.set_power_endurance([p](int s) { return p->endurance_s(s); });
  inference.set_power_activity([&design = scenario.platform.power](double fraction_of_rated) {
    return design.activity_for_power_fraction(fraction_of_rated);
  });
  training.set_eclipse_policy(eclipse, [p](int s, Eclipse& e) { return p->next_eclipse(s, e); });
  return power;
}

int run_scenario(const RunOptions& o) {
  const auto wall_start = std::chrono::steady_clock::now();

  // 1. Scenario and every input it references, cross-checked before the simulation starts.
  std::vector<YamlOverride> overrides;
  for (const auto& s : o.sets) overrides.push_back(parse_yaml_override(s, "--set"));
  if (o.seed >= 0) overrides.emplace_back("seed", std::to_string(o.seed));
  ScenarioInputs inputs(o.file, overrides);
  const ScenarioConfig& scenario = inputs.scenario;
  World& world = inputs.world;
  TopologyBuilder& topology = inputs.topology;
  const std::vector<FailureEvent>& failures = inputs.failures;
  const auto& hw = scenario.platform.hardware;
  const std::string out_dir = o.out.empty() ? "out/" + scenario.name : o.out;

  // 2. Policies, and the workers that share each epoch's geometry.
  WorkerPool workers(o.threads);
  topology.use_workers(&workers);
  const auto placement = make_training_placement_policy(scenario.training.placement);
  const auto serving = make_serving_policy(scenario.inference.placement);
  const auto failover = make_training_failover_policy(
      scenario.failover.training, {scenario.failover.hot_spares, scenario.failover.elastic_min_fraction});

  // 3. SimGrid platform.
  SimEngine engine(o.simgrid_args, "run");
  configure_simgrid({true, scenario.network_optim});
  // With a second thread, the next epoch's topology is built while this one is simulated.
  std::unique_ptr<EpochPrefetcher> prefetcher;
  if (o.threads > 1) prefetcher = std::make_unique<EpochPrefetcher>(scenario.platform, o.threads - 1);
  SimPlatform platform(topology, scenario.platform);
  platform.use_prefetcher(prefetcher.get());
  TransferService transfers(platform);
  transfers.start_epoch_updater();

  // 4. Workload and recorders.
  std::vector<SatelliteInfo> satellites;
  for (size_t i = 0; i < world.constellation.size(); ++i) satellites.push_back(world.constellation.info(i));
  auto position = [&world](int s) {
    const double t = sim_now();
    return eci_to_ecef(world.constellation.position_eci_m(static_cast<size_t>(s), t), world.constellation.gmst_rad(t));
  };
  EventLog events(o.log_level == "info" ? EventEcho::kInfo : EventEcho::kNone);
  TrainingRunner training(platform, transfers, *placement, *failover, scenario.training, scenario.failover, satellites,
                          position, inputs.jobs.jobs);
  training.set_event_log(&events);
  training.set_interruption_rate(interruptions_per_satellite_day(failures, topology.satellites(), scenario.duration_s));
  training.start();
  const auto inference_failover = make_inference_failover_policy(scenario.failover.inference);
  InferenceServer inference(platform, *serving, *inference_failover, scenario.inference, scenario.failover.request_timeout_s,
                            inputs.catalog, topology.satellites(),
                            ServingHardware{hw.accelerators_per_satellite * hw.accelerator_memory_bytes, hw.accelerator_memory_bandwidth_Bps},
                            inputs.requests.requests);
  inference.set_event_log(&events);
  inference.start();
  FaultInjector faults(platform, failures,
                       {[&](int satellite, bool unusable) {
                          training.set_satellite_failed(satellite, unusable);
                          inference.set_satellite_unusable(satellite, unusable);
                        },
                        [&](int satellite) {
                          training.note_upset(satellite);
                          inference.note_upset(satellite);
                        },
                        [&](int satellite, bool shed) { training.set_training_shed(satellite, shed); }});
  faults.set_event_log(&events);
  faults.start();
  const auto eclipse_training = make_eclipse_training_policy(scenario.power.eclipse_training);
  const auto power = start_power_model(scenario, world, platform, faults, training, inference, *eclipse_training);
  std::vector<RunSample> samples;
  const double horizon_s = scenario.duration_s;
  sim_spawn(platform, "sampler", [&] {
    for (long k = 0;; ++k) {
      const double t = static_cast<double>(k) * scenario.timeseries_interval_s;
      if (t > horizon_s) break;
      sim_sleep_until(t);
      samples.push_back({t, training.running_jobs(), training.queued_jobs(), training.busy_satellites(),
                         inference.requests_in_flight(), inference.tokens_delivered(), platform.isl_utilisation(),
                         platform.gsl_utilisation(), faults.satellites_down(), faults.stations_down()});
    }
  });  // not a daemon: the time series covers the whole horizon
  // 5. Outputs, as of `reached_s`: the horizon, or the simulated time at which a signal stopped the run
  // (then rates are per simulated second reached, and summary.json says so).
  std::vector<std::string> names;
  for (int n = 0; n < platform.nodes(); ++n) names.push_back(platform.name(n));
  auto write_outputs = [&](double reached_s, int signal) {
    const bool interrupted = signal != 0;
    const double span_s = interrupted ? reached_s : horizon_s;
    training.close_records(reached_s);
    std::filesystem::create_directories(out_dir);
    nlohmann::json summary;
    summary["scenario"] = scenario.name;
    summary["seed"] = scenario.seed;
    summary["simulated_s"] = reached_s;
    summary["horizon_s"] = horizon_s;
    summary["interrupted"] = interrupted;
    summary["training"] = training_summary(training.records(), training.busy_time_s(), span_s,
                                           hw.accelerators_per_satellite * hw.accelerator_peak_flops);
    summary["inference"] = inference_summary(inference.records(), scenario.inference, span_s);
    std::vector<FailureEvent> all_failures = failures;  // drawn or replayed, then decided during the run
    all_failures.insert(all_failures.end(), faults.run_time_events().begin(), faults.run_time_events().end());
    sort_failures(all_failures);
    if (interrupted) std::erase_if(all_failures, [&](const FailureEvent& e) { return e.time_s > reached_s; });
    summary["failures"] = failures_summary(all_failures);
    if (power) {
      WorkloadEnergy work{0, training.compute_energy_j(), inference.tokens_delivered(), inference.serving_energy_j()};
      for (const auto& r : training.records()) work.iterations_done += r.iterations_done;
      summary["power"] = power_summary(power->totals(), work);
    }
    summary["network"] = {{"topology_epochs", platform.epochs_built()}, {"transfer_reroutes", transfers.reroutes()},
                          {"transfer_failure_reroutes", transfers.failure_reroutes()}};
    write_file_atomically(out_dir + "/jobs.csv", jobs_csv(training.records(), names, reached_s));
    write_file_atomically(out_dir + "/requests.csv",
                          requests_csv(inference.records(), names, topology.satellites(), scenario.inference));
    write_file_atomically(out_dir + "/nodes.csv", nodes_csv(training.busy_time_s(), inference.busy_time_s(), names, span_s));
    write_file_atomically(out_dir + "/timeseries.csv", timeseries_csv(samples, topology.satellites()));
    write_file_atomically(out_dir + "/failures.csv", failure_trace_csv(all_failures));
    write_file_atomically(out_dir + "/events.csv", events.csv_until(reached_s));
    if (power) write_file_atomically(out_dir + "/power.csv", power_csv(power->samples(), names));
    write_file_atomically(out_dir + "/summary.json", summary.dump(2) + "\n");
    write_file_atomically(out_dir + "/scenario.yaml", to_yaml(scenario, out_dir));  // re-runnable from there
    write_file_atomically(out_dir + "/platform.yaml", to_yaml(scenario.platform, out_dir));
    write_run_info(out_dir + "/run_info.json", o.file, wall_start,
                   {{"threads", o.threads}, {"topology_epochs_built_ahead", prefetcher ? prefetcher->handed_over() : 0}},
                   interrupted ? nlohmann::json{{"signal", InterruptSignals::name(signal)}, {"simulated_s", reached_s}}
                               : nlohmann::json());
    if (interrupted) {
      std::cerr << fmt::format("orbitsim: interrupted by {} at simulated t = {:.1f} s of {:g}; outputs as of then in {}/\n",
                               InterruptSignals::name(signal), reached_s, horizon_s, out_dir);
    } else {
      print_summary(summary, out_dir);
    }
    std::cout.flush();
    std::fflush(stdout);
    // Actors are still alive (at the horizon, or mid-run): skip SimGrid's teardown of them.
    std::_Exit(interrupted ? InterruptSignals::exit_code(signal) : 0);
  };

  // 6. Run to the horizon. The progress actor also watches for SIGINT/SIGTERM: at its next tick (every
  // thousandth of the horizon, at least 1 simulated s) it writes the outputs as of that instant and exits.
  const InterruptSignals interrupts;
  Progress progress("run (simulated s)", static_cast<long>(horizon_s), o.quiet);
  sim_spawn(platform, "progress", [&] {
    for (long k = 1;; ++k) {
      sim_sleep_until(static_cast<double>(k) * std::max(1.0, horizon_s / 1000.0));
      progress.update(static_cast<long>(sim_now()));
      if (const int signal = interrupts.received()) {
        progress.finish();
        write_outputs(sim_now(), signal);
      }
    }
  }, true);
  engine.run_until(horizon_s);
  progress.finish();
  write_outputs(sim_now(), 0);
  return 0;  // not reached: write_outputs exits
}

}  // namespace

CommandRunner add_run_command(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  app.add_option("scenario", o->file, "Scenario YAML file")->required();
  app.add_option("--out", o->out, "Output folder (default: out/<scenario name>)");
  app.add_option("--seed", o->seed, "Seed (overrides the scenario's)")->check(CLI::Range(0L, 4294967295L));
  app.add_option("--set", o->sets, "Override a scenario key: key.path=value (platform.* for the platform file)")
      ->take_all();
  app.add_flag("--quiet", o->quiet, "No progress line on stderr");
  app.add_option("--log-level", o->log_level,
                 "info: one line on stderr per event of events.csv (job and request state changes, failures), "
                 "with the simulated time")
      ->check(CLI::IsMember({"warn", "info"}))
      ->capture_default_str();
  app.add_option("--threads", o->threads,
                 "Threads that share each epoch's positions and link candidates (default: the cores this process "
                 "may use); outputs are identical for any count")
      ->check(CLI::Range(1, 256));
  app.allow_extras();
  app.footer(
      "Outputs: jobs.csv, requests.csv, nodes.csv, timeseries.csv, failures.csv (replayable), events.csv, summary.json,\n"
      "power.csv (when the platform has a power: block),\n"
      "scenario.yaml, platform.yaml,\n"
      "run_info.json.\n"
      "SimGrid options such as --cfg=network/optim:Lazy are passed to SimGrid.");
  return [o, &app] {
    o->simgrid_args = app.remaining();
    return run_scenario(*o);
  };
}

}  // namespace orbitsim
